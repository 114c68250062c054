"""Evidence spreadsheets, in whatever layout each unit sent, → one validated list of nominations.

For each sheet: decode legacy encodings and clean the text; find the header row (one or two rows, merged cells
read as their top-left value) by column aliases; read rows until the footer, taking section rows (`I. TẬP THỂ`)
as the collective/individual marker; recognise reward forms by their aliases, or by an `x` under a column per
form. Every problem is collected with its file, sheet and cell; the caller decides when to stop.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..datafiles import data_file
from ..errors import Problems
from ..model import Nomination, Unit
from ..text import clean
from . import legacy
from .awards import AwardData, RewardForm
from .collate import fold, name_key, sort_key
from .sheets import Cell, RawSheet, cell_ref, evidence_files, read_evidence_file
from .tomlfile import load_toml

ORDERS = ("nhap", "don_vi", "ten")  # input order, unit then position, name (SPEC §7)
_HEADER_SEARCH_ROWS = 30
_NUMBERING = re.compile(r"^\(?[0-9]{1,2}\)?$|^\([a-zA-Z0-9]+\)$")
_SECTION_MARK = re.compile(r"^\s*(?:[IVXivx]+|[A-Da-d]|\d+)\s*[.)/:-]\s*")
_DATE_LINE = re.compile(r"\bngày\b.*\btháng\b", re.IGNORECASE)
_MARKED = {"x", "v", "1", "co", "✓", "✔", "√"}
_ENCODING_NAMES = {legacy.TCVN3: "TCVN3 (ABC)", legacy.VNI: "VNI"}


@dataclass(frozen=True)
class IngestRules:
    """How tables are recognised: aliases from data/bang_de_nghi.toml, all folded for matching."""

    columns: dict[str, frozenset[str]]
    kind_values: dict[str, frozenset[str]]
    sections: dict[str, tuple[str, ...]]
    footer: tuple[str, ...]
    collective_prefixes: tuple[str, ...]
    position_ranks: tuple[str, ...]

    @classmethod
    def load(cls, additions: dict | None = None) -> IngestRules:
        """The shipped recognition data, extended by the agency's `[bang_de_nghi]` lists of the same names."""
        raw = load_toml(data_file("bang_de_nghi.toml"))
        for key, value in (additions or {}).items():
            if isinstance(value, dict):
                for name, extra in value.items():
                    raw.setdefault(key, {}).setdefault(name, [])
                    raw[key][name] = [*raw[key][name], *extra]
            else:
                raw[key] = [*raw.get(key, []), *value]

        def folded(values: Iterable[str]) -> tuple[str, ...]:
            return tuple(fold(v) for v in values)

        return cls(
            columns={k: frozenset(folded(v)) for k, v in raw["cot"].items()},
            kind_values={k: frozenset(folded(v)) for k, v in raw["loai"].items()},
            sections={k: folded(v) for k, v in raw["dong_muc"].items()},
            footer=folded(raw["chan_bang"]),
            collective_prefixes=tuple(v.lower() for v in raw["tien_to_tap_the"]),
            position_ranks=folded(raw["thu_bac_chuc_vu"]),
        )

    @cached_property
    def _aliases_by_length(self) -> list[tuple[str, str]]:
        pairs = [(alias, field) for field, aliases in self.columns.items() for alias in aliases]
        return sorted(pairs, key=lambda p: len(p[0]), reverse=True)

    def field_of(self, label: str) -> str | None:
        """The field a header label names: an exact alias, else the longest alias the label starts with."""
        key = fold(re.sub(r"\(.*?\)", "", label))
        if not key:
            return None
        for field, aliases in self.columns.items():
            if key in aliases:
                return field
        return next((field for alias, field in self._aliases_by_length if key.startswith(alias)), None)

    def section_kind(self, text: str) -> str | None:
        key = fold(_SECTION_MARK.sub("", text))
        for kind, markers in self.sections.items():
            if any(key.startswith(m) for m in markers):
                return kind
        return None

    def kind_of_value(self, text: str) -> str | None:
        key = fold(text)
        return next((kind for kind, values in self.kind_values.items() if key in values), None)

    def looks_collective(self, name: str) -> bool:
        lowered = name.lower()
        return any(lowered == p or lowered.startswith(p + " ") for p in self.collective_prefixes)

    def position_rank(self, position: str) -> int:
        key = fold(position)
        ranked = sorted(enumerate(self.position_ranks), key=lambda p: len(p[1]), reverse=True)
        return next((i for i, alias in ranked if alias and key.startswith(alias)), len(self.position_ranks))


@dataclass(frozen=True)
class Table:
    """Where the data sits in a sheet: the first data row and which column holds what."""

    first_row: int
    columns: dict[str, int]
    form_columns: dict[int, RewardForm]
    title_rows: tuple[int, ...]


# --- text ---------------------------------------------------------------------------------------------------------


def decode_sheet(sheet: RawSheet, problems: Problems) -> RawSheet:
    """Clean every cell; convert legacy TCVN3/VNI text by the cell's font, or by the sheet's text if no font."""
    cleaned = [[Cell(clean(c.text), c.font) for c in row] for row in sheet.rows]
    used: dict[str, set[str]] = {}
    if sheet.has_fonts:
        for row in cleaned:
            for i, c in enumerate(row):
                encoding, upper = legacy.encoding_of_font(c.font)
                if encoding and c.text and not legacy.is_unicode_vietnamese(c.text):
                    converted = legacy.convert(c.text, encoding, upper)
                    if converted != c.text:
                        row[i] = Cell(converted, c.font)
                        used.setdefault(_ENCODING_NAMES[encoding], set()).add(f"phông {c.font}")
    else:
        encoding = legacy.guess_encoding(c.text for row in cleaned for c in row)
        if encoding:
            cleaned = [[Cell(legacy.convert(c.text, encoding), None) for c in row] for row in cleaned]
            used[_ENCODING_NAMES[encoding]] = {"nhận ra từ chữ"}
    for name, how in sorted(used.items()):
        detail = ", ".join([name, *sorted(how)])
        problems.warn(sheet.file, sheet.name, f"văn bản gõ bằng bảng mã cũ ({detail}); đã chuyển sang Unicode")
    return RawSheet(sheet.file, sheet.name, tuple(tuple(r) for r in cleaned), sheet.has_fonts)


def _texts(row: Sequence[Cell]) -> list[str]:
    return [c.text for c in row if c.text]


def _at(row: Sequence[Cell], col: int | None) -> str:
    return row[col].text if col is not None and col < len(row) else ""


# --- table --------------------------------------------------------------------------------------------------------


def find_table(sheet: RawSheet, rules: IngestRules, awards: AwardData) -> Table | None:
    """The header (one row, or two when the second refines merged cells above it) and the columns it names."""
    for h, row in enumerate(sheet.rows[:_HEADER_SEARCH_ROWS]):
        top = [c.text for c in row]
        if "ho_ten" not in {rules.field_of(t) for t in top if t}:
            continue
        name_col = next(i for i, t in enumerate(top) if t and rules.field_of(t) == "ho_ten")
        below = [c.text for c in sheet.rows[h + 1]] if h + 1 < len(sheet.rows) else []
        two_rows = _is_second_header(below, name_col, rules, awards)
        columns: dict[str, int] = {}
        forms: dict[int, RewardForm] = {}
        width = max(len(top), len(below))
        filled_top = ""
        for col in range(width):
            upper = top[col] if col < len(top) else ""
            lower = below[col] if two_rows and col < len(below) else ""
            filled_top = upper or (filled_top if lower else "")  # a merged label spans the cells to its right
            for label in (lower, filled_top, f"{filled_top} {lower}".strip()):
                if not label:
                    continue
                form = awards.match(label)
                if form is not None:
                    forms[col] = form
                    break
                field = rules.field_of(label)
                if field is not None and field not in columns:
                    columns[field] = col
                    break
        return Table(h + (2 if two_rows else 1), columns, forms, tuple(range(h)))
    return None


def _is_second_header(texts: Sequence[str], name_col: int, rules: IngestRules, awards: AwardData) -> bool:
    """A row under the header that refines its merged cells: only labels, and nothing under the name column."""
    present = [t for t in texts if t]
    if not present or (name_col < len(texts) and texts[name_col]):
        return False
    return all(awards.match(t) is not None or rules.field_of(t) is not None for t in present)


def _is_numbering(texts: Sequence[str]) -> bool:
    present = [t for t in texts if t]
    return bool(present) and all(_NUMBERING.match(t) for t in present)


def _is_section(texts: Sequence[str], rules: IngestRules) -> bool:
    present = [t for t in texts if t]
    return 0 < len(present) <= 2 and rules.section_kind(" ".join(present)) is not None


def _is_footer(texts: Sequence[str], rules: IngestRules) -> bool:
    present = [t for t in texts if t]
    if not present or len(present) > 3:
        return False
    return any(_DATE_LINE.search(t) or any(fold(t).startswith(m) for m in rules.footer) for t in present)


def _known_unit(text: str, units: Sequence[Unit]) -> str:
    """The agency unit a text names (`Chuyên viên Phòng Đăng ký kinh doanh` → `Phòng Đăng ký kinh doanh`)."""
    key = fold(text)
    for unit in sorted(units, key=lambda u: len(u.ten), reverse=True):
        if fold(unit.ten) and fold(unit.ten) in key:
            return unit.ten
    return ""


def _sheet_unit(sheet: RawSheet, table: Table, units: Sequence[Unit]) -> str:
    """The unit that sent a sheet: named in its title rows, else in its file name, else the file name itself."""
    for r in table.title_rows:
        for text in _texts(sheet.rows[r]):
            if unit := _known_unit(text, units):
                return unit
    return _known_unit(sheet.file.stem.replace("-", " ").replace("_", " "), units) or sheet.file.stem


# --- rows ---------------------------------------------------------------------------------------------------------


def read_sheet(
    sheet: RawSheet, rules: IngestRules, awards: AwardData, units: Sequence[Unit], problems: Problems
) -> list[Nomination]:
    sheet = decode_sheet(sheet, problems)
    if not any(_texts(row) for row in sheet.rows):
        return []
    table = find_table(sheet, rules, awards)
    if table is None:
        problems.error(sheet.file, sheet.name, "không tìm thấy cột họ tên (ví dụ “Họ và tên”, “Tên tập thể, cá nhân”)")
        return []
    cols = table.columns
    if "hinh_thuc" not in cols and not table.form_columns:
        problems.error(sheet.file, sheet.name, "không tìm thấy cột hình thức khen thưởng")
        return []
    sheet_unit = _sheet_unit(sheet, table, units)
    section: str | None = None
    found: list[Nomination] = []
    for r in range(table.first_row, len(sheet.rows)):
        row = sheet.rows[r]
        texts = [c.text for c in row]
        forms = _forms_of_row(sheet, row, r, table, awards, problems)
        if forms is None:  # the row named an unknown form: reported
            continue
        if not forms:
            if not any(texts) or _is_numbering(texts):
                continue
            if _is_section(texts, rules):
                section = rules.section_kind(" ".join(t for t in texts if t))
                continue
            if _is_footer(texts, rules):
                break
            if fold(_at(row, cols.get("ho_ten"))).startswith(("tongcong", "tongso", "cong")):
                continue
        name = _at(row, cols["ho_ten"])
        if not name:
            if forms or _at(row, cols.get("thanh_tich")):
                problems.error(sheet.file, cell_ref(sheet, r, cols["ho_ten"]), "thiếu họ tên hoặc tên tập thể")
            continue
        if not forms:
            problems.error(
                sheet.file,
                cell_ref(sheet, r, cols.get("hinh_thuc", cols["ho_ten"])),
                f"“{name}” chưa có hình thức khen thưởng",
            )
            continue
        collective = _kind(sheet, row, r, table, section, rules, problems)
        position = _at(row, cols.get("chuc_vu"))
        if collective and position:
            problems.error(
                sheet.file,
                cell_ref(sheet, r, cols["chuc_vu"]),
                f"tập thể “{name}” không có chức vụ cá nhân (“{position}”)",
            )
            continue
        combined = _at(row, cols.get("chuc_vu_don_vi"))
        unit = _at(row, cols.get("don_vi")) or _known_unit(combined, units) or sheet_unit
        for form in forms:
            kind = "tap_the" if collective else "ca_nhan"
            if kind not in form.doi_tuong:
                target = "tập thể" if "tap_the" in form.doi_tuong else "cá nhân"
                problems.error(
                    sheet.file,
                    cell_ref(sheet, r, cols["ho_ten"]),
                    f"“{form.ten_ngan}” chỉ dành cho {target}, không dành cho “{name}”",
                )
                continue
            found.append(
                Nomination(
                    ho_ten=name,
                    tap_the=collective,
                    chuc_vu=position,
                    don_vi=unit,
                    hinh_thuc=form.ma,
                    thanh_tich=_at(row, cols.get("thanh_tich")),
                    tep=sheet.file,
                    trang_tinh=sheet.name,
                    dong=r + 1,
                    o=cell_ref(sheet, r, cols["ho_ten"]),
                    chuc_vu_don_vi=combined,
                )
            )
    return found


def _forms_of_row(
    sheet: RawSheet, row: Sequence[Cell], r: int, table: Table, awards: AwardData, problems: Problems
) -> list[RewardForm] | None:
    """The forms a row asks for: [] for none, None when it names one that does not exist (reported)."""
    forms: list[RewardForm] = []
    col = table.columns.get("hinh_thuc")
    text = _at(row, col)
    if text:
        form = awards.match(text)
        if form is None:
            known = ", ".join(f.ten_ngan for f in awards.forms)
            problems.error(
                sheet.file, cell_ref(sheet, r, col), f"không nhận ra hình thức khen thưởng “{text}” (có: {known})"
            )
            return None
        forms.append(form)
    for c, form in table.form_columns.items():
        if fold(_at(row, c)) in _MARKED and form not in forms:
            forms.append(form)
    return forms


def _kind(
    sheet: RawSheet,
    row: Sequence[Cell],
    r: int,
    table: Table,
    section: str | None,
    rules: IngestRules,
    problems: Problems,
) -> bool:
    """Collective or individual: from the kind column, else the section row, else the name (with a warning)."""
    value = _at(row, table.columns.get("loai"))
    kind = (rules.kind_of_value(value) if value else None) or section
    if kind is None:
        name = _at(row, table.columns["ho_ten"])
        kind = "tap_the" if rules.looks_collective(name) else "ca_nhan"
        label = "tập thể" if kind == "tap_the" else "cá nhân"
        problems.warn(
            sheet.file,
            cell_ref(sheet, r, table.columns["ho_ten"]),
            f"không rõ “{name}” là tập thể hay cá nhân; đã coi là {label} (thêm cột “Tập thể/Cá nhân” "
            "hoặc dòng “I. TẬP THỂ”, “II. CÁ NHÂN” để nói rõ)",
        )
    return kind == "tap_the"


# --- a folder -----------------------------------------------------------------------------------------------------


def _unit_key(nomination: Nomination) -> str:
    return fold(nomination.don_vi)


def check_duplicates(nominations: Sequence[Nomination], problems: Problems) -> list[Nomination]:
    """The same person (name and unit) nominated twice, in one file or across files, or for two forms."""
    first_seen: dict[tuple[str, str], Nomination] = {}
    kept = []
    for n in nominations:
        key = (fold(n.ho_ten), _unit_key(n))
        earlier = first_seen.get(key)
        if earlier is None:
            first_seen[key] = n
            kept.append(n)
            continue
        what = "cùng hình thức" if earlier.hinh_thuc == n.hinh_thuc else "hai hình thức khác nhau"
        problems.error(
            n.tep,
            n.o,
            f"“{n.ho_ten}” ({n.don_vi}) được đề nghị hai lần ({what}); đã có ở {earlier.tep.name}:{earlier.o}",
        )
    return kept


def order(nominations: Sequence[Nomination], rule: str, units: Sequence[Unit], rules: IngestRules) -> list[Nomination]:
    """Input order (`nhap`), the agency's unit order then position (`don_vi`), or Vietnamese name order (`ten`).

    By name, collectives come first in the order of their full names, then individuals by given name, then family
    and middle names (a collective's last word is no given name).
    """
    if rule == "ten":
        return sorted(nominations, key=lambda n: (0, sort_key(n.ho_ten)) if n.tap_the else (1, name_key(n.ho_ten)))
    if rule == "don_vi":
        unit_rank = {fold(u.ten): i for i, u in enumerate(units)}

        def key(n: Nomination):
            rank = unit_rank.get(_unit_key(n), len(unit_rank))
            return (rank, sort_key(n.don_vi), not n.tap_the, rules.position_rank(n.chuc_vu), name_key(n.ho_ten))

        return sorted(nominations, key=key)
    return list(nominations)


@dataclass(frozen=True)
class Evidence:
    nominations: tuple[Nomination, ...]
    files: tuple[Path, ...]


def ingest_folder(
    folder: Path,
    awards: AwardData,
    units: Sequence[Unit],
    rule: str,
    problems: Problems,
    additions: dict | None = None,
) -> Evidence:
    """Every nomination in a folder of evidence files, checked and ordered; problems go to `problems`.

    `additions` are the agency's own names for columns, sections and footers (`[bang_de_nghi]` in co_quan.toml).
    """
    rules = IngestRules.load(additions)
    files = evidence_files(folder)
    if not files:
        problems.error(folder, "", "thư mục đề nghị không có tệp .xlsx, .xls hay .csv nào")
    found: list[Nomination] = []
    for path in files:
        with problems.gathering():  # an unreadable file is one problem among the others
            for sheet in read_evidence_file(path):
                found += read_sheet(sheet, rules, awards, units, problems)
    kept = check_duplicates(found, problems)
    return Evidence(tuple(order(kept, rule, units, rules)), tuple(files))
