"""Write the Word templates in templates_docx/ from scratch, laid out per NĐ30 Phụ lục I.

Developer tool: the committed .docx files are the templates; clerks open and edit those in Word or LibreOffice.
Run this only to rebuild them after changing the layout here (it overwrites them):

    python tools/make_templates.py

Layout choices (NĐ30 Phụ lục I unless said): A4, margins 20/20/30/15 mm; Times New Roman everywhere with no theme
font; a borderless header table of 65 + 100 mm, so that the Quốc hiệu (12 pt bold, 88 mm) stays on one line; body
14 pt justified with a 1.27 cm first-line indent, 6 pt before each paragraph, line spacing 1.15; page numbers
13 pt centred in the header, not on page 1. Paragraph styles carry all formatting, named `TDKT …`, so a clerk
changes the look of every paragraph of a kind by changing its style.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, Twips

from pipeline.render.layout import fit_rules

FONT = "Times New Roman"
OUT = Path(__file__).resolve().parent.parent / "templates_docx"
HEADER_COLUMNS = (Mm(65), Mm(100))
SIGNATURE_COLUMNS = (Mm(80), Mm(85))
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"


# --- styles -------------------------------------------------------------------------------------------------------


def _set_fonts(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        fonts.attrib.pop(attr)
    for key in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{key}"), FONT)


def _plain_fonts_everywhere(doc) -> None:
    """Times New Roman in the defaults and in every style, and no theme font anywhere (NĐ30: TNR everywhere)."""
    styles = doc.styles.element
    rpr_default = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    _set_fonts(rpr_default)
    for tag in ("sz", "szCs"):
        el = rpr_default.find(qn(f"w:{tag}"))
        if el is None:
            el = OxmlElement(f"w:{tag}")
            rpr_default.append(el)
        el.set(qn("w:val"), "28")
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    for fonts in styles.iter(qn("w:rFonts")):
        if any(a.endswith("Theme") for a in fonts.attrib):
            for attr in list(fonts.attrib):
                fonts.attrib.pop(attr)
            for key in ("ascii", "hAnsi", "cs", "eastAsia"):
                fonts.set(qn(f"w:{key}"), FONT)
    for color in styles.iter(qn("w:color")):
        color.set(qn("w:val"), "000000")
        for attr in ("themeColor", "themeShade", "themeTint"):
            color.attrib.pop(qn(f"w:{attr}"), None)


def _paragraph_style(
    doc,
    style_id,
    name,
    *,
    size=14,
    bold=False,
    italic=False,
    align=None,
    indent=None,
    before=None,
    after=None,
    line=None,
    base="Normal",
    keep_next=False,
):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = style_id
    style.base_style = doc.styles[base]
    style.quick_style = True
    font = style.font
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    _set_fonts(style.element.get_or_add_rPr())
    fmt = style.paragraph_format
    if align is not None:
        fmt.alignment = align
    if indent is not None or base == "Normal":
        fmt.first_line_indent = indent if indent is not None else Cm(0)
    # Unset values are inherited from the base style (a derived style keeps the body's spacing).
    if before is not None:
        fmt.space_before = Pt(before)
    if after is not None:
        fmt.space_after = Pt(after)
    if line is not None:
        fmt.line_spacing = line
    fmt.widow_control = True
    if keep_next:
        fmt.keep_with_next = True
    return style


def add_styles(doc) -> None:
    _plain_fonts_everywhere(doc)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    _set_fonts(normal.element.get_or_add_rPr())
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0

    center = WD_ALIGN_PARAGRAPH.CENTER
    # Header block (NĐ30 Phụ lục I, mục II.1–II.5).
    _paragraph_style(doc, "TdktCoQuanChuQuan", "TDKT Cơ quan chủ quản", size=13, align=center)
    _paragraph_style(doc, "TdktCoQuan", "TDKT Cơ quan ban hành", size=13, bold=True, align=center)
    _paragraph_style(doc, "TdktQuocHieu", "TDKT Quốc hiệu", size=12, bold=True, align=center)
    _paragraph_style(doc, "TdktTieuNgu", "TDKT Tiêu ngữ", size=13, bold=True, align=center)
    _paragraph_style(doc, "TdktSoKyHieu", "TDKT Số, ký hiệu", size=13, align=center, before=6)
    _paragraph_style(doc, "TdktDiaDanh", "TDKT Địa danh, ngày", size=13, italic=True, align=center, before=6)
    # Rules under text: a thin paragraph whose bottom border is the line; tdkt sets its indents from the text above.
    for style_id, name in (("TdktKeDuoiBangChu", "TDKT Kẻ dưới bằng chữ"), ("TdktKeDuoiNgan", "TDKT Kẻ dưới ngắn")):
        style = _paragraph_style(doc, style_id, name, size=1, align=center, before=2)
        style.paragraph_format.line_spacing = Pt(1)
        ppr = style.element.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        line = OxmlElement("w:bottom")
        for key, value in (("val", "single"), ("sz", "6"), ("space", "0"), ("color", "000000")):
            line.set(qn(f"w:{key}"), value)
        borders.append(line)
        ppr.insert(0, borders)
    # Title, trích yếu, and the body (mục III–VI).
    _paragraph_style(doc, "TdktTenLoai", "TDKT Tên loại", size=14, bold=True, align=center, before=18, keep_next=True)
    _paragraph_style(doc, "TdktTrichYeu", "TDKT Trích yếu", size=14, bold=True, align=center, keep_next=True)
    _paragraph_style(doc, "TdktKinhGui", "TDKT Kính gửi", size=14, align=center, before=12)
    kinh_gui_line = _paragraph_style(doc, "TdktKinhGuiDong", "TDKT Kính gửi (dòng)", size=14)
    kinh_gui_line.paragraph_format.left_indent = Cm(4.5)
    _paragraph_style(doc, "TdktThamQuyen", "TDKT Thẩm quyền", size=14, bold=True, align=center, before=6)
    _paragraph_style(doc, "TdktQuyetDinh", "TDKT Quyết định:", size=14, bold=True, align=center, before=6, after=6)
    _paragraph_style(doc, "TdktDanhSach", "TDKT Danh sách (tiêu đề)", size=14, bold=True, align=center)
    _paragraph_style(doc, "TdktKemTheo", "TDKT Kèm theo", size=14, italic=True, align=center)
    _paragraph_style(doc, "TdktBang", "TDKT Bảng", size=13, align=WD_ALIGN_PARAGRAPH.LEFT, before=2, after=2)
    _paragraph_style(doc, "TdktBangGiua", "TDKT Bảng (giữa)", size=13, align=center, before=2, after=2)
    _paragraph_style(
        doc, "TdktBangPhai", "TDKT Bảng (phải)", size=13, align=WD_ALIGN_PARAGRAPH.RIGHT, before=2, after=2
    )
    _paragraph_style(doc, "TdktBangTieuDe", "TDKT Bảng (tiêu đề)", size=13, bold=True, align=center, before=2, after=2)
    _paragraph_style(doc, "TdktBangChu", "TDKT Bằng chữ", size=14, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, before=6)
    body = _paragraph_style(
        doc,
        "TdktNoiDung",
        "TDKT Nội dung",
        size=14,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        indent=Cm(1.27),
        before=6,
        line=1.15,
    )
    del body
    _paragraph_style(doc, "TdktCanCu", "TDKT Căn cứ", italic=True, base="TDKT Nội dung")
    _paragraph_style(doc, "TdktMuc", "TDKT Mục", bold=True, base="TDKT Nội dung", keep_next=True)
    _paragraph_style(doc, "TdktTieuMuc", "TDKT Tiểu mục", bold=True, base="TDKT Nội dung", keep_next=True)
    # Signature block and Nơi nhận (mục VII–IX).
    _paragraph_style(
        doc,
        "TdktNoiNhanTieuDe",
        "TDKT Nơi nhận (tiêu đề)",
        size=12,
        bold=True,
        italic=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )
    _paragraph_style(doc, "TdktNoiNhan", "TDKT Nơi nhận", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph_style(doc, "TdktChucVu", "TDKT Chức vụ người ký", size=14, bold=True, align=center)
    _paragraph_style(doc, "TdktChuKy", "TDKT Chỗ ký", size=14, align=center)
    _paragraph_style(doc, "TdktNguoiKy", "TDKT Họ tên người ký", size=14, bold=True, align=center)
    _paragraph_style(doc, "TdktSoTrang", "TDKT Số trang", size=13, align=center)


# --- page ---------------------------------------------------------------------------------------------------------


def setup_page(doc) -> None:
    """A4 portrait, margins top 20, bottom 20, left 30, right 15 mm; page numbers from page 2 (NĐ30 Phụ lục I)."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    section.different_first_page_header_footer = True
    header = section.header
    paragraph = header.paragraphs[0]
    paragraph.style = doc.styles["TDKT Số trang"]
    _add_field(paragraph, "PAGE")
    # The first-page header exists and is empty, so that page 1 shows no number.
    section.first_page_header.paragraphs[0].style = doc.styles["TDKT Số trang"]


def _add_field(paragraph, instruction: str) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("text", "2"), ("end", None)):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
            run._r.append(el)
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
            run._r.append(el)
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)


# --- tables -------------------------------------------------------------------------------------------------------


def borderless_table(doc, rows: int, widths) -> object:
    table = doc.add_table(rows=rows, cols=len(widths))
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblStyle")):
        tbl_pr.remove(old)
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(sum(int(w) // 635 for w in widths)))
    width.set(qn("w:type"), "dxa")
    tbl_pr.append(width)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), "57")  # 1 mm: keeps the Quốc hiệu clear of the cell edges
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr.append(margins)
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(w) // 635))
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = w
    return table


def cell_paragraphs(cell, items) -> None:
    """Fill a cell with (style, text) paragraphs; the cell's own first paragraph takes the first item."""
    first = True
    for style, text in items:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        paragraph.style = style
        if text:
            paragraph.add_run(text)


def bookmark(paragraph, name: str, bookmark_id: int) -> None:
    """Mark a paragraph so that a signing tool can find the place (NĐ30 Phụ lục I II.7, chữ ký số)."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


# --- document parts -----------------------------------------------------------------------------------------------


def header_block(doc) -> None:
    s = doc.styles
    table = borderless_table(doc, 2, HEADER_COLUMNS)
    (agency, nation), (number, date) = table.rows[0].cells, table.rows[1].cells
    cell_paragraphs(
        agency,
        [
            (s["TDKT Cơ quan chủ quản"], "{{ co_quan_chu_quan }}"),
            (s["TDKT Cơ quan ban hành"], "{{ co_quan }}"),
            (s["TDKT Kẻ dưới ngắn"], ""),
        ],
    )
    cell_paragraphs(
        nation,
        [
            (s["TDKT Quốc hiệu"], QUOC_HIEU),
            (s["TDKT Tiêu ngữ"], TIEU_NGU),
            (s["TDKT Kẻ dưới bằng chữ"], ""),
        ],
    )
    cell_paragraphs(number, [(s["TDKT Số, ký hiệu"], "Số: {{ so_ky_hieu }}")])
    cell_paragraphs(date, [(s["TDKT Địa danh, ngày"], "{{ dia_danh_ngay }}")])


def title_block(doc) -> None:
    doc.add_paragraph("{{ ten_loai }}", style="TDKT Tên loại")
    doc.add_paragraph("{{ trich_yeu }}", style="TDKT Trích yếu")
    doc.add_paragraph("", style="TDKT Kẻ dưới ngắn")


def loop(doc_or_cell, header: str, body, footer: str) -> None:
    """A docxtpl paragraph loop: `{%p … %}` paragraphs vanish, the body repeats."""
    doc_or_cell.add_paragraph(header, style="Normal")
    body()
    doc_or_cell.add_paragraph(footer, style="Normal")


def can_cu_block(doc) -> None:
    loop(
        doc, "{%p for dong in can_cu %}", lambda: doc.add_paragraph("{{ dong }}", style="TDKT Căn cứ"), "{%p endfor %}"
    )


def plan_body(doc) -> None:
    doc.add_paragraph("{%p for doan in noi_dung %}", style="Normal")
    doc.add_paragraph('{%p if doan.loai == "muc" %}', style="Normal")
    doc.add_paragraph("{{ doan.van_ban }}", style="TDKT Mục")
    doc.add_paragraph('{%p elif doan.loai == "tieu_muc" %}', style="Normal")
    doc.add_paragraph("{{ doan.van_ban }}", style="TDKT Tiểu mục")
    doc.add_paragraph("{%p else %}", style="Normal")
    doc.add_paragraph("{{ doan.van_ban }}", style="TDKT Nội dung")
    doc.add_paragraph("{%p endif %}", style="Normal")
    doc.add_paragraph("{%p endfor %}", style="Normal")


def signature_block(doc) -> None:
    """Nơi nhận on the left, level with the signer's title on the right (NĐ30 Phụ lục I II.7–II.9)."""
    s = doc.styles
    spacer = doc.add_paragraph("", style="Normal")
    spacer.paragraph_format.space_before = Pt(6)
    table = borderless_table(doc, 1, SIGNATURE_COLUMNS)
    recipients, signature = table.rows[0].cells
    cell_paragraphs(
        recipients,
        [
            (s["TDKT Nơi nhận (tiêu đề)"], "Nơi nhận:"),
            (s["Normal"], "{%p for dong in noi_nhan %}"),
            (s["TDKT Nơi nhận"], "{{ dong }}"),
            (s["Normal"], "{%p endfor %}"),
        ],
    )
    cell_paragraphs(
        signature,
        [
            (s["Normal"], "{%p for dong in chuc_vu_ky %}"),
            (s["TDKT Chức vụ người ký"], "{{ dong }}"),
            (s["Normal"], "{%p endfor %}"),
            (s["TDKT Chỗ ký"], ""),
            (s["TDKT Chỗ ký"], "{{ da_ky }}"),
            (s["TDKT Chỗ ký"], ""),
            (s["TDKT Chỗ ký"], ""),
            (s["TDKT Họ tên người ký"], "{{ nguoi_ky }}"),
        ],
    )
    # The signature image goes centred between title and name; the seal covers its left third (NĐ30 Phụ lục I
    # II.7, Điều 13). Two bookmarks mark those places for a signing tool.
    space = [p for p in signature.paragraphs if p.style.style_id == "TdktChuKy"]
    bookmark(space[1], "tdkt_chu_ky", 1)
    bookmark(space[0], "tdkt_con_dau", 2)
    # Keep the block together on one page: every paragraph of the row keeps with the next, rows do not split.
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)


def control(doc, tag: str) -> None:
    """A paragraph holding only a docxtpl `{%p … %}` tag; it disappears when rendered."""
    doc.add_paragraph(tag, style="Normal")


def article(doc, label: str, text: str, last: bool = False) -> None:
    """`Điều 1. …`: the label bold, the text regular, indented like the body (NĐ30 Phụ lục I). The `last` article
    is kept with the signature block, which is never left alone on a page."""
    paragraph = doc.add_paragraph(style="TDKT Nội dung")
    paragraph.add_run(label).bold = True
    paragraph.add_run(f" {text}")
    if last:
        paragraph.paragraph_format.keep_with_next = True


def kinh_gui_block(doc) -> None:
    """One addressee on one centred line; several as a list under `Kính gửi:` (NĐ30 Phụ lục I II.8)."""
    control(doc, "{%p if kinh_gui|length == 1 %}")
    doc.add_paragraph("Kính gửi: {{ kinh_gui[0] }}", style="TDKT Kính gửi")
    control(doc, "{%p else %}")
    doc.add_paragraph("Kính gửi:", style="TDKT Kính gửi")
    control(doc, "{%p for dong in kinh_gui %}")
    doc.add_paragraph("- {{ dong }}", style="TDKT Kính gửi (dòng)")
    control(doc, "{%p endfor %}")
    control(doc, "{%p endif %}")


def _grid_borders(table) -> None:
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    for el in borders:
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:color"), "000000")


def grid_table(doc, widths, rows):
    """A ruled table of (texts, styles) rows: rows kept whole, the first repeated on every page."""
    table = borderless_table(doc, len(rows), widths)
    _grid_borders(table)
    for row, (texts, styles) in zip(table.rows, rows, strict=True):
        for i, cell in enumerate(row.cells):
            paragraph = cell.paragraphs[0]
            paragraph.style = doc.styles[styles[i] if i < len(styles) else "TDKT Bảng"]
            if i < len(texts) and texts[i]:
                paragraph.add_run(texts[i])
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))  # no row splits across pages
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(OxmlElement("w:tblHeader"))  # the header row repeats on every page
    return table


def list_table(doc, money: bool, award: bool = False) -> None:
    """STT | Họ và tên | Chức vụ, đơn vị [| Danh hiệu, hình thức] | Thành tích [| Số tiền]: header repeated on each
    page, rows kept whole. The award column is for lists of several awards; `cot_thanh_tich` names the achievement
    column (`Căn cứ xét` for a title whose ground is listed)."""
    widths = {
        (True, False): (Mm(12), Mm(43), Mm(42), Mm(43), Mm(25)),
        (False, False): (Mm(12), Mm(48), Mm(50), Mm(55)),
        (True, True): (Mm(12), Mm(37), Mm(33), Mm(27), Mm(32), Mm(24)),
        (False, True): (Mm(12), Mm(40), Mm(40), Mm(33), Mm(40)),
    }[(money, award)]
    headings = (
        ["STT", "Họ và tên", "Chức vụ, đơn vị"]
        + (["Danh hiệu, hình thức"] if award else [])
        + ["{{ cot_thanh_tich }}"]
        + (["Số tiền (đồng)"] if money else [])
    )
    row = (
        ["{{ d.stt }}", "{{ d.ho_ten }}", "{{ d.chuc_vu_don_vi }}"]
        + (["{{ d.hinh_thuc }}"] if award else [])
        + ["{{ d.thanh_tich }}"]
        + (["{{ d.so_tien }}"] if money else [])
    )
    row_styles = (
        ["TDKT Bảng (giữa)", "TDKT Bảng", "TDKT Bảng"]
        + (["TDKT Bảng"] if award else [])
        + ["TDKT Bảng"]
        + (["TDKT Bảng (phải)"] if money else [])
    )
    rows = [
        (headings, ["TDKT Bảng (tiêu đề)"] * len(widths)),
        (["{%tr for nhom in nhom_danh_sach %}"], ["TDKT Bảng"]),
        (["{{ nhom.so_la_ma }}", "{{ nhom.ten }}"], ["TDKT Bảng (tiêu đề)", "TDKT Bảng (tiêu đề)"]),
        (["{%tr for d in nhom.dong %}"], ["TDKT Bảng"]),
        (row, row_styles),
        (["{%tr endfor %}"], ["TDKT Bảng"]),
        (["{%tr endfor %}"], ["TDKT Bảng"]),
    ]
    if money:
        total = ["", "Tổng cộng"] + [""] * (len(widths) - 3) + ["{{ tong_tien }}"]
        styles = ["TDKT Bảng", "TDKT Bảng (tiêu đề)"] + ["TDKT Bảng"] * (len(widths) - 3) + ["TDKT Bảng (tiêu đề)"]
        rows.append((total, styles))
    table = grid_table(doc, widths, rows)
    for cell in table.rows[0].cells:
        tc_pr = cell._tc.get_or_add_tcPr()
        v_align = OxmlElement("w:vAlign")
        v_align.set(qn("w:val"), "center")
        tc_pr.append(v_align)


def zero_height(paragraph) -> None:
    """The empty paragraph that carries the section break after the signature block, made as good as no height: a
    first page that ends with the signature would otherwise push it onto a page of its own, a blank page with only
    a page number (Word and LibreOffice both lay it out)."""
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Twips(2)
    p_pr = paragraph._p.get_or_add_pPr()
    mark = OxmlElement("w:rPr")  # the paragraph mark's own size, 1 pt; it goes before the sectPr (CT_PPr order)
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    mark.append(size)
    section = p_pr.find(qn("w:sectPr"))
    if section is not None:
        section.addprevious(mark)
    else:
        p_pr.append(mark)


def attached_list(doc) -> None:
    """The list on a new page, in a section of its own whose pages are numbered from 1 (NĐ30 Phụ lục I, Mẫu 2.1)."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    zero_height(doc.paragraphs[-1])
    section.different_first_page_header_footer = True
    page_numbers = OxmlElement("w:pgNumType")
    page_numbers.set(qn("w:start"), "1")
    section._sectPr.append(page_numbers)
    doc.add_paragraph("DANH SÁCH", style="TDKT Danh sách (tiêu đề)")
    doc.add_paragraph("{{ tieu_de_danh_sach }}", style="TDKT Danh sách (tiêu đề)")
    doc.add_paragraph("{{ kem_theo }}", style="TDKT Kèm theo")
    doc.add_paragraph("", style="TDKT Kẻ dưới ngắn")
    spacer = doc.add_paragraph("", style="Normal")
    spacer.paragraph_format.space_after = Pt(6)
    control(doc, "{%p if co_tien and cot_hinh_thuc %}")
    list_table(doc, money=True, award=True)
    doc.add_paragraph("Bằng chữ: {{ tong_tien_chu }}./.", style="TDKT Bằng chữ")
    control(doc, "{%p elif co_tien %}")
    list_table(doc, money=True)
    doc.add_paragraph("Bằng chữ: {{ tong_tien_chu }}./.", style="TDKT Bằng chữ")
    control(doc, "{%p elif cot_hinh_thuc %}")
    list_table(doc, money=False, award=True)
    control(doc, "{%p else %}")
    list_table(doc, money=False)
    control(doc, "{%p endif %}")


# Parts python-docx's default document carries that a template has no use for, and every document made from it would
# repeat (half of each file): Word 2010's stylesWithEffects, which no Word since 2013 reads; a thumbnail of an empty
# page, shown as the file's preview; an empty bibliography store.
_LEFTOVERS = ("/stylesWithEffects", "/metadata/thumbnail", "/customXml")


def save(doc, name: str) -> None:
    """Size the rules under constant header text now (the Tiêu ngữ), so the template itself passes `tdkt check`."""
    fit_rules(doc)
    for rels in (doc.part.package.rels, doc.part.rels):
        for rId, rel in list(rels.items()):
            if rel.reltype.endswith(_LEFTOVERS):
                del rels[rId]
    used_styles_only(doc)
    doc.save(OUT / name)


_STYLE_REFERENCES = ("w:pStyle", "w:rStyle", "w:tblStyle", "w:numStyleLink", "w:styleLink")
_STYLE_LINKS = ("w:basedOn", "w:next", "w:link")


def used_styles_only(doc) -> None:
    """The style definitions the template uses, those they build on, link to or are followed by, and each kind's
    default; python-docx's default document defines 200, mostly table styles no template uses (340 kB of XML,
    13 kB compressed, in every document made from it). The latent styles stay: Word's gallery shows the same
    built-in styles, and Word writes a built-in style's definition when a clerk first applies it."""
    styles = doc.styles.element
    by_id = {style.get(qn("w:styleId")): style for style in styles.iterchildren(qn("w:style"))}
    wanted = [i for i, style in by_id.items() if style.get(qn("w:default")) in ("1", "true")]
    for part in doc.part.package.iter_parts():
        element = getattr(part, "element", None)
        if element is None or element is styles:
            continue
        wanted += [ref.get(qn("w:val")) for ref in element.iter(*(qn(tag) for tag in _STYLE_REFERENCES))]
    kept: set[str] = set()
    while wanted:
        style_id = wanted.pop()
        if style_id in kept or style_id not in by_id:
            continue
        kept.add(style_id)
        for tag in _STYLE_LINKS:
            link = by_id[style_id].find(qn(tag))
            if link is not None:
                wanted.append(link.get(qn("w:val")))
    for style_id, style in by_id.items():
        if style_id not in kept:
            styles.remove(style)


def new_document():
    doc = Document()
    add_styles(doc)
    setup_page(doc)
    doc.paragraphs[0]._p.getparent().remove(doc.paragraphs[0]._p) if doc.paragraphs else None
    return doc


def ke_hoach() -> None:
    doc = new_document()
    header_block(doc)
    title_block(doc)
    can_cu_block(doc)
    plan_body(doc)
    signature_block(doc)
    document_properties(doc)
    save(doc, "ke_hoach.docx")


def document_properties(doc) -> None:
    """The document's own properties, filled at rendering: an issued PDF is titled by its trích yếu, authored by the
    agency, in Vietnamese (what a PDF reader, a search and a screen reader show)."""
    doc.core_properties.title = "{{ trich_yeu }}"
    doc.core_properties.author = "{{ ten_co_quan }}"
    doc.core_properties.language = "vi-VN"


def finish_with_list(doc, title: str, name: str) -> None:
    """The signature block, the attached list on its own section, the properties, and save."""
    signature_block(doc)
    attached_list(doc)
    document_properties(doc)
    save(doc, name)


def to_trinh() -> None:
    """Tờ trình (NĐ30 Mẫu 1.4): Kính gửi, the proposal with its counts and money, `… kính trình …./.`, the list."""
    doc = new_document()
    header_block(doc)
    title_block(doc)
    kinh_gui_block(doc)
    can_cu_block(doc)
    control(doc, "{%p if mo_dau %}")
    doc.add_paragraph("{{ mo_dau }}", style="TDKT Nội dung")
    control(doc, "{%p endif %}")
    doc.add_paragraph("{{ de_nghi }}", style="TDKT Nội dung")
    control(doc, "{%p if co_tien %}")
    doc.add_paragraph(
        "Mức tiền thưởng: {{ muc_tien }}. Tổng số tiền thưởng: {{ tong_tien }} đồng (Bằng chữ: {{ tong_tien_chu }}).",
        style="TDKT Nội dung",
    )
    control(doc, "{%p endif %}")
    closing = doc.add_paragraph("{{ loi_trinh }}", style="TDKT Nội dung")
    closing.paragraph_format.keep_with_next = True  # the closing goes with the signature block, never without it
    finish_with_list(doc, "Mẫu tờ trình khen thưởng (NĐ 30/2020, Phụ lục III, Mẫu 1.4)", "to_trinh.docx")


def quyet_dinh() -> None:
    """Quyết định cá biệt (NĐ30 Mẫu 1.2): thẩm quyền, căn cứ, `QUYẾT ĐỊNH:`, Điều 1–3, the list."""
    doc = new_document()
    header_block(doc)
    title_block(doc)
    doc.add_paragraph("{{ tham_quyen }}", style="TDKT Thẩm quyền")
    can_cu_block(doc)
    doc.add_paragraph("QUYẾT ĐỊNH:", style="TDKT Quyết định:")
    # The articles are composed from the awards' data (documents/wording.py): one per award, the money, who
    # executes it. The last is kept with the signature block.
    control(doc, "{%p for d in dieu %}")
    control(doc, "{%p if not loop.last %}")
    article(doc, "Điều {{ d.so }}.", "{{ d.noi_dung }}")
    control(doc, "{%p else %}")
    article(doc, "Điều {{ d.so }}.", "{{ d.noi_dung }}", last=True)
    control(doc, "{%p endif %}")
    control(doc, "{%p endfor %}")
    finish_with_list(doc, "Mẫu quyết định khen thưởng (NĐ 30/2020, Phụ lục III, Mẫu 1.2)", "quyet_dinh.docx")


def bien_ban() -> None:
    """Biên bản họp Hội đồng Thi đua - Khen thưởng: time, place, who was there, the vote on each nominee, the close;
    the secretary signs on the left and the chair on the right, Nơi nhận under them."""
    doc = new_document()
    s = doc.styles
    header_block(doc)
    title_block(doc)
    doc.add_paragraph("Thời gian: {{ thoi_gian }}", style="TDKT Nội dung")
    control(doc, "{%p if dia_diem %}")
    doc.add_paragraph("Địa điểm: {{ dia_diem }}.", style="TDKT Nội dung")
    control(doc, "{%p endif %}")
    doc.add_paragraph("Thành phần:", style="TDKT Nội dung")
    doc.add_paragraph("- Chủ trì: {{ chu_tri }};", style="TDKT Nội dung")
    doc.add_paragraph("- Thư ký: {{ thu_ky }};", style="TDKT Nội dung")
    doc.add_paragraph("- Có mặt {{ co_mat }} thành viên Hội đồng: chủ trì, thư ký và", style="TDKT Nội dung")
    loop(
        doc,
        "{%p for tv in thanh_vien %}",
        lambda: doc.add_paragraph("+ {{ tv }};", style="TDKT Nội dung"),
        "{%p endfor %}",
    )
    plan_body(doc)
    doc.add_paragraph("Kết quả bỏ phiếu:", style="TDKT Nội dung")
    widths = (Mm(11), Mm(36), Mm(36), Mm(28), Mm(16), Mm(20), Mm(18))
    headings = ["STT", "Họ và tên", "Chức vụ, đơn vị", "Danh hiệu, hình thức", "Số phiếu", "Tỷ lệ", "Kết quả"]
    cells = [
        "{{ r.stt }}",
        "{{ r.ho_ten }}",
        "{{ r.don_vi }}",
        "{{ r.hinh_thuc }}",
        "{{ r.so_phieu }}",
        "{{ r.ty_le }}",
        "{{ r.ket_qua }}",
    ]
    centred = [
        "TDKT Bảng (giữa)",
        "TDKT Bảng",
        "TDKT Bảng",
        "TDKT Bảng",
        "TDKT Bảng (giữa)",
        "TDKT Bảng (giữa)",
        "TDKT Bảng (giữa)",
    ]
    rows = [
        (headings, ["TDKT Bảng (tiêu đề)"] * len(widths)),
        (["{%tr for r in ket_qua %}"], ["TDKT Bảng"]),
        (cells, centred),
        (["{%tr endfor %}"], ["TDKT Bảng"]),
    ]
    grid_table(doc, widths, rows)
    # The closing line sits in the signature table's first row, merged across it, so that the two never part: a
    # page break between a paragraph and a table is not kept by every word processor.
    doc.add_paragraph("", style="Normal").paragraph_format.keep_with_next = True  # two tables side by side merge
    signatures = borderless_table(doc, 3, SIGNATURE_COLUMNS)
    merged = signatures.cell(0, 0).merge(signatures.cell(0, 1))
    closing = merged.paragraphs[0]
    closing.style = s["TDKT Nội dung"]
    closing.add_run("{{ ket_thuc }}")
    closing.paragraph_format.space_before = Pt(6)
    closing.paragraph_format.space_after = Pt(6)
    closing.paragraph_format.keep_with_next = True
    secretary, chair = signatures.rows[1].cells
    for cell, titles, name in ((secretary, "chuc_vu_thu_ky", "ten_thu_ky"), (chair, "chuc_vu_ky", "nguoi_ky")):
        cell_paragraphs(
            cell,
            [
                (s["Normal"], f"{{%p for dong in {titles} %}}"),
                (s["TDKT Chức vụ người ký"], "{{ dong }}"),
                (s["Normal"], "{%p endfor %}"),
                (s["TDKT Chỗ ký"], ""),
                (s["TDKT Chỗ ký"], "{{ da_ky }}" if cell is chair else ""),
                (s["TDKT Chỗ ký"], ""),
                (s["TDKT Chỗ ký"], ""),
                (s["TDKT Họ tên người ký"], f"{{{{ {name} }}}}"),
            ],
        )
    for row in signatures.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    recipients = doc.add_paragraph("Nơi nhận:", style="TDKT Nơi nhận (tiêu đề)")
    recipients.paragraph_format.space_before = Pt(12)
    loop(
        doc,
        "{%p for dong in noi_nhan %}",
        lambda: doc.add_paragraph("{{ dong }}", style="TDKT Nơi nhận"),
        "{%p endfor %}",
    )
    document_properties(doc)
    save(doc, "bien_ban.docx")


def giay_khen() -> None:
    """The Giấy khen: `TẶNG` the form, to the person, for the achievement."""
    certificate("giay_khen.docx", "Mẫu giấy khen (nội dung in lên phôi)", title=False)


def bang_chung_nhan() -> None:
    """The Bằng chứng nhận of a title (Chiến sĩ thi đua cơ sở): `CHỨNG NHẬN` the person `Đạt danh hiệu` … `Năm …`."""
    certificate("bang_chung_nhan.docx", "Mẫu bằng chứng nhận danh hiệu thi đua (nội dung in lên phôi)", title=True)


def certificate(name: str, description: str, title: bool) -> None:
    """The text printed on a certificate, one page per awardee, A4 landscape (or onto pre-printed forms)."""
    doc = Document()
    add_styles(doc)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin = section.right_margin = Mm(25)
    center = WD_ALIGN_PARAGRAPH.CENTER
    big = _paragraph_style(
        doc, "TdktGkTieuDe", "TDKT Giấy khen (chữ lớn)", size=40, bold=True, align=center, before=6, after=6
    )
    del big
    _paragraph_style(doc, "TdktGkTen", "TDKT Giấy khen (họ tên)", size=26, bold=True, align=center, before=12)
    _paragraph_style(doc, "TdktGkDong", "TDKT Giấy khen (dòng)", size=16, align=center, before=4)
    _paragraph_style(doc, "TdktGkNghieng", "TDKT Giấy khen (thành tích)", size=16, italic=True, align=center, before=4)
    _paragraph_style(doc, "TdktGkNguoiTang", "TDKT Giấy khen (người tặng)", size=18, bold=True, align=center, before=18)
    _paragraph_style(doc, "TdktGkNhap", "TDKT Giấy khen (bản nháp)", size=16, bold=True, align=center)
    control(doc, "{%p for g in giay_khen %}")
    control(doc, "{%p if ban_nhap %}")
    doc.add_paragraph("{{ ban_nhap }}", style="TDKT Giấy khen (bản nháp)")  # on every page of a draft print
    control(doc, "{%p endif %}")
    doc.add_paragraph(QUOC_HIEU, style="TDKT Quốc hiệu")
    doc.add_paragraph(TIEU_NGU, style="TDKT Tiêu ngữ")
    doc.add_paragraph("", style="TDKT Kẻ dưới bằng chữ")
    doc.add_paragraph("{{ nguoi_tang }}", style="TDKT Giấy khen (người tặng)")
    if title:
        doc.add_paragraph("CHỨNG NHẬN", style="TDKT Giấy khen (chữ lớn)")
        doc.add_paragraph("{{ g.ho_ten }}", style="TDKT Giấy khen (họ tên)")
        control(doc, "{%p if g.chuc_vu_don_vi %}")
        doc.add_paragraph("{{ g.chuc_vu_don_vi }}", style="TDKT Giấy khen (dòng)")
        control(doc, "{%p endif %}")
        doc.add_paragraph("Đạt danh hiệu", style="TDKT Giấy khen (dòng)")
        doc.add_paragraph("{{ ten_hinh_thuc }}", style="TDKT Giấy khen (người tặng)")
        doc.add_paragraph("Năm {{ nam }}", style="TDKT Giấy khen (dòng)")
    else:
        doc.add_paragraph("TẶNG", style="TDKT Giấy khen (dòng)")
        doc.add_paragraph("{{ ten_hinh_thuc }}", style="TDKT Giấy khen (chữ lớn)")
        doc.add_paragraph("{{ g.ho_ten }}", style="TDKT Giấy khen (họ tên)")
        control(doc, "{%p if g.chuc_vu_don_vi %}")
        doc.add_paragraph("{{ g.chuc_vu_don_vi }}", style="TDKT Giấy khen (dòng)")
        control(doc, "{%p endif %}")
        doc.add_paragraph("{{ ly_do }}", style="TDKT Giấy khen (dòng)")
        control(doc, "{%p if g.thanh_tich %}")
        doc.add_paragraph("{{ g.thanh_tich }}", style="TDKT Giấy khen (thành tích)")
        control(doc, "{%p endif %}")
    table = borderless_table(doc, 1, (Mm(110), Mm(137)))
    left, right = table.rows[0].cells
    cell_paragraphs(
        left,
        [
            (doc.styles["TDKT Số, ký hiệu"], "Quyết định số {{ so_quyet_dinh }}"),
            (doc.styles["TDKT Số, ký hiệu"], "{{ ngay_quyet_dinh }}"),
            (doc.styles["Normal"], "{%p if g.so_so_vang %}"),
            (doc.styles["TDKT Số, ký hiệu"], "Số sổ vàng: {{ g.so_so_vang }}"),
            (doc.styles["Normal"], "{%p endif %}"),
        ],
    )
    cell_paragraphs(
        right,
        [
            (doc.styles["TDKT Địa danh, ngày"], "{{ dia_danh_ngay }}"),
            (doc.styles["Normal"], "{%p for dong in chuc_vu_ky %}"),
            (doc.styles["TDKT Chức vụ người ký"], "{{ dong }}"),
            (doc.styles["Normal"], "{%p endfor %}"),
            (doc.styles["TDKT Chỗ ký"], ""),
            (doc.styles["TDKT Chỗ ký"], ""),
            (doc.styles["TDKT Chỗ ký"], ""),
            (doc.styles["TDKT Họ tên người ký"], "{{ nguoi_ky }}"),
        ],
    )
    control(doc, "{%p if not loop.last %}")
    page_break = doc.add_paragraph(style="Normal")
    page_break.add_run().add_break(WD_BREAK.PAGE)
    control(doc, "{%p endif %}")
    control(doc, "{%p endfor %}")
    doc.core_properties.title = description
    doc.core_properties.author = "tdkt"
    save(doc, name)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    ke_hoach()
    to_trinh()
    quyet_dinh()
    bien_ban()
    giay_khen()
    bang_chung_nhan()
    print(f"wrote templates in {OUT}")


if __name__ == "__main__":
    main()
