"""`.xlsx` (and `.xlsm`) → sheets of cells, guarded against files that would bring the readers down.

Values come through calamine (Rust, the fastest reader), or cell by cell through openpyxl when the workbook declares
a legacy TCVN3/VNI font, whose name decides how a cell's bytes read. What neither gives cheaply — merged ranges,
hidden rows, formulas without a stored value, and where the cells really are — is read from each sheet's XML with
a few byte patterns before any reader sees it. A cell far outside any table (a stray mark at `XFD1048576`) would make
calamine allocate the whole rectangle and abort the process, so such cells are cut from a copy of the file first,
and named in a warning.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import InputError, Problem
from ..text import unescape_excel
from . import legacy
from .grid import Cell, Range, RawSheet, cells_of, parse_ref, text_of

MAX_ROWS = 100_000  # rows of one sheet kept; beyond is no unit's table
MAX_COLUMNS = 256
MAX_PART_BYTES = 256 * 1024 * 1024  # an XML part larger than this once unpacked is a zip bomb, not a list

_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MERGE = re.compile(rb'<mergeCell\s+ref="([A-Z]+[0-9]+):([A-Z]+[0-9]+)"')
_ROW_TAG = re.compile(rb"<row\b([^>]*)>")
_ATTR_R = re.compile(rb'\br="([0-9]+)"')
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_FORMULA_NO_VALUE = re.compile(
    rb'<c\s+r="([A-Z]+[0-9]+)"[^>]*>\s*<f\b[^>]*?(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>'
)
_WIDE_CELL = re.compile(rb'<c\s+r="([A-Z]{3}[0-9]+)"')
_FONT_NAME = re.compile(rb'<(?:\w+:)?name val="([^"]*)"')


@dataclass(frozen=True)
class SheetXml:
    """What the sheet's XML says beyond the values."""

    merged: tuple[Range, ...]
    hidden_rows: frozenset[int]
    no_value: frozenset[tuple[int, int]]
    too_far: bool  # cells beyond MAX_ROWS × MAX_COLUMNS


def safe_part(archive: zipfile.ZipFile, name: str, path: Path) -> bytes:
    """One XML part, refused when it would unpack to more than any real file holds or declares entities."""
    info = archive.getinfo(name)
    if info.file_size > MAX_PART_BYTES:
        raise InputError(
            Problem(path, f"tệp có phần “{name}” lớn bất thường khi giải nén; không đọc (có thể là bom nén)")
        )
    with archive.open(info) as part:
        data = part.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise InputError(
            Problem(path, f"tệp có phần “{name}” lớn bất thường khi giải nén; không đọc (có thể là bom nén)")
        )
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:65536]:
        raise InputError(Problem(path, f"tệp có khai báo XML không an toàn trong “{name}” (DOCTYPE/ENTITY); không đọc"))
    return data


def _xml(data: bytes):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(data, parser)


def sheet_parts(archive: zipfile.ZipFile, path: Path) -> list[tuple[str, bool, str]]:
    """(name, hidden, part name) of each worksheet, in the workbook's order."""
    book = _xml(safe_part(archive, "xl/workbook.xml", path))
    rels = _xml(safe_part(archive, "xl/_rels/workbook.xml.rels", path))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    found = []
    for sheet in book.iter(f"{{{_NS_MAIN}}}sheet"):
        target = targets.get(sheet.get(f"{{{_NS_REL}}}id"), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        found.append((sheet.get("name", ""), sheet.get("state", "visible") != "visible", part))
    return found


def scan_sheet(xml: bytes) -> SheetXml:
    merged = tuple(
        (*parse_ref(a.decode()), *parse_ref(b.decode())) for a, b in (m.groups() for m in _MERGE.finditer(xml))
    )
    hidden: set[int] = set()
    if b'hidden="1"' in xml or b'hidden="true"' in xml:  # a plain search first: this runs over every sheet
        for number, match in enumerate(_ROW_TAG.finditer(xml), start=1):
            attrs = match.group(1)
            found = _ATTR_R.search(attrs)
            row = int(found.group(1)) if found else number
            if _HIDDEN.search(attrs):
                hidden.add(row - 1)
    no_value: set[tuple[int, int]] = set()
    if b"<f" in xml:
        no_value = {parse_ref(m.group(1).decode()) for m in _FORMULA_NO_VALUE.finditer(xml)}
    last_row = xml.rfind(b"<row ")
    far = False
    if last_row >= 0:
        found = _ATTR_R.search(xml, last_row, last_row + 200)
        far = bool(found and int(found.group(1)) > MAX_ROWS)
    if not far:
        far = any(parse_ref(m.group(1).decode())[1] >= MAX_COLUMNS for m in _WIDE_CELL.finditer(xml))
    return SheetXml(merged, frozenset(hidden), frozenset(no_value), far)


_FAR_ROW = re.compile(rb'<row\b[^>]*?\br="([0-9]{6,})"')
_VALUED_CELL = re.compile(rb'<c\s+r="([A-Z]+[0-9]+)"[^>/]*>(?:<f\b[^>]*(?:/>|>[^<]*</f>))?<(?:v|is)>')


def _cut_far_cells(xml: bytes) -> tuple[bytes, list[str]]:
    """The sheet without cells beyond MAX_ROWS × MAX_COLUMNS, and the references of those that held something.

    Rows are in ascending order (ECMA-376), so everything from the first row past MAX_ROWS is cut in one piece.
    """
    dropped: list[str] = []
    first_far = next((m.start() for m in _FAR_ROW.finditer(xml) if int(m.group(1)) > MAX_ROWS), -1)
    if first_far >= 0:
        end = xml.find(b"</sheetData>", first_far)
        end = end if end >= 0 else len(xml)
        dropped += [m.group(1).decode() for m in _VALUED_CELL.finditer(xml, first_far, end)]
        xml = xml[:first_far] + xml[end:]
    for match in list(_WIDE_CELL.finditer(xml)):
        ref = match.group(1)
        if parse_ref(ref.decode())[1] >= MAX_COLUMNS:
            cell = re.compile(rb'<c\s+r="' + ref + rb'"[^>]*?(?:/>|>.*?</c>)', re.DOTALL)
            found = cell.search(xml)
            if found is not None:
                if b"<v>" in found.group(0) or b"<is>" in found.group(0):
                    dropped.append(ref.decode())
                xml = xml[: found.start()] + xml[found.end() :]
    return xml, dropped


def _declares_legacy_font(archive: zipfile.ZipFile, path: Path) -> bool:
    try:
        styles = safe_part(archive, "xl/styles.xml", path)
    except KeyError:
        return False
    names = {m.group(1).decode("utf-8", "replace") for m in _FONT_NAME.finditer(styles)}
    return any(legacy.encoding_of_font(name)[0] for name in names)


def read_xlsx(path: Path, data: bytes) -> list[RawSheet]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    parts = sheet_parts(archive, path)
    scans: dict[str, SheetXml] = {}
    notes: dict[str, list[str]] = {}
    replaced: dict[str, bytes] = {}
    for name, _, part in parts:
        if part not in archive.namelist():
            continue
        xml = safe_part(archive, part, path)
        scans[name] = scan_sheet(xml)
        if scans[name].too_far:
            replaced[part], dropped = _cut_far_cells(xml)
            if dropped:
                shown = ", ".join(dropped[:5]) + (" …" if len(dropped) > 5 else "")
                notes[name] = [f"bỏ qua ô nằm xa ngoài bảng ({shown}); nếu là dữ liệu, hãy chép vào trong bảng"]
    if replaced:
        data = _rewritten(archive, replaced)
        archive = zipfile.ZipFile(io.BytesIO(data))
    fonts = _declares_legacy_font(archive, path)
    values = _with_fonts(data) if fonts else _with_calamine(data)
    sheets = []
    for name, hidden, _ in parts:
        if name not in values:
            continue
        scan = scans.get(name, SheetXml((), frozenset(), frozenset(), False))
        rows = values[name]
        if scan.no_value:
            rows = [list(row) for row in rows]
            for r, c in scan.no_value:
                while len(rows) <= r:
                    rows.append([])
                while len(rows[r]) <= c:
                    rows[r].append(Cell(""))
                if not rows[r][c].text:
                    rows[r][c] = Cell("", rows[r][c].font, no_value=True)
            rows = [tuple(row) for row in rows]
        sheets.append(
            RawSheet(
                path,
                name,
                tuple(rows),
                has_fonts=True,
                merged=scan.merged,
                hidden_rows=scan.hidden_rows,
                hidden=hidden,
                notes=tuple(notes.get(name, ())),
            )
        )
    return sheets


def _rewritten(archive: zipfile.ZipFile, replaced: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in archive.infolist():
            copy.writestr(info.filename, replaced.get(info.filename) or archive.read(info.filename))
    return out.getvalue()


def _with_calamine(data: bytes) -> dict[str, list[tuple[Cell, ...]]]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    found = {}
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        found[name] = cells_of(rows)
    return found


def _with_fonts(data: bytes) -> dict[str, list[tuple[Cell, ...]]]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        found = {}
        for ws in book.worksheets:
            rows = []
            for row in ws.iter_rows():
                cells = []
                for c in row:
                    value = getattr(c, "value", None)
                    font = c.font.name if value is not None and getattr(c, "font", None) is not None else None
                    cells.append(Cell(unescape_excel(text_of(value)), font))
                rows.append(tuple(cells))
            found[ws.title] = rows
        return found
    finally:
        book.close()
