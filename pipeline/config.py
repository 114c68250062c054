"""Reading the agency profile (`co_quan.toml`) and a campaign folder (`phong_trao.toml` + body texts).

Everything is checked before anything is built; all problems of a run are reported together.
"""

from __future__ import annotations

from pathlib import Path

from .awards import AwardData
from .errors import InputError, Problem, Problems
from .formats import SIGNING_MODES
from .ingest import ORDERS
from .legal import document_types
from .model import Agency, Campaign, DocumentSpec, DocumentType, Signer, Unit
from .money import ROUNDING
from .tomlfile import TableReader, load_toml

AGENCY_FILE = "co_quan.toml"
CAMPAIGN_FILE = "phong_trao.toml"


def find_agency_file(campaign_folder: Path) -> Path:
    """`co_quan.toml` in the campaign folder or, as in the sample, in the folder above it."""
    for folder in (campaign_folder, campaign_folder.parent):
        candidate = folder / AGENCY_FILE
        if candidate.is_file():
            return candidate
    raise InputError(Problem(campaign_folder, f"không tìm thấy {AGENCY_FILE} trong thư mục này hay thư mục cha"))


def campaign_folders(inputs: Path) -> list[Path]:
    """Every folder under `inputs` that holds a campaign file, in name order."""
    if not inputs.is_dir():
        raise InputError(Problem(inputs, "không tìm thấy thư mục đầu vào"))
    found = sorted(p.parent for p in inputs.glob(f"*/{CAMPAIGN_FILE}"))
    if not found:
        raise InputError(Problem(inputs, f"không có thư mục đợt thi đua nào chứa {CAMPAIGN_FILE}"))
    return found


def load_agency(path: Path, problems: Problems) -> tuple[Agency, dict[str, DocumentType]]:
    table = load_toml(path)
    root = TableReader(table, path, problems)
    units = tuple(Unit(ten=u.text("ten"), viet_tat=u.text("viet_tat")) for u in root.tables("don_vi", required=True))
    signers = []
    for s in root.tables("nguoi_ky", required=True):
        mode = s.text("ky_thay", default="")
        if mode not in SIGNING_MODES:
            problems.error(path, s.where("ky_thay"), f"phải là một trong: {', '.join(repr(m) for m in SIGNING_MODES)}")
        signers.append(Signer(ma=s.text("ma"), ho_ten=s.text("ho_ten"), chuc_vu=s.text("chuc_vu"), ky_thay=mode))
    _no_duplicates(path, "don_vi", [u.viet_tat for u in units], "viet_tat", problems)
    _no_duplicates(path, "nguoi_ky", [s.ma for s in signers], "ma", problems)
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
        lam_tron=_choice(root, "lam_tron_tien_thuong", tuple(ROUNDING), "len"),
        doc_linh=_choice(root, "doc_so_linh", ("linh", "lẻ"), "linh"),
        so_theo_loai=root.flag("so_rieng_theo_loai"),
        bang_de_nghi=_table_additions(root, "bang_de_nghi"),
    )
    overrides = table.get("loai_van_ban")
    return agency, document_types(overrides if isinstance(overrides, list) else None, path, problems)


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


def _no_duplicates(path: Path, table: str, values: list[str], key: str, problems: Problems) -> None:
    seen: set[str] = set()
    for i, value in enumerate(values):
        if value and value in seen:
            problems.error(path, f"{table}[{i + 1}].{key}", f"trùng giá trị “{value}”")
        seen.add(value)


def load_campaign(
    folder: Path, agency: Agency, types: dict[str, DocumentType], awards: AwardData, problems: Problems
) -> Campaign:
    path = folder / CAMPAIGN_FILE
    root = TableReader(load_toml(path), path, problems)
    tables = root.tables("van_ban", required=True)
    documents = [_document(d, folder, agency, types) for d in tables]
    _no_duplicates(path, "van_ban", [d.ma for d in documents], "ma", problems)
    for table, doc in zip(tables, documents, strict=True):
        _check_reward_document(table, doc, documents, awards)
    evidence, order = _evidence(root, folder)
    groups = _group_order(root)
    return Campaign(
        ma=folder.name,
        ten=root.text("ten"),
        folder=folder,
        source=path,
        documents=tuple(documents),
        de_nghi=evidence,
        thu_tu=order,
        thu_tu_nhom=groups,
    )


def _group_order(root: TableReader) -> tuple[str, ...]:
    """`[danh_sach] thu_tu_nhom`: collectives then individuals by default, or the other way round."""
    table = root.table.get("danh_sach", {})
    reader = TableReader(table if isinstance(table, dict) else {}, root.file, root.problems, "danh_sach.")
    groups = reader.lines("thu_tu_nhom") or ("tap_the", "ca_nhan")
    if sorted(groups) != ["ca_nhan", "tap_the"]:
        root.problems.error(
            root.file, "danh_sach.thu_tu_nhom", 'phải là ["tap_the", "ca_nhan"] hoặc ["ca_nhan", "tap_the"]'
        )
        return ("tap_the", "ca_nhan")
    return groups


def _check_reward_document(d: TableReader, doc: DocumentSpec, documents: list[DocumentSpec], awards: AwardData) -> None:
    """A Tờ trình or Quyết định about rewards names known forms, and the keys its kind of document needs."""
    problems, path = d.problems, d.file
    for i, code in enumerate(doc.hinh_thuc):
        form = awards.form(code)
        if form is None:
            known = ", ".join(f.ma for f in awards.forms)
            problems.error(path, d.where(f"hinh_thuc[{i + 1}]"), f"hình thức “{code}” không có (có: {known})")
        elif doc.loai == "QĐ" and form.cap != "so":
            problems.error(
                path,
                d.where("hinh_thuc"),
                f'“{form.ten_ngan}” không thuộc thẩm quyền quyết định của cơ quan; hãy lập tờ trình (loai = "TTr")',
            )
    if doc.loai == "TTr" and doc.hinh_thuc:
        for key in ("kinh_gui", "nguoi_quyet_dinh", "loi_trinh"):
            if not getattr(doc, key):
                problems.error(path, d.where(key), "tờ trình khen thưởng cần khóa này")
    if doc.loai == "QĐ" and doc.hinh_thuc:
        for key in ("theo_de_nghi", "dieu_3", "nguon_kinh_phi"):
            if not getattr(doc, key):
                problems.error(path, d.where(key), "quyết định khen thưởng cần khóa này")
        if doc.theo_to_trinh and not any(o.ma == doc.theo_to_trinh and o.loai == "TTr" for o in documents):
            problems.error(path, d.where("theo_to_trinh"), f"không có tờ trình nào có ma = “{doc.theo_to_trinh}”")


def _evidence(root: TableReader, folder: Path) -> tuple[Path | None, str]:
    """`[de_nghi]`: the evidence folder (default `de_nghi/` when it exists) and the list's order."""
    table = root.table.get("de_nghi", {})
    if not isinstance(table, dict):
        root.problems.error(root.file, "de_nghi", "phải là một bảng [de_nghi]")
        return None, "nhap"
    reader = TableReader(table, root.file, root.problems, "de_nghi.")
    name = reader.text("thu_muc", default="")
    order = reader.text("thu_tu", default="nhap")
    if order not in ORDERS:
        root.problems.error(root.file, "de_nghi.thu_tu", f"phải là một trong: {', '.join(ORDERS)}")
    if name:
        evidence = folder / name
        if not evidence.is_dir():
            root.problems.error(root.file, "de_nghi.thu_muc", f"không tìm thấy thư mục {evidence}")
            return None, order
        return evidence, order
    default = folder / "de_nghi"
    return (default if default.is_dir() else None), order


def _document(d: TableReader, folder: Path, agency: Agency, types: dict[str, DocumentType]) -> DocumentSpec:
    problems, path = d.problems, d.file
    kind = d.text("loai")
    if kind and kind not in types:
        problems.error(path, d.where("loai"), f"loại văn bản “{kind}” không có; dùng một trong: {', '.join(types)}")
    signer = d.text("nguoi_ky")
    if signer and agency.signer(signer) is None:
        known = ", ".join(s.ma for s in agency.signers)
        problems.error(path, d.where("nguoi_ky"), f"người ký “{signer}” không có trong co_quan.toml (có: {known})")
    unit = d.text("don_vi_soan_thao")
    if unit and agency.unit(unit) is None:
        known = ", ".join(u.viet_tat for u in agency.units)
        problems.error(path, d.where("don_vi_soan_thao"), f"đơn vị “{unit}” không có trong co_quan.toml (có: {known})")
    mode = d.table.get("ky_thay")
    if mode is not None and mode not in SIGNING_MODES:
        problems.error(path, d.where("ky_thay"), f"phải là một trong: {', '.join(repr(m) for m in SIGNING_MODES)}")
        mode = None
    body_name = d.text("noi_dung", default="")
    body = folder / body_name if body_name else None
    if body is not None and not body.is_file():
        problems.error(path, d.where("noi_dung"), f"không tìm thấy tệp nội dung {body}")
    elif body is None and kind in types and types[kind].can_noi_dung:
        problems.error(path, d.where("noi_dung"), f'văn bản loại {kind} cần tệp nội dung (noi_dung = "ten_tep.txt")')
    return DocumentSpec(
        ma=d.text("ma"),
        loai=kind,
        trich_yeu=d.text("trich_yeu"),
        ngay=d.date("ngay"),
        nguoi_ky=signer,
        don_vi_soan_thao=unit,
        noi_nhan=d.lines("noi_nhan", required=True),
        can_cu=d.lines("can_cu"),
        kinh_gui=d.lines("kinh_gui"),
        noi_dung=body,
        ten_tep=d.text("ten_tep", default=""),
        so_ban_luu=d.integer("so_ban_luu"),
        ky_thay=mode,
        ky_hieu_don_vi=d.flag("ky_hieu_don_vi"),
        so_theo=d.text("so_theo", default=""),
        hinh_thuc=d.lines("hinh_thuc"),
        nguoi_quyet_dinh=d.text("nguoi_quyet_dinh", default=""),
        mo_dau=d.text("mo_dau", default=""),
        loi_trinh=d.text("loi_trinh", default=""),
        theo_to_trinh=d.text("theo_to_trinh", default=""),
        theo_de_nghi=d.text("theo_de_nghi", default=""),
        dieu_3=d.text("dieu_3", default=""),
        nguon_kinh_phi=d.text("nguon_kinh_phi", default=""),
    )
