"""Tờ trình and Quyết định khen thưởng (issue 4), read back: counts, money, words, cross-reference, blocks.

Every figure is recomputed here from SPEC.md §5 by plain arithmetic, not by the module under test.
"""

from __future__ import annotations

import math

import pytest
from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn
from openpyxl import load_workbook

from tests.conftest import SAMPLE
from tests.nd30 import TNR, assert_can_cu, assert_header, assert_nd30, assert_signature
from tests.readback import alignment, find, open_docx, paragraphs, single_format, texts
from tests.test_bad_inputs import edit, run_build

QD = "QD-tang-giay-khen.docx"
TTR_VP = "TTr-de-nghi-giay-khen.docx"
TTR_TINH = "TTr-de-nghi-bang-khen-tinh.docx"
TTR_BO = "TTr-de-nghi-bang-khen-bo.docx"

# SPEC.md §5: Giấy khen 0,3 × 1.490.000 (mức lương cơ sở from 01/7/2019), rounded up to 10.000; collective ×2.
INDIVIDUAL = math.ceil(0.3 * 1_490_000 / 10_000) * 10_000
COLLECTIVE = math.ceil(0.6 * 1_490_000 / 10_000) * 10_000


def dots(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def giay_khen_nominees(built_sample) -> tuple[list[str], list[str]]:
    """The Giấy khen nominees in tong_hop.xlsx: (collectives, individuals)."""
    ws = load_workbook(built_sample["tong_hop.xlsx"])["Tổng hợp"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    collectives = [r[1] for r in rows if r[5] == "Giấy khen" and r[2] == "Tập thể"]
    individuals = [r[1] for r in rows if r[5] == "Giấy khen" and r[2] == "Cá nhân"]
    return collectives, individuals


def list_rows(doc, table_index: int = -1) -> list[list[str]]:
    table = doc.tables[table_index]
    return [[cell.text for cell in row.cells] for row in table.rows]


@pytest.mark.parametrize("name", [QD, TTR_VP, TTR_TINH, TTR_BO])
def test_every_reward_document_passes_the_format_rules(built_sample, name):
    doc = open_docx(built_sample[name])
    assert_nd30(doc)
    assert_can_cu(doc)


# --- Quyết định ---------------------------------------------------------------------------------------------------


def test_decision_header_title_authority_and_bases(built_sample):
    doc = open_docx(built_sample[QD])
    assert_header(
        doc, ("UBND TỈNH BÌNH ĐỊNH", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"), "     /QĐ-SKHĐT", "Bình Định, ngày 20 tháng 11 năm 2021"
    )
    assert single_format(find(doc, "QUYẾT ĐỊNH")) == (TNR, 14, True, False)
    authority = find(doc, "GIÁM ĐỐC SỞ KẾ HOẠCH VÀ ĐẦU TƯ")
    assert single_format(authority) == (TNR, 14, True, False) and alignment(authority) == "center"
    bases = assert_can_cu(doc)
    assert len(bases) == 4
    assert bases[0].startswith("Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003")
    # The cross-reference: the Tờ trình's symbol and date, its number blank until it is issued.
    assert bases[-1] == "Theo đề nghị của Chánh Văn phòng Sở tại Tờ trình số      /TTr-VP ngày 15 tháng 11 năm 2021."
    decides = find(doc, "QUYẾT ĐỊNH:")
    assert single_format(decides) == (TNR, 14, True, False) and alignment(decides) == "center"


def test_decision_articles_counts_money_and_words(built_sample):
    doc = open_docx(built_sample[QD])
    collectives, individuals = giay_khen_nominees(built_sample)
    total = COLLECTIVE * len(collectives) + INDIVIDUAL * len(individuals)
    articles = [p for p in paragraphs(doc) if p.text.startswith("Điều ")]
    assert [p.runs[0].text for p in articles] == ["Điều 1.", "Điều 2.", "Điều 3."]
    assert all(p.runs[0].bold for p in articles) and not any(r.bold for p in articles for r in p.runs[1:])
    assert articles[0].text.startswith(
        f"Điều 1. Tặng Giấy khen của Giám đốc Sở Kế hoạch và Đầu tư cho {len(collectives):02d} tập thể và "
        f"{len(individuals):02d} cá nhân (có danh sách kèm theo) đã có thành tích xuất sắc trong Phong trào"
    )
    assert articles[1].text == (
        f"Điều 2. Mỗi tập thể được tặng Giấy khen kèm theo tiền thưởng {dots(COLLECTIVE)} đồng; mỗi cá nhân được "
        f"tặng Giấy khen kèm theo tiền thưởng {dots(INDIVIDUAL)} đồng. Tổng số tiền thưởng: {dots(total)} đồng "
        "(Bằng chữ: Bảy triệu hai trăm nghìn đồng). Kinh phí khen thưởng trích từ Quỹ thi đua, khen thưởng của Sở "
        "Kế hoạch và Đầu tư năm 2021."
    )
    assert total == 7_200_000
    assert articles[2].text.endswith("chịu trách nhiệm thi hành Quyết định này./.")


def test_decision_noi_nhan_and_signature(built_sample):
    doc = open_docx(built_sample[QD])
    assert_signature(
        doc,
        ["- Như Điều 3;", "- Ban TĐ-KT tỉnh (để b/c);", "- Lãnh đạo Sở;", "- Kế toán Văn phòng;", "- Lưu: VT, VP."],
        ["GIÁM ĐỐC"],
        "Nguyễn Thành Hải",
    )


def test_decision_list_on_its_own_numbered_section(built_sample):
    doc = open_docx(built_sample[QD])
    assert len(doc.sections) == 2
    appendix = doc.sections[1]
    assert appendix.start_type == WD_SECTION.NEW_PAGE
    assert appendix._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    got = texts(doc)
    start = got.index("DANH SÁCH")
    assert got[start + 1] == "TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN CỦA GIÁM ĐỐC SỞ KẾ HOẠCH VÀ ĐẦU TƯ"
    kem_theo = find(doc, got[start + 2])
    assert kem_theo.text == (
        "(Kèm theo Quyết định số      /QĐ-SKHĐT ngày 20 tháng 11 năm 2021 của Giám đốc Sở Kế hoạch và Đầu tư)"
    )
    assert single_format(kem_theo) == (TNR, 14, False, True)


def test_decision_list_rows_amounts_total_and_words(built_sample):
    doc = open_docx(built_sample[QD])
    collectives, individuals = giay_khen_nominees(built_sample)
    rows = list_rows(doc)
    assert rows[0] == ["STT", "Họ và tên", "Chức vụ, đơn vị", "Thành tích", "Số tiền (đồng)"]
    assert rows[1][:2] == ["I", "TẬP THỂ"]
    group_two = next(i for i, r in enumerate(rows) if r[:2] == ["II", "CÁ NHÂN"])
    collective_rows, individual_rows = rows[2:group_two], rows[group_two + 1 : -1]
    assert [r[1] for r in collective_rows] == collectives
    assert [r[1] for r in individual_rows] == individuals
    assert [r[0] for r in individual_rows] == [str(i) for i in range(1, len(individuals) + 1)]
    assert {r[4] for r in collective_rows} == {dots(COLLECTIVE)}
    assert {r[4] for r in individual_rows} == {dots(INDIVIDUAL)}
    total = sum(int(r[4].replace(".", "")) for r in collective_rows + individual_rows)
    assert rows[-1][1] == "Tổng cộng" and rows[-1][4] == dots(total)
    assert find(doc, "Bằng chữ: Bảy triệu hai trăm nghìn đồng./.").style.name == "TDKT Bằng chữ"


def test_list_header_repeats_and_rows_never_split(built_sample):
    table = open_docx(built_sample[QD]).tables[-1]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)


# --- Tờ trình -----------------------------------------------------------------------------------------------------


def test_unit_submission_to_the_director(built_sample):
    doc = open_docx(built_sample[TTR_VP])
    assert_header(doc, ("SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "VĂN PHÒNG"), "     /TTr-VP", "Bình Định, ngày 15 tháng 11 năm 2021")
    assert single_format(find(doc, "TỜ TRÌNH")) == (TNR, 14, True, False)
    addressee = find(doc, "Kính gửi: Giám đốc Sở Kế hoạch và Đầu tư.")
    assert alignment(addressee) == "center"
    collectives, individuals = giay_khen_nominees(built_sample)
    got = texts(doc)
    assert any(
        t.startswith(
            f"Đề nghị Giám đốc Sở xem xét, tặng Giấy khen của Giám đốc Sở Kế hoạch và Đầu tư cho "
            f"{len(collectives):02d} tập thể và {len(individuals):02d} cá nhân (có danh sách kèm theo)"
        )
        for t in got
    )
    assert any("Tổng số tiền thưởng: 7.200.000 đồng (Bằng chữ: Bảy triệu hai trăm nghìn đồng)." in t for t in got)
    assert "Văn phòng Sở kính trình Giám đốc Sở xem xét, quyết định./." in got
    assert_signature(doc, ["- Như trên;", "- Lưu: VT, VP."], ["CHÁNH VĂN PHÒNG"], "Phạm Ngọc Ánh")
    assert "TẬP THỂ, CÁ NHÂN ĐỀ NGHỊ TẶNG GIẤY KHEN CỦA GIÁM ĐỐC SỞ KẾ HOẠCH VÀ ĐẦU TƯ" in got
    assert "(Kèm theo Tờ trình số      /TTr-VP ngày 15 tháng 11 năm 2021 của Văn phòng Sở Kế hoạch và Đầu tư)" in got


def test_submission_to_the_province_lists_no_money(built_sample):
    doc = open_docx(built_sample[TTR_TINH])
    assert_header(
        doc, ("UBND TỈNH BÌNH ĐỊNH", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"), "     /TTr-SKHĐT", "Bình Định, ngày 22 tháng 11 năm 2021"
    )
    got = texts(doc)
    start = got.index("Kính gửi:")
    assert got[start + 1 : start + 3] == [
        "- Chủ tịch Ủy ban nhân dân tỉnh;",
        "- Sở Nội vụ (Ban Thi đua - Khen thưởng tỉnh).",
    ]
    assert any(
        t.startswith(
            "Đề nghị Chủ tịch Ủy ban nhân dân tỉnh xem xét, tặng Bằng khen của Chủ tịch Ủy ban nhân "
            "dân tỉnh cho 04 cá nhân (có danh sách kèm theo)"
        )
        for t in got
    )
    assert not any("tiền thưởng" in t for t in got)
    assert got[-1] != "Tổng cộng"
    rows = list_rows(doc)
    assert rows[0] == ["STT", "Họ và tên", "Chức vụ, đơn vị", "Thành tích"]
    assert rows[1][:2] == ["I", "CÁ NHÂN"]
    # from four files: a spreadsheet, a Word table, a LibreOffice sheet and the Văn phòng's two-row header
    assert [r[1] for r in rows[2:]] == ["Trần Quốc Bảo", "Huỳnh Thị Kim Oanh", "Lê Thị Mỹ Duyên", "Phạm Ngọc Ánh"]
    # sent upward, each line names the agency; position and unit written once (issue 13, item 2)
    assert [r[2] for r in rows[2:]] == [
        "Trưởng phòng Đăng ký kinh doanh, Sở Kế hoạch và Đầu tư",
        "Trưởng phòng Đấu thầu, Thẩm định và Giám sát đầu tư, Sở Kế hoạch và Đầu tư",
        "Phó Giám đốc Trung tâm Xúc tiến đầu tư, Sở Kế hoạch và Đầu tư",
        "Chánh Văn phòng, Sở Kế hoạch và Đầu tư",
    ]
    assert "CÁ NHÂN ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" in got
    assert "Sở Kế hoạch và Đầu tư kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, quyết định./." in got
    assert_signature(doc, ["- Như trên;", "- Lãnh đạo Sở;", "- Lưu: VT, VP."], ["GIÁM ĐỐC"], "Nguyễn Thành Hải")


def test_submission_to_the_ministry(built_sample):
    got = texts(open_docx(built_sample[TTR_BO]))
    assert "Kính gửi: Bộ Kế hoạch và Đầu tư (Vụ Thi đua - Khen thưởng)." in got
    assert any("tặng Bằng khen của Bộ trưởng Bộ Kế hoạch và Đầu tư cho 02 cá nhân" in t for t in got)
    assert "CÁ NHÂN ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA BỘ TRƯỞNG BỘ KẾ HOẠCH VÀ ĐẦU TƯ" in got


# --- settings and bad campaign files ------------------------------------------------------------------------------


def test_money_follows_the_decision_date(workspace):
    campaign = workspace.inputs / SAMPLE / "phong_trao.toml"
    edit(campaign, "ngay = 2021-11-20", "ngay = 2024-08-15")
    assert run_build(workspace).exit_code == 0
    rows = list_rows(open_docx(workspace.outputs / SAMPLE / QD))
    amounts = {r[4] for r in rows[1:-1] if r[4]}
    assert amounts == {"1.410.000", "710.000"}  # 0,6 and 0,3 × 2.340.000, rounded up (SPEC §5)


def test_group_order_and_rounding_are_settings(workspace):
    campaign = workspace.inputs / SAMPLE / "phong_trao.toml"
    campaign.write_text(
        campaign.read_text(encoding="utf-8") + '\n[danh_sach]\nthu_tu_nhom = ["ca_nhan", "tap_the"]\n', encoding="utf-8"
    )
    edit(workspace.inputs / "co_quan.toml", 'lam_tron_tien_thuong = "len"', 'lam_tron_tien_thuong = "khong"')
    assert run_build(workspace).exit_code == 0
    rows = list_rows(open_docx(workspace.outputs / SAMPLE / QD))
    assert rows[1][:2] == ["I", "CÁ NHÂN"]
    assert {r[4] for r in rows[2:-1] if r[0].isdigit()} == {"447.000", "894.000"}


def test_signed_copy_shows_da_ky(workspace):
    assert run_build(workspace, "--da-ky").exit_code == 0
    table = next(
        t for t in open_docx(workspace.outputs / SAMPLE / QD).tables if t.cell(0, 0).paragraphs[0].text == "Nơi nhận:"
    )
    assert [p.text for p in table.cell(0, 1).paragraphs if p.text] == ["GIÁM ĐỐC", "(Đã ký)", "Nguyễn Thành Hải"]


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        (
            'hinh_thuc = ["giay_khen"]\nnguoi_quyet_dinh',
            'hinh_thuc = ["huan_chuong"]\nnguoi_quyet_dinh',
            "van_ban[2].hinh_thuc[1]",
            "hình thức “huan_chuong” không có (có: giay_khen, bang_khen_tinh, bang_khen_bo, lao_dong_tien_tien, "
            "chien_si_thi_dua_co_so, tap_the_lao_dong_tien_tien, tap_the_lao_dong_xuat_sac, chien_si_thi_dua_tinh)",
        ),
        (
            'hinh_thuc = ["giay_khen"]\ncan_cu',
            'hinh_thuc = ["bang_khen_tinh"]\ncan_cu',
            "van_ban[3].hinh_thuc",
            '“Bằng khen UBND tỉnh” không thuộc thẩm quyền quyết định của cơ quan; hãy lập tờ trình (loai = "TTr")',
        ),
        (
            'theo_to_trinh = "to_trinh_giay_khen"',
            'theo_to_trinh = "to_trinh_khac"',
            "van_ban[3].theo_to_trinh",
            "không có tờ trình nào có ma = “to_trinh_khac”",
        ),
        (
            'loi_trinh = "Văn phòng Sở kính trình Giám đốc Sở xem xét, quyết định."',
            "",
            "van_ban[2].loi_trinh",
            "tờ trình khen thưởng cần khóa này",
        ),
        (
            'dieu_3 = "Chánh Văn phòng',
            'ghi_chu = "Chánh Văn phòng',
            "van_ban[3].dieu_3",
            "quyết định khen thưởng cần khóa này",
        ),
    ],
)
def test_bad_reward_document(workspace, old, new, where, message):
    campaign = workspace.inputs / SAMPLE / "phong_trao.toml"
    edit(campaign, old, new)
    result = run_build(workspace)
    assert result.exit_code == 1
    assert result.stderr == f"Lỗi: {campaign}:{where}: {message}\n"
    assert not (workspace.outputs / SAMPLE).exists()


# --- căn cứ by date (issue 13, item 4) ------------------------------------------------------------------------------


def _decision_lines(workspace, *extra):
    result = run_build(workspace, *extra)
    return result, texts(open_docx(workspace.outputs / SAMPLE / QD)) if result.exit_code == 0 else []


def test_a_decision_without_typed_bases_cites_the_laws_in_force_on_its_date(workspace):
    campaign = workspace.inputs / SAMPLE / "phong_trao.toml"
    text = campaign.read_text(encoding="utf-8")
    start = text.index('can_cu = [\n    "Căn cứ Luật Thi đua')
    text = text[:start] + text[text.index("]\n", start) + 2 :]
    campaign.write_text(text.replace("ngay = 2021-11-20", "ngay = 2025-12-18"), encoding="utf-8")
    agency = workspace.inputs / "co_quan.toml"
    authority = "Quyết định số 01/2025/QĐ-UBND ngày 02 tháng 7 năm 2025 của Ủy ban nhân dân tỉnh quy định chức năng, nhiệm vụ của Sở"
    agency.write_text(f'quyet_dinh_chuc_nang = "{authority}"\n' + agency.read_text(encoding="utf-8"), encoding="utf-8")
    result, got = _decision_lines(workspace)
    assert result.exit_code == 0, result.output
    bases = [t for t in got if t.startswith(("Căn cứ", "Theo đề nghị"))]
    assert bases[:4] == [
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền "
        "trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, "
        "khen thưởng;",
        "Căn cứ Thông tư số 15/2025/TT-BNV ngày 04 tháng 8 năm 2025 của Bộ trưởng Bộ Nội vụ hướng dẫn thi hành Nghị "
        "định số 152/2025/NĐ-CP;",
        f"Căn cứ {authority};",
    ]


def test_a_basis_not_in_force_on_the_date_is_a_warning_and_strict_stops(workspace):
    campaign = workspace.inputs / SAMPLE / "phong_trao.toml"
    edit(campaign, "ngay = 2021-11-20", "ngay = 2025-12-18")
    edit(
        campaign,
        "Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017",
        "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023",
    )
    result = run_build(workspace)
    assert result.exit_code == 0
    warned = [line for line in result.stderr.splitlines() if "căn cứ dẫn" in line]
    assert (
        f"{campaign}:quyet_dinh_giay_khen: căn cứ dẫn 98/2023/NĐ-CP (hiệu lực từ 01/01/2024 đến 30/06/2025) không có hiệu lực vào ngày của văn bản 18/12/2025; nay là 152/2025/NĐ-CP"
        in " ".join(warned).replace("Cảnh báo: ", "")
    )
    assert any("căn cứ dẫn Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003" in line for line in warned)
    strict = run_build(workspace, "--strict")
    assert strict.exit_code == 1 and "căn cứ dẫn 98/2023/NĐ-CP" in strict.stderr
