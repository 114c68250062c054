"""Finding the table in a sheet: its header (one to three rows, merged labels read over the cells they span), what
each column holds, and the title rows above it. Works on `grid.RawSheet`s of any file type.

A column is named by its path of labels, top to bottom: `Hình thức đề nghị khen thưởng` › `Bằng khen` › `UBND
tỉnh` is a column of marks for the Bằng khen of the province; `Hình thức khen thưởng đã được tặng` › `Giấy khen` is a
column of awards already received, not asked for; `Năm sinh` › `Nữ` holds the birth years of women.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .awards import AwardData, RewardForm
from .grid import RawSheet
from .vocabulary import Vocabulary

HEADER_SEARCH_ROWS = 60
MAX_HEADER_ROWS = 4
MAX_LABEL = 80  # a header label is short; a longer text is prose (an instruction, a title)
_NUMBERING = re.compile(r"^\(?[0-9]{1,2}\)?\.?$|^\([a-zA-Z0-9=+*\-]+\)$")


@dataclass(frozen=True)
class Table:
    """Where the data sits in a sheet, and which column holds what."""

    header_row: int
    first_row: int  # the first row under the header
    columns: dict[str, int]  # field → column (`ho_ten`, `don_vi`, `hinh_thuc` …)
    form_columns: dict[int, RewardForm]  # columns of marks, one per form asked for
    gender_columns: dict[int, str]  # `nam` / `nu`: their cells hold a birth year or a mark
    unknown_forms: dict[int, str]  # columns under the requested forms whose label names no known form
    title_rows: tuple[int, ...]
    labels: dict[int, str] = field(default_factory=dict)  # each column's label path, for messages


class Labels:
    """Cell texts of a sheet with merged ranges resolved: a merged label reads the same in every cell it spans."""

    def __init__(self, sheet: RawSheet, last_row: int):
        self.sheet = sheet
        self.cover: dict[tuple[int, int], tuple[int, int]] = {}
        for r0, c0, r1, c1 in sheet.merged:
            if r0 > last_row:
                continue
            for r in range(r0, min(r1, last_row) + 1):
                for c in range(c0, min(c1, c0 + 64) + 1):
                    if (r, c) != (r0, c0):
                        self.cover[(r, c)] = (r0, c0)

    def text(self, r: int, c: int) -> str:
        r, c = self.cover.get((r, c), (r, c))
        rows = self.sheet.rows
        return rows[r][c].text if r < len(rows) and c < len(rows[r]) else ""

    def covered_from_above(self, r: int, c: int, top: int) -> bool:
        origin = self.cover.get((r, c))
        return origin is not None and origin[0] <= top < r


def is_number_label(text: str) -> bool:
    """`(1)`, `2`, `(3=1+2)`: what a numbering row under a header holds in each cell."""
    return _NUMBERING.match(text.replace(" ", "")) is not None


def is_numbering(texts: Sequence[str]) -> bool:
    present = [t for t in texts if t]
    return len(present) >= 2 and all(is_number_label(t) for t in present)


def match_form(labels: Sequence[str], awards: AwardData) -> RewardForm | None:
    """The form a label path names: the longest run of labels from the bottom that is an alias, else one label."""
    for start in range(len(labels)):
        form = awards.match(" ".join(labels[start:]))
        if form is not None:
            return form
    return next((f for f in (awards.match(label) for label in reversed(labels)) if f is not None), None)


def _classify(path: Sequence[str], words: Vocabulary, awards: AwardData) -> tuple[str, object]:
    """What a column with this label path holds: ("field", name), ("form", RewardForm), ("gender", "nam"|"nu"),
    ("received", label), ("unknown_form", label) or ("none", None)."""
    for i, label in enumerate(path):
        name = words.field_of(label)
        rest = list(path[i + 1 :])
        if name == "hinh_thuc":
            if not rest:
                return "field", name
            form = match_form(rest, awards)
            return ("form", form) if form is not None else ("unknown_form", " › ".join(rest))
        if name == "da_khen":
            return "received", label
        if name in ("nam_sinh", "gioi_tinh", "ngay_sinh") and rest:
            sub = words.field_of(rest[0])
            if sub in ("nam", "nu"):
                return "gender", sub
        if name in ("nam", "nu"):
            return "gender", name
        if name is not None:
            return "field", name
        form = match_form(path[i:], awards)
        if form is not None:
            return "form", form
    return "none", None


def _name_columns(fields: dict[str, int]) -> bool:
    return "ho_ten" in fields or ("ten" in fields and "ho_dem" in fields)


def find_table(sheet: RawSheet, words: Vocabulary, awards: AwardData) -> Table | None:
    """The first row that names the name column and at least one other known column, with the rows under it that
    refine its merged labels; None when the sheet has no such row."""
    limit = min(len(sheet.rows), HEADER_SEARCH_ROWS)
    labels = Labels(sheet, limit + MAX_HEADER_ROWS)
    for h in range(limit):
        width = len(sheet.rows[h])
        top = [labels.text(h, c) for c in range(width)]
        fields = {}
        for c, text in enumerate(top):
            if text and len(text) <= MAX_LABEL:
                name = words.field_of(text)
                if name is not None:
                    fields.setdefault(name, c)
                elif match_form([text], awards) is not None:
                    fields.setdefault("_form", c)
        if not _name_columns(fields) or len(fields) < 2:
            continue
        name_col = fields.get("ho_ten", fields.get("ten"))
        last = h
        for k in range(h + 1, min(h + MAX_HEADER_ROWS, len(sheet.rows))):
            if _continues_header(sheet, labels, k, h, last, name_col, words, awards):
                last = k
            else:
                break
        return _table(sheet, labels, h, last, words, awards)
    return None


def _continues_header(
    sheet: RawSheet,
    labels: Labels,
    k: int,
    top: int,
    last: int,
    name_col: int,
    words: Vocabulary,
    awards: AwardData,
) -> bool:
    if labels.covered_from_above(k, name_col, top):
        return True
    width = max(len(sheet.rows[k]), len(sheet.rows[top]))
    texts = [sheet.rows[k][c].text if c < len(sheet.rows[k]) else "" for c in range(width)]
    present = [(c, t) for c, t in enumerate(texts) if t]
    if not present or texts[name_col] or is_numbering(texts):
        return False
    for c, text in present:
        above = [labels.text(r, c) for r in range(top, last + 1)]
        known = words.field_of(text) is not None or match_form([*above, text], awards) is not None
        if not known:
            return False
    return True


def _table(sheet: RawSheet, labels: Labels, h: int, last: int, words: Vocabulary, awards: AwardData) -> Table:
    width = max(len(sheet.rows[r]) for r in range(h, last + 1))
    columns: dict[str, int] = {}
    forms: dict[int, RewardForm] = {}
    genders: dict[int, str] = {}
    unknown: dict[int, str] = {}
    paths: dict[int, str] = {}
    for c in range(width):
        path: list[str] = []
        for r in range(h, last + 1):
            text = labels.text(r, c)
            if text and (not path or path[-1] != text):
                path.append(text)
        if not path:
            continue
        paths[c] = " › ".join(path)
        kind, value = _classify(path, words, awards)
        if kind == "field" and value not in columns:
            columns[value] = c
        elif kind == "form" and value not in forms.values():
            forms[c] = value
        elif kind == "gender":
            genders[c] = value
        elif kind == "unknown_form":
            unknown[c] = value
    return Table(h, last + 1, columns, forms, genders, unknown, tuple(range(h)), paths)
