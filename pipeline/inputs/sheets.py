"""Any evidence file → sheets of cells (`grid.RawSheet`), by what the file is rather than what its name says.

A `.xls` is often an `.xlsx` renamed, or an HTML table a web system exported as "Excel"; a `.xlsx` with a password
is not a zip at all. So the first bytes decide the reader: a zip holding a workbook (`.xlsx`), a Word document
(`.docx`) or an OpenDocument spreadsheet (`.ods`); an OLE file holding an Excel 97 workbook (`.xls`), an encrypted
package (a password) or an old Word document; HTML; else text (CSV). Every failure is one `InputError` naming the
file and the cause a clerk can act on.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..errors import InputError, Problem
from ..text import clean
from .grid import RawSheet, parse_ref
from .read_csv import decode_text, read_csv
from .read_docx import read_docx
from .read_html import read_html
from .read_ods import read_ods
from .read_xls import PASSWORD, read_xls
from .read_xlsx import read_xlsx

SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv", ".txt", ".docx", ".htm", ".html")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def read_evidence_file(path: Path) -> list[RawSheet]:
    """Every sheet (or Word table) of one file; an unreadable file is an InputError naming it."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(Problem(path, f"không đọc được tệp ({e.strerror or e})")) from e
    if not data.strip():
        raise InputError(Problem(path, "tệp rỗng"))
    try:
        return _read(path, data)
    except InputError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError, UnicodeDecodeError) as e:
        raise InputError(Problem(path, f"tệp bị hỏng, không đọc được ({type(e).__name__}: {e})")) from e
    except Exception as e:  # the readers raise their own errors for damaged files
        module = type(e).__module__
        if (
            module.startswith(("xlrd", "openpyxl", "python_calamine", "lxml", "zipfile"))
            or "Calamine" in type(e).__name__
        ):
            raise InputError(Problem(path, f"tệp bị hỏng, không đọc được ({type(e).__name__}: {e})")) from e
        raise


def _read(path: Path, data: bytes) -> list[RawSheet]:
    if data[:4] == b"PK\x03\x04":
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        if "xl/workbook.xml" in names:
            return read_xlsx(path, data)
        if "word/document.xml" in names:
            return read_docx(path, data)
        if "content.xml" in names:
            return read_ods(path, data)
        raise InputError(Problem(path, "tệp nén không phải bảng tính Excel, LibreOffice hay văn bản Word"))
    if data[:8] == _OLE:
        if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
            raise InputError(Problem(path, PASSWORD))
        if _utf16("WordDocument") in data:
            raise InputError(Problem(path, "văn bản Word cũ (.doc); hãy mở bằng Word và lưu lại thành .docx"))
        return read_xls(path, data)
    text = decode_text(data)
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<table")) or ("<table" in text[:65536].lower() and head[:1] == "<"):
        return read_html(path, data, text)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".ods", ".docx"):
        raise InputError(Problem(path, f"tệp {path.suffix} bị hỏng hoặc không phải {path.suffix} (không mở được)"))
    return read_csv(path, data)


def evidence_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """The files of a folder that may hold a list, in name order, and the others (named to the clerk, never
    dropped silently). Office's lock files (`~$…`) and hidden files are neither."""
    kept, others = [], []
    for p in sorted(folder.iterdir()):
        if not p.is_file() or p.name.startswith(("~$", ".")):
            continue
        (kept if p.suffix.lower() in SHEET_SUFFIXES else others).append(p)
    return kept, others


def excerpt(path: Path, where: str, around: int = 2) -> tuple[str, list[tuple[int, list[str]]], tuple[int, int]] | None:
    """The rows of a sheet around the cell a problem points at (`Sheet1!E7`, `E7`): (sheet name, [(row number,
    texts)], (row, column) of the cell, 0-based), for showing a clerk where it is; None when it cannot be shown."""
    sheet_name, _, ref = where.rpartition("!")
    if not ref or not ref[:1].isalpha() or not ref[-1:].isdigit():
        return None
    try:
        sheets = read_evidence_file(path)
    except InputError:
        return None
    sheet = next((s for s in sheets if s.name == sheet_name), None)
    if sheet is None:
        return None
    row, column = parse_ref(ref)
    first, last = max(0, row - around), min(len(sheet.rows), row + around + 1)
    width = max((len(sheet.rows[r]) for r in range(first, last)), default=0)
    rows = [
        (r + 1, [clean(c.text) for c in sheet.rows[r]] + [""] * (width - len(sheet.rows[r])))
        for r in range(first, last)
    ]
    return sheet.name, rows, (row, column)
