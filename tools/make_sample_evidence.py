"""Write the sample evidence files under inputs/<campaign>/de_nghi/: four units, four layouts, as units send them.

Developer tool (overwrites the files). The people are fictional. Each file reproduces a shape of SPEC.md §8:

- van-phong.xlsx: title rows, a two-row merged header with an `x` under one column per reward form, a numbering
  row, section rows `I. TẬP THỂ` / `II. CÁ NHÂN`, and a footer with date and signatures;
- phong-dang-ky-kinh-doanh.xlsx: a one-row header, a kind column, position and unit in one column, reward forms
  typed freely (`GK`, `giấy khen của giám đốc sở`), decomposed Unicode, non-breaking and double spaces, Alt+Enter
  line breaks and a `_x000B_` escape;
- trung-tam-xuc-tien-dau-tu.xlsx: typed years ago in TCVN3 (fonts `.VnTime`, `.VnTimeH` for the capitals);
- phong-tong-hop-quy-hoach.csv: saved by Excel as CSV on a Vietnamese Windows (Windows-1258, `;`-separated);
- phong-dau-thau-tham-dinh.docx: the list as a table in a Word file, the unit and title above it, merged header
  cells over an `x` column per form, the date and signer below;
- trung-tam-xuc-tien-dau-tu-bo-sung.ods: a supplementary list from LibreOffice Calc, with `Năm sinh` over
  `Nam` | `Nữ` columns holding the years, and the empty rest of the sheet as one repeated row.
"""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path

from docx import Document
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from pipeline.inputs.legacy import _tcvn3_table

OUT = Path(__file__).resolve().parent.parent / "inputs" / "phong-trao-thi-dua-dac-biet-2021" / "de_nghi"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
COVID = "phòng, chống dịch COVID-19"


def _grid(ws, top: int, left: int, bottom: int, right: int) -> None:
    for row in ws.iter_rows(min_row=top, max_row=bottom, min_col=left, max_col=right):
        for cell in row:
            cell.border = BOX


def van_phong() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Đề nghị"
    font = Font(name="Times New Roman", size=12)
    bold = Font(name="Times New Roman", size=12, bold=True)
    ws["A1"], ws["A2"] = "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "VĂN PHÒNG"
    ws["A4"] = "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"
    ws["A5"] = "Phong trào thi đua đặc biệt phòng, chống dịch COVID-19 năm 2021"
    for ref in ("A1", "A2", "A4", "A5"):
        ws[ref].font = bold
    ws.merge_cells("A4:F4")
    ws.merge_cells("A5:F5")
    header = {
        "A7": "STT",
        "B7": "Họ và tên",
        "C7": "Chức vụ",
        "D7": "Hình thức đề nghị khen thưởng",
        "F7": "Tóm tắt thành tích",
        "D8": "Giấy khen",
        "E8": "Bằng khen UBND tỉnh",
    }
    for ref, text in header.items():
        ws[ref] = text
        ws[ref].font = bold
        ws[ref].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for rng in ("A7:A8", "B7:B8", "C7:C8", "D7:E7", "F7:F8"):
        ws.merge_cells(rng)
    for col, text in zip("ABCDEF", ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"], strict=True):
        ws[f"{col}9"] = text
    rows = [
        ("I. TẬP THỂ",),
        (
            1,
            "Văn phòng Sở",
            "",
            "x",
            "",
            f"Tham mưu kịp thời các biện pháp {COVID} tại cơ quan; bảo đảm hoạt động "
            "thông suốt trong thời gian giãn cách.",
        ),
        ("II. CÁ NHÂN",),
        (
            1,
            "Phạm Ngọc Ánh",
            "Chánh Văn phòng",
            "",
            "x",
            f"Chỉ đạo xây dựng phương án {COVID} của cơ quan; điều phối hậu cần cho lực lượng trực chốt.",
        ),
        (
            2,
            "Nguyễn Thị Thu Hà",
            "Phó Chánh Văn phòng",
            "x",
            "",
            "Tổ chức tiêm vắc-xin cho 100% công chức, viên chức, người lao động của Sở.",
        ),
        (
            3,
            "Võ Văn Dũng",
            "Chuyên viên",
            "x",
            "",
            "Triển khai họp trực tuyến cho các cuộc họp của Sở trong thời gian giãn cách.",
        ),
        (4, "Đặng Thị Ơn", "Văn thư", "x", "", "Bảo đảm xử lý văn bản điện tử thông suốt, không để tồn đọng."),
    ]
    r = 10
    for values in rows:
        if len(values) == 1:
            ws.cell(r, 1, values[0]).font = bold
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=6)
        else:
            for c, v in enumerate(values, start=1):
                ws.cell(r, c, v).font = font
        r += 1
    _grid(ws, 7, 1, r - 1, 6)
    ws.cell(r + 1, 4, "Bình Định, ngày 10 tháng 11 năm 2021").font = Font(name="Times New Roman", italic=True)
    ws.cell(r + 2, 1, "NGƯỜI LẬP BIỂU").font = bold
    ws.cell(r + 2, 4, "CHÁNH VĂN PHÒNG").font = bold
    ws.cell(r + 6, 1, "Võ Văn Dũng")
    ws.cell(r + 6, 4, "Phạm Ngọc Ánh")
    for col, width in zip("ABCDEF", (6, 26, 22, 12, 14, 60), strict=True):
        ws.column_dimensions[col].width = width
    wb.save(OUT / "van-phong.xlsx")


def dang_ky_kinh_doanh() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(
        [
            "TT",
            "Tên tập thể, cá nhân",
            "Tập thể/Cá nhân",
            "Chức vụ, đơn vị công tác",
            "Hình thức khen thưởng",
            "Thành tích",
        ]
    )
    decomposed = unicodedata.normalize("NFD", "Lê Thị Hồng Nhung")
    ws.append(
        [
            1,
            "Phòng Đăng ký kinh doanh",
            "Tập thể",
            "Sở Kế hoạch và Đầu tư",
            "giấy khen của giám đốc sở",
            "Giải quyết hồ sơ đăng ký doanh nghiệp trực tuyến 100%\ntrong thời gian giãn cách.",
        ]
    )
    ws.append(
        [
            2,
            "Trần\u00a0Quốc  Bảo",
            "Cá nhân",
            "Trưởng phòng Đăng ký kinh doanh",
            "Bằng khen của Chủ tịch UBND tỉnh",
            "Chỉ đạo chuyển toàn bộ thủ tục đăng ký kinh doanh sang trực tuyến_x000B_trong đợt dịch.",
        ]
    )
    ws.append(
        [
            3,
            decomposed,
            "CN",
            " Chuyên viên Phòng Đăng ký kinh doanh ",
            "GK",
            "Hỗ trợ doanh nghiệp khai hồ sơ qua mạng, tổng đài giải đáp trong giờ giãn cách.",
        ]
    )
    ws.append(
        [
            4,
            "Huỳnh Tấn Lực",
            "Cá nhân",
            "Chuyên viên Phòng Đăng ký kinh doanh",
            "Giấy khen",
            "Cập nhật dữ liệu doanh nghiệp tạm ngừng kinh doanh do dịch, phục vụ chính sách hỗ trợ.",
        ]
    )
    for col, width in zip("ABCDEF", (5, 28, 14, 36, 30, 60), strict=True):
        ws.column_dimensions[col].width = width
    wb.save(OUT / "phong-dang-ky-kinh-doanh.xlsx")


def to_tcvn3(text: str) -> str:
    """Unicode → TCVN3 codes (lower-case only; capitals are drawn by the .VnTimeH font)."""
    reverse = {v: k for k, v in _tcvn3_table().items()}
    return "".join(reverse.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def xuc_tien_dau_tu() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "DS"
    upper = Font(name=".VnTimeH", size=12, bold=True)
    normal = Font(name=".VnTime", size=12)
    ws["A1"] = to_tcvn3("trung tâm xúc tiến đầu tư")
    ws["A2"] = to_tcvn3("danh sách đề nghị khen thưởng năm 2021")
    ws["A1"].font = ws["A2"].font = upper
    header = ["STT", "Họ và tên", "Chức vụ", "Hình thức khen thưởng", "Thành tích"]
    for c, text in enumerate(header, start=1):
        cell = ws.cell(4, c, to_tcvn3(text))
        cell.font = Font(name=".VnTime", size=12, bold=True)
    data = [
        ("I. TẬP THỂ", None),
        (
            "",
            "Phòng Xúc tiến và Hỗ trợ đầu tư",
            "",
            "Giấy khen",
            "Tổ chức hội nghị xúc tiến đầu tư trực tuyến với các nhà đầu tư Nhật Bản trong thời gian giãn cách.",
        ),
        ("II. CÁ NHÂN", None),
        (
            "1",
            "Nguyễn Văn Hướng",
            "Giám đốc Trung tâm",
            "Bằng khen Bộ Kế hoạch và Đầu tư",
            "Duy trì tiếp xúc nhà đầu tư qua hình thức trực tuyến, không để gián đoạn dự án.",
        ),
        (
            "2",
            "Lương Thị Diễm",
            "Chuyên viên",
            "Giấy khen",
            "Biên soạn tài liệu giới thiệu môi trường đầu tư bằng tiếng Anh, tiếng Nhật.",
        ),
    ]
    r = 5
    for values in data:
        if values[1] is None:
            ws.cell(r, 1, to_tcvn3(values[0].lower()).replace("i. ", "I. ").replace("ii. ", "II. ")).font = upper
        else:
            for c, v in enumerate(values, start=1):
                if v:
                    ws.cell(r, c, to_tcvn3(v)).font = normal
        r += 1
    _grid(ws, 4, 1, r - 1, 5)
    ws.cell(r + 1, 3, to_tcvn3("Quy Nhơn, ngày 12 tháng 11 năm 2021")).font = Font(name=".VnTime", italic=True)
    ws.cell(r + 2, 3, to_tcvn3("giám đốc")).font = upper
    for col, width in zip("ABCDE", (6, 30, 22, 24, 60), strict=True):
        ws.column_dimensions[col].width = width
    wb.save(OUT / "trung-tam-xuc-tien-dau-tu.xlsx")


def tones_apart(text: str) -> str:
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        tone = "".join(m for m in decomposed if m in tones)
        base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in tones))
        out.append(base + tone)
    return "".join(out)


def tong_hop_quy_hoach() -> None:
    lines = [
        "Họ và tên;Chức vụ;Đơn vị;Hình thức đề nghị;Thành tích",
        "Phòng Tổng hợp, Quy hoạch;;Phòng Tổng hợp, Quy hoạch;Giấy khen;Tham mưu kế hoạch phục hồi kinh tế sau dịch.",
        "Lê Văn Bình;Phó Trưởng phòng;Phòng Tổng hợp, Quy hoạch;Giấy khen;Tổng hợp số liệu thiệt hại do dịch "
        "phục vụ điều hành của tỉnh.",
        "Trương Thị Yến;Chuyên viên;Phòng Tổng hợp, Quy hoạch;Giấy khen;Tham gia tổ công tác hỗ trợ khu cách ly "
        "tập trung.",
    ]
    # Excel on a Vietnamese Windows writes CSV in Windows-1258: ă, â, ê, ô, ơ, ư, đ precomposed, the tone marks as
    # combining characters after them.
    text = "\r\n".join(tones_apart(line) for line in lines) + "\r\n"
    (OUT / "phong-tong-hop-quy-hoach.csv").write_bytes(text.encode("cp1258"))


def dau_thau_tham_dinh() -> None:
    doc = Document()
    for line in (
        "SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
        "PHÒNG ĐẤU THẦU, THẨM ĐỊNH VÀ GIÁM SÁT ĐẦU TƯ",
        "",
        "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
    ):
        doc.add_paragraph(line)
    rows = [
        ["STT", "Họ và tên", "Chức vụ", "Hình thức đề nghị khen thưởng", "", "Thành tích"],
        ["", "", "", "Bằng khen UBND tỉnh", "Bằng khen Bộ", ""],
        ["", "CÁ NHÂN", "", "", "", ""],
        ["1", "Huỳnh Thị Kim Oanh", "Trưởng phòng", "x", "", f"Chỉ đạo thẩm định nhanh các dự án đầu tư {COVID}."],
        ["2", "Đỗ Minh Tuấn", "Chuyên viên", "", "x", "Rút ngắn thời gian thẩm định hồ sơ đầu tư trong giãn cách."],
    ]
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value:
                table.cell(r, c).text = value
    for first, last in (((0, 0), (1, 0)), ((0, 1), (1, 1)), ((0, 2), (1, 2)), ((0, 3), (0, 4)), ((0, 5), (1, 5))):
        table.cell(*first).merge(table.cell(*last))
    for line in ("Bình Định, ngày 10 tháng 11 năm 2021", "TRƯỞNG PHÒNG", "", "Huỳnh Thị Kim Oanh"):
        doc.add_paragraph(line)
    doc.save(OUT / "phong-dau-thau-tham-dinh.docx")


def xuc_tien_dau_tu_bo_sung() -> None:
    """A supplementary list written as LibreOffice Calc writes an .ods (content.xml by hand: no odf library)."""

    def cell(value: str = "", span: int = 0, rows: int = 0) -> str:
        spans = f' table:number-columns-spanned="{span}"' if span else ""
        spans += f' table:number-rows-spanned="{rows}"' if rows else ""
        if not value:
            return f"<table:table-cell{spans}/>"
        return f'<table:table-cell office:value-type="string"{spans}><text:p>{value}</text:p></table:table-cell>'

    covered = "<table:covered-table-cell/>"
    table = [
        [cell("TRUNG TÂM XÚC TIẾN ĐẦU TƯ")],
        [cell("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG BỔ SUNG")],
        [],
        [
            cell("STT", rows=2),
            cell("Họ và tên", rows=2),
            cell("Năm sinh", span=2),
            covered,
            cell("Chức vụ", rows=2),
            cell("Hình thức khen thưởng", rows=2),
            cell("Thành tích", rows=2),
        ],
        [covered, covered, cell("Nam"), cell("Nữ"), covered, covered, covered],
        [cell("II. CÁ NHÂN")],
        [
            cell("1"),
            cell("Lê Thị Mỹ Duyên"),
            cell(),
            cell("1988"),
            cell("Phó Giám đốc"),
            cell("Bằng khen UBND tỉnh"),
            cell("Tổ chức xúc tiến đầu tư trực tuyến trong thời gian giãn cách."),
        ],
        [],
        [cell(), cell(), cell(), cell(), cell("Quy Nhơn, ngày 15 tháng 11 năm 2021")],
    ]
    rows = "".join(f"<table:table-row>{''.join(r) or '<table:table-cell/>'}</table:table-row>" for r in table)
    rows += '<table:table-row table:number-rows-repeated="1048567"><table:table-cell/></table:table-row>'
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        f'<office:body><office:spreadsheet><table:table table:name="Bổ sung">{rows}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(OUT / "trung-tam-xuc-tien-dau-tu-bo-sung.ods", "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
            '<manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
        )


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    van_phong()
    dang_ky_kinh_doanh()
    xuc_tien_dau_tu()
    tong_hop_quy_hoach()
    dau_thau_tham_dinh()
    xuc_tien_dau_tu_bo_sung()
    print(f"wrote sample evidence in {OUT}")


if __name__ == "__main__":
    main()
