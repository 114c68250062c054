"""`tong_hop.xlsx`: one row per nomination, counts per unit and form, and never a formula."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook

from pipeline.errors import Problems
from pipeline.inputs.awards import load_awards
from pipeline.model import Nomination
from pipeline.render.tong_hop import COUNT_SHEET, LIST_SHEET, workbook_bytes


def nomination(name: str, unit: str, form: str, collective: bool = False) -> Nomination:
    return Nomination(name, collective, "", unit, form, "", Path("/d/de_nghi/a.xlsx"), "DS", 7, "DS!B7")


def test_rows_counts_and_text_cells_only():
    awards = load_awards(None, Problems())
    rows = [
        nomination("=SUM(A1:A2)", "Văn phòng", "giay_khen"),
        nomination("Phòng Tổng hợp", "Phòng Tổng hợp", "giay_khen", collective=True),
        nomination("Lê Văn Bình", "Văn phòng", "bang_khen_tinh"),
    ]
    book = load_workbook(io.BytesIO(workbook_bytes(rows, awards, root=Path("/d"))))
    listed = list(book[LIST_SHEET].iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in listed] == ["=SUM(A1:A2)", "Phòng Tổng hợp", "Lê Văn Bình"]
    assert all(cell.data_type != "f" for row in book[LIST_SHEET].iter_rows() for cell in row)
    assert listed[0][7:] == ("de_nghi/a.xlsx", "DS", 7)
    counts = {row[0]: row[1:] for row in book[COUNT_SHEET].iter_rows(min_row=2, values_only=True)}
    assert counts["Văn phòng"][:2] == (1, 1)
    assert counts["Tổng cộng"][-1] == 3
