"""Reading evidence files into plain grids of text cells, each with its font name where the file keeps one.

`.xlsx` through openpyxl (pandas' own Excel engine, read directly to get each cell's font), `.xls` through xlrd,
`.csv` through pandas in UTF-8 (with or without BOM) or, failing that, Windows-1258 as Excel saves CSV on a
Vietnamese Windows. Nothing here interprets the table; that is `ingest`'s job.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import InputError, Problem
from ..xlsx import column_name
from . import legacy

EVIDENCE_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")


@dataclass(frozen=True)
class Cell:
    text: str
    font: str | None = None


@dataclass(frozen=True)
class RawSheet:
    file: Path
    name: str  # "" for a CSV file, which has no sheets
    rows: tuple[tuple[Cell, ...], ...]  # rows[i] is spreadsheet row i + 1
    has_fonts: bool


def cell_ref(sheet: RawSheet, row: int, col: int) -> str:
    """`Sheet1!C12` (or `C12` for a CSV file), from 0-based row and column."""
    ref = f"{column_name(col)}{row + 1}"
    return f"{sheet.name}!{ref}" if sheet.name else ref


def _text(value: object) -> str:
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
    return str(value)


_FONT_NAME = re.compile(rb'<(?:\w+:)?name val="([^"]*)"')


def declares_legacy_font(path: Path) -> bool:
    """Whether a workbook's styles name a TCVN3 or VNI font: only then do cell fonts matter."""
    with zipfile.ZipFile(path) as archive:
        try:
            styles = archive.read("xl/styles.xml")
        except KeyError:
            return False
    names = {m.group(1).decode("utf-8", "replace") for m in _FONT_NAME.finditer(styles)}
    return any(legacy.encoding_of_font(name)[0] for name in names)


def _read_xlsx(path: Path) -> list[RawSheet]:
    """Values through calamine (fast); cell by cell through openpyxl when fonts must be read (legacy fonts)."""
    if declares_legacy_font(path):
        return _read_xlsx_with_fonts(path)
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    sheets = []
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        cells = tuple(tuple(Cell(_text(v)) for v in row) for row in rows)
        # No legacy font anywhere in the workbook: every cell is known to be Unicode, as if its font were read.
        sheets.append(RawSheet(path, name, cells, has_fonts=True))
    return sheets


def _read_xlsx_with_fonts(path: Path) -> list[RawSheet]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheets = []
        for ws in book.worksheets:
            rows = []
            for row in ws.iter_rows():
                cells = []
                for c in row:
                    value = getattr(c, "value", None)
                    font = c.font.name if value is not None and getattr(c, "font", None) is not None else None
                    cells.append(Cell(_text(value), font))
                rows.append(tuple(cells))
            sheets.append(RawSheet(path, ws.title, tuple(rows), has_fonts=True))
        return sheets
    finally:
        book.close()


def _read_xls(path: Path) -> list[RawSheet]:
    import xlrd

    book = xlrd.open_workbook(str(path), formatting_info=True)
    sheets = []
    for ws in book.sheets():
        rows = []
        for r in range(ws.nrows):
            cells = []
            for c in range(ws.ncols):
                cell = ws.cell(r, c)
                value = cell.value
                if cell.ctype == xlrd.XL_CELL_DATE:
                    value = xlrd.xldate.xldate_as_datetime(value, book.datemode)
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    value = None
                font = book.font_list[book.xf_list[cell.xf_index].font_index].name if value is not None else None
                cells.append(Cell(_text(value), font))
            rows.append(tuple(cells))
        sheets.append(RawSheet(path, ws.name, tuple(rows), has_fonts=True))
    return sheets


def decode_csv(data: bytes) -> str:
    """UTF-8 (a BOM is dropped); else Windows-1258, as Excel saves CSV on a Vietnamese Windows (tone marks as
    combining characters; NFC comes later); else Windows-1252, when the file holds legacy TCVN3/VNI text, which
    reads as Vietnamese only through those bytes.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates = [data.decode("cp1258", errors="replace"), data.decode("cp1252", errors="replace")]

    def readability(text: str) -> float:
        text = unicodedata.normalize("NFC", text)
        return legacy.syllable_share(legacy.convert(text, legacy.guess_encoding([text])))

    return max(candidates, key=readability)  # on a tie, Windows-1258


def _read_csv(path: Path) -> list[RawSheet]:
    text = decode_csv(path.read_bytes())
    try:
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    frame = pd.read_csv(
        io.StringIO(text), sep=delimiter, header=None, dtype=str, keep_default_na=False, skip_blank_lines=False
    )
    rows = tuple(tuple(Cell(v) for v in record) for record in frame.itertuples(index=False, name=None))
    return [RawSheet(path, "", rows, has_fonts=False)]


def read_evidence_file(path: Path) -> list[RawSheet]:
    """Every sheet of one file; an unreadable file is an InputError naming it."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            return _read_xlsx(path)
        if suffix == ".xls":
            return _read_xls(path)
        if suffix == ".csv":
            return _read_csv(path)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, pd.errors.ParserError) as e:
        raise InputError(Problem(path, f"không đọc được tệp ({type(e).__name__}: {e})")) from e
    except Exception as e:  # the readers raise their own errors for damaged files
        if type(e).__module__.startswith(("xlrd", "openpyxl", "python_calamine")) or "Calamine" in type(e).__name__:
            raise InputError(Problem(path, f"không đọc được tệp ({type(e).__name__}: {e})")) from e
        raise
    raise InputError(Problem(path, f"không đọc được loại tệp {suffix}; dùng .xlsx, .xls hoặc .csv"))


def evidence_files(folder: Path) -> list[Path]:
    """Spreadsheets in a folder, in name order, leaving out Office's lock files (`~$…`) and hidden files."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in EVIDENCE_SUFFIXES and not p.name.startswith(("~$", ".", ".~"))
    )
