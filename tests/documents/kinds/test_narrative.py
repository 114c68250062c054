"""The sample Kế hoạch, read back with python-docx: the seed's text, laid out per SPEC.md §1 (NĐ30 Phụ lục I)."""

from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm

from pipeline.render.formatting import run_format
from pipeline.render.layout import paragraph_text_width_pt
from tests.conftest import SEED
from tests.readback import alignment, find, open_docx, paragraphs, single_format, texts, twips

TNR = "Times New Roman"


def mm(emu: int) -> float:
    """A length in millimetres, to 0.1 mm: Word stores twips, so 15 mm reads back as 14.99."""
    return round(emu / 36000, 1)


def seed_paragraphs() -> list[str]:
    return [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_seed_paragraph_appears_in_order(built_plan):
    got = texts(open_docx(built_plan))
    position = 0
    for expected in seed_paragraphs():
        assert expected in got[position:], f"missing or out of order: {expected!r}"
        position = got.index(expected, position) + 1


def test_body_is_real_paragraphs_without_hard_breaks(built_plan):
    doc = open_docx(built_plan)
    for p in paragraphs(doc):
        assert not p._p.findall(f".//{qn('w:br')}"), f"hard line break in {p.text[:40]!r}"
    assert texts(doc).count("I. MỤC ĐÍCH, YÊU CẦU") == 1


def test_page_is_a4_portrait_with_nd30_margins(built_plan):
    section = open_docx(built_plan).sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert abs(section.page_width - Mm(210)) < Mm(0.1) and abs(section.page_height - Mm(297)) < Mm(0.1)
    assert 20 <= mm(section.top_margin) <= 25
    assert 20 <= mm(section.bottom_margin) <= 25
    assert 30 <= mm(section.left_margin) <= 35
    assert 15 <= mm(section.right_margin) <= 20


def test_every_run_is_times_new_roman_and_no_theme_font(built_plan):
    doc = open_docx(built_plan)
    for p in paragraphs(doc):
        for run in p.runs:
            if run.text.strip():
                assert run_format(run, p).font == TNR, p.text
    styles_xml = doc.styles.element.xml
    assert "asciiTheme" not in styles_xml and "hAnsiTheme" not in styles_xml


def test_header_block(built_plan):
    doc = open_docx(built_plan)
    header = doc.tables[0]
    assert [p.text for p in header.cell(0, 0).paragraphs][:2] == ["UBND TỈNH BÌNH ĐỊNH", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"]
    assert single_format(find(doc, "UBND TỈNH BÌNH ĐỊNH")) == (TNR, 13, False, False)
    assert single_format(find(doc, "SỞ KẾ HOẠCH VÀ ĐẦU TƯ")) == (TNR, 13, True, False)
    assert single_format(find(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")) == (TNR, 12, True, False)
    assert single_format(find(doc, "Độc lập - Tự do - Hạnh phúc")) == (TNR, 13, True, False)
    # A draft leaves the number blank before the slash (SPEC §1).
    assert single_format(find(doc, "Số:      /KH-SKHĐT")) == (TNR, 13, False, False)
    assert single_format(find(doc, "Bình Định, ngày 15 tháng 10 năm 2021")) == (TNR, 13, False, True)
    for text in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"):
        assert alignment(find(doc, text)) == "center"


def test_header_table_is_borderless_and_wide_enough_for_the_quoc_hieu(built_plan):
    doc = open_docx(built_plan)
    tbl_pr = doc.tables[0]._tbl.tblPr
    borders = tbl_pr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} <= {"nil", "none"}
    right = doc.tables[0].cell(0, 1)
    assert Mm(99.9) <= right.width <= Mm(107)
    quoc_hieu = find(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert paragraph_text_width_pt(quoc_hieu) * 20 < right.width / 635 - 2 * 57  # fits on one line


def _rule_after(doc, text):
    ps = paragraphs(doc)
    i = next(i for i, p in enumerate(ps) if p.text == text)
    rule = ps[i + 1]
    assert rule.text == ""
    border = rule.style.element.pPr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}")
    assert border is not None and border.get(qn("w:val")) == "single"
    return ps[i], rule


def _rule_length_ratio(doc, text, cell_width_twips):
    above, rule = _rule_after(doc, text)
    left = twips(rule, "ind", "left")
    right = twips(rule, "ind", "right")
    return (cell_width_twips - left - right) / min(paragraph_text_width_pt(above) * 20, cell_width_twips)


def test_rule_under_tieu_ngu_is_as_long_as_the_text(built_plan):
    doc = open_docx(built_plan)
    width = doc.tables[0].cell(0, 1).width // 635 - 2 * 57
    assert abs(_rule_length_ratio(doc, "Độc lập - Tự do - Hạnh phúc", width) - 1) < 0.01


def test_rules_under_agency_and_trich_yeu_are_a_third_to_a_half(built_plan):
    doc = open_docx(built_plan)
    width = doc.tables[0].cell(0, 0).width // 635 - 2 * 57
    assert 1 / 3 <= _rule_length_ratio(doc, "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", width) <= 1 / 2
    section = doc.sections[0]
    body_width = (section.page_width - section.left_margin - section.right_margin) // 635
    trich_yeu = next(p.text for p in paragraphs(doc) if p.text.startswith("Thực hiện Phong trào"))
    assert 1 / 3 <= _rule_length_ratio(doc, trich_yeu, body_width) <= 1 / 2


def test_title_and_trich_yeu(built_plan):
    doc = open_docx(built_plan)
    title = find(doc, "KẾ HOẠCH")
    assert single_format(title) == (TNR, 14, True, False) and alignment(title) == "center"
    trich_yeu = next(p for p in paragraphs(doc) if p.text.startswith("Thực hiện Phong trào thi đua đặc biệt “Sở"))
    assert single_format(trich_yeu) == (TNR, 14, True, False) and alignment(trich_yeu) == "center"


def test_body_paragraphs_are_justified_indented_and_spaced(built_plan):
    doc = open_docx(built_plan)
    body = [p for p in paragraphs(doc) if p.style.name == "TDKT Nội dung"]
    assert len(body) == 21  # the seed's paragraphs that are neither headings nor sub-headings
    for p in body:
        assert alignment(p) == "both", p.text
        assert single_format(p) == (TNR, 14, False, False), p.text
        assert twips(p, "ind", "firstLine") in (567, 720, 722)  # 1 cm or 1.27 cm
        assert twips(p, "spacing", "before") >= 120  # ≥ 6 pt
        line = twips(p, "spacing", "line")
        assert 240 <= line <= 360  # single to 1.5 lines


def test_section_headings_bold_upper_and_subheadings_bold(built_plan):
    doc = open_docx(built_plan)
    for heading in ("I. MỤC ĐÍCH, YÊU CẦU", "IV. TIÊU CHÍ THI ĐUA VÀ HÌNH THỨC KHEN THƯỞNG", "V. TỔ CHỨC THỰC HIỆN"):
        p = find(doc, heading)
        assert single_format(p) == (TNR, 14, True, False)
        assert p.text == p.text.upper()
    assert single_format(find(doc, "1. Tiêu chí thi đua"))[2] is True
    point = next(p for p in paragraphs(doc) if p.text.startswith("đ) Thi đua thực hiện thắng lợi"))
    assert single_format(point) == (TNR, 14, False, False)


def test_body_ends_with_the_closing_mark(built_plan):
    doc = open_docx(built_plan)
    body = [p for p in paragraphs(doc) if p.style.name == "TDKT Nội dung"]
    assert body[-1].text.endswith("theo quy định./.")


def test_noi_nhan_block(built_plan):
    doc = open_docx(built_plan)
    heading = find(doc, "Nơi nhận:")
    assert single_format(heading) == (TNR, 12, True, True)
    cell = doc.tables[-1].cell(0, 0)
    lines = [p for p in cell.paragraphs if p.text][1:]
    assert [p.text for p in lines] == [
        "- UBND tỉnh (để b/c);",
        "- Ban TĐ-KT tỉnh;",
        "- Lãnh đạo Sở;",
        "- Các phòng, đơn vị trực thuộc Sở;",
        "- Lưu: VT, VP.",
    ]
    assert {single_format(p) for p in lines} == {(TNR, 11, False, False)}


def test_signature_block_beside_noi_nhan(built_plan):
    doc = open_docx(built_plan)
    table = doc.tables[-1]
    signer = [p for p in table.cell(0, 1).paragraphs if p.text]
    assert [p.text for p in signer] == ["GIÁM ĐỐC", "Nguyễn Thành Hải"]
    assert single_format(signer[0]) == (TNR, 14, True, False)
    assert single_format(signer[1]) == (TNR, 14, True, False)
    # Nơi nhận and the title start the same row: level with each other.
    assert table.cell(0, 0).paragraphs[0].text == "Nơi nhận:"
    assert table.cell(0, 1).paragraphs[0].text == "GIÁM ĐỐC"
    # Blank space reserved between title and name, with the places a signing tool looks for.
    space = [p for p in table.cell(0, 1).paragraphs if p.style.name == "TDKT Chỗ ký"]
    assert len(space) >= 3
    names = {b.get(qn("w:name")) for b in table._tbl.iter(qn("w:bookmarkStart"))}
    assert {"tdkt_chu_ky", "tdkt_con_dau"} <= names


def test_page_numbers_centred_in_header_but_not_on_page_one(built_plan):
    section = open_docx(built_plan).sections[0]
    assert section.different_first_page_header_footer
    header = section.header.paragraphs[0]
    instructions = "".join(t.text for t in header._p.iter(qn("w:instrText")))
    assert instructions.strip() == "PAGE"
    assert alignment(header) == "center"
    assert single_format(header)[1] in (13, 14)
    first = section.first_page_header
    assert not first.is_linked_to_previous
    assert not any(first._element.iter(qn("w:instrText")))


# --- a new narrative document type from a data entry and a template alone (issue 10) ----------------------------


def test_a_thong_bao_needs_only_a_data_entry_and_a_template(workspace):
    import shutil

    from pipeline.build import build
    from pipeline.check.rules import check_document
    from tests.conftest import SAMPLE
    from tests.nd30 import assert_header, assert_nd30, assert_signature

    # The template: any Word file laying out the common fields and a body; here the plan's, copied in Word.
    shutil.copy(workspace.templates / "ke_hoach.docx", workspace.templates / "thong_bao.docx")
    agency = workspace.inputs / "co_quan.toml"
    agency.write_text(
        agency.read_text(encoding="utf-8")
        + '\n[[loai_van_ban]]\nma = "TB"\nten = "THÔNG BÁO"\nmau = "thong_bao.docx"\ncan_noi_dung = true\n',
        encoding="utf-8",
    )
    campaign = workspace.inputs / SAMPLE
    (campaign / "thong_bao.txt").write_text(
        "Sở Kế hoạch và Đầu tư thông báo lịch họp Hội đồng Thi đua - Khen thưởng Sở như sau:\n"
        "1. Thời gian: 14 giờ 00, ngày 18 tháng 11 năm 2021.\n"
        "2. Địa điểm: Phòng họp số 1 của Sở.\n"
        "Đề nghị các thành viên Hội đồng sắp xếp thời gian tham dự đầy đủ.\n",
        encoding="utf-8",
    )
    with (campaign / "phong_trao.toml").open("a", encoding="utf-8") as f:
        f.write(
            '\n[[van_ban]]\nma = "thong_bao_hop"\nloai = "TB"\n'
            'trich_yeu = "Về việc họp Hội đồng Thi đua - Khen thưởng Sở"\nngay = 2021-11-16\n'
            'nguoi_ky = "chanh_van_phong"\nky_thay = "TL"\ndon_vi_soan_thao = "VP"\nnoi_dung = "thong_bao.txt"\n'
            'ten_tep = "hop hoi dong"\nnoi_nhan = ["Thành viên Hội đồng Thi đua - Khen thưởng Sở"]\n'
        )
    report = build([campaign], workspace)
    (path,) = [p for p in report.written if p.name == "TB-hop-hoi-dong.docx"]
    doc = open_docx(path)
    assert_header(
        doc, ("UBND TỈNH BÌNH ĐỊNH", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"), "     /TB-SKHĐT", "Bình Định, ngày 16 tháng 11 năm 2021"
    )
    got = texts(doc)
    assert got[got.index("THÔNG BÁO") + 1] == "Về việc họp Hội đồng Thi đua - Khen thưởng Sở"
    assert "1. Thời gian: 14 giờ 00, ngày 18 tháng 11 năm 2021." in got
    assert "Đề nghị các thành viên Hội đồng sắp xếp thời gian tham dự đầy đủ./." in got
    assert_signature(
        doc,
        ["- Thành viên Hội đồng Thi đua - Khen thưởng Sở;", "- Lưu: VT, VP."],
        ["TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"],
        "Phạm Ngọc Ánh",
    )
    assert_nd30(doc)
    assert [v for v in check_document(doc) if not v.ok] == []
