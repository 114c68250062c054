"""Evidence files, in whatever shape each unit sent them, → one validated list of nominations.

For each file: its sheets (or Word tables) as grids (`sheets`); hidden sheets and instruction sheets left out; each
sheet's text decoded from legacy encodings and cleaned; its table found (`tables`); then its rows read until the
footer: section rows (`I. TẬP THỂ`, `A. GIẤY KHEN`) set the kind or the form of the rows under them; merged cells
apply to every row they cover; totals, numbering rows and the signature block are not nominees. Every problem is
collected with its file, sheet and cell, and names its real cause; the caller decides when to stop.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..errors import Problem, Problems
from ..memory import collector_paused
from ..model import Nomination, Unit
from ..text import clean
from ..workers import results
from . import legacy
from .awards import AwardData, RewardForm
from .collate import fold, fold_words, name_key, sort_key
from .grid import EMPTY, Cell, RawSheet, cell_ref
from .sheets import SHEET_SUFFIXES, evidence_files, read_evidence_file
from .tables import Table, find_table, is_number_label, is_numbering
from .vocabulary import Vocabulary

ORDERS = ("nhap", "don_vi", "ten")  # input order, unit then position, name (SPEC §7)
_DATE_LINE = re.compile(r"\bngày\b.{0,20}\btháng\b", re.IGNORECASE)


def is_date_line(text: str) -> bool:
    """`Quy Nhơn, ngày … tháng … năm …`, in any case."""
    return ("gày" in text or "GÀY" in text) and _DATE_LINE.search(text) is not None


_YEAR = re.compile(r"\b(19[0-9]{2}|20[0-9]{2})\b")
_SEVERAL = re.compile(r"\s*(?:[,;/+\n]|\bvà\b)\s*")
_ENCODING_NAMES = {legacy.TCVN3: "TCVN3 (ABC)", legacy.VNI: "VNI"}
ALIAS_HINT = (
    "nếu đây là cách gọi khác của một hình thức, thêm nó vào bi_danh của hình thức đó trong khen_thuong.toml "
    "đặt cạnh co_quan.toml"
)
LOOKED_FOR = (
    "không tìm thấy bảng đề nghị: không có dòng tiêu đề nào có cột họ tên (“Họ và tên”, “Tên tập thể, cá nhân”, "
    "hoặc “Họ và đệm” với “Tên”) cùng một cột khác như “Hình thức khen thưởng”, “Chức vụ”, “Đơn vị”"
)


# --- text ---------------------------------------------------------------------------------------------------------


def decode_sheet(sheet: RawSheet, problems: Problems) -> RawSheet:
    """Clean every cell; convert legacy TCVN3/VNI text by the cell's font, or by the sheet's text if no font.

    A cell already in Unicode Vietnamese (a row added later to an old file) is left as it is either way.
    """
    done: dict[Cell, Cell] = {}  # a list repeats most of its cells (units, forms, marks): each is cleaned once
    cleaned = []
    for row in sheet.rows:
        new_row = []
        for c in row:
            found = done.get(c)
            if found is None:
                found = done[c] = c if (t := clean(c.text)) is c.text else Cell(t, c.font, c.no_value)
            new_row.append(found)
        cleaned.append(new_row)
    used: dict[str, set[str]] = {}
    if sheet.has_fonts:
        legacy_fonts = {c.font for c in done if legacy.encoding_of_font(c.font)[0]}
        for row in cleaned if legacy_fonts else ():
            for i, c in enumerate(row):
                if c.font not in legacy_fonts:
                    continue
                encoding, upper = legacy.encoding_of_font(c.font)
                if c.text and not legacy.is_unicode_vietnamese(c.text):
                    converted = legacy.convert(c.text, encoding, upper)
                    if converted != c.text:
                        row[i] = Cell(converted, c.font, c.no_value)
                        used.setdefault(_ENCODING_NAMES[encoding], set()).add(f"phông {c.font}")
    else:
        encoding = legacy.guess_encoding(
            c.text for row in cleaned for c in row if not legacy.is_unicode_vietnamese(c.text)
        )
        if encoding:
            cleaned = [[Cell(legacy.convert(c.text, encoding), None, c.no_value) for c in row] for row in cleaned]
            used[_ENCODING_NAMES[encoding]] = {"nhận ra từ chữ"}
    for name, how in sorted(used.items()):
        detail = ", ".join([name, *sorted(how)])
        problems.warn(sheet.file, sheet.name, f"văn bản gõ bằng bảng mã cũ ({detail}); đã chuyển sang Unicode")
    return RawSheet(
        sheet.file,
        sheet.name,
        tuple(tuple(r) for r in cleaned),
        sheet.has_fonts,
        sheet.merged,
        sheet.hidden_rows,
        sheet.hidden,
        sheet.notes,
    )


def personal_name(name: str) -> str:
    """`LÊ THỊ THU HÀ` → `Lê Thị Thu Hà`: a person's name typed in capitals, as it is written in a decision."""
    if name.isupper() and sum(ch.isalpha() for ch in name) > 1:
        return " ".join(word[:1].upper() + word[1:].lower() for word in name.split())
    return name


def _known_unit(text: str, units: Sequence[Unit]) -> str:
    """The agency unit a text names (`Chuyên viên Phòng Đăng ký kinh doanh` → `Phòng Đăng ký kinh doanh`)."""
    key = fold(text)
    for unit in sorted(units, key=lambda u: len(u.ten), reverse=True):
        if fold(unit.ten) and fold(unit.ten) in key:
            return unit.ten
    return ""


# --- a sheet ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetResult:
    nominations: tuple[Nomination, ...]
    has_table: bool


class _Rows:
    """The data rows of a sheet with vertically merged cells applied to every row they cover."""

    def __init__(self, sheet: RawSheet, first: int, width: int):
        self.rows = sheet.rows
        self.width = width
        self.down: dict[tuple[int, int], tuple[int, int]] = {}
        for r0, c0, r1, _ in sheet.merged:
            if r1 > r0 and r1 >= first:
                for r in range(max(r0 + 1, first), r1 + 1):
                    self.down[(r, c0)] = (r0, c0)

    def cell(self, r: int, c: int | None) -> Cell:
        if c is None:
            return EMPTY
        if self.down:
            r, c = self.down.get((r, c), (r, c))
        row = self.rows[r]
        return row[c] if c < len(row) else EMPTY

    def text(self, r: int, c: int | None) -> str:
        if c is None:
            return ""
        if self.down:
            r, c = self.down.get((r, c), (r, c))
        row = self.rows[r]
        return row[c].text if c < len(row) else ""

    def texts(self, r: int) -> list[str]:
        """Row `r`'s texts, `width + 1` of them: the last is always empty, and stands for a column the table lacks
        (`_Columns`), so that a row's fields are read by index without a test for each."""
        if self.down:
            return [self.text(r, c) for c in range(self.width)] + [""]
        row = self.rows[r]
        return [cell.text for cell in row] + [""] * (self.width + 1 - len(row))


class _Columns(dict):
    """Each field's column; a field the table lacks reads the empty text every row ends with (`_Rows.texts`). The
    fields the vocabulary knows are all entered at once (a lookup that falls to `__missing__` costs a call)."""

    def __init__(self, columns: dict[str, int], fields: Iterable[str], width: int):
        super().__init__(dict.fromkeys(fields, width) | columns)
        self.missing = width

    def __missing__(self, field: str) -> int:
        return self.missing


@dataclass
class _Context:
    """What the rows of a sheet inherit: from the sheet's name, then from the section row above them."""

    kind: str | None = None
    form: RewardForm | None = None


def _sheet_context(name: str, words: Vocabulary, awards: AwardData) -> _Context:
    return _Context(words.section_kind(name), awards.match(name) or awards.find(name))


def _section(texts: Sequence[str], words: Vocabulary, awards: AwardData) -> tuple[str | None, RewardForm | None]:
    """(kind, form) a section row names: `I. TẬP THỂ`, `A. GIẤY KHEN`, `TẬP THỂ ĐỀ NGHỊ TẶNG GIẤY KHEN`."""
    text = " ".join(dict.fromkeys(t for t in texts if t))
    kind = words.section_kind(text)
    bare = words.strip_mark(text)
    form = awards.match(bare) or awards.find(bare)
    return kind, form


def read_sheet(
    sheet: RawSheet,
    words: Vocabulary,
    awards: AwardData,
    units: Sequence[Unit],
    problems: Problems,
    forms_required: bool = True,
) -> SheetResult:
    """The nominations of one sheet. Without `forms_required` (a list of the year's evaluations, say), a row with no
    award is read too, with an empty `hinh_thuc`."""
    sheet = decode_sheet(sheet, problems)
    for note in sheet.notes:
        problems.warn(sheet.file, sheet.name, note)
    table = find_table(sheet, words, awards)
    if table is None:
        return SheetResult((), False)
    reader = _Reader(sheet, table, words, awards, units, problems, forms_required)
    return SheetResult(tuple(reader.read()), True)


class _Reader:
    """Reads the rows of one table; one instance per sheet."""

    def __init__(
        self,
        sheet: RawSheet,
        table: Table,
        words: Vocabulary,
        awards: AwardData,
        units: Sequence[Unit],
        problems: Problems,
        forms_required: bool = True,
    ):
        self.sheet, self.table, self.words, self.awards, self.units = sheet, table, words, awards, units
        self.problems = problems
        self.forms_required = forms_required
        self.cols = table.columns
        used = [*self.cols.values(), *table.form_columns, *table.unknown_forms, *table.gender_columns]
        self.width = max([len(r) for r in sheet.rows] + [c + 1 for c in used], default=0)
        self.rows = _Rows(sheet, table.first_row, self.width)
        self.column_of = _Columns(self.cols, words.columns, self.width)  # every field, those it lacks too
        self.name_col = self.cols.get("ho_ten", self.cols.get("ten"))
        self.unit = self._sheet_unit()
        self.context = _sheet_context(sheet.name, words, awards)
        unit_col = self.cols.get("don_vi")
        self.unit_values = unit_col is not None and any(
            self.rows.text(r, unit_col) for r in range(table.first_row, len(sheet.rows))
        )
        self.formulas_without_values = any(c.no_value for row in sheet.rows for c in row)
        self._kinds: dict[str, str | None] = {}

    def ref(self, r: int, c: int | None) -> str:
        return cell_ref(self.sheet, r, c if c is not None else self.name_col)

    def _kind_of_value(self, value: str) -> str | None:
        if value not in self._kinds:  # a kind column repeats two values down the whole list
            self._kinds[value] = self.words.kind_of_value(value)
        return self._kinds[value]

    def _sheet_unit(self) -> str:
        """The unit that sent a sheet: named in its title rows, else in its file name, else the file name itself."""
        for r in self.table.title_rows:
            for cell in self.sheet.rows[r]:
                if cell.text and (unit := _known_unit(cell.text, self.units)):
                    return unit
        stem = self.sheet.file.stem.replace("-", " ").replace("_", " ")
        return _known_unit(stem, self.units) or self.sheet.file.stem

    def read(self) -> list[Nomination]:
        found: list[Nomination] = []
        hidden: list[int] = []
        formless: list[tuple[int, str]] = []
        form_seen = bool(self.cols.get("hinh_thuc") is not None or self.table.form_columns or self.context.form)
        reported_headers: set[int] = set()
        for r in range(self.table.first_row, len(self.sheet.rows)):
            texts = self.rows.texts(r)
            present = [t for t in texts if t]
            if not present:
                continue
            if r in self.sheet.hidden_rows:
                hidden.append(r + 1)
                continue
            name = self._name(texts)
            if self._is_footer(present, name):
                break
            if self._is_numbering(name, texts) or any(self.words.is_total(t) for t in present[:2]):
                continue
            marks = self._marked_forms(texts)
            unknown = [c for c in self.table.unknown_forms if self.words.is_mark(texts[c])]
            typed = texts[self.column_of["hinh_thuc"]]
            asked = bool(marks or unknown or (typed and name))
            if self._is_section(texts, name, asked):
                kind, form = _section(texts, self.words, self.awards)
                if kind is None and form is None:
                    self.problems.warn(
                        self.sheet.file,
                        self.ref(r, self.name_col),
                        f"dòng “{' '.join(dict.fromkeys(present))}” trông như dòng đề mục nhưng không nói tập thể, "
                        "cá nhân hay hình thức nào; đã bỏ qua (các dòng dưới không theo đề mục trên nữa)",
                    )
                    self.context = _sheet_context(self.sheet.name, self.words, self.awards)
                    continue
                if form is not None:
                    self.context = _Context(kind, form)
                    form_seen = True
                else:
                    self.context = _Context(kind, self.context.form)
                continue
            for c in unknown:
                if c not in reported_headers:
                    reported_headers.add(c)
                    known = ", ".join(f.ten_ngan for f in self.awards.forms)
                    self.problems.error(
                        self.sheet.file,
                        self.ref(self.table.header_row, c),
                        f"không nhận ra hình thức khen thưởng “{self.table.unknown_forms[c]}” ở tiêu đề cột "
                        f"(có: {known}); {ALIAS_HINT}",
                    )
            if self._no_value(r):
                continue
            if not name:
                if marks or typed or texts[self.column_of["thanh_tich"]]:
                    self.problems.error(self.sheet.file, self.ref(r, self.name_col), "thiếu họ tên hoặc tên tập thể")
                continue
            forms = self._forms(r, typed, marks)
            if forms is None:
                continue
            if not forms:
                if not self.forms_required:
                    nomination = self._nomination(r, texts, name, None)
                    found += [nomination] if nomination is not None else []
                elif not unknown:
                    formless.append((r, name))
                continue
            for form in forms:  # several awards in one row: one nomination each (the annual review's usual case)
                nomination = self._nomination(r, texts, name, form)
                if nomination is not None:
                    found.append(nomination)
        if hidden:
            shown = ", ".join(map(str, hidden[:10])) + (" …" if len(hidden) > 10 else "")
            self.problems.warn(self.sheet.file, self.sheet.name, f"bỏ qua {len(hidden)} dòng ẩn (dòng {shown})")
        if formless and not form_seen:
            col = self.cols.get("hinh_thuc", self.name_col)
            self.problems.error(
                self.sheet.file,
                self.ref(self.table.header_row, col),
                "không tìm thấy cột hình thức khen thưởng (ví dụ “Hình thức khen thưởng”, hoặc một cột cho mỗi hình "
                "thức với dấu x), dòng đề mục nêu hình thức (“A. GIẤY KHEN”) hay tên trang tính nêu hình thức",
            )
        else:
            for r, name in formless:
                self.problems.error(
                    self.sheet.file,
                    self.ref(r, self.cols.get("hinh_thuc", self.name_col)),
                    f"“{name}” chưa có hình thức khen thưởng",
                )
        return found

    # --- parts of a row -----------------------------------------------------------------------------------------

    def _name(self, texts: Sequence[str]) -> str:
        if "ho_ten" in self.cols:
            return texts[self.cols["ho_ten"]]
        given, family = texts[self.column_of["ten"]], texts[self.column_of["ho_dem"]]
        return " ".join(part for part in (family, given) if part)

    def _is_numbering(self, name: str, texts: Sequence[str]) -> bool:
        """`(1) (2) (3)…` under the header; a row whose name cell is not such a number is none (the quick test)."""
        return (not name or is_number_label(name)) and is_numbering(texts)

    def _is_footer(self, present: Sequence[str], name: str) -> bool:
        """The signature block or the date line, in any column, where no nominee is named."""
        if name and not (is_date_line(name) or self.words.is_footer(name)):
            return False
        return any(is_date_line(t) or self.words.is_footer(t) for t in present)

    def _is_section(self, texts: Sequence[str], name: str, asked: bool) -> bool:
        """A row that only labels the rows under it: a few cells, no person's data, and — where the name column
        holds something — a label there rather than a person (it names a kind or a form, or it is marked like a
        heading, `I.`, or written in capitals without a number)."""
        if name and asked:
            return False
        present = list(dict.fromkeys(t for t in texts if t))
        if not present or len(present) > 3:
            return False
        if name and self._has_person_data(texts):
            return False
        kind, form = _section(texts, self.words, self.awards)
        stt = texts[self.column_of["stt"]]
        if not name:  # the label may sit in any column, a merged cell across the table, say
            joined = [ch for ch in " ".join(present) if ch.isalpha()]
            heading = any(self.words.has_mark(t) for t in present) or (
                bool(joined) and all(ch.isupper() for ch in joined)
            )
            if kind is not None or form is not None:
                return heading or not self._has_person_data(texts)
            return heading and not self._has_person_data(texts)
        own_kind, own_form = _section([stt, name], self.words, self.awards)
        if own_kind is not None or own_form is not None:
            return True
        if stt.isdigit():
            return False  # a numbered row is a nominee, whatever case its name is typed in
        letters = [ch for ch in name if ch.isalpha()]
        marked = self.words.has_mark(name) or bool(stt)
        return marked or (bool(letters) and all(ch.isupper() for ch in letters))

    def _has_person_data(self, texts: Sequence[str]) -> bool:
        keys = (
            "chuc_vu",
            "don_vi",
            "chuc_vu_don_vi",
            "thanh_tich",
            "nam_sinh",
            "ngay_sinh",
            "loai",
            "can_cu_xet",
            "xep_loai",
        )
        return any(texts[self.column_of[k]] for k in keys)

    def _marked_forms(self, texts: Sequence[str]) -> list[RewardForm]:
        return [form for c, form in self.table.form_columns.items() if self.words.is_mark(texts[c])]

    def _no_value(self, r: int) -> bool:
        """A formula with no stored result, in a column that matters: reported (an STT column does not matter)."""
        if not self.formulas_without_values:
            return False
        bad = False
        for name, c in self.cols.items():
            if name in ("stt", "ghi_chu") or not self.rows.cell(r, c).no_value:
                continue
            bad = True
            self.problems.error(
                self.sheet.file,
                self.ref(r, c),
                "ô có công thức nhưng tệp không lưu kết quả (tệp do chương trình khác tạo); hãy mở bằng Excel "
                "hoặc LibreOffice rồi lưu lại",
            )
        return bad

    def _forms(self, r: int, typed: str, marks: list[RewardForm]) -> list[RewardForm] | None:
        """The forms a row asks for: typed, marked, or from its section or sheet; None when one is unknown."""
        forms: list[RewardForm] = []
        if typed:
            found = self.awards.match(typed)
            parts = [found] if found is not None else [self.awards.match(p) for p in _SEVERAL.split(typed) if p]
            if not parts or any(p is None for p in parts):
                known = ", ".join(f.ten_ngan for f in self.awards.forms)
                self.problems.error(
                    self.sheet.file,
                    self.ref(r, self.cols["hinh_thuc"]),
                    f"không nhận ra hình thức khen thưởng “{typed}” (có: {known}); {ALIAS_HINT}",
                )
                return None
            forms += [p for p in parts if p not in forms]
        forms += [f for f in marks if f not in forms]
        if not forms and self.context.form is not None:
            forms.append(self.context.form)
        return forms

    def _kind(self, r: int, texts: Sequence[str], name: str, form: RewardForm | None) -> bool:
        """Collective or individual: the kind column, the section or sheet, the form's own audience, else the name
        (with a warning)."""
        value = texts[self.column_of["loai"]]
        kind = (self._kind_of_value(value) if value else None) or self.context.kind
        if kind is None and form is not None and len(form.doi_tuong) == 1:
            kind = form.doi_tuong[0]
        if kind is None:
            kind = "tap_the" if self.words.looks_collective(name) else "ca_nhan"
            if form is None:  # a list without awards (a year's evaluations): the kind decides nothing
                return kind == "tap_the"
            label = "tập thể" if kind == "tap_the" else "cá nhân"
            self.problems.warn(
                self.sheet.file,
                self.ref(r, self.name_col),
                f"không rõ “{name}” là tập thể hay cá nhân; đã coi là {label} (thêm cột “Tập thể/Cá nhân” "
                "hoặc dòng “I. TẬP THỂ”, “II. CÁ NHÂN” để nói rõ)",
            )
        return kind == "tap_the"

    def _birth(self, texts: Sequence[str]) -> tuple[str, str]:
        """(year of birth, sex) from `Năm sinh`, `Ngày sinh`, `Giới tính`, or the `Nam`/`Nữ` columns under
        `Năm sinh` (whose cells hold the year)."""
        year, sex = "", ""
        for c, which in self.table.gender_columns.items():
            if text := texts[c]:
                sex = which
                if found := _YEAR.search(text):
                    year = found.group(1)
        for key in ("nam_sinh", "ngay_sinh"):
            if not year and (text := texts[self.column_of[key]]) and (found := _YEAR.search(text)):
                year = found.group(1)
        if not sex and (text := texts[self.column_of["gioi_tinh"]]):
            value = fold(text)
            sex = "nam" if value == "nam" else "nu" if value == "nu" else ""
        return year, sex

    def _nomination(self, r: int, texts: Sequence[str], name: str, form: RewardForm | None) -> Nomination | None:
        collective = self._kind(r, texts, name, form)
        kind = "tap_the" if collective else "ca_nhan"
        if form is not None and kind not in form.doi_tuong:
            target = "tập thể" if "tap_the" in form.doi_tuong else "cá nhân"
            self.problems.error(
                self.sheet.file,
                self.ref(r, self.name_col),
                f"“{form.ten_ngan}” chỉ dành cho {target}, không dành cho “{name}”",
            )
            return None
        column_of = self.column_of
        position = texts[column_of["chuc_vu"]]
        if collective and position:
            self.problems.error(
                self.sheet.file,
                self.ref(r, self.cols["chuc_vu"]),
                f"tập thể “{name}” không có chức vụ cá nhân (“{position}”)",
            )
            return None
        combined = texts[column_of["chuc_vu_don_vi"]]
        unit = texts[column_of["don_vi"]] or _known_unit(combined, self.units)
        if not unit:
            unit = self.unit
            if "don_vi" in self.cols and self.unit_values and not collective:
                self.problems.warn(
                    self.sheet.file,
                    self.ref(r, self.cols["don_vi"]),
                    f"ô đơn vị của “{name}” để trống; đã lấy đơn vị của tệp “{unit}”",
                )
        year, sex = self._birth(texts)
        return Nomination(
            ho_ten=name if collective else personal_name(name),
            tap_the=collective,
            chuc_vu=position,
            don_vi=unit,
            hinh_thuc=form.ma if form is not None else "",
            thanh_tich=texts[column_of["thanh_tich"]],
            tep=self.sheet.file,
            trang_tinh=self.sheet.name,
            dong=r + 1,
            o=self.ref(r, self.name_col),
            chuc_vu_don_vi=combined,
            nam_sinh=year,
            gioi_tinh=sex,
            ma_so=texts[column_of["ma_so"]],
            can_cu_xet=texts[column_of["can_cu_xet"]],
            xep_loai=texts[column_of["xep_loai"]],
            ky_luat=texts[column_of["ky_luat"]],
            ngay_tuyen_dung=texts[column_of["ngay_tuyen_dung"]],
            so_phieu=texts[column_of["so_phieu"]],
            so_nguoi=texts[column_of["so_nguoi"]],
        )


# --- a folder -----------------------------------------------------------------------------------------------------


def _unit_key(nomination: Nomination) -> str:
    return fold(nomination.don_vi)


class Duplicates:
    """A nominee (name and unit) may be proposed for several awards — titles and reward forms — in one row or
    across files; the same nominee twice for the same award is an error. Two reward forms (not titles) for one
    nominee in one campaign is a warning: one achievement is rewarded once (Luật Thi đua, khen thưởng Điều 5.2).

    Checked file by file, in the files' order, as each is read (`kept`), against every file before it."""

    def __init__(self, problems: Problems, awards: AwardData | None = None):
        self.problems, self.awards = problems, awards
        self.first_seen: dict[tuple[str, str, str], Nomination] = {}
        self.forms_of: dict[tuple[str, str], list[Nomination]] = {}
        self.unit_keys: dict[str, str] = {}  # a province's list names a few hundred units a hundred thousand times

    def kept(self, nominations: Sequence[Nomination], names: Sequence[str]) -> list[Nomination]:
        """The nominations that are no duplicate of one before them; `names`: each one's name as compared
        (`name_keys`), folded by the process that read its file."""
        awards, first_seen, unit_keys = self.awards, self.first_seen, self.unit_keys
        kept = []
        for n, name in zip(nominations, names, strict=True):
            unit = unit_keys.get(n.don_vi)
            if unit is None:
                unit = unit_keys[n.don_vi] = _unit_key(n)
            person = (name, unit)
            key = (*person, n.hinh_thuc)
            earlier = first_seen.get(key)
            if earlier is not None:
                where = f"{earlier.tep.name}:{earlier.o}"
                message = f"“{n.ho_ten}” ({n.don_vi}) được đề nghị hai lần (cùng hình thức); đã có ở {where}"
                self.problems.error(n.tep, n.o, message)
                continue
            first_seen[key] = n
            kept.append(n)
            form = awards.form(n.hinh_thuc) if awards is not None else None
            if form is None or form.danh_hieu:
                continue
            others = self.forms_of.setdefault(person, [])
            if others:
                earlier_forms = ", ".join(awards.form(o.hinh_thuc).ten_ngan for o in others)
                self.problems.warn(
                    n.tep,
                    n.o,
                    f"“{n.ho_ten}” ({n.don_vi}) được đề nghị “{form.ten_ngan}” và cả “{earlier_forms}”: một thành tích "
                    "chỉ được khen một hình thức (Luật Thi đua, khen thưởng Điều 5.2); giữ cả hai nếu là hai thành "
                    "tích khác nhau",
                )
            others.append(n)
        return kept


def name_keys(nominations: Sequence[Nomination]) -> list[str]:
    """Each nomination's name as the duplicate check compares it."""
    return [fold_words(n.ho_ten) for n in nominations]


def order(nominations: Sequence[Nomination], rule: str, units: Sequence[Unit], words: Vocabulary) -> list[Nomination]:
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
            return (rank, sort_key(n.don_vi), not n.tap_the, words.position_rank(n.chuc_vu), name_key(n.ho_ten))

        return sorted(nominations, key=key)
    return list(nominations)


@dataclass(frozen=True)
class Evidence:
    nominations: tuple[Nomination, ...]
    files: tuple[Path, ...]


def read_file(
    path: Path,
    words: Vocabulary,
    awards: AwardData,
    units: Sequence[Unit],
    problems: Problems,
    forms_required: bool = True,
) -> list[Nomination]:
    """The nominations of one file; an unreadable file, one without a table or one with no nominee is a problem."""
    found: list[Nomination] = []
    with problems.gathering():
        sheets = read_evidence_file(path)
        tables = 0
        errors_before = len(problems.errors)
        for sheet in sheets:
            has_text = any(c.text for row in sheet.rows for c in row)
            if sheet.hidden:
                if has_text:
                    problems.warn(path, sheet.name, "bỏ qua trang tính ẩn")
                continue
            if words.skips_sheet(sheet.name) and len(sheets) > 1:
                continue
            result = read_sheet(sheet, words, awards, units, problems, forms_required)
            tables += result.has_table
            found += result.nominations
        if not tables:
            problems.error(path, "", LOOKED_FOR)
        elif not found and len(problems.errors) == errors_before:
            problems.error(path, "", "có bảng đề nghị nhưng không có đề nghị nào")
    return found


def ingest_folder(
    folder: Path,
    awards: AwardData,
    units: Sequence[Unit],
    rule: str,
    problems: Problems,
    additions: dict | None = None,
    jobs: int = 1,
    meanwhile: Callable[[], None] | None = None,
    arrived: Callable[[Sequence[Nomination]], None] | None = None,
) -> Evidence:
    """Every nomination in a folder of evidence files, checked and ordered; problems go to `problems`.

    `additions` are the agency's own names for columns, sections and footers (`[bang_de_nghi]` in co_quan.toml).
    A province's folder of many files is read by `jobs` processes, file by file; `meanwhile()` is the caller's own
    work, done while they read, and `arrived(nominations)` its work on each file's nominations, in the files' order,
    as they come (a file's duplicates of earlier ones among them).
    """
    words = Vocabulary.load(additions)
    files, others = evidence_files(folder)
    for other in others:
        hint = "Word cũ: hãy lưu lại thành .docx" if other.suffix.lower() == ".doc" else "không phải bảng đề nghị"
        problems.warn(other, "", f"bỏ qua tệp ({hint}; đọc được: {', '.join(SHEET_SUFFIXES)})")
    if not files:
        problems.error(folder, "", "thư mục đề nghị không có tệp bảng tính (.xlsx, .xls, .ods, .csv) hay Word (.docx)")
    setting = (words, awards, units)
    if jobs > 1 and _worth_sharing(files):
        read = results(files, _read_in_worker, jobs, _set_up, setting, meanwhile)
    else:
        read = results(files, partial(_read, setting), meanwhile=meanwhile)
    duplicates = Duplicates(problems, awards)
    kept: list[Nomination] = []
    with collector_paused():
        for nominations, seen, folded in read:
            if arrived is not None:
                arrived(nominations)
            problems.add(seen)
            kept += duplicates.kept(nominations, folded)
        return Evidence(tuple(order(kept, rule, units, words)), tuple(files))


SHARE_FROM_BYTES = 2_000_000  # evidence smaller than this is read before a worker process would have started


def _worth_sharing(files: Sequence[Path]) -> bool:
    total = 0
    for path in files:
        try:
            total += path.stat().st_size
        except OSError:
            continue  # reading it will say what is wrong
        if total >= SHARE_FROM_BYTES:
            return True
    return False


Reading = tuple[Vocabulary, AwardData, Sequence[Unit]]  # what every file of a folder is read with

_reading: Reading | None = None  # in a worker process: given once, by `_set_up`


def _set_up(setting: Reading) -> None:
    global _reading
    _reading = setting


def _read_in_worker(path: Path) -> tuple[list[Nomination], tuple[Problem, ...], list[str]]:
    assert _reading is not None, "_set_up runs first"
    return _read(_reading, path)


def _read(setting: Reading, path: Path) -> tuple[list[Nomination], tuple[Problem, ...], list[str]]:
    """One file's nominations and problems, and their names as the duplicate check compares them, in whichever
    process reads it (the main process checks a whole folder after its files are read)."""
    words, awards, units = setting
    problems = Problems()
    with collector_paused():
        found = read_file(path, words, awards, units, problems)
        return found, problems.items, name_keys(found)
