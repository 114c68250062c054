"""What every evidence file becomes before anything reads it as a table: sheets of plain text cells.

A reader (one module per file format) turns a file into `RawSheet`s: the cells' text (and font where the file keeps
one, for legacy encodings), the merged ranges, the hidden rows, whether the sheet is hidden, and what the reader
had to leave out. The table finder sees only these, never the file type.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from ..xlsx import column_name


class Cell(NamedTuple):
    """One cell's text (a named tuple: a province's lists hold millions, and tuples are cheap to make)."""

    text: str
    font: str | None = None
    no_value: bool = False  # a formula whose value the file does not hold (written by a program that computes none)


EMPTY = Cell("")

Range = tuple[int, int, int, int]  # first row, first column, last row, last column; 0-based, inclusive


@dataclass(frozen=True)
class RawSheet:
    file: Path
    name: str  # "" for a CSV file, which has no sheets
    rows: tuple[tuple[Cell, ...], ...]  # rows[i] is spreadsheet row i + 1
    has_fonts: bool
    merged: tuple[Range, ...] = ()
    hidden_rows: frozenset[int] = frozenset()
    hidden: bool = False
    notes: tuple[str, ...] = ()  # what the reader left out, as warnings for the clerk


def cell_ref(sheet: RawSheet, row: int, col: int) -> str:
    """`Sheet1!C12` (or `C12` for a CSV file), from 0-based row and column."""
    ref = f"{column_name(col)}{row + 1}"
    return f"{sheet.name}!{ref}" if sheet.name else ref


def parse_ref(ref: str) -> tuple[int, int]:
    """`C12` → (11, 2): 0-based row and column."""
    letters = "".join(ch for ch in ref if ch.isalpha()).upper()
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return int(ref[len(letters) :]) - 1, col - 1


def text_of(value: object) -> str:
    """A cell value as text: whole numbers without `.0`, dates as ISO dates, booleans as a mark."""
    if type(value) is str:  # most cells: checked first, this runs for every cell of a province's lists
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat()
    return str(value)


def cells_of(rows: Iterable[Iterable[object]]) -> list[tuple[Cell, ...]]:
    """Rows of plain values as rows of cells. A list repeats most of its texts (units, positions, forms, marks), and
    cells are immutable, so each distinct text becomes one cell shared by every place it occurs."""
    made: dict[str, Cell] = {}
    new = tuple.__new__  # Cell(text) without the named tuple's Python-level constructor: this runs for every cell
    found = []
    for row in rows:
        cells = []
        for value in row:
            text = value if type(value) is str else text_of(value)
            cell = made.get(text)
            if cell is None:
                cell = made[text] = new(Cell, (text, None, False))
            cells.append(cell)
        found.append(tuple(cells))
    return found
