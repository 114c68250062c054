"""An HTML table saved with an `.xls` name (what many web systems export as "Excel") → one sheet per table."""

from __future__ import annotations

from pathlib import Path

from lxml import html

from .grid import Cell, RawSheet


def read_html(path: Path, data: bytes, text: str) -> list[RawSheet]:
    document = html.fromstring(text)
    sheets = []
    for number, table in enumerate(document.iter("table"), start=1):
        rows: list[list[Cell]] = []
        merged = []
        pending: dict[tuple[int, int], Cell] = {}  # cells covered by a rowspan from above
        for r, tr in enumerate(table.iter("tr")):
            row: list[Cell] = []
            for td in tr:
                if td.tag not in ("td", "th"):
                    continue
                while (r, len(row)) in pending:
                    row.append(pending.pop((r, len(row))))
                colspan = max(1, int(td.get("colspan", "1") or 1))
                rowspan = max(1, int(td.get("rowspan", "1") or 1))
                col = len(row)
                row.append(Cell(" ".join(td.text_content().split())))
                row.extend([Cell("")] * (colspan - 1))
                if colspan > 1 or rowspan > 1:
                    merged.append((r, col, r + rowspan - 1, col + colspan - 1))
                for below in range(1, rowspan):
                    for c in range(col, col + colspan):
                        pending[(r + below, c)] = Cell("")
            while (r, len(row)) in pending:
                row.append(pending.pop((r, len(row))))
            rows.append(row)
        sheets.append(RawSheet(path, f"Bảng {number}", tuple(tuple(r) for r in rows), False, merged=tuple(merged)))
    return sheets
