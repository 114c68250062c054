"""The year-end review (SPEC.md §10): titles as titles, several awards per person, one decision per award.

Planned from the bundled review sample (`inputs/tong-ket-nam-2024`, decided 20/12/2024: NĐ 98/2023, base salary
2.340.000) and read back from the built .docx files as a reader sees them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.build import build, plan
from pipeline.check.files import check_file
from pipeline.cli import main
from pipeline.documents.model import Decision, Submission
from pipeline.render.office import find_soffice
from pipeline.workspace import Workspace
from tests.conftest import REVIEW, ROOT
from tests.readback import open_docx, texts
from tests.test_bad_inputs import edit

AGENCY = "Sở Kế hoạch và Đầu tư"
TITLES = ("lao_dong_tien_tien", "chien_si_thi_dua_co_so", "tap_the_lao_dong_tien_tien", "giay_khen")


def _copy(root: Path) -> Workspace:
    shutil.copytree(ROOT / "inputs", root / "inputs")
    shutil.copytree(ROOT / "templates_docx", root / "templates_docx")
    return Workspace.at(root)


def _planned(ws: Workspace) -> dict:
    _, planned, problems = plan([ws.inputs / REVIEW], ws)
    assert not problems.errors, problems.errors
    return {item.document.ma: item.document for item in planned}


@pytest.fixture(scope="module")
def review(tmp_path_factory) -> dict:
    return _planned(_copy(tmp_path_factory.mktemp("review")))


@pytest.fixture(scope="module")
def built_review(tmp_path_factory) -> dict[str, Path]:
    ws = _copy(tmp_path_factory.mktemp("built-review"))
    report = build([ws.inputs / REVIEW], ws)
    return {p.name: p for p in report.written}


def _names(document) -> list[str]:
    return [row.nomination.ho_ten for row in document.danh_sach.rows]


def test_one_decision_per_award_each_with_its_own_code_and_file(review):
    decisions = {code: doc for code, doc in review.items() if isinstance(doc, Decision)}
    assert sorted(decisions) == sorted(f"quyet_dinh.{code}" for code in TITLES)
    assert {doc.output.name for doc in decisions.values()} == {
        "QD-tong-ket-2024-lao-dong-tien-tien.docx",
        "QD-tong-ket-2024-chien-si-thi-dua-co-so.docx",
        "QD-tong-ket-2024-tap-the-lao-dong-tien-tien.docx",
        "QD-tong-ket-2024-giay-khen.docx",
    }
    lao_dong = decisions["quyet_dinh.lao_dong_tien_tien"]
    assert lao_dong.spec.trich_yeu == "Về việc công nhận danh hiệu “Lao động tiên tiến” năm 2024"
    assert decisions["quyet_dinh.giay_khen"].spec.trich_yeu == f"Về việc tặng Giấy khen của Giám đốc {AGENCY}"
    assert {row.form.ma for row in lao_dong.danh_sach.rows} == {"lao_dong_tien_tien"}


def test_a_person_with_two_titles_is_in_both_decisions(review):
    lao_dong = _names(review["quyet_dinh.lao_dong_tien_tien"])
    chien_si = _names(review["quyet_dinh.chien_si_thi_dua_co_so"])
    assert len(lao_dong) == 17 and len(chien_si) == 6
    assert set(chien_si) <= set(lao_dong)  # each Chiến sĩ thi đua cơ sở also meets Lao động tiên tiến
    assert "Nguyễn Hữu Thắng" in chien_si  # on two rows of his unit's file, one award each
    assert "Đặng Minh Khoa" in chien_si  # three awards typed in one cell


def test_titles_read_as_titles_with_their_money(review):
    chien_si = review["quyet_dinh.chien_si_thi_dua_co_so"]
    assert chien_si.dieu[0] == (
        f"Công nhận danh hiệu “Chiến sĩ thi đua cơ sở” năm 2024 cho 06 cá nhân thuộc {AGENCY} (có danh sách kèm theo)."
    )
    assert chien_si.dieu[1].startswith(
        "Mỗi cá nhân có tên tại Điều 1 được tặng Bằng chứng nhận và được thưởng 1,0 lần mức lương cơ sở, "
        "số tiền: 2.340.000 đồng. Tổng số tiền thưởng: 14.040.000 đồng (Bằng chữ: Mười bốn triệu không trăm bốn "
        "mươi nghìn đồng)."
    )
    assert "đã có thành tích" not in chien_si.dieu[0]  # a title is recognised, not given for an achievement
    collectives = review["quyet_dinh.tap_the_lao_dong_tien_tien"]
    assert collectives.dieu[1].startswith(
        "Mỗi tập thể có tên tại Điều 1 được thưởng 0,8 lần mức lương cơ sở, số tiền: 1.880.000 đồng"
    )
    assert collectives.tong_tien == 4 * 1_880_000
    forms = review["quyet_dinh.giay_khen"]
    assert forms.dieu[0] == (
        f"Tặng Giấy khen của Giám đốc {AGENCY} cho 01 tập thể và 02 cá nhân (có danh sách kèm theo) đã có thành tích "
        "xuất sắc trong thực hiện nhiệm vụ năm 2024."
    )
    assert forms.tong_tien == 1_410_000 + 2 * 710_000


def test_the_lower_title_of_the_same_year_is_not_paid_twice(review):
    """NĐ 98/2023 Điều 53.5 as SPEC §10 reads it (the default setting): only the higher title is paid."""
    lao_dong = review["quyet_dinh.lao_dong_tien_tien"]
    unpaid = [row for row in lao_dong.danh_sach.rows if row.paid_elsewhere]
    assert len(unpaid) == 6
    assert all(row.amount is None and row.fields()["so_tien"] == "—" for row in unpaid)
    assert "Chiến sĩ thi đua cơ sở" in unpaid[0].fields()["thanh_tich"]
    assert lao_dong.tong_tien == 11 * 710_000
    assert "riêng 06 cá nhân đồng thời được công nhận danh hiệu “Chiến sĩ thi đua cơ sở” năm 2024" in lao_dong.dieu[1]
    assert "Nghị định số 98/2023/NĐ-CP, Điều 53 khoản 5" in lao_dong.dieu[1]


def test_the_agency_may_pay_every_title(tmp_path):
    ws = _copy(tmp_path)
    (ws.inputs / "khen_thuong.toml").write_text('[ket_hop]\ndanh_hieu_cung_nam = "tat_ca"\n', encoding="utf-8")
    lao_dong = _planned(ws)["quyet_dinh.lao_dong_tien_tien"]
    assert not any(row.paid_elsewhere for row in lao_dong.danh_sach.rows)
    assert lao_dong.tong_tien == 17 * 710_000
    assert "riêng" not in lao_dong.dieu[1]


def test_the_ground_of_each_chien_si_thi_dua_is_listed(review):
    rows = review["quyet_dinh.chien_si_thi_dua_co_so"].danh_sach.rows
    grounds = {row.nomination.ho_ten: row.fields()["thanh_tich"] for row in rows}
    assert grounds["Phạm Ngọc Ánh"] == "Sáng kiến số 02/QĐ-HĐSK ngày 12/11/2024"
    assert grounds["Trương Công Hậu"] == "Hoàn thành xuất sắc nhiệm vụ năm 2024"
    assert review["quyet_dinh.chien_si_thi_dua_co_so"].cot_thanh_tich == "Căn cứ xét"


def test_the_proposals_group_their_lists_by_award(review):
    office = review["to_trinh"]
    assert isinstance(office, Submission) and office.cot_hinh_thuc and office.co_tien
    headings = [(g.so_la_ma, g.ten) for g in office.danh_sach.groups]
    assert headings == [
        ("A", "LAO ĐỘNG TIÊN TIẾN NĂM 2024"),
        ("I", "CÁ NHÂN"),
        ("B", "CHIẾN SĨ THI ĐUA CƠ SỞ NĂM 2024"),
        ("I", "CÁ NHÂN"),
        ("C", "TẬP THỂ LAO ĐỘNG TIÊN TIẾN NĂM 2024"),
        ("I", "TẬP THỂ"),
        ("D", "GIẤY KHEN"),
        ("I", "TẬP THỂ"),
        ("II", "CÁ NHÂN"),
    ]
    assert office.de_nghi == (
        "Đề nghị Giám đốc Sở xem xét, công nhận danh hiệu “Lao động tiên tiến” năm 2024 cho 17 cá nhân; công nhận "
        "danh hiệu “Chiến sĩ thi đua cơ sở” năm 2024 cho 06 cá nhân; công nhận danh hiệu “Tập thể lao động tiên "
        f"tiến” năm 2024 cho 04 tập thể; tặng Giấy khen của Giám đốc {AGENCY} cho 01 tập thể và 02 cá nhân (có danh "
        "sách kèm theo) đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2024."
    )
    assert office.tong_tien == 11 * 710_000 + 6 * 2_340_000 + 4 * 1_880_000 + 1_410_000 + 2 * 710_000
    province = review["to_trinh_tinh"]
    assert not province.co_tien and [g.ten for g in province.danh_sach.groups] == [
        "TẬP THỂ LAO ĐỘNG XUẤT SẮC NĂM 2024",
        "TẬP THỂ",
        "BẰNG KHEN UBND TỈNH",
        "CÁ NHÂN",
    ]
    assert province.spec.trich_yeu.endswith("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm 2024")


def test_the_built_documents_read_right_and_pass_the_check(built_review):
    decision = open_docx(built_review["QD-tong-ket-2024-chien-si-thi-dua-co-so.docx"])
    lines = texts(decision)
    assert "Về việc công nhận danh hiệu “Chiến sĩ thi đua cơ sở” năm 2024" in lines
    assert any(
        line.startswith("Điều 1. Công nhận danh hiệu “Chiến sĩ thi đua cơ sở” năm 2024 cho 06 cá nhân")
        for line in lines
    )
    assert any(line.startswith("Điều 3. Chánh Văn phòng Sở") and line.endswith("./.") for line in lines)
    header = [cell.text for cell in decision.tables[-1].rows[0].cells]
    assert header == ["STT", "Họ và tên", "Chức vụ, đơn vị", "Căn cứ xét", "Số tiền (đồng)"]
    office = open_docx(built_review["TTr-de-nghi-tong-ket-2024.docx"])
    assert [cell.text for cell in office.tables[-1].rows[0].cells] == [
        "STT",
        "Họ và tên",
        "Chức vụ, đơn vị",
        "Danh hiệu, hình thức",
        "Thành tích",
        "Số tiền (đồng)",
    ]
    for name, path in built_review.items():
        if name.endswith(".docx"):
            report = check_file(path)
            assert report.ok, (name, [(v.title, v.detail) for v in report.verdicts if v.status != "dat"])


def test_one_combined_decision_has_an_article_per_award(tmp_path):
    ws = _copy(tmp_path)
    edit(ws.inputs / REVIEW / "phong_trao.toml", 'ten_tep = "tong ket 2024"', 'ten_tep = "tong ket 2024"\ngop = true')
    edit(
        ws.inputs / REVIEW / "phong_trao.toml",
        'trich_yeu = "Về việc {khen_thuong}"',
        'trich_yeu = "Về việc công nhận danh hiệu thi đua và tặng Giấy khen năm {nam}"',
    )
    decision = _planned(ws)["quyet_dinh"]
    assert [text.split(" cho ")[0] for text in decision.dieu[:4]] == [
        "Công nhận danh hiệu “Lao động tiên tiến” năm 2024",
        "Công nhận danh hiệu “Chiến sĩ thi đua cơ sở” năm 2024",
        "Công nhận danh hiệu “Tập thể lao động tiên tiến” năm 2024",
        f"Tặng Giấy khen của Giám đốc {AGENCY}",
    ]
    assert decision.dieu[4].startswith("Mỗi cá nhân có tên tại Điều 1 được thưởng 0,3 lần")
    assert "mỗi cá nhân có tên tại Điều 2 được tặng Bằng chứng nhận" in decision.dieu[4]
    assert decision.dieu[5].endswith("./.") and len(decision.dieu) == 6
    assert decision.cot_hinh_thuc and decision.spec.trich_yeu.endswith("năm 2024")
    report = build([ws.inputs / REVIEW], ws)
    built = next(p for p in report.written if p.name == "QD-tong-ket-2024.docx")
    lines = texts(open_docx(built))
    assert [line[:7] for line in lines if line.startswith("Điều ")] == [f"Điều {i}." for i in range(1, 7)]
    assert check_file(built).ok


def test_a_split_decision_needs_the_award_in_its_subject(workspace):
    edit(
        workspace.inputs / REVIEW / "phong_trao.toml",
        'trich_yeu = "Về việc {khen_thuong}"',
        'trich_yeu = "Về việc khen thưởng năm 2024"',
    )
    result = CliRunner().invoke(main, ["build", str(workspace.inputs / REVIEW), "--outputs", str(workspace.outputs)])
    assert result.exit_code == 1
    assert "trích yếu cần có {khen_thuong}" in result.stderr and "gop = true" in result.stderr


def test_an_unknown_placeholder_in_the_subject_is_named(workspace):
    edit(
        workspace.inputs / REVIEW / "phong_trao.toml",
        'trich_yeu = "Về việc {khen_thuong}"',
        'trich_yeu = "Về việc {khen_thuong} {nam_hoc}"',
    )
    result = CliRunner().invoke(main, ["build", str(workspace.inputs / REVIEW), "--outputs", str(workspace.outputs)])
    assert result.exit_code == 1
    assert "trích yếu có “{nam_hoc}” không hiểu được" in result.stderr


def test_the_certificate_of_a_title_is_printed_from_its_own_template_and_numbered(workspace, monkeypatch):
    monkeypatch.chdir(workspace.inputs.parent)
    campaign = str(Path("inputs") / REVIEW)
    issued = CliRunner().invoke(
        main, ["issue", campaign, "--doc", "quyet_dinh.chien_si_thi_dua_co_so", "--ngay", "2024-12-20", "--khong-pdf"]
    )
    assert issued.exit_code == 0, issued.output
    assert "Đã phát hành: số 01/QĐ-SKHĐT ngày 20/12/2024" in issued.stdout
    printed = CliRunner().invoke(main, ["certificates", campaign, "--doc", "quyet_dinh.chien_si_thi_dua_co_so"])
    assert printed.exit_code == 0, printed.output
    files = sorted(Path("outputs").rglob("*.docx"))
    cards = [p for p in files if p.parent.name.startswith("chien-si-thi-dua-co-so")]
    assert [p.name[:3] for p in cards] == ["001", "002", "003", "004", "005", "006"]
    lines = texts(open_docx(cards[0]))
    wording = [line for line in lines if line in ("CHỨNG NHẬN", "Đạt danh hiệu", "CHIẾN SĨ THI ĐUA CƠ SỞ", "Năm 2024")]
    assert wording == ["CHỨNG NHẬN", "Đạt danh hiệu", "CHIẾN SĨ THI ĐUA CƠ SỞ", "Năm 2024"]
    assert lines[lines.index("CHỨNG NHẬN") + 1] == "Phạm Ngọc Ánh"  # the list's first: the Văn phòng comes first
    assert "Số sổ vàng: 001" in lines


@pytest.mark.libreoffice
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_the_review_documents_laid_out_have_no_blank_page(built_review):
    for name, path in built_review.items():
        if name.endswith(".docx"):
            report = check_file(path, render=True)
            blank = [v for v in report.verdicts if v.rule == "trang_trang"]
            assert blank and all(v.status == "dat" for v in blank), (name, blank)
            assert report.ok, (name, [(v.title, v.detail) for v in report.verdicts if v.status != "dat"])
