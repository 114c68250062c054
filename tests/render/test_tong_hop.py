"""`tong_hop.xlsx`: one row per nomination, counts per unit and form, and never a formula."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook

from pipeline.errors import Problems
from pipeline.inputs.awards import load_awards
from pipeline.model import Nomination
from pipeline.render.tong_hop import COUNT_SHEET, LIST_SHEET, ListRows, workbook_bytes


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


def test_the_counts_are_pandas_crosstab_of_units_and_forms():
    """The count sheet's table, made from counted pairs, is the crosstab with margins it replaces: units in the order
    they first appear, forms in the reward data's order, a code the data does not know shown as it is."""
    import pandas as pd

    from pipeline.render.tong_hop import counts

    awards = load_awards(None, Problems())
    codes = ["giay_khen", "bang_khen_tinh", "lao_dong_tien_tien", "ma_la"]
    units = ["Văn phòng", "Phòng Tổng hợp", "Trung tâm", "Phòng Đăng ký kinh doanh"]
    rows = [nomination(f"Người {i}", units[(i * 7) % 4], codes[(i * 3) % 4 if i % 5 else 0]) for i in range(60)]
    got = counts(rows, awards)
    names = [awards.form(n.hinh_thuc).ten_ngan if awards.form(n.hinh_thuc) else n.hinh_thuc for n in rows]
    frame = pd.DataFrame({"don_vi": [n.don_vi for n in rows], "hinh_thuc": names})
    expected = pd.crosstab(frame["don_vi"], frame["hinh_thuc"], margins=True, margins_name="Tổng cộng")
    expected = expected.reindex(
        index=list(dict.fromkeys(frame["don_vi"])) + ["Tổng cộng"],
        columns=[f.ten_ngan for f in awards.forms if f.ten_ngan in expected.columns] + ["Tổng cộng"],
    )
    assert got.values.tolist() == expected.values.tolist()
    assert list(got.index) == list(expected.index) and list(got.columns) == list(expected.columns)
    assert got.loc["Tổng cộng", "Tổng cộng"] == 60
    assert counts([], awards).empty


def _cells(data: bytes) -> dict[str, list[tuple]]:
    book = load_workbook(io.BytesIO(data))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def test_rows_made_as_the_files_arrive_give_the_list_made_at_once():
    """`ListRows.add` makes rows before the list's order is known (file by file, while others are read); the list
    then numbers them in its own order — the same workbook, cell for cell, as one made after the last file, with
    nominations never added made then, and rows added but left out of the list (a duplicate) not written."""
    awards = load_awards(None, Problems())
    units = ["Văn phòng", "Phòng Tổng hợp", "=cmd|' /C calc'!A0"]
    forms = ["giay_khen", "bang_khen_tinh", "lao_dong_tien_tien"]
    first = [nomination(f"Người {i} <&>", units[i % 3], forms[i % 3]) for i in range(40)]
    second = [nomination(f"Trần Văn {i}", units[(i + 1) % 3], forms[i % 2], collective=i % 4 == 0) for i in range(30)]
    late = [nomination("Lê Thị Muộn", "Văn phòng", "giay_khen")]
    listed = sorted(first[1:] + second + late, key=lambda n: (n.don_vi, n.ho_ten))  # another order than read in

    ahead = ListRows(awards, root=Path("/d"))
    ahead.add(first)
    ahead.add(second)
    made = _cells(ahead.workbook(listed))
    at_once = _cells(workbook_bytes(listed, awards, root=Path("/d")))
    assert made == at_once
    rows = made[LIST_SHEET][1:]
    assert [r[0] for r in rows] == list(range(1, len(listed) + 1))  # STT follows the list's order
    assert [r[1] for r in rows] == [n.ho_ten for n in listed]
    assert "Người 0 <&>" not in [r[1] for r in rows] and rows[-1][1] == listed[-1].ho_ten
