"""Write the year-end review sample's evidence files under inputs/tong-ket-nam-2024/de_nghi/ (SPEC.md §10).

Developer tool (overwrites the files). The people are fictional. Each unit nominates its people for the titles Lao
động tiên tiến and Chiến sĩ thi đua cơ sở (with the ground: excellent completion or an initiative), its collectives
for Tập thể lao động tiên tiến, and some for Giấy khen, a Bằng khen of the province or Tập thể lao động xuất sắc.
Several awards per person, in the shapes units send them:

- van-phong.xlsx: title rows, a two-row merged header (`Danh hiệu thi đua` over a column per title, `Hình thức khen
  thưởng` over a column per form) with `x` marks, `Căn cứ xét`, sections `I. TẬP THỂ` / `II. CÁ NHÂN`, a footer;
- phong-dang-ky-kinh-doanh.xlsx: one header row, the awards typed in one cell (`LĐTT, CSTĐCS`), position and unit
  in one column, a kind column;
- phong-tong-hop-quy-hoach.xlsx: one sheet per kind (`Tập thể`, `Cá nhân`), marks `✓`;
- phong-dau-thau-tham-dinh.xlsx: the name in two columns (`Họ và đệm` | `Tên`), `Năm sinh`, the same person on two
  rows for two awards.

And the review's past (`lich_su/`: the 2022 and 2023 lists of Chiến sĩ thi đua cơ sở, the 2023 evaluations), and a
failing example in `inputs/_vi-du-loi-bang-khen/` (a Bằng khen proposed without its history).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Border, Font, Side

INPUTS = Path(__file__).resolve().parent.parent / "inputs"
OUT = INPUTS / "tong-ket-nam-2024" / "de_nghi"
HISTORY = INPUTS / "tong-ket-nam-2024" / "lich_su"
EXAMPLE = INPUTS / "_vi-du-loi-bang-khen" / "de_nghi"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FONT = Font(name="Times New Roman", size=12)
BOLD = Font(name="Times New Roman", size=12, bold=True)
HTXS = "Hoàn thành xuất sắc nhiệm vụ năm 2024"


def _box(ws, top: int, bottom: int, width: int) -> None:
    for row in ws.iter_rows(min_row=top, max_row=bottom, min_col=1, max_col=width):
        for cell in row:
            cell.border = BOX
            if not cell.font.b:
                cell.font = FONT


def _title(ws, unit: str, width: int) -> None:
    ws["A1"], ws["A2"] = "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", unit.upper()
    ws["A4"] = "DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU THI ĐUA VÀ KHEN THƯỞNG NĂM 2024"
    for ref in ("A1", "A2", "A4"):
        ws[ref].font = BOLD
    ws.merge_cells(start_row=4, start_column=1, end_row=4, end_column=width)


def _footer(ws, row: int, head: str) -> None:
    ws.cell(row + 1, 5, "Quy Nhơn, ngày 05 tháng 12 năm 2024")
    ws.cell(row + 2, 5, head.upper()).font = BOLD
    ws.cell(row + 3, 5, "(Ký, ghi rõ họ tên)")


def van_phong() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Đề nghị"
    _title(ws, "Văn phòng", 10)
    top = {
        "A6": "STT",
        "B6": "Họ và tên",
        "C6": "Chức vụ",
        "D6": "Danh hiệu thi đua",
        "G6": "Hình thức khen thưởng",
        "I6": "Căn cứ xét",
        "J6": "Ghi chú",
    }
    for ref, text in top.items():
        ws[ref] = text
        ws[ref].font = BOLD
    for col, text in zip(
        "DEFGH",
        [
            "Lao động tiên tiến",
            "Chiến sĩ thi đua cơ sở",
            "Tập thể lao động tiên tiến",
            "Giấy khen",
            "Bằng khen UBND tỉnh",
        ],
        strict=True,
    ):
        ws[f"{col}7"] = text
        ws[f"{col}7"].font = BOLD
    for col in "ABCIJ":
        ws.merge_cells(f"{col}6:{col}7")
    ws.merge_cells("D6:F6")
    ws.merge_cells("G6:H6")
    rows = [
        ("I. TẬP THỂ",),
        (1, "Văn phòng Sở", "", "", "", "x", "", "", "", ""),
        ("II. CÁ NHÂN",),
        (1, "Phạm Ngọc Ánh", "Chánh Văn phòng", "x", "x", "", "", "", "Sáng kiến số 02/QĐ-HĐSK ngày 12/11/2024", ""),
        (2, "Nguyễn Thị Thu Hằng", "Phó Chánh Văn phòng", "x", "", "", "x", "", "", ""),
        (3, "Trần Quốc Bảo", "Chuyên viên", "x", "", "", "", "", "", ""),
        (4, "Lê Thị Mỹ Duyên", "Kế toán", "x", "x", "", "", "", HTXS, ""),
        (5, "Võ Văn Tài", "Nhân viên", "x", "", "", "", "", "", ""),
    ]
    for i, values in enumerate(rows, start=8):
        for j, value in enumerate(values, start=1):
            ws.cell(i, j, value)
        if len(values) == 1:
            ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=10)
            ws.cell(i, 1).font = BOLD
    last = 7 + len(rows)
    _box(ws, 6, last, 10)
    _footer(ws, last + 1, "Chánh Văn phòng")
    wb.save(OUT / "van-phong.xlsx")


def dang_ky_kinh_doanh() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    _title(ws, "Phòng Đăng ký kinh doanh", 6)
    header = [
        "STT",
        "Họ và tên",
        "Tập thể/Cá nhân",
        "Chức vụ, đơn vị",
        "Danh hiệu, hình thức khen thưởng đề nghị",
        "Căn cứ xét",
    ]
    rows = [
        (1, "Phòng Đăng ký kinh doanh", "Tập thể", "", "Tập thể lao động tiên tiến, Tập thể lao động xuất sắc", ""),
        (
            2,
            "Đặng Minh Khoa",
            "Cá nhân",
            "Trưởng phòng Đăng ký kinh doanh",
            "LĐTT, CSTĐCS, Bằng khen UBND tỉnh",
            "Sáng kiến số 05/QĐ-HĐSK ngày 12/11/2024",
        ),
        (3, "Huỳnh Thị Ngọc Lan", "Cá nhân", "Phó Trưởng phòng Đăng ký kinh doanh", "LĐTT, CSTĐCS", HTXS),
        (4, "Phan Văn Lộc", "Cá nhân", "Chuyên viên Phòng Đăng ký kinh doanh", "LĐTT", ""),
        (5, "Bùi Thị Kim Oanh", "Cá nhân", "Chuyên viên Phòng Đăng ký kinh doanh", "LĐTT; Giấy khen", ""),
        (6, "Ngô Thanh Phong", "Cá nhân", "Chuyên viên Phòng Đăng ký kinh doanh", "Lao động tiên tiến", ""),
    ]
    for j, text in enumerate(header, start=1):
        ws.cell(6, j, text).font = BOLD
    for i, values in enumerate(rows, start=7):
        for j, value in enumerate(values, start=1):
            ws.cell(i, j, value)
    last = 6 + len(rows)
    _box(ws, 6, last, 6)
    _footer(ws, last + 1, "Trưởng phòng")
    wb.save(OUT / "phong-dang-ky-kinh-doanh.xlsx")


def tong_hop_quy_hoach() -> None:
    wb = Workbook()
    collectives = wb.active
    collectives.title = "Tập thể"
    _title(collectives, "Phòng Tổng hợp, Quy hoạch", 4)
    for j, text in enumerate(["STT", "Tên tập thể", "Tập thể lao động tiên tiến", "Giấy khen"], start=1):
        collectives.cell(6, j, text).font = BOLD
    for j, value in enumerate([1, "Phòng Tổng hợp, Quy hoạch", "✓", "✓"], start=1):
        collectives.cell(7, j, value)
    _box(collectives, 6, 7, 4)
    people = wb.create_sheet("Cá nhân")
    _title(people, "Phòng Tổng hợp, Quy hoạch", 6)
    header = ["STT", "Họ và tên", "Chức vụ", "Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Căn cứ xét"]
    for j, text in enumerate(header, start=1):
        people.cell(6, j, text).font = BOLD
    rows = [
        (1, "Trương Công Hậu", "Trưởng phòng", "✓", "✓", HTXS),
        (2, "Đỗ Thị Thanh Tâm", "Phó Trưởng phòng", "✓", "", ""),
        (3, "Lý Văn Sang", "Chuyên viên", "✓", "", ""),
        (4, "Mai Thị Hoa", "Chuyên viên", "✓", "", ""),
    ]
    for i, values in enumerate(rows, start=7):
        for j, value in enumerate(values, start=1):
            people.cell(i, j, value)
    _box(people, 6, 6 + len(rows), 6)
    _footer(people, 7 + len(rows), "Trưởng phòng")
    wb.save(OUT / "phong-tong-hop-quy-hoach.xlsx")


def dau_thau_tham_dinh() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "DS đề nghị"
    _title(ws, "Phòng Đấu thầu, Thẩm định và Giám sát đầu tư", 7)
    header = ["STT", "Họ và đệm", "Tên", "Năm sinh", "Chức vụ", "Hình thức khen thưởng", "Căn cứ xét"]
    for j, text in enumerate(header, start=1):
        ws.cell(6, j, text).font = BOLD
    rows = [
        ("I. TẬP THỂ",),
        (1, "Phòng Đấu thầu, Thẩm định và Giám sát đầu tư", "", "", "", "Tập thể lao động tiên tiến", ""),
        ("II. CÁ NHÂN",),
        (1, "Nguyễn Hữu", "Thắng", 1975, "Trưởng phòng", "Lao động tiên tiến", ""),
        (2, "Nguyễn Hữu", "Thắng", 1975, "Trưởng phòng", "Chiến sĩ thi đua cơ sở", HTXS),
        (3, "Hồ Thị", "Xuân", 1988, "Chuyên viên", "Lao động tiên tiến", ""),
        (4, "Châu Văn", "Út", 1990, "Chuyên viên", "Lao động tiên tiến", ""),
    ]
    for i, values in enumerate(rows, start=7):
        for j, value in enumerate(values, start=1):
            ws.cell(i, j, value)
        if len(values) == 1:
            ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=7)
            ws.cell(i, 1).font = BOLD
        elif not values[2]:  # a collective's name across the two name columns
            ws.merge_cells(start_row=i, start_column=2, end_row=i, end_column=3)
    last = 6 + len(rows)
    _box(ws, 6, last, 7)
    _footer(ws, last + 1, "Trưởng phòng")
    wb.save(OUT / "phong-dau-thau-tham-dinh.xlsx")


def _list(path: Path, title: str, header: list[str], rows: list[tuple]) -> None:
    """A plain list as offices keep them: title, one header row, the rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws["A1"] = "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"
    ws["A3"] = title
    ws["A1"].font = ws["A3"].font = BOLD
    for j, text in enumerate(header, start=1):
        ws.cell(5, j, text).font = BOLD
    for i, values in enumerate(rows, start=6):
        for j, value in enumerate(values, start=1):
            ws.cell(i, j, value)
    _box(ws, 5, 5 + len(rows), len(header))
    wb.save(path)


def history() -> None:
    """The two years before: the decisions' lists of Chiến sĩ thi đua cơ sở and the 2023 evaluations. The unit now
    called Phòng Đăng ký kinh doanh was Phòng Đăng ký doanh nghiệp in 2022 (`ten_cu` in co_quan.toml)."""
    header = ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Danh hiệu"]
    title = "Chiến sĩ thi đua cơ sở"
    _list(
        HISTORY / "quyet-dinh-2022-chien-si-thi-dua-co-so.xlsx",
        "DANH SÁCH CÁ NHÂN ĐƯỢC CÔNG NHẬN DANH HIỆU “CHIẾN SĨ THI ĐUA CƠ SỞ” NĂM 2022",
        header,
        [
            (1, "Đặng Minh Khoa", "Phó Trưởng phòng", "Phòng Đăng ký doanh nghiệp", title),
            (2, "Trương Công Hậu", "Trưởng phòng", "Phòng Tổng hợp, Quy hoạch", title),
            (3, "Phạm Ngọc Ánh", "Chánh Văn phòng", "Văn phòng", title),
        ],
    )
    _list(
        HISTORY / "quyet-dinh-2023-chien-si-thi-dua-co-so.xlsx",
        "DANH SÁCH CÁ NHÂN ĐƯỢC CÔNG NHẬN DANH HIỆU “CHIẾN SĨ THI ĐUA CƠ SỞ” NĂM 2023",
        header,
        [
            (1, "Đặng Minh Khoa", "Trưởng phòng", "Phòng Đăng ký kinh doanh", title),
            (2, "Nguyễn Hữu Thắng", "Trưởng phòng", "Phòng Đấu thầu, Thẩm định và Giám sát đầu tư", title),
        ],
    )
    _list(
        HISTORY / "danh-gia-2023.xlsx",
        "KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CÔNG CHỨC NĂM 2023",
        ["STT", "Họ và tên", "Đơn vị", "Xếp loại"],
        [
            (1, "Đặng Minh Khoa", "Phòng Đăng ký kinh doanh", "Hoàn thành xuất sắc nhiệm vụ"),
            (2, "Nguyễn Hữu Thắng", "Phòng Đấu thầu, Thẩm định và Giám sát đầu tư", "Hoàn thành xuất sắc nhiệm vụ"),
            (3, "Phạm Ngọc Ánh", "Văn phòng", "Hoàn thành tốt nhiệm vụ"),
            (4, "Hồ Thị Xuân", "Phòng Đấu thầu, Thẩm định và Giám sát đầu tư", "Hoàn thành tốt nhiệm vụ"),
        ],
    )


VOTES = [  # the council's secret ballot (7 members), per nominee: every award of the nominee
    ("Văn phòng Sở", "Văn phòng", 7),
    ("Phạm Ngọc Ánh", "Văn phòng", 7),
    ("Nguyễn Thị Thu Hằng", "Văn phòng", 6),
    ("Trần Quốc Bảo", "Văn phòng", 6),
    ("Lê Thị Mỹ Duyên", "Văn phòng", 7),
    ("Võ Văn Tài", "Văn phòng", 5),
    ("Phòng Tổng hợp, Quy hoạch", "Phòng Tổng hợp, Quy hoạch", 7),
    ("Trương Công Hậu", "Phòng Tổng hợp, Quy hoạch", 7),
    ("Đỗ Thị Thanh Tâm", "Phòng Tổng hợp, Quy hoạch", 6),
    ("Lý Văn Sang", "Phòng Tổng hợp, Quy hoạch", 6),
    ("Mai Thị Hoa", "Phòng Tổng hợp, Quy hoạch", 6),
    ("Phòng Đăng ký kinh doanh", "Phòng Đăng ký kinh doanh", 7),
    ("Đặng Minh Khoa", "Phòng Đăng ký kinh doanh", 7),
    ("Huỳnh Thị Ngọc Lan", "Phòng Đăng ký kinh doanh", 6),
    ("Phan Văn Lộc", "Phòng Đăng ký kinh doanh", 6),
    ("Bùi Thị Kim Oanh", "Phòng Đăng ký kinh doanh", 6),
    ("Ngô Thanh Phong", "Phòng Đăng ký kinh doanh", 5),
    ("Phòng Đấu thầu, Thẩm định và Giám sát đầu tư", "Phòng Đấu thầu, Thẩm định và Giám sát đầu tư", 7),
    ("Nguyễn Hữu Thắng", "Phòng Đấu thầu, Thẩm định và Giám sát đầu tư", 7),
    ("Hồ Thị Xuân", "Phòng Đấu thầu, Thẩm định và Giám sát đầu tư", 6),
    ("Châu Văn Út", "Phòng Đấu thầu, Thẩm định và Giám sát đầu tư", 6),
]


def votes() -> None:
    """The secretary's tally of the council's vote, one line per nominee (the minutes apply it to each award)."""
    collectives = {name for name, unit, _ in VOTES if name == unit or name.startswith(unit)}
    _list(
        INPUTS / "tong-ket-nam-2024" / "bien_ban" / "ket-qua-bo-phieu.xlsx",
        "KẾT QUẢ BỎ PHIẾU CỦA HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG NĂM 2024",
        ["STT", "Họ và tên", "Tập thể/Cá nhân", "Đơn vị", "Số phiếu đồng ý"],
        [
            (i, name, "Tập thể" if name in collectives else "Cá nhân", unit, count)
            for i, (name, unit, count) in enumerate(VOTES, start=1)
        ],
    )


def failing_example() -> None:
    """A Bằng khen proposal that fails its history check, in a folder `tdkt build` leaves alone (its name starts
    with `_`): `tdkt build inputs/_vi-du-loi-bang-khen` shows the error a clerk would see."""
    _list(
        EXAMPLE / "phong-dau-thau-tham-dinh.xlsx",
        "DANH SÁCH ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH NĂM 2024",
        ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Hình thức khen thưởng"],
        [(1, "Hồ Thị Xuân", "Chuyên viên", "Phòng Đấu thầu, Thẩm định và Giám sát đầu tư", "Bằng khen UBND tỉnh")],
    )


def main() -> None:
    for folder in (OUT, HISTORY, EXAMPLE, INPUTS / "tong-ket-nam-2024" / "bien_ban"):
        folder.mkdir(parents=True, exist_ok=True)
    van_phong()
    dang_ky_kinh_doanh()
    tong_hop_quy_hoach()
    dau_thau_tham_dinh()
    history()
    votes()
    failing_example()
    print(f"wrote the review sample's evidence, history and failing example under {INPUTS}")


if __name__ == "__main__":
    main()
