"""The consolidated list's own .xlsx writer: read back by openpyxl and pandas, as a clerk's Excel would read it."""

from __future__ import annotations

import io
import os
import zipfile

import pandas as pd
from openpyxl import load_workbook

from pipeline.xlsx import Sheet, workbook


def _book(*rows, header=("A", "B", "C")) -> bytes:
    sheet = Sheet("Danh sách <1> & 'x'", header)
    for row in rows:
        sheet.append(row)
    return workbook([sheet])


def test_texts_numbers_and_markup_read_back_as_written():
    data = _book(
        (1, "Phòng A & B <tổ 1>", 'Ghi "chú"'),
        (2.5, '=HYPERLINK("x")', "-5"),
        (3, None, ""),
        (True, "a\x01b\x0bc", "Trần Thị Ánh"),
    )
    book = load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    assert sheet.title == "Danh sách <1> & 'x'"
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert rows[0] == (1, "Phòng A & B <tổ 1>", 'Ghi "chú"')
    assert rows[1] == (2.5, '=HYPERLINK("x")', "-5")  # text that looks like a formula is kept as text
    assert rows[2] == (3, None, None)
    assert rows[3] == ("True", "abc", "Trần Thị Ánh")  # characters XML forbids are dropped
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert sheet["B3"].quotePrefix and not sheet["B2"].quotePrefix
    assert sheet["A1"].font.b and sheet.freeze_panes == "A2"


def test_a_text_repeated_on_every_row_is_stored_once():
    unit = "Phòng Đăng ký kinh doanh"
    data = _book(*[(i, f"Người {i}", unit) for i in range(1, 201)])
    strings = zipfile.ZipFile(io.BytesIO(data)).read("xl/sharedStrings.xml").decode()
    assert strings.count(unit) == 1
    frame = pd.read_excel(io.BytesIO(data), dtype=str, engine="calamine")
    assert (frame["C"] == unit).all() and len(frame) == 200
    assert frame["B"].tolist()[-1] == "Người 200"


def test_rows_wider_than_the_fast_path_keep_every_cell():
    header = tuple(f"H{i}" for i in range(70))
    data = _book(tuple(range(70)), header=header)
    row = next(load_workbook(io.BytesIO(data)).worksheets[0].iter_rows(min_row=2, values_only=True))
    assert row == tuple(range(70))


def test_rows_of_every_shape_read_back_whatever_their_empty_cells():
    """Rows whose empty cells, texts and numbers fall anywhere read back cell for cell."""
    rows = [
        tuple(("" if (i >> c) & 1 else (f"ô {i}-{c}" if c % 2 else i * 10 + c)) for c in range(5)) for i in range(40)
    ]
    data = _book(*rows, header=tuple("ABCDE"))
    got = list(load_workbook(io.BytesIO(data)).worksheets[0].iter_rows(min_row=2, values_only=True))
    assert got == [tuple(None if v == "" else v for v in row) for row in rows]


def test_a_part_is_compressed_as_its_pieces_are_made_and_a_failure_on_either_side_is_raised():
    """`_write_part` compresses in a thread of its own while the next pieces are made: the part reads back whole,
    and a failure of the compression (a full disk under a real file) or of making the pieces is raised here, with
    no thread left waiting."""
    import threading

    import pytest

    from pipeline.xlsx import _write_part

    pieces = [f"<r>{i}</r>" * 500 for i in range(50)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        _write_part(archive, "x.xml", iter(pieces))
    assert zipfile.ZipFile(out).read("x.xml").decode() == "".join(pieces)

    class Full(io.BytesIO):
        full = True

        def write(self, data):
            if self.full and self.tell() > 1000:
                raise OSError(28, "No space left on device")
            return super().write(data)

    before = threading.active_count()
    disk = Full()
    archive = zipfile.ZipFile(disk, "w", zipfile.ZIP_DEFLATED)
    with pytest.raises(OSError, match="No space"):
        _write_part(archive, "x.xml", iter([os.urandom(3000).hex() for _ in range(200)]))
    disk.full = False
    archive.close()

    def broken():
        yield "<a>"
        raise ValueError("made wrong")

    with pytest.raises(ValueError, match="made wrong"):
        _write_part(zipfile.ZipFile(io.BytesIO(), "w"), "y.xml", broken())
    assert threading.active_count() == before


def test_the_printed_table_fits_the_page_width_and_shows_every_word():
    """Printed, every column of a row is on one sheet of A4 landscape, with the grid printed; a text longer than its
    column wraps within it (at the top of its cell), and its row is made tall enough for the lines — a spreadsheet
    sizes a row to its text only when asked, and a clerk prints the list for the council as it opens."""
    sheet = Sheet("DS", ("STT", "Họ và tên", "Thành tích của tập thể, cá nhân"), widths=(5, 20, 30))
    sheet.append((1, "Nguyễn Văn A", "ngắn"))
    sheet.append((2, "Trần Thị B", "Hoàn thành xuất sắc nhiệm vụ năm 2024, " * 3))
    sheet.append((3, "=1+1", "x" * 1000))
    book = load_workbook(io.BytesIO(workbook([sheet])))
    ws = book.worksheets[0]
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.print_options.gridLines
    assert ws.print_title_rows == "$1:$1"
    for cell in (ws["A2"], ws["B3"], ws["C3"], ws["B4"]):
        assert cell.alignment.wrap_text and cell.alignment.vertical == "top", cell.coordinate
    assert ws["B4"].quotePrefix and ws["A1"].font.b
    assert ws.row_dimensions[1].height == 30  # the header's third title wraps to two lines
    assert ws.row_dimensions[2].height is None  # one line: the spreadsheet's own height
    assert ws.row_dimensions[3].height == 15 * 4  # 117 characters in a column of 30
    assert ws.row_dimensions[4].height == 15 * 12  # never taller than twelve lines
