"""`.xls` (Excel 97–2003) → sheets of cells, with each cell's font (legacy TCVN3/VNI files are mostly `.xls`)."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, Problem
from .grid import Cell, RawSheet, text_of

# An .xls or an .xlsx with a password to open is encrypted: no reader can see its cells.
PASSWORD = "tệp có mật khẩu; hãy mở bằng Excel, gỡ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc) rồi lưu lại"


def read_xls(path: Path, data: bytes) -> list[RawSheet]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=False)
    except xlrd.XLRDError as e:
        if "encrypted" in str(e).lower():
            raise InputError(Problem(path, PASSWORD)) from e
        raise
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
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK) or cell.ctype == xlrd.XL_CELL_ERROR:
                    value = None
                font = book.font_list[book.xf_list[cell.xf_index].font_index].name if value is not None else None
                cells.append(Cell(text_of(value), font))
            rows.append(tuple(cells))
        hidden = frozenset(r for r, info in ws.rowinfo_map.items() if getattr(info, "hidden", 0))
        merged = tuple((rlo, clo, rhi - 1, chi - 1) for rlo, rhi, clo, chi in ws.merged_cells)
        sheets.append(
            RawSheet(path, ws.name, tuple(rows), True, merged=merged, hidden_rows=hidden, hidden=ws.visibility != 0)
        )
    return sheets
