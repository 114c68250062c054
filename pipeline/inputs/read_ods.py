"""`.ods` (LibreOffice Calc, OpenDocument) → sheets of cells, read from `content.xml` directly.

Repeated rows and cells (`number-rows-repeated`, used for the empty rest of a sheet, a million rows at a time) are
expanded only where they hold something; spanned cells become merged ranges; collapsed or filtered rows are hidden,
and a table whose style says `display="false"` is a hidden sheet.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from .grid import Cell, RawSheet
from .read_xlsx import MAX_COLUMNS, MAX_ROWS, safe_part

_T = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_O = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TX = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_S = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"


def _t(name: str) -> str:
    return f"{{{_T}}}{name}"


def _paragraph_text(element) -> str:
    """A text:p with its spans, spaces (text:s) and tabs, as the cell shows it."""
    out = [element.text or ""]
    for child in element:
        tag = etree.QName(child).localname
        if tag == "s":
            out.append(" " * int(child.get(f"{{{_TX}}}c", "1")))
        elif tag == "tab":
            out.append("\t")
        elif tag == "line-break":
            out.append("\n")
        else:
            out.append(_paragraph_text(child))
        out.append(child.tail or "")
    return "".join(out)


def _cell_value(cell) -> tuple[str, bool]:
    """(text, formula without value)."""
    kind = cell.get(f"{{{_O}}}value-type")
    formula = cell.get(_t("formula")) is not None
    if kind in ("float", "percentage", "currency"):
        value = cell.get(f"{{{_O}}}value", "")
        try:
            number = float(value)
            return (str(int(number)) if number.is_integer() else value), False
        except ValueError:
            return value, False
    if kind == "date":
        return cell.get(f"{{{_O}}}date-value", "")[:10], False
    if kind == "boolean":
        return ("x" if cell.get(f"{{{_O}}}boolean-value") == "true" else ""), False
    text = "\n".join(_paragraph_text(p) for p in cell.iter(f"{{{_TX}}}p"))
    return text, formula and not text and kind is None


def read_ods(path: Path, data: bytes) -> list[RawSheet]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(safe_part(archive, "content.xml", path), parser)
    hidden_styles = {
        style.get(f"{{{_S}}}name")
        for style in root.iter(f"{{{_S}}}style")
        if any(p.get(_t("display")) == "false" for p in style.iter(f"{{{_S}}}table-properties"))
    }
    sheets = []
    for table in root.iter(_t("table")):
        rows: list[tuple[Cell, ...]] = []
        merged = []
        hidden_rows = set()
        for row in table.iter(_t("table-row")):
            repeat = min(int(row.get(_t("number-rows-repeated"), "1")), MAX_ROWS)
            cells: list[Cell] = []
            spans = []
            for cell in row:
                tag = etree.QName(cell).localname
                if tag not in ("table-cell", "covered-table-cell"):
                    continue
                times = min(int(cell.get(_t("number-columns-repeated"), "1")), MAX_COLUMNS)
                text, no_value = _cell_value(cell) if tag == "table-cell" else ("", False)
                if text or no_value:
                    cols, rws = (
                        int(cell.get(_t("number-columns-spanned"), "1")),
                        int(cell.get(_t("number-rows-spanned"), "1")),
                    )
                    if cols > 1 or rws > 1:
                        spans.append((len(cells), cols, rws))
                    cells.extend([Cell(text, no_value=no_value)] * times)
                elif len(cells) + times <= MAX_COLUMNS:
                    cells.extend([Cell("")] * times)
                if len(cells) >= MAX_COLUMNS:
                    break
            while cells and not cells[-1].text and not cells[-1].no_value:
                cells.pop()
            if not cells and repeat > 1:
                repeat = 1 if len(rows) < MAX_ROWS else 0  # an empty block: one row stands for it
            for _ in range(repeat):
                r = len(rows)
                if row.get(_t("visibility")) in ("collapse", "filter") and cells:
                    hidden_rows.add(r)
                for col, cols, rws in spans:
                    merged.append((r, col, r + rws - 1, col + cols - 1))
                rows.append(tuple(cells))
            if len(rows) >= MAX_ROWS:
                break
        while rows and not rows[-1]:
            rows.pop()
        sheets.append(
            RawSheet(
                path,
                table.get(_t("name"), ""),
                tuple(rows),
                has_fonts=False,
                merged=tuple(merged),
                hidden_rows=frozenset(hidden_rows),
                hidden=table.get(_t("style-name")) in hidden_styles,
            )
        )
    return sheets
