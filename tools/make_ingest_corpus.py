"""Write the ingest test corpus: unit files shaped the way offices really send them, each with its expected nominees.

Developer tool (overwrites `tests/data/don_vi/`). Each file combines several shapes of issue 11 — cover and hidden
lookup sheets, merged multi-row headers, numbering rows, split names, birth-year columns, awards already received,
sections in every shape, merged form and unit cells, footers in any column, hidden rows, odd characters, capitals,
legacy encodings, formulas, stray cells, and the formats .xlsx, .xls (HTML and renamed), .ods, .csv and .docx —
and `<file>.json` beside it lists the nominees it holds: name, collective or not, reward form code, unit. The
people are fictional. Run: `python tools/make_ingest_corpus.py`.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from pipeline.inputs.legacy import _tcvn3_table, _vni_table

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "don_vi"

VP, THQH, DKKD = "Văn phòng", "Phòng Tổng hợp, Quy hoạch", "Phòng Đăng ký kinh doanh"
DT, TT = "Phòng Đấu thầu, Thẩm định và Giám sát đầu tư", "Trung tâm Xúc tiến đầu tư"
GK, BKT, BKB = "giay_khen", "bang_khen_tinh", "bang_khen_bo"
LDTT, CSTD, TTLDTT = "lao_dong_tien_tien", "chien_si_thi_dua_co_so", "tap_the_lao_dong_tien_tien"
ACH = "Hoàn thành xuất sắc nhiệm vụ năm 2024."
DATE = "Quy Nhơn, ngày 05 tháng 12 năm 2024"


@dataclass
class Sheet:
    name: str
    rows: list[list[object]]
    merges: list[str] = field(default_factory=list)
    hidden_rows: list[int] = field(default_factory=list)  # 1-based
    hidden: bool = False
    font: str | None = None
    validation: str | None = None  # a column range that gets a drop-down of forms from a hidden sheet
    protected: bool = False


def expected(*items: tuple[str, bool, str, str], warnings: Sequence[str] = (), **extra: dict) -> dict:
    """The nominees a file holds (name, collective, form, unit, and any other field named in `extra` by name),
    and words each expected warning contains."""
    nominees = [{"ho_ten": n, "tap_the": t, "hinh_thuc": f, "don_vi": u} for n, t, f, u in items]
    for nominee in nominees:
        nominee.update(extra.get(nominee["ho_ten"], {}))
    return {"de_nghi": nominees, "canh_bao": list(warnings)}


# --- writers ------------------------------------------------------------------------------------------------------


def write_xlsx(path: Path, sheets: Sequence[Sheet]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for spec in sheets:
        ws = book.create_sheet(spec.name)
        for r, row in enumerate(spec.rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None or value == "":
                    continue
                cell = ws.cell(r, c, value)
                if spec.font:
                    cell.font = Font(name=spec.font)
        for rng in spec.merges:
            ws.merge_cells(rng)
        for r in spec.hidden_rows:
            ws.row_dimensions[r].hidden = True
        if spec.hidden:
            ws.sheet_state = "hidden"
        if spec.protected:
            ws.protection.sheet = True
            ws.protection.password = "123"
        if spec.validation:
            rule = DataValidation(type="list", formula1="=DM!$A$1:$A$4", allow_blank=True)
            ws.add_data_validation(rule)
            rule.add(spec.validation)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _ods_cell(value: object, span: tuple[int, int] | None = None) -> str:
    attrs = ""
    if span:
        attrs = f' table:number-columns-spanned="{span[1]}" table:number-rows-spanned="{span[0]}"'
    if value is None or value == "":
        return f"<table:table-cell{attrs}/>"
    if isinstance(value, int):
        number = f'office:value-type="float" office:value="{value}"'
        return f"<table:table-cell {number}{attrs}><text:p>{value}</text:p></table:table-cell>"
    text = str(value).replace("&", "&amp;").replace("<", "&lt;")
    return f'<table:table-cell office:value-type="string"{attrs}><text:p>{text}</text:p></table:table-cell>'


def write_ods(sheets: Sequence[Sheet]) -> bytes:
    """A minimal OpenDocument spreadsheet, as LibreOffice Calc writes one (repeated empty rows at the end)."""
    tables = []
    for spec in sheets:
        spans = {}
        covered = set()
        for rng in spec.merges:
            a, b = rng.split(":")
            (r0, c0), (r1, c1) = _ref(a), _ref(b)
            spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
            covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - {(r0, c0)}
        rows = []
        for r, row in enumerate(spec.rows):
            visibility = ' table:visibility="collapse"' if r + 1 in spec.hidden_rows else ""
            cells = []
            for c, value in enumerate(row):
                if (r, c) in covered:
                    cells.append("<table:covered-table-cell/>")
                else:
                    cells.append(_ods_cell(value, spans.get((r, c))))
            rows.append(f"<table:table-row{visibility}>{''.join(cells)}</table:table-row>")
        rows.append('<table:table-row table:number-rows-repeated="1048000"><table:table-cell/></table:table-row>')
        tables.append(f'<table:table table:name="{spec.name}">{"".join(rows)}</table:table>')
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        f"<office:body><office:spreadsheet>{''.join(tables)}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
        )
    return out.getvalue()


def _ref(ref: str) -> tuple[int, int]:
    letters = re.match(r"[A-Z]+", ref).group(0)
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return int(ref[len(letters) :]) - 1, col - 1


def write_docx(
    before: Sequence[str], rows: Sequence[Sequence[str]], merges: Sequence[str], after: Sequence[str]
) -> bytes:
    doc = Document()
    for line in before:
        doc.add_paragraph(line)
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value not in (None, ""):
                table.cell(r, c).text = str(value)
    for rng in merges:
        a, b = rng.split(":")
        (r0, c0), (r1, c1) = _ref(a), _ref(b)
        table.cell(r0, c0).merge(table.cell(r1, c1))
    for line in after:
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def csv_text(rows: Sequence[Sequence[object]], sep: str) -> str:
    def cell(value: object) -> str:
        text = "" if value is None else str(value)
        return f'"{text.replace(chr(34), chr(34) * 2)}"' if any(ch in text for ch in (sep, '"', "\n")) else text

    return "\r\n".join(sep.join(cell(v) for v in row) for row in rows) + "\r\n"


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> bytes:
    """Text as Excel saves it on a Vietnamese Windows: base letters precomposed (ă, ơ), tone marks combining."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(p for p in parts if p in _TONES)
        out.append(unicodedata.normalize("NFC", "".join(p for p in parts if p not in _TONES)) + tones)
    return "".join(out).encode("cp1258")


def tcvn3(text: str) -> str:
    reverse = {v: k for k, v in _tcvn3_table().items()}
    return "".join(reverse.get(ch, ch) for ch in text)


def vni(text: str) -> str:
    reverse = {v: k for k, v in _vni_table().items()}
    return "".join(reverse.get(ch, ch) for ch in text)


# --- the corpus ---------------------------------------------------------------------------------------------------

HEAD2 = ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Hình thức đề nghị khen thưởng", None, "Thành tích"]
SUB2 = [None, None, None, None, "Giấy khen", "Bằng khen UBND tỉnh", None]


def case_01() -> tuple[bytes, dict]:
    """A cover sheet of instructions, a hidden lookup sheet, title rows, a two-row merged header with x columns, a
    numbering row, sections, and a footer with signers; a drop-down on the form columns."""
    guide = Sheet(
        "Hướng dẫn",
        [
            ["HƯỚNG DẪN LẬP DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"],
            ["- Họ và tên: ghi đầy đủ, có dấu, không viết tắt."],
            ["- Hình thức đề nghị khen thưởng: đánh dấu x vào cột tương ứng."],
            ["Ví dụ: 1 | Nguyễn Văn A | Chuyên viên | Văn phòng | x"],
        ],
    )
    data = Sheet(
        "Danh sách",
        [
            ["SỞ KẾ HOẠCH VÀ ĐẦU TƯ"],
            [f"{VP.upper()}"],
            [],
            ["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2024"],
            [],
            HEAD2,
            SUB2,
            ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
            ["I", "TẬP THỂ"],
            [1, VP, None, None, "x", None, ACH],
            ["II", "CÁ NHÂN"],
            [1, "Nguyễn Thị Mai", "Chánh Văn phòng", VP, None, "x", ACH],
            [2, "Trần Quốc Bảo", "Chuyên viên", VP, "x", None, ACH],
            [3, "Phạm Văn Đức", "Kế toán", VP, "x", None, ACH],
            [],
            [None, None, None, None, DATE],
            [None, "NGƯỜI LẬP BIỂU", None, None, "THỦ TRƯỞNG ĐƠN VỊ"],
            [None, "(Ký, ghi rõ họ tên)", None, None, "(Ký tên, đóng dấu)"],
            [],
            [None, "Lê Thị Hoa", None, None, "Nguyễn Thị Mai"],
        ],
        merges=["A6:A7", "B6:B7", "C6:C7", "D6:D7", "E6:F6", "G6:G7", "A4:G4"],
        validation="E10:F14",
    )
    lookup = Sheet("DM", [["Giấy khen"], ["Bằng khen UBND tỉnh"], ["x"], [""]], hidden=True)
    return write_xlsx(OUT, [guide, data, lookup]), expected(
        (VP, True, GK, VP),
        ("Nguyễn Thị Mai", False, BKT, VP),
        ("Trần Quốc Bảo", False, GK, VP),
        ("Phạm Văn Đức", False, GK, VP),
        warnings=["DM: bỏ qua trang tính ẩn"],
    )


def case_02() -> tuple[bytes, dict]:
    """One sheet per kind; the sheet name says which; forms typed freely; the unit in the title."""
    head = ["TT", "Tên tập thể", "Hình thức khen thưởng", "Thành tích"]
    collectives = Sheet(
        "Tập thể",
        [["PHÒNG ĐĂNG KÝ KINH DOANH"], [], head, [1, DKKD, "Giấy khen", ACH], [2, "Tổ Một cửa", "GK", ACH]],
    )
    people = Sheet(
        "Cá nhân",
        [
            ["PHÒNG ĐĂNG KÝ KINH DOANH"],
            [],
            ["STT", "Họ tên", "Chức danh", "Hình thức đề nghị"],
            [1, "Võ Thị Thanh", "Trưởng phòng", "Bằng khen của Chủ tịch UBND tỉnh"],
            [2, "Đặng Minh Khôi", "Chuyên viên", "giấy khen của giám đốc sở"],
        ],
    )
    return write_xlsx(OUT, [collectives, people]), expected(
        (DKKD, True, GK, DKKD),
        ("Tổ Một cửa", True, GK, DKKD),
        ("Võ Thị Thanh", False, BKT, DKKD),
        ("Đặng Minh Khôi", False, GK, DKKD),
    )


def case_03() -> tuple[bytes, dict]:
    """One sheet per form, the sheet name says which, with I./II. kinds inside and no form column."""
    head = ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Thành tích"]
    gk = Sheet(
        "Giấy khen",
        [
            head,
            ["I.", "TẬP THỂ"],
            [1, "Phòng Tổng hợp, Quy hoạch", None, THQH, ACH],
            ["II.", "CÁ NHÂN"],
            [1, "Huỳnh Văn Tâm", "Chuyên viên", THQH, ACH],
        ],
    )
    bk = Sheet("Bằng khen UBND tỉnh", [head, ["CÁ NHÂN"], [1, "Lý Thị Ngọc", "Trưởng phòng", THQH, ACH]])
    return write_xlsx(OUT, [gk, bk]), expected(
        (THQH, True, GK, THQH), ("Huỳnh Văn Tâm", False, GK, THQH), ("Lý Thị Ngọc", False, BKT, THQH)
    )


def case_04() -> tuple[bytes, dict]:
    """A three-row header: Hình thức đề nghị › Giấy khen | Bằng khen › UBND tỉnh | Bộ …; beside it a column of awards
    already received, which is not the one asked for."""
    rows = [
        ["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG - TRUNG TÂM XÚC TIẾN ĐẦU TƯ"],
        ["STT", "Họ và tên", "Chức vụ", "Hình thức khen thưởng đã được tặng", "Hình thức đề nghị khen thưởng"],
        [None, None, None, None, "Giấy khen", "Bằng khen"],
        [None, None, None, None, None, "UBND tỉnh", "Bộ Kế hoạch và Đầu tư"],
        [1, "Ngô Thị Lan", "Giám đốc", "Giấy khen năm 2022", None, "x"],
        [2, "Bùi Văn Hùng", "Phó Giám đốc", "Bằng khen UBND tỉnh 2021", None, None, "x"],
        [3, "Đỗ Thu Trang", "Viên chức", "", "x"],
    ]
    merges = ["A2:A4", "B2:B4", "C2:C4", "D2:D4", "E2:G2", "E3:E4", "F3:G3"]
    return write_xlsx(OUT, [Sheet("Sheet1", rows, merges)]), expected(
        ("Ngô Thị Lan", False, BKT, TT), ("Bùi Văn Hùng", False, BKB, TT), ("Đỗ Thu Trang", False, GK, TT)
    )


def case_05() -> tuple[bytes, dict]:
    """The name in two columns (Họ và đệm | Tên), Năm sinh › Nam | Nữ holding the years, names in capitals."""
    rows = [
        ["VĂN PHÒNG SỞ"],
        ["TT", "Họ và đệm", "Tên", "Năm sinh", None, "Chức vụ", "Hình thức khen thưởng"],
        [None, None, None, "Nam", "Nữ"],
        [1, "NGUYỄN THỊ", "HẠNH", None, 1985, "Chuyên viên", "Giấy khen"],
        [2, "Lê Văn", "Sơn", 1979, None, "Lái xe", "Giấy khen"],
    ]
    merges = ["A2:A3", "B2:B3", "C2:C3", "D2:E2", "F2:F3", "G2:G3"]
    return write_xlsx(OUT, [Sheet("DS", rows, merges)]), expected(
        ("Nguyễn Thị Hạnh", False, GK, VP),
        ("Lê Văn Sơn", False, GK, VP),
        **{
            "Nguyễn Thị Hạnh": {"nam_sinh": "1985", "gioi_tinh": "nu"},
            "Lê Văn Sơn": {"nam_sinh": "1979", "gioi_tinh": "nam"},
        },
    )


def case_06() -> tuple[bytes, dict]:
    """Sections that name the form (A. GIẤY KHEN, B. BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH) with I./II. kinds inside,
    in two cells or one."""
    rows = [
        ["PHÒNG ĐẤU THẦU, THẨM ĐỊNH VÀ GIÁM SÁT ĐẦU TƯ"],
        ["STT", "Tên tập thể, cá nhân", "Chức vụ, đơn vị công tác", "Thành tích"],
        ["A", "GIẤY KHEN CỦA GIÁM ĐỐC SỞ"],
        ["I", "TẬP THỂ"],
        [1, "Tổ Thẩm định dự án", None, ACH],
        ["II", "CÁ NHÂN"],
        [1, "Châu Minh Nhật", "Chuyên viên Phòng Đấu thầu, Thẩm định và Giám sát đầu tư", ACH],
        ["B. BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH"],
        ["I. CÁ NHÂN"],
        [1, "Tạ Thị Xuân", "Trưởng phòng Đấu thầu, Thẩm định và Giám sát đầu tư", ACH],
    ]
    return write_xlsx(OUT, [Sheet("Sheet1", rows)]), expected(
        ("Tổ Thẩm định dự án", True, GK, DT), ("Châu Minh Nhật", False, GK, DT), ("Tạ Thị Xuân", False, BKT, DT)
    )


def case_07() -> tuple[bytes, dict]:
    """A form cell merged down over several people; a unit cell merged down over several rows."""
    rows = [
        ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Hình thức khen thưởng"],
        [1, "Phan Văn Lợi", "Chuyên viên", THQH, "Giấy khen"],
        [2, "Trịnh Thị Hà", "Chuyên viên", None, None],
        [3, "Mai Xuân Trường", "Phó Trưởng phòng", None, None],
        [4, "Hồ Thị Kim", "Chuyên viên", DKKD, "Bằng khen UBND tỉnh"],
        [5, "Vương Đình Phúc", "Chuyên viên", None, None],
    ]
    merges = ["D2:D4", "E2:E4", "D5:D6", "E5:E6"]
    return write_xlsx(OUT, [Sheet("Đề nghị", rows, merges)]), expected(
        ("Phan Văn Lợi", False, GK, THQH),
        ("Trịnh Thị Hà", False, GK, THQH),
        ("Mai Xuân Trường", False, GK, THQH),
        ("Hồ Thị Kim", False, BKT, DKKD),
        ("Vương Đình Phúc", False, BKT, DKKD),
    )


def case_08() -> tuple[bytes, dict]:
    """Rows the unit removed by hiding them, and a hidden sheet with an old list: both left out."""
    rows = [
        ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Hình thức khen thưởng"],
        [1, "Kiều Văn Toàn", "Chuyên viên", VP, "Giấy khen"],
        [2, "Người Đã Bỏ", "Chuyên viên", VP, "Giấy khen"],
        [3, "La Thị Thu", "Văn thư", VP, "Giấy khen"],
    ]
    old = Sheet("Năm 2023", [rows[0], [1, "Người Năm Cũ", "Chuyên viên", VP, "Giấy khen"]], hidden=True)
    return write_xlsx(OUT, [Sheet("Năm 2024", rows, hidden_rows=[3]), old]), expected(
        ("Kiều Văn Toàn", False, GK, VP),
        ("La Thị Thu", False, GK, VP),
        warnings=["Năm 2024: bỏ qua 1 dòng ẩn (dòng 3)", "Năm 2023: bỏ qua trang tính ẩn"],
    )


def case_09() -> tuple[bytes, dict]:
    """Totals, a `Danh sách này có …` line and the footer in other columns; real names starting Công and Cống."""
    rows = [
        ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Hình thức khen thưởng"],
        [1, "Công Văn Minh", "Chuyên viên", DKKD, "Giấy khen"],
        [2, "Cống Thị Lan", "Chuyên viên", DKKD, "Giấy khen"],
        [3, "Tổ Tin học", None, DKKD, "Giấy khen"],
        [None, "Cộng: 03", None, None, None],
        ["Tổng cộng: 02 cá nhân, 01 tập thể"],
        ["Danh sách này có 03 đề nghị./."],
        [None, None, None, None, None, DATE],
        [None, None, None, None, None, "TRƯỞNG PHÒNG"],
        [None, None, None, None, None, "Võ Thị Thanh"],
    ]
    return write_xlsx(OUT, [Sheet("Sheet1", rows)]), expected(
        ("Công Văn Minh", False, GK, DKKD),
        ("Cống Thị Lan", False, GK, DKKD),
        ("Tổ Tin học", True, GK, DKKD),
        warnings=["Sheet1!B4: không rõ “Tổ Tin học” là tập thể hay cá nhân; đã coi là tập thể"],
    )


def case_10() -> tuple[bytes, dict]:
    """Invisible and odd characters inside names: BOM, zero-width space and joiner, ideographic space, tabs."""
    rows = [
        ["\ufeffSTT", "Họ và tên", "Chức vụ", "Đơn vị", "Hình thức khen thưởng"],
        [1, "Nguyễn\u200b Văn\u3000Hoàng", "Chuyên viên", VP, "Giấy\u00a0khen"],
        [2, "Trần\tThị\u200d Bích", "Chuyên viên", VP, " Giấy khen "],
        [3, "\ufeffĐinh  Công   Tráng", "Chuyên viên", VP, "GIẤY KHEN"],
    ]
    return write_xlsx(OUT, [Sheet("Sheet1", rows)]), expected(
        ("Nguyễn Văn Hoàng", False, GK, VP), ("Trần Thị Bích", False, GK, VP), ("Đinh Công Tráng", False, GK, VP)
    )


def case_11() -> tuple[bytes, dict]:
    """CSV as Excel saves it on a Vietnamese Windows: UTF-8 with BOM, `;`, CRLF, line breaks inside quoted cells,
    and text that merely looks like an Excel escape."""
    rows = [
        ["DANH SÁCH ĐỀ NGHỊ - PHÒNG TỔNG HỢP, QUY HOẠCH"],
        ["STT", "Họ và tên", "Chức vụ", "Hình thức khen thưởng", "Thành tích"],
        [1, "Lưu Thị\nNgân", "Chuyên viên", "Giấy khen", "Xây dựng mã _x0041_ cho hồ sơ; đạt 100%"],
        [2, "Tăng Văn Khải", "Chuyên viên", "Giấy khen", "Tổng hợp\nbáo cáo"],
    ]
    return ("\ufeff" + csv_text(rows, ";")).encode("utf-8"), expected(
        ("Lưu Thị Ngân", False, GK, THQH),
        ("Tăng Văn Khải", False, GK, THQH),
        **{
            "Lưu Thị Ngân": {"thanh_tich": "Xây dựng mã _x0041_ cho hồ sơ; đạt 100%"},
            "Tăng Văn Khải": {"thanh_tich": "Tổng hợp báo cáo"},
        },
    )


def case_12() -> tuple[bytes, dict]:
    """Excel's "Unicode Text": UTF-16 with BOM, tab-separated; a kind column."""
    rows = [
        ["Họ và tên", "Tập thể/Cá nhân", "Đơn vị", "Hình thức"],
        ["Trung tâm Xúc tiến đầu tư", "Tập thể", TT, "Giấy khen"],
        ["Quách Thị Diệu", "Cá nhân", TT, "Giấy khen"],
    ]
    return ("\ufeff" + csv_text(rows, "\t")).encode("utf-16-le"), expected(
        (TT, True, GK, TT), ("Quách Thị Diệu", False, GK, TT)
    )


def case_13() -> tuple[bytes, dict]:
    """LibreOffice Calc (.ods): a merged two-row header, sections, a hidden row, the empty rest of the sheet."""
    rows = [
        ["VĂN PHÒNG"],
        ["STT", "Họ và tên", "Chức vụ", "Hình thức khen thưởng", None],
        [None, None, None, "Giấy khen", "Bằng khen UBND tỉnh"],
        ["I. CÁ NHÂN"],
        [1, "Thái Văn Nam", "Chuyên viên", "x", None],
        [2, "Người Bị Ẩn", "Chuyên viên", "x", None],
        [3, "Âu Thị Phương", "Chuyên viên", None, "x"],
    ]
    merges = ["A2:A3", "B2:B3", "C2:C3", "D2:E2"]
    return write_ods([Sheet("Trang tính1", rows, merges, hidden_rows=[6])]), expected(
        ("Thái Văn Nam", False, GK, VP), ("Âu Thị Phương", False, BKT, VP), warnings=["bỏ qua 1 dòng ẩn (dòng 6)"]
    )


def case_14() -> tuple[bytes, dict]:
    """The danh sách as a table in a Word file, with its title above and the signers below."""
    rows = [
        ["STT", "Họ và tên", "Chức vụ, đơn vị", "Hình thức đề nghị khen thưởng", ""],
        ["", "", "", "Giấy khen", "Bằng khen UBND tỉnh"],
        ["1", "Lâm Quốc Việt", "Phó Trưởng phòng Đăng ký kinh doanh", "x", ""],
        ["2", "Ông Thị Hằng", "Chuyên viên Phòng Đăng ký kinh doanh", "", "x"],
    ]
    data = write_docx(
        ["SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "PHÒNG ĐĂNG KÝ KINH DOANH", "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"],
        rows,
        ["A1:A2", "B1:B2", "C1:C2", "D1:E1"],
        [DATE, "TRƯỞNG PHÒNG", "Võ Thị Thanh"],
    )
    return data, expected(("Lâm Quốc Việt", False, GK, DKKD), ("Ông Thị Hằng", False, BKT, DKKD))


def _with_formulas(data: bytes, cached: bool) -> bytes:
    """The workbook with its STT cells turned into formulas, with or without the values a spreadsheet stores."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":

                def formula(match: re.Match) -> bytes:
                    ref, number = match.group(1), match.group(2)
                    value = b"<v>" + number + b"</v>" if cached else b""
                    return b'<c r="' + ref + b'"><f>ROW()-1</f>' + value + b"</c>"

                content = re.sub(rb'<c r="(A[0-9]+)" t="n"><v>([0-9]+)</v></c>', formula, content)
            target.writestr(info.filename, content)
    return out.getvalue()


def case_15() -> tuple[bytes, dict]:
    """STT as formulas with the values Excel stores."""
    rows = [["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Hình thức khen thưởng"]]
    rows += [[i, name, "Chuyên viên", VP, "Giấy khen"] for i, name in enumerate(["An Văn Bình", "Lục Thị Cúc"], 1)]
    return _with_formulas(write_xlsx(OUT, [Sheet("Sheet1", rows)]), cached=True), expected(
        ("An Văn Bình", False, GK, VP), ("Lục Thị Cúc", False, GK, VP)
    )


def case_16() -> tuple[bytes, dict]:
    """STT as formulas without stored values (a file written by another program): the STT column is ignored."""
    rows = [["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Hình thức khen thưởng"]]
    rows += [[i, name, "Chuyên viên", VP, "Giấy khen"] for i, name in enumerate(["Doãn Văn Chí", "Mạc Thị Duyên"], 1)]
    return _with_formulas(write_xlsx(OUT, [Sheet("Sheet1", rows)]), cached=False), expected(
        ("Doãn Văn Chí", False, GK, VP), ("Mạc Thị Duyên", False, GK, VP)
    )


def case_17() -> tuple[bytes, dict]:
    """An old TCVN3 list opened in Excel, with a row added later in Unicode, saved as UTF-8 CSV."""
    old = [
        [tcvn3("Phòng Đấu thầu, Thẩm định và Giám sát đầu tư")],
        [tcvn3("Họ và tên"), tcvn3("Chức vụ"), tcvn3("Hình thức khen thưởng")],
        [tcvn3("Hoàng Thị Nguyệt"), tcvn3("Chuyên viên"), tcvn3("Giấy khen")],
        [tcvn3("Lương Văn Thắng"), tcvn3("Trưởng phòng"), tcvn3("Giấy khen")],
    ]
    rows = [*old, ["Nguyễn Hữu Thọ", "Chuyên viên", "Giấy khen"]]
    return csv_text(rows, ",").encode("utf-8"), expected(
        ("Hoàng Thị Nguyệt", False, GK, DT),
        ("Lương Văn Thắng", False, GK, DT),
        ("Nguyễn Hữu Thọ", False, GK, DT),
        warnings=["TCVN3 (ABC), nhận ra từ chữ"],
    )


def case_18() -> tuple[bytes, dict]:
    """VNI-Times text, with a row added in Unicode in a Unicode font."""
    rows = [
        [vni("Họ và tên"), vni("Chức vụ"), vni("Đơn vị"), vni("Hình thức khen thưởng")],
        [vni("Triệu Thị Mỹ"), vni("Chuyên viên"), vni("Trung tâm Xúc tiến đầu tư"), vni("Giấy khen")],
    ]
    book = Workbook()
    ws = book.active
    ws.title = "DS"
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            ws.cell(r, c, value).font = Font(name="VNI-Times")
    for c, value in enumerate(["Nghiêm Văn Tú", "Chuyên viên", TT, "Giấy khen"], start=1):
        ws.cell(3, c, value).font = Font(name="Times New Roman")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), expected(
        ("Triệu Thị Mỹ", False, GK, TT), ("Nghiêm Văn Tú", False, GK, TT), warnings=["VNI, phông VNI-Times"]
    )


def case_19() -> tuple[bytes, dict]:
    """Personal names in capitals (printed in title case); a collective in capitals keeps its own."""
    rows = [
        ["STT", "HỌ VÀ TÊN", "CHỨC VỤ", "ĐƠN VỊ", "HÌNH THỨC KHEN THƯỞNG"],
        ["I. TẬP THỂ"],
        [1, "TỔ KIỂM SOÁT THỦ TỤC HÀNH CHÍNH", None, VP, "GIẤY KHEN"],
        ["II. CÁ NHÂN"],
        [1, "LÊ THỊ THU HÀ", "CHUYÊN VIÊN", VP, "GIẤY KHEN"],
        [2, "ĐOÀN VĂN ÚT", "BẢO VỆ", VP, "GIẤY KHEN"],
    ]
    return write_xlsx(OUT, [Sheet("Sheet1", rows)]), expected(
        ("TỔ KIỂM SOÁT THỦ TỤC HÀNH CHÍNH", True, GK, VP),
        ("Lê Thị Thu Hà", False, GK, VP),
        ("Đoàn Văn Út", False, GK, VP),
    )


def case_20() -> tuple[bytes, dict]:
    """Marks of every kind in the form columns: X, ✓, ✔, 1, có."""
    rows = [
        ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Giấy khen", "Bằng khen UBND tỉnh"],
        [1, "Tôn Nữ Hoài", "Chuyên viên", THQH, "X", None],
        [2, "Cao Văn Lực", "Chuyên viên", THQH, "✓", None],
        [3, "Giáp Thị Mơ", "Chuyên viên", THQH, None, "✔"],
        [4, "Hà Văn Nhất", "Chuyên viên", THQH, 1, None],
        [5, "Khúc Thị Oanh", "Chuyên viên", THQH, "có", None],
    ]
    return write_xlsx(OUT, [Sheet("Sheet1", rows)]), expected(
        ("Tôn Nữ Hoài", False, GK, THQH),
        ("Cao Văn Lực", False, GK, THQH),
        ("Giáp Thị Mơ", False, BKT, THQH),
        ("Hà Văn Nhất", False, GK, THQH),
        ("Khúc Thị Oanh", False, GK, THQH),
    )


def case_21() -> tuple[bytes, dict]:
    """An HTML table with an `.xls` name, as web systems export "Excel", with rowspan and colspan."""
    html = (
        "<html><head><meta charset='utf-8'></head><body><p>TRUNG TÂM XÚC TIẾN ĐẦU TƯ</p><table border=1>"
        "<tr><th rowspan=2>STT</th><th rowspan=2>Họ và tên</th><th rowspan=2>Chức vụ</th>"
        "<th colspan=2>Hình thức đề nghị khen thưởng</th></tr>"
        "<tr><th>Giấy khen</th><th>Bằng khen UBND tỉnh</th></tr>"
        "<tr><td>1</td><td>Lê Hoàng Phi</td><td>Viên chức</td><td>x</td><td></td></tr>"
        "<tr><td>2</td><td>Nông Thị Quý</td><td>Viên chức</td><td></td><td>x</td></tr>"
        "</table></body></html>"
    )
    return html.encode("utf-8"), expected(("Lê Hoàng Phi", False, GK, TT), ("Nông Thị Quý", False, BKT, TT))


def case_22() -> tuple[bytes, dict]:
    """An .xlsx renamed to .xls; the sheet protected against editing (read normally)."""
    rows = [
        ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Hình thức khen thưởng"],
        [1, "Phó Đức Long", "Chuyên viên", VP, "Giấy khen"],
    ]
    return write_xlsx(OUT, [Sheet("Sheet1", rows, protected=True)]), expected(("Phó Đức Long", False, GK, VP))


def case_23() -> tuple[bytes, dict]:
    """A stray mark at XFD1048576, far outside the table (it would crash a reader that allocates its rectangle)."""
    rows = [
        ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Hình thức khen thưởng"],
        [1, "Hứa Văn Mạnh", "Chuyên viên", DKKD, "Giấy khen"],
    ]
    book_bytes = write_xlsx(OUT, [Sheet("Sheet1", rows)])
    source = zipfile.ZipFile(io.BytesIO(book_bytes))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                stray = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>.</t></is></c></row></sheetData>'
                content = content.replace(b"</sheetData>", stray)
            target.writestr(info.filename, content)
    return out.getvalue(), expected(
        ("Hứa Văn Mạnh", False, GK, DKKD), warnings=["bỏ qua ô nằm xa ngoài bảng (XFD1048576)"]
    )


def case_24() -> tuple[bytes, dict]:
    """Excel dates of birth, a sex column and staff numbers, a notes column, the annual-review titles."""
    import datetime as dt

    rows = [
        ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Mã số", "Chức vụ", "Đơn vị", "Danh hiệu đề nghị", "Ghi chú"],
        [1, "Trương Văn Hải", dt.datetime(1980, 4, 12), "Nam", "CB001", "Chuyên viên", DT, "Lao động tiên tiến", "x"],
        [2, "Lữ Thị Kiều", dt.datetime(1990, 1, 2), "Nữ", "CB002", "Chuyên viên", DT, "CSTĐCS", None],
        [3, "Phòng Đấu thầu, Thẩm định và Giám sát đầu tư", None, None, None, None, DT, "TTLĐTT", None],
    ]
    return write_xlsx(OUT, [Sheet("Sheet1", rows)]), expected(
        ("Trương Văn Hải", False, LDTT, DT),
        ("Lữ Thị Kiều", False, CSTD, DT),
        (DT, True, TTLDTT, DT),
        **{
            "Trương Văn Hải": {"nam_sinh": "1980", "gioi_tinh": "nam", "ma_so": "CB001"},
            "Lữ Thị Kiều": {"nam_sinh": "1990", "gioi_tinh": "nu", "ma_so": "CB002"},
        },
    )


def case_25() -> tuple[bytes, dict]:
    """A Word file whose first table is the document header (agency | Quốc hiệu) and the second the list, with a
    name typed with tabs and the section `TẬP THỂ` alone."""
    doc = Document()
    header = doc.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "SỞ KẾ HOẠCH VÀ ĐẦU TƯ\nVĂN PHÒNG"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    doc.add_paragraph("DANH SÁCH ĐỀ NGHỊ TẶNG GIẤY KHEN")
    table = doc.add_table(rows=5, cols=4)
    for r, row in enumerate(
        [
            ["TT", "Họ và tên", "Chức vụ", "Hình thức khen thưởng"],
            ["", "TẬP THỂ", "", ""],
            ["1", "Văn phòng", "", "Giấy khen"],
            ["", "CÁ NHÂN", "", ""],
            ["1", "Nguyễn\tVăn Tư", "Chuyên viên", "Giấy khen"],
        ]
    ):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    doc.add_paragraph(DATE)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue(), expected((VP, True, GK, VP), ("Nguyễn Văn Tư", False, GK, VP))


def case_26() -> tuple[bytes, dict]:
    """A CSV with a `sep=;` first line and Windows-1258 bytes, sections in the name column, a blank unit cell."""
    rows = [
        ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Hình thức khen thưởng"],
        ["", "I. TẬP THỂ"],
        ["1", "Tổ Văn thư", "", VP, "Giấy khen"],
        ["", "II. CÁ NHÂN"],
        ["1", "Quan Thị Yên", "Văn thư", VP, "Giấy khen"],
    ]
    text = "sep=;\r\n" + csv_text(rows, ";")
    return windows_1258(text), expected(("Tổ Văn thư", True, GK, VP), ("Quan Thị Yên", False, GK, VP))


CASES = {
    "01-huong-dan-tieu-de-gop.xlsx": case_01,
    "02-trang-theo-loai.xlsx": case_02,
    "03-trang-theo-hinh-thuc.xlsx": case_03,
    "04-tieu-de-ba-dong-da-khen.xlsx": case_04,
    "05-ho-ten-tach-cot-nam-sinh.xlsx": case_05,
    "06-muc-theo-hinh-thuc.xlsx": case_06,
    "07-o-gop-doc.xlsx": case_07,
    "08-dong-an-trang-an.xlsx": case_08,
    "09-cong-chan-bang.xlsx": case_09,
    "10-ky-tu-an.xlsx": case_10,
    "11-phong-tong-hop-quy-hoach-utf8.csv": case_11,
    "12-unicode-text-utf16.csv": case_12,
    "13-van-phong-libreoffice.ods": case_13,
    "14-bang-word.docx": case_14,
    "15-stt-cong-thuc.xlsx": case_15,
    "16-stt-cong-thuc-khong-gia-tri.xlsx": case_16,
    "17-phong-dau-thau-tcvn3-them-unicode.csv": case_17,
    "18-vni-them-unicode.xlsx": case_18,
    "19-chu-in-hoa.xlsx": case_19,
    "20-dau-chon.xlsx": case_20,
    "21-trung-tam-xuc-tien-dau-tu-html.xls": case_21,
    "22-van-phong-doi-ten.xls": case_22,
    "23-o-lac-xa.xlsx": case_23,
    "24-ngay-sinh-danh-hieu.xlsx": case_24,
    "25-van-phong-word-hai-bang.docx": case_25,
    "26-van-phong-cp1258.csv": case_26,
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    for name, make in CASES.items():
        data, nominees = make()
        (OUT / name).write_bytes(data)
        text = json.dumps(nominees, ensure_ascii=False, indent=1) + "\n"
        (OUT / f"{name}.json").write_text(text, encoding="utf-8")
    print(f"{len(CASES)} tệp trong {OUT}")


if __name__ == "__main__":
    main()
