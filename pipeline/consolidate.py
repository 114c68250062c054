"""`tong_hop.xlsx`: the consolidated list, one row per nomination with its source, and counts per unit and form.

Every cell is written as text or a number, never a formula: a name that starts with `=`, `+`, `-` or `@` is data
(OWASP "CSV injection"), so it is stored as a string cell that Excel will not evaluate.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .awards import AwardData
from .model import Nomination

LIST_SHEET = "Tổng hợp"
COUNT_SHEET = "Thống kê"
LIST_HEADER = (
    "STT",
    "Họ và tên / Tên tập thể",
    "Tập thể/Cá nhân",
    "Chức vụ, đơn vị",
    "Đơn vị (tổng hợp)",
    "Hình thức khen thưởng",
    "Thành tích",
    "Tệp nguồn",
    "Trang tính",
    "Dòng",
)


def put(ws, row: int, col: int, value: object) -> None:
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if value[:1] in ("=", "+", "-", "@"):
            cell.quotePrefix = True  # and Excel shows it as typed when the cell is edited
    else:
        cell.value = value


def _table(ws, header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[int]) -> None:
    for c, title in enumerate(header, start=1):
        put(ws, 1, c, title)
        ws.cell(row=1, column=c).font = Font(bold=True)
        ws.cell(row=1, column=c).alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            put(ws, r, c, value)
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"


def _form_name(awards: AwardData, code: str) -> str:
    form = awards.form(code)
    return form.ten_ngan if form else code


def counts(nominations: Sequence[Nomination], awards: AwardData) -> pd.DataFrame:
    """Units down, reward forms across, with totals: how many nominations of each."""
    frame = pd.DataFrame(
        {
            "don_vi": [n.don_vi for n in nominations],
            "hinh_thuc": [_form_name(awards, n.hinh_thuc) for n in nominations],
        }
    )
    if frame.empty:
        return pd.DataFrame()
    table = pd.crosstab(frame["don_vi"], frame["hinh_thuc"], margins=True, margins_name="Tổng cộng")
    units_in_order = list(dict.fromkeys(frame["don_vi"])) + ["Tổng cộng"]
    forms_in_order = [f.ten_ngan for f in awards.forms if f.ten_ngan in table.columns] + ["Tổng cộng"]
    return table.reindex(index=units_in_order, columns=forms_in_order)


def workbook_bytes(nominations: Sequence[Nomination], awards: AwardData, root: Path | None = None) -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = LIST_SHEET
    rows = []
    for i, n in enumerate(nominations, start=1):
        source = n.tep.relative_to(root) if root is not None and n.tep.is_relative_to(root) else n.tep
        rows.append(
            (
                i,
                n.ho_ten,
                "Tập thể" if n.tap_the else "Cá nhân",
                n.chuc_vu_va_don_vi,
                n.don_vi,
                _form_name(awards, n.hinh_thuc),
                n.thanh_tich,
                source.as_posix(),
                n.trang_tinh,
                n.dong,
            )
        )
    _table(ws, LIST_HEADER, rows, (6, 28, 12, 22, 30, 24, 50, 30, 14, 7))
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4

    table = counts(nominations, awards)
    ws2 = book.create_sheet(COUNT_SHEET)
    header = ["Đơn vị", *[str(c) for c in table.columns]]
    body = [[str(unit), *[int(v) for v in values]] for unit, values in zip(table.index, table.values, strict=True)]
    _table(ws2, header, body, (36, *([16] * (len(header) - 1))))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
