"""Reading the agency profile (`co_quan.toml`) and a campaign folder (`phong_trao.toml` + body texts).

Everything is checked before anything is built; all problems of a run are reported together.
"""

from __future__ import annotations

from pathlib import Path

from .errors import InputError, Problem, Problems
from .formats import SIGNING_MODES
from .ingest import ORDERS
from .legal import document_types
from .model import Agency, Campaign, DocumentSpec, DocumentType, Signer, Unit
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
    )
    overrides = table.get("loai_van_ban")
    return agency, document_types(overrides if isinstance(overrides, list) else None, path, problems)


def _no_duplicates(path: Path, table: str, values: list[str], key: str, problems: Problems) -> None:
    seen: set[str] = set()
    for i, value in enumerate(values):
        if value and value in seen:
            problems.error(path, f"{table}[{i + 1}].{key}", f"trùng giá trị “{value}”")
        seen.add(value)


def load_campaign(folder: Path, agency: Agency, types: dict[str, DocumentType], problems: Problems) -> Campaign:
    path = folder / CAMPAIGN_FILE
    root = TableReader(load_toml(path), path, problems)
    documents = [_document(d, folder, agency, types) for d in root.tables("van_ban", required=True)]
    _no_duplicates(path, "van_ban", [d.ma for d in documents], "ma", problems)
    evidence, order = _evidence(root, folder)
    return Campaign(
        ma=folder.name,
        ten=root.text("ten"),
        folder=folder,
        source=path,
        documents=tuple(documents),
        de_nghi=evidence,
        thu_tu=order,
    )


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
    )
