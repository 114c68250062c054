"""Reading the agency profile (`co_quan.toml`) and the document types it may extend (`data/loai_van_ban.toml`).

Everything is checked before anything is built; all problems of a run are reported together.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

from ..datafiles import data_file
from ..errors import InputError, Problem, Problems
from ..model import ROUNDING_MODES, SIGNING_MODES, Agency, DocumentType, Signer, Unit
from .tomlfile import TableReader, load_toml, no_duplicates

AGENCY_FILE = "co_quan.toml"


def find_agency_file(campaign_folder: Path) -> Path:
    """`co_quan.toml` in the campaign folder or, as in the sample, in the folder above it."""
    real = campaign_folder.resolve()  # through a symlink or a `..`, the folder above is the real one's
    for folder in dict.fromkeys((campaign_folder, campaign_folder.parent, real, real.parent)):
        candidate = folder / AGENCY_FILE
        if candidate.is_file():
            return candidate
    raise InputError(Problem(campaign_folder, f"không tìm thấy {AGENCY_FILE} trong thư mục này hay thư mục cha"))


def load_agency(
    path: Path, problems: Problems, kinds: Collection[str] | None = None
) -> tuple[Agency, dict[str, DocumentType]]:
    """The agency and its document types; `kinds` are the document kinds a type may name (`kieu`)."""
    table = load_toml(path)
    root = TableReader(table, path, problems)
    units = tuple(
        Unit(ten=u.text("ten"), viet_tat=u.text("viet_tat"), ten_cu=u.lines("ten_cu"), so_nguoi=u.integer("so_nguoi"))
        for u in root.tables("don_vi", required=True)
    )
    signers = []
    for s in root.tables("nguoi_ky", required=True):
        mode = s.text("ky_thay", default="")
        if mode not in SIGNING_MODES:
            problems.error(path, s.where("ky_thay"), f"phải là một trong: {', '.join(repr(m) for m in SIGNING_MODES)}")
        signers.append(Signer(ma=s.text("ma"), ho_ten=s.text("ho_ten"), chuc_vu=s.text("chuc_vu"), ky_thay=mode))
    no_duplicates(path, "don_vi", [u.viet_tat for u in units], "viet_tat", problems)
    no_duplicates(path, "nguoi_ky", [s.ma for s in signers], "ma", problems)
    agency = Agency(
        co_quan_chu_quan=root.text("co_quan_chu_quan"),
        ten=root.text("ten"),
        viet_tat=root.text("viet_tat"),
        dia_danh=root.text("dia_danh"),
        thu_truong=root.text("thu_truong"),
        units=units,
        signers=tuple(signers),
        source=path,
        bo_chu_quan=root.text("bo_chu_quan", default=""),
        lam_tron=_choice(root, "lam_tron_tien_thuong", ROUNDING_MODES, "len"),
        doc_linh=_choice(root, "doc_so_linh", ("linh", "lẻ"), "linh"),
        so_theo_loai=root.flag("so_rieng_theo_loai"),
        so_ngoai=root.flag("so_tu_he_thong"),
        chu_ky_so=_sizes(root),
        quyet_dinh_chuc_nang=root.text("quyet_dinh_chuc_nang", default="").removeprefix("Căn cứ ").rstrip(" ;."),
        bang_de_nghi=_table_additions(root, "bang_de_nghi"),
        dieu_kien=root.table.get("dieu_kien", {}) if isinstance(root.table.get("dieu_kien", {}), dict) else {},
    )
    overrides = table.get("loai_van_ban")
    return agency, document_types(overrides if isinstance(overrides, list) else None, path, problems, kinds)


def document_types(
    overrides: list[dict[str, Any]] | None, source: Path, problems: Problems, kinds: Collection[str] | None = None
) -> dict[str, DocumentType]:
    """The document types of NĐ30 Phụ lục III, with the agency's own entries (same `ma`) taking precedence."""
    path = data_file("loai_van_ban.toml")
    shipped = load_toml(path)
    types: dict[str, DocumentType] = {}
    for file, table in ((path, shipped), (source, {"loai_van_ban": overrides or []})):
        for item in TableReader(table, file, problems).tables("loai_van_ban"):
            code = item.text("ma")
            kind = item.text("kieu", default="van_ban")
            if kinds is not None and kind not in kinds:
                problems.error(file, item.where("kieu"), f"kiểu văn bản “{kind}” không có (có: {', '.join(kinds)})")
            types[code] = DocumentType(
                ma=code,
                ten=item.text("ten"),
                mau=item.text("mau"),
                kieu=kind,
                thu_truong_ban_hanh=item.flag("thu_truong_ban_hanh"),
                can_noi_dung=item.flag("can_noi_dung"),
                noi_nhan_dau=item.text("noi_nhan_dau", default=""),
                nguon=item.text("nguon", default=str(shipped.get("nguon", ""))),
            )
    return types


def _table_additions(reader: TableReader, key: str) -> dict:
    """`[bang_de_nghi]`: lists of strings (or tables of them) that extend the shipped recognition data."""
    table = reader.table.get(key, {})
    if not isinstance(table, dict):
        reader.problems.error(reader.file, key, f"phải là một bảng [{key}]")
        return {}
    for name, value in table.items():
        values = value.values() if isinstance(value, dict) else [value]
        if not all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in values):
            reader.problems.error(reader.file, f"{key}.{name}", 'phải là danh sách chuỗi, ví dụ ["Người được đề nghị"]')
            return {}
    return table


def _choice(reader: TableReader, key: str, choices: tuple[str, ...], default: str) -> str:
    value = reader.text(key, default=default)
    if value not in choices:
        reader.problems.error(reader.file, reader.where(key), f"phải là một trong: {', '.join(choices)}")
        return default
    return value


def _sizes(root: TableReader) -> dict:
    """`[chu_ky_so]`: the sizes of the signature fields in millimetres (rong_mm, cao_mm, con_dau_mm)."""
    table = root.table.get("chu_ky_so", {})
    if not isinstance(table, dict):
        root.problems.error(root.file, "chu_ky_so", "phải là một bảng [chu_ky_so]")
        return {}
    sizes = {}
    for key, value in table.items():
        if key not in ("rong_mm", "cao_mm", "con_dau_mm"):
            root.problems.error(root.file, f"chu_ky_so.{key}", "khóa không có (có: rong_mm, cao_mm, con_dau_mm)")
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or not 5 <= value <= 100:
            root.problems.error(root.file, f"chu_ky_so.{key}", "phải là số milimét từ 5 đến 100")
        else:
            sizes[key] = float(value)
    return sizes
