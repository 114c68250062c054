"""`.docx` → one sheet per table: units often send the danh sách as a table in a Word file.

The paragraphs before a table (the unit, the title) become its title rows and those after it (date line, signers)
its footer rows, so that the table finder treats them as it would in a spreadsheet. Horizontally merged cells
(`gridSpan`) and vertically merged ones (`vMerge`) become merged ranges.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from .grid import Cell, RawSheet
from .read_xlsx import safe_part

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(name: str) -> str:
    return f"{{{_W}}}{name}"


def _text(element) -> str:
    """The text of a paragraph or cell: runs' text, tabs and breaks; paragraphs joined by a line break."""
    paragraphs = []
    for p in element.iter(_w("p")):
        out = []
        for node in p.iter(_w("t"), _w("tab"), _w("br"), _w("cr")):
            out.append(node.text or "" if node.tag == _w("t") else ("\t" if node.tag == _w("tab") else "\n"))
        paragraphs.append("".join(out))
    return "\n".join(paragraphs)


def _table_rows(table) -> tuple[list[tuple[Cell, ...]], list[tuple[int, int, int, int]]]:
    rows: list[tuple[Cell, ...]] = []
    merged = []
    going: dict[int, list[int]] = {}  # grid column → [first row, last row, width] of a vertical merge

    def close(col: int) -> None:
        first, last, width = going.pop(col)
        if last > first or width > 1:
            merged.append((first, col, last, col + width - 1))

    for r, tr in enumerate(table.iterchildren(_w("tr"))):
        cells: list[Cell] = []
        for tc in tr.iterchildren(_w("tc")):
            props = tc.find(_w("tcPr"))
            grid_span = props.find(_w("gridSpan")) if props is not None else None
            vmerge = props.find(_w("vMerge")) if props is not None else None
            span = int(grid_span.get(_w("val"), "1")) if grid_span is not None else 1
            col = len(cells)
            if vmerge is not None and vmerge.get(_w("val"), "continue") == "continue" and col in going:
                going[col][1] = r
                cells.extend([Cell("")] * span)
                continue
            if col in going:
                close(col)
            cells.append(Cell(" ".join(_text(tc).split("\n"))))
            cells.extend([Cell("")] * (span - 1))
            if vmerge is not None:
                going[col] = [r, r, span]
            elif span > 1:
                merged.append((r, col, r, col + span - 1))
        rows.append(tuple(cells))
    for col in list(going):
        close(col)
    return rows, merged


def read_docx(path: Path, data: bytes) -> list[RawSheet]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    body = etree.fromstring(safe_part(archive, "word/document.xml", path), parser).find(_w("body"))
    blocks: list[tuple[str, object]] = []
    for child in body:
        if child.tag == _w("p"):
            text = _text(child).strip()
            if text:
                blocks.append(("p", text))
        elif child.tag == _w("tbl"):
            blocks.append(("tbl", child))
    tables = [i for i, (kind, _) in enumerate(blocks) if kind == "tbl"]
    sheets = []
    for number, at in enumerate(tables, start=1):
        start = tables[number - 2] + 1 if number > 1 else 0
        end = tables[number] if number < len(tables) else len(blocks)
        above = [Cell(text) for kind, text in blocks[start:at] if kind == "p"]
        below = [Cell(text) for kind, text in blocks[at + 1 : end] if kind == "p"]
        grid, merged = _table_rows(blocks[at][1])
        offset = len(above)
        rows = [(cell,) for cell in above] + grid + [(cell,) for cell in below]
        sheets.append(
            RawSheet(
                path,
                f"Bảng {number}",
                tuple(rows),
                has_fonts=False,
                merged=tuple((r0 + offset, c0, r1 + offset, c1) for r0, c0, r1, c1 in merged),
            )
        )
    return sheets
