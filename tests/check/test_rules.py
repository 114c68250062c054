"""`tdkt check` (issue 5): each rule passes a compliant document and fails a broken one for the right reason."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from pipeline.check.rendered import rendered_verdicts
from pipeline.check.rules import DAT, KHONG_DAT, check_document, section_headers
from pipeline.cli import main
from tests.conftest import SAMPLE
from tests.readback import paragraphs
from tests.test_bad_inputs import run_build

QD = "QD-tang-giay-khen.docx"
KH = "KH-phong-trao-thi-dua-dac-biet.docx"
TTR_TINH = "TTr-de-nghi-bang-khen-tinh.docx"


@pytest.fixture(scope="module")
def originals(built_sample):
    return {name: built_sample[name].read_bytes() for name in (QD, KH, TTR_TINH)}


def fresh(originals, name=QD):
    return Document(io.BytesIO(originals[name]))


def para(doc, text: str):
    return next(p for p in paragraphs(doc) if p.text == text or p.text.startswith(text))


def set_text(paragraph, text: str) -> None:
    for run in paragraph.runs[1:]:
        run._r.getparent().remove(run._r)
    paragraph.runs[0].text = text


def verdicts(doc, rule: str, where: str | None = None):
    found = [v for v in check_document(doc) if v.rule == rule and (where is None or v.where.startswith(where))]
    assert found, f"no verdict for {rule}"
    return found


def failing(doc, rule: str, where: str | None = None) -> str:
    bad = [v for v in verdicts(doc, rule, where) if v.status == KHONG_DAT]
    assert bad, f"{rule} passed"
    return bad[0].detail


def rule_paragraph_after(doc, text: str):
    ps = paragraphs(doc)
    return ps[next(i for i, p in enumerate(ps) if p.text == text) + 1]


def signature_cell(doc):
    table = next(t for t in doc.tables if t.cell(0, 0).paragraphs[0].text == "Nơi nhận:")
    return table.cell(0, 1)


# Each case: a rule, what to break, the exact reason the checker must give.
CASES = {
    "kho_giay": (
        QD,
        lambda d: setattr(d.sections[0], "page_width", Mm(215.9)) or setattr(d.sections[0], "page_height", Mm(279.4)),
        "khổ giấy 215.9 × 279.4 mm, phải là A4 (210 × 297 mm)",
    ),
    "le_trang": (QD, lambda d: setattr(d.sections[0], "left_margin", Mm(25)), "lề trái 25 mm, phải 30–35 mm"),
    "phong_chu": (
        QD,
        lambda d: setattr(para(d, "CỘNG HÒA").runs[0].font, "name", "Arial"),
        "phông Arial ở “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”, phải là Times New Roman",
    ),
    "quoc_hieu": (QD, lambda d: setattr(para(d, "CỘNG HÒA").runs[0].font, "size", Pt(14)), "chữ cỡ 14, phải 12–13"),
    "tieu_ngu": (
        QD,
        lambda d: set_text(para(d, "Độc lập"), "Độc lập – Tự do – Hạnh phúc"),
        "phải viết đúng “Độc lập - Tự do - Hạnh phúc” (gạch nối có cách trước và sau)",
    ),
    "ke_tieu_ngu": (
        QD,
        lambda d: setattr(rule_paragraph_after(d, "Độc lập - Tự do - Hạnh phúc"), "style", d.styles["Normal"]),
        "không có đường kẻ liền nét bên dưới",
    ),
    "co_quan": (
        QD,
        lambda d: setattr(para(d, "SỞ KẾ HOẠCH VÀ ĐẦU TƯ").runs[0].font, "bold", False),
        "tên cơ quan ban hành phải in đậm",
    ),
    "ke_co_quan": (
        QD,
        lambda d: setattr(rule_paragraph_after(d, "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"), "style", d.styles["Normal"]),
        "không có đường kẻ liền nét bên dưới",
    ),
    "so_ky_hieu": (QD, lambda d: set_text(para(d, "Số:"), "Số: 5/QĐ-SKHĐT"), "số dưới 10 phải có số 0 đứng trước (05)"),
    "ngay_thang": (
        QD,
        lambda d: set_text(para(d, "Bình Định, ngày"), "Bình Định, ngày 20 tháng 2 năm 2021"),
        "tháng 1 và 2 phải có số 0 đứng trước (tháng 01, tháng 02)",
    ),
    "ten_loai": (QD, lambda d: setattr(para(d, "QUYẾT ĐỊNH").runs[0].font, "bold", False), "phải in đậm"),
    "trich_yeu": (
        QD,
        lambda d: setattr(para(d, "Về việc tặng").paragraph_format, "alignment", WD_ALIGN_PARAGRAPH.LEFT),
        "phải căn giữa",
    ),
    "ke_trich_yeu": (
        QD,
        lambda d: setattr(rule_paragraph_after(d, para(d, "Về việc tặng").text), "style", d.styles["Normal"]),
        "không có đường kẻ liền nét bên dưới",
    ),
    "tham_quyen": (QD, lambda d: setattr(para(d, "GIÁM ĐỐC SỞ").runs[0].font, "bold", False), "phải in đậm, căn giữa"),
    "quyet_dinh": (
        QD,
        lambda d: para(d, "QUYẾT ĐỊNH:")._p.getparent().remove(para(d, "QUYẾT ĐỊNH:")._p),
        "thiếu dòng “QUYẾT ĐỊNH:” trước các điều",
    ),
    "dieu": (QD, lambda d: setattr(para(d, "Điều 2.").runs[0].font, "bold", False), "nhãn “Điều 2.” phải in đậm"),
    "ket_thuc": (
        QD,
        lambda d: set_text(para(d, "Điều 3."), "Điều 3. Các ông, bà có tên tại Điều 1 thi hành."),
        "nội dung phải kết thúc bằng “./.”",
    ),
    "noi_nhan": (
        QD,
        lambda d: setattr(para(d, "Nơi nhận:").runs[0].font, "italic", False),
        "phải cỡ 12, in đậm và nghiêng",
    ),
    "noi_nhan_dong": (
        QD,
        lambda d: set_text(para(d, "- Lưu: VT, VP."), "- Lưu VP."),
        "dòng cuối phải là “- Lưu: VT, <đơn vị soạn thảo>.”",
    ),
    "chu_ky": (
        QD,
        lambda d: set_text(para(d, "Nguyễn Thành Hải"), "TS. Nguyễn Thành Hải"),
        "họ tên không kèm học hàm, học vị",
    ),
    "so_trang": (
        QD,
        lambda d: setattr(d.sections[0], "different_first_page_header_footer", False),
        "trang đầu không hiện số trang",
    ),
    "kinh_gui": (
        TTR_TINH,
        lambda d: set_text(para(d, "- Sở Nội vụ"), "- Sở Nội vụ (Ban Thi đua - Khen thưởng tỉnh);"),
        "nhiều nơi gửi: mỗi dòng “- …;”, dòng cuối kết thúc bằng “.”",
    ),
}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_passes_the_compliant_document_and_fails_the_broken_one(originals, rule):
    name, breaks, reason = CASES[rule]
    good = fresh(originals, name)
    assert {v.status for v in verdicts(good, rule)} == {DAT}
    bad = fresh(originals, name)
    breaks(bad)
    detail = failing(bad, rule)
    if reason is not None:
        assert detail == reason


def test_rule_under_the_tieu_ngu_measures_its_length(originals):
    doc = fresh(originals)
    rule_paragraph_after(doc, "Độc lập - Tự do - Hạnh phúc").paragraph_format.left_indent = Mm(0)
    rule_paragraph_after(doc, "Độc lập - Tự do - Hạnh phúc").paragraph_format.right_indent = Mm(0)
    assert failing(doc, "ke_tieu_ngu") == "kẻ dài 98 mm, chữ dài 56 mm; phải bằng độ dài dòng chữ"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Bình Định, ngày 5 tháng 11 năm 2021", "ngày dưới 10 phải có số 0 đứng trước"),
        ("Bình Định, ngày 06 tháng 2 năm 2022", "tháng 1 và 2 phải có số 0 đứng trước (tháng 01, tháng 02)"),
        ("Bình Định, ngày 29 tháng 06 năm 2019", "tháng 3 đến 12 không có số 0 đứng trước"),
        ("Bình Định ngày 29/6/2019", None),
    ],
)
def test_date_line(originals, line, reason):
    doc = fresh(originals)
    target = para(doc, "Bình Định, ngày")
    set_text(target, line)
    if reason is None:
        assert not any(v.rule == "ngay_thang" for v in check_document(doc))  # no date line left to judge
    else:
        assert failing(doc, "ngay_thang") == reason


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Số: 05/QĐ-SKHĐT", None),
        ("Số: 123/QĐ-SKHĐT", None),
        (
            "Số: 05 / QĐ - SKHĐT",
            "không có khoảng trắng trước và sau dấu /; không có khoảng trắng trong ký hiệu và quanh dấu -",
        ),
        ("Số: 05/QĐSKHĐT", "ký hiệu gồm chữ viết tắt tên loại và tên cơ quan, nối bằng dấu -"),
    ],
)
def test_number_and_symbol(originals, line, reason):
    doc = fresh(originals)
    set_text(para(doc, "Số:"), line)
    found = verdicts(doc, "so_ky_hieu")[0]
    assert (found.status, found.detail) == ((DAT, "") if reason is None else (KHONG_DAT, reason))


def test_date_must_be_italic(originals):
    doc = fresh(originals)
    para(doc, "Bình Định, ngày").runs[0].font.italic = False
    assert failing(doc, "ngay_thang") == "phải in nghiêng"


def test_theme_font_counts_as_wrong(originals):
    doc = fresh(originals)
    run = para(doc, "CỘNG HÒA").runs[0]
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    fonts.set(qn("w:asciiTheme"), "minorHAnsi")
    assert (
        failing(doc, "phong_chu")
        == "phông theo chủ đề (theme) ở “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”, phải là Times New Roman"
    )


@pytest.mark.parametrize(
    ("first", "reason"),
    [
        ("Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003,", "dòng phải kết thúc bằng “;”"),
        (
            "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;",
            "viện dẫn Luật không ghi số, chỉ ghi tên và ngày thông qua",
        ),
    ],
)
def test_can_cu(originals, first, reason):
    doc = fresh(originals)
    set_text(para(doc, "Căn cứ Luật"), first)
    assert failing(doc, "can_cu") == reason


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda p: setattr(p.paragraph_format, "alignment", WD_ALIGN_PARAGRAPH.LEFT), "phải căn đều hai bên"),
        (lambda p: setattr(p.paragraph_format, "first_line_indent", Mm(0)), "thụt đầu dòng 0.00 cm, phải 1–1,27 cm"),
        (lambda p: setattr(p.paragraph_format, "space_before", Pt(0)), "cách đoạn 0 pt, phải ít nhất 6 pt"),
        (lambda p: setattr(p.paragraph_format, "line_spacing", 2.0), "giãn dòng 2.00 dòng, phải từ 1 đến 1,5 dòng"),
        (lambda p: p.runs[0].add_break(WD_BREAK.LINE), "có ngắt dòng cứng (Shift+Enter) trong đoạn căn đều"),
        (lambda p: [setattr(r.font, "size", Pt(12)) for r in p.runs], "chữ cỡ 12, phải 13–14"),
    ],
)
def test_body(originals, change, reason):
    doc = fresh(originals, KH)
    target = para(doc, "2. Phát huy sức mạnh tập thể")
    change(target)
    assert failing(doc, "noi_dung", "2. Phát huy") == reason


def test_signature_needs_space_and_bold_name(originals):
    doc = fresh(originals)
    cell = signature_cell(doc)
    for p in [p for p in cell.paragraphs if p.style.name == "TDKT Chỗ ký"]:
        p._p.getparent().remove(p._p)
    assert failing(doc, "chu_ky") == "phải chừa khoảng trống để ký giữa chức vụ và họ tên"
    doc = fresh(originals)
    para(doc, "Nguyễn Thành Hải").runs[0].font.bold = False
    assert failing(doc, "chu_ky") == "họ tên người ký phải in đậm"


def test_page_number_centred(originals):
    doc = fresh(originals)
    doc.sections[0].header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    assert failing(doc, "so_trang") == "số trang phải căn giữa"


def _parts(found):
    return [(header.part if header else None, first.part if first else None) for _, header, first in found]


def test_each_section_shows_its_own_header_or_the_one_before_it(originals):
    """The headers the page-number rule reads, found walking the sections forward, are those python-docx finds by
    looking back from each section (an XPath whose time grows with the square of the document's length)."""
    for name in (QD, KH, TTR_TINH):
        doc = fresh(originals, name)
        expected = [(s.header.part, s.first_page_header.part) for s in doc.sections]
        assert _parts(section_headers(doc)) == expected, name
    # Three sections, the second with a header of its own: the third shows the second's, not the first's.
    doc = fresh(originals)
    doc.add_section()
    doc.sections[1].header.is_linked_to_previous = False
    found = _parts(section_headers(doc))
    assert found[2][0] is found[1][0] is not found[0][0]
    assert found[2][1] is found[0][1]  # the first-page header still the first section's
    assert found == [(s.header.part, s.first_page_header.part) for s in doc.sections]


def test_a_document_without_headers_has_no_page_number_to_judge():
    doc = Document()  # python-docx's blank document: one section, no header defined
    assert _parts(section_headers(doc)) == [(None, None)]
    assert not any(v.rule == "so_trang" for v in check_document(doc))


# --- what only the rendered page shows (page text given directly; LibreOffice is exercised below) ----------------


def test_rendered_rules_on_good_pages():
    pages = [
        ["UBND TỈNH X CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SỞ Y Độc lập - Tự do - Hạnh phúc", "nội dung"],
        ["2", "nội dung", "Nơi nhận: GIÁM ĐỐC"],
    ]
    assert {v.status for v in rendered_verdicts(pages)} == {DAT}


def test_rendered_rules_on_bad_pages():
    pages = [
        ["1", "UBND TỈNH X CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "SỞ Y VIỆT NAM", "Độc lập - Tự do -", "Hạnh phúc"],
        ["nội dung"],
        ["3", "Nơi nhận: GIÁM ĐỐC", "Nguyễn Văn A"],
        ["4"],
    ]
    found = {v.rule: v.detail for v in rendered_verdicts(pages) if v.status == KHONG_DAT}
    assert found == {
        "trang_trang": "trang 4 không có nội dung (chỉ có số trang)",
        "quoc_hieu_mot_dong": "bị ngắt thành hai dòng (ô bảng đầu trang hẹp quá)",
        "tieu_ngu_mot_dong": "bị ngắt thành hai dòng (ô bảng đầu trang hẹp quá)",
        "so_trang_in": "trang 1 có số trang; trang 2 không có số trang ở đầu trang",
        "chu_ky_mot_minh": "khối chữ ký bị đẩy sang trang mới, không có nội dung đi kèm",
    }


# --- the command --------------------------------------------------------------------------------------------------


def test_check_command_exit_codes_and_json(built_sample, tmp_path, originals):
    runner = CliRunner()
    good = built_sample[QD]
    ok = runner.invoke(main, ["check", str(good)])
    assert ok.exit_code == 0
    assert ok.stdout.splitlines()[0] == str(good)
    assert "  Quốc hiệu" in ok.stdout and ok.stdout.rstrip().endswith("0 không đạt, 0 bỏ qua")

    broken = tmp_path / "hong.docx"
    doc = fresh(originals)
    set_text(para(doc, "Số:"), "Số: 5/QĐ-SKHĐT")
    doc.save(str(broken))
    bad = runner.invoke(main, ["check", str(broken), "--json"])
    assert bad.exit_code == 1
    (report,) = json.loads(bad.stdout)
    assert report["tep"] == str(broken) and report["dat"] is False
    failures = [r for r in report["ket_qua"] if r["ket_qua"] == "khong_dat"]
    assert failures == [
        {
            "quy_tac": "so_ky_hieu",
            "ten": "Số, ký hiệu",
            "ket_qua": "khong_dat",
            "vi_tri": "Số: 5/QĐ-SKHĐT",
            "chi_tiet": "số dưới 10 phải có số 0 đứng trước (05)",
        }
    ]

    unreadable = tmp_path / "khong-phai-word.docx"
    unreadable.write_text("xin chào", encoding="utf-8")
    result = runner.invoke(main, ["check", str(unreadable), str(good)])
    assert result.exit_code == 2
    assert result.stderr == f"Lỗi: {unreadable}: không đọc được tệp Word (PackageNotFoundError)\n"


def document_templates() -> list:
    """The templates of NĐ30 document types (the certificate template prints onto a form, not a document)."""
    from pipeline.datafiles import data_file
    from pipeline.inputs.tomlfile import load_toml
    from tests.conftest import ROOT

    names = [t["mau"] for t in load_toml(data_file("loai_van_ban.toml"))["loai_van_ban"]]
    return [ROOT / "templates_docx" / name for name in names]


def test_every_template_passes(built_sample):
    templates = document_templates()
    assert [t.name for t in templates] == ["ke_hoach.docx", "to_trinh.docx", "quyet_dinh.docx", "bien_ban.docx"]
    for template in templates:
        result = CliRunner().invoke(main, ["check", str(template)])
        assert result.exit_code == 0, result.stdout


def test_every_generated_document_passes(built_sample):
    documents = [str(p) for p in built_sample.values() if p.suffix == ".docx"]
    assert len(documents) == 5
    assert CliRunner().invoke(main, ["check", *documents]).exit_code == 0


def test_build_reports_a_template_that_breaks_a_rule(workspace):
    template = workspace.templates / "ke_hoach.docx"
    doc = Document(str(template))
    doc.sections[0].left_margin = Mm(20)
    doc.save(str(template))
    relaxed = run_build(workspace)
    assert relaxed.exit_code == 0
    output = workspace.outputs / SAMPLE / KH
    assert f"Cảnh báo: {output}: thể thức: Lề trang (phần 1): lề trái 20 mm, phải 30–35 mm" in relaxed.stderr
    strict = run_build(workspace, "--strict")
    assert strict.exit_code == 1
