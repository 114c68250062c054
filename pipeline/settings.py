"""Editing the files the command line reads — `co_quan.toml`, `phong_trao.toml`, body texts — from forms, so that the
page and the files mix: tomlkit keeps every comment and the order a person wrote, and a file changed on disk since
the form was opened is never overwritten silently (`Conflict` carries both versions for the clerk to choose).

Validation is the loaders' own: a proposed text is loaded exactly as `tdkt build` would load it, so the page shows
the same messages the command line gives.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import tomlkit

from .campaign import CAMPAIGN_FILE, load_campaign, new_identity
from .documents.kinds import KINDS
from .errors import Problem, Problems, TdktError
from .fsutil import write_atomic
from .inputs.agency import load_agency
from .inputs.awards import load_awards

AGENCY_FILE = "co_quan.toml"
AGENCY_KEYS = (
    "co_quan_chu_quan",
    "ten",
    "viet_tat",
    "dia_danh",
    "thu_truong",
    "bo_chu_quan",
    "lam_tron_tien_thuong",
    "doc_so_linh",
    "quyet_dinh_chuc_nang",
)
UNIT_KEYS = ("ten", "viet_tat", "ten_cu", "so_nguoi")
SIGNER_KEYS = ("ma", "ho_ten", "chuc_vu", "ky_thay")
DOCUMENT_KEYS = (
    "ma", "loai", "trich_yeu", "ngay", "nguoi_ky", "ky_thay", "don_vi_soan_thao", "ky_hieu_don_vi", "kinh_gui",
    "noi_nhan", "can_cu", "can_cu_van_ban", "noi_dung", "ten_tep", "hinh_thuc", "nguoi_quyet_dinh", "mo_dau",
    "loi_trinh", "theo_to_trinh", "theo_de_nghi", "nguon_kinh_phi", "dieu_3", "gop",
)  # fmt: skip
LISTS = {"ten_cu", "kinh_gui", "noi_nhan", "can_cu", "can_cu_van_ban", "hinh_thuc", "noi_nhan_thuong_dung"}


class Conflict(TdktError):
    """The file changed on disk since the form was opened: both versions, for the clerk to choose."""

    def __init__(self, path: Path, on_disk: str, proposed: str):
        super().__init__(Problem(path, "tệp đã được sửa ở nơi khác từ khi mở trang này; hãy chọn bản giữ lại"))
        self.path, self.on_disk, self.proposed = path, on_disk, proposed


def version(path: Path) -> str:
    """A file's version as the form saw it: its hash, or "" when it does not exist yet."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig") if path.is_file() else ""


def body_file_problem(folder: Path, name: str) -> Problem | None:
    """A body text's file name as a form gives it: a `.txt` file right in the campaign's folder, nothing else."""
    if Path(name).name == name and "\\" not in name and not name.startswith(".") and name.endswith(".txt"):
        return None
    return Problem(
        folder / CAMPAIGN_FILE,
        f"tên tệp nội dung “{name}” phải là tên một tệp .txt nằm ngay trong thư mục đợt (không có “/”, “\\” hay “..”)",
        "noi_dung",
    )


def save(path: Path, text: str, seen: str, force: bool = False) -> None:
    """Write a file the form edited, unless it changed on disk since (`seen` is its version then)."""
    if not force and version(path) != seen:
        raise Conflict(path, read_text(path), text)
    write_atomic(path, text.encode("utf-8"))


# --- values ---------------------------------------------------------------------------------------------------------


def _value(key: str, raw: object) -> object | None:
    """A form's text as the TOML value the loaders expect; None for a key left empty."""
    if isinstance(raw, bool):
        return raw
    text = str(raw or "").strip()
    if not text:
        return None
    if key in LISTS:
        separator = "," if key == "ten_cu" else "\n"
        return [line.strip() for line in text.replace("\r", "").split(separator) if line.strip()]
    if key in ("so_nguoi", "nam") and text.isdigit():
        return int(text)
    if key == "ngay":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text  # the loader names it, as the command line would
    return text


def _assign(table, values: Mapping[str, object], keys: Sequence[str]) -> None:
    """Set the form's keys on a TOML table, keeping comments; a key emptied in the form is removed."""
    for key in keys:
        if key not in values:
            continue
        value = _value(key, values[key])
        if value is None or value is False:
            if key in table:
                del table[key]
        else:
            table[key] = value


def _rows(doc, name: str, rows: Sequence[Mapping[str, object]], keys: Sequence[str]) -> None:
    """An array of tables (`[[don_vi]]`) from the form's rows: existing tables updated in place (their comments
    kept), new rows appended, rows emptied removed."""
    rows = [r for r in rows if any(str(r.get(k) or "").strip() for k in keys)]
    if name not in doc:
        doc[name] = tomlkit.aot()
    tables = doc[name]
    while len(tables) > len(rows):
        del tables[len(tables) - 1]
    for i, row in enumerate(rows):
        if i == len(tables):
            tables.append(tomlkit.table())
        _assign(tables[i], row, keys)


# --- the agency -----------------------------------------------------------------------------------------------------


def agency_document(path: Path):
    text = read_text(path)
    if text:
        return tomlkit.parse(text)
    doc = tomlkit.document()
    doc.add(tomlkit.comment("Hồ sơ cơ quan ban hành: dùng chung cho mọi đợt thi đua trong thư mục inputs/."))
    doc.add(tomlkit.comment("Lập từ trang làm việc (tdkt web); sửa được bằng tay, giữ nguyên chú thích."))
    return doc


def apply_agency(path: Path, values: Mapping[str, object], units, signers) -> str:
    """The agency file's text with the form's values, comments and order kept."""
    doc = agency_document(path)
    _assign(doc, values, (*AGENCY_KEYS, "noi_nhan_thuong_dung"))
    _rows(doc, "don_vi", units, UNIT_KEYS)
    _rows(doc, "nguoi_ky", signers, SIGNER_KEYS)
    return tomlkit.dumps(doc)


def check_agency(path: Path, text: str) -> list[Problem]:
    """What `tdkt build` would say of this agency file, said of `path`."""
    with tempfile.TemporaryDirectory() as work:
        trial = Path(work) / AGENCY_FILE
        trial.write_text(text, encoding="utf-8")
        problems = Problems()
        try:
            load_agency(trial, problems, KINDS)
        except TdktError as e:
            problems.add(e.problems)
        return [_moved(p, trial, path) for p in problems.items]


def _moved(problem: Problem, trial: Path, real: Path) -> Problem:
    return Problem(
        real if Path(problem.file) == trial else problem.file, problem.message, problem.where, problem.warning
    )


# --- campaigns ------------------------------------------------------------------------------------------------------


def new_campaign(inputs: Path, name: str, title: str, year: int | None) -> Path:
    """A new campaign folder with its file, from the page's form."""
    folder = _free_folder(inputs, name)
    doc = tomlkit.document()
    doc.add(tomlkit.comment(f"Đợt thi đua: {title}. Lập từ trang làm việc (tdkt web)."))
    doc["ma_phong_trao"] = new_identity(folder)
    doc["ten"] = title
    if year:
        doc["nam"] = year
    (folder / "de_nghi").mkdir(parents=True)
    write_atomic(folder / CAMPAIGN_FILE, tomlkit.dumps(doc).encode("utf-8"))
    return folder


def copy_campaign(source: Path, name: str, years: int = 1) -> Path:
    """Last year's campaign as this year's: a new identity, every date and the year moved on, the same body texts and
    the history files it carries (still the past of the new year); no evidence and no vote tally, which belong to
    the year they were for."""
    folder = _free_folder(source.parent, name)
    doc = tomlkit.parse(read_text(source / CAMPAIGN_FILE))
    doc["ma_phong_trao"] = new_identity(folder)
    if "nam" in doc:
        doc["nam"] = int(doc["nam"]) + years
    if "ten" in doc:
        doc["ten"] = re.sub(r"\b(19|20)\d{2}\b", lambda m: str(int(m.group(0)) + years), str(doc["ten"]))
    for table in doc.get("van_ban", []):
        day = table.get("ngay")
        if isinstance(day, dt.date):
            table["ngay"] = _moved_date(day, years)
        for key in ("trich_yeu", "nguon_kinh_phi", "ten_tep"):
            if key in table:
                table[key] = re.sub(r"\b(19|20)\d{2}\b", lambda m: str(int(m.group(0)) + years), str(table[key]))
        if "ket_qua" in table:
            del table["ket_qua"]
        _copy_file(source, folder, table.get("noi_dung"))
    for table in doc.get("lich_su", []):
        _copy_file(source, folder, table.get("tep"))
    (folder / "de_nghi").mkdir(parents=True, exist_ok=True)
    write_atomic(folder / CAMPAIGN_FILE, tomlkit.dumps(doc).encode("utf-8"))
    return folder


def _copy_file(source: Path, folder: Path, name: object) -> None:
    """A file a campaign names (a body text, a history list), copied to the same place in the new folder."""
    if not name or not (source / str(name)).is_file():
        return
    target = (folder / str(name)).resolve()
    if not target.is_relative_to(folder.resolve()):
        return  # a file outside the campaign folder is shared, not the campaign's to copy
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / str(name), target)


def _moved_date(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _free_folder(inputs: Path, name: str) -> Path:
    from .text import ascii_slug

    slug = ascii_slug(name)
    if not slug:
        raise TdktError(Problem(inputs, "tên thư mục đợt thi đua cần có chữ hoặc số"))
    folder = inputs / slug
    if folder.exists():
        raise TdktError(Problem(folder, "đã có thư mục đợt thi đua tên này; hãy chọn tên khác"))
    return folder


def campaign_document(folder: Path):
    return tomlkit.parse(read_text(folder / CAMPAIGN_FILE))


def apply_document(folder: Path, index: int | None, values: Mapping[str, object]) -> str:
    """The campaign file's text with one document (`[[van_ban]]` number `index`, or a new one) set from the form."""
    doc = campaign_document(folder)
    if "van_ban" not in doc:
        doc["van_ban"] = tomlkit.aot()
    tables = doc["van_ban"]
    if index is None or index >= len(tables):
        tables.append(tomlkit.table())
        index = len(tables) - 1
    _assign(tables[index], values, DOCUMENT_KEYS)
    return tomlkit.dumps(doc)


def check_campaign(
    folder: Path, text: str, agency_file: Path, bodies: Mapping[str, str] | None = None
) -> list[Problem]:
    """What `tdkt build` would say of this campaign file (its body texts read from the campaign's folder, or as
    typed: `bodies`, by file name), with nothing written to the folder."""
    problems = Problems()
    with tempfile.TemporaryDirectory() as work:
        trial = Path(work) / folder.name
        trial.mkdir()
        for item in folder.iterdir():
            if item.is_file() and item.name != CAMPAIGN_FILE:
                shutil.copyfile(item, trial / item.name)
        for name, body in (bodies or {}).items():
            (trial / name).write_text(body, encoding="utf-8")
        (trial / CAMPAIGN_FILE).write_text(text, encoding="utf-8")
        try:
            agency, types = load_agency(agency_file, problems, KINDS)
            awards = load_awards(agency_file.parent, problems)
            load_campaign(trial, agency, types, awards, problems)
        except TdktError as e:
            problems.add(e.problems)
        return [_moved(p, trial / CAMPAIGN_FILE, folder / CAMPAIGN_FILE) for p in problems.items]
