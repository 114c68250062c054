"""Bad inputs: one Vietnamese line per problem naming the file and key, exit 1, nothing written (issue 2, item 9)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from docx import Document

from pipeline.cli import main

from .conftest import SAMPLE, outputs_of


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run_build(ws, *extra):
    """`tdkt build` on the sample campaign of a test workspace, through Click's runner."""
    args = ["build", str(ws.inputs / SAMPLE), "--templates", str(ws.templates), "--outputs", str(ws.outputs)]
    return CliRunner().invoke(main, [*args, *extra])


CAMPAIGN = f"{SAMPLE}/phong_trao.toml"


@pytest.mark.parametrize(
    ("file", "old", "new", "where", "message"),
    [
        (CAMPAIGN, 'trich_yeu = "Thực hiện', 'ghi_chu = "Thực hiện', "van_ban[1].trich_yeu", "thiếu khóa bắt buộc"),
        (
            CAMPAIGN,
            "ngay = 2021-10-15",
            'ngay = "15/10/2021"',
            "van_ban[1].ngay",
            "giá trị phải là một ngày dạng NNNN-TT-NN, ví dụ 2021-10-15",
        ),
        (
            CAMPAIGN,
            'nguoi_ky = "giam_doc"',
            'nguoi_ky = "pho_giam_doc_9"',
            "van_ban[1].nguoi_ky",
            "người ký “pho_giam_doc_9” không có trong co_quan.toml "
            "(có: giam_doc, pho_giam_doc_1, pho_giam_doc_2, chanh_van_phong)",
        ),
        (
            CAMPAIGN,
            'don_vi_soan_thao = "VP"',
            'don_vi_soan_thao = "KT"',
            "van_ban[1].don_vi_soan_thao",
            "đơn vị “KT” không có trong co_quan.toml (có: VP, THQH, ĐKKD, ĐTTĐGS, TTXTĐT, HĐTĐKT)",
        ),
        (
            CAMPAIGN,
            'loai = "KH"',
            'loai = "CV"',
            "van_ban[1].loai",
            "loại văn bản “CV” không có; dùng một trong: KH, TTr, QĐ, BB",
        ),
        (
            CAMPAIGN,
            "noi_nhan = [",
            "noi_nhan = 3\nx = [",
            "van_ban[1].noi_nhan",
            'giá trị phải là một danh sách chuỗi, ví dụ ["dòng 1", "dòng 2"]',
        ),
        ("co_quan.toml", 'dia_danh = "Bình Định"', "", "dia_danh", "thiếu khóa bắt buộc"),
        (
            "co_quan.toml",
            'ky_thay = "KT"',
            'ky_thay = "TM"',
            "nguoi_ky[2].ky_thay",
            "phải là một trong: '', 'KT', 'TL', 'TUQ', 'Q'",
        ),
    ],
)
def test_bad_key_names_file_and_key(workspace, file, old, new, where, message):
    path = workspace.inputs / file
    edit(path, old, new)
    result = run_build(workspace)
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"Lỗi: {path}:{where}: {message}"]
    assert outputs_of(workspace) == []


def test_missing_body_file(workspace):
    body = workspace.inputs / SAMPLE / "ke_hoach.txt"
    body.unlink()
    result = run_build(workspace)
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Lỗi: {workspace.inputs / CAMPAIGN}:van_ban[1].noi_dung: không tìm thấy tệp nội dung {body}"
    )
    assert outputs_of(workspace) == []


def test_malformed_toml_names_file_and_line(workspace):
    path = workspace.inputs / CAMPAIGN
    edit(path, "ngay = 2021-10-15", "ngay = 2021-10-15 x")
    result = run_build(workspace)
    assert result.exit_code == 1
    assert result.output == (
        f"Lỗi: {path}: sai cú pháp TOML ở dòng 9, cột 19 (thường do thiếu dấu ngoặc kép, dấu phẩy hay dấu ngoặc "
        "vuông, hoặc một khóa ghi hai lần)\n"
    )
    assert outputs_of(workspace) == []


def test_template_field_the_data_lacks(workspace):
    template = workspace.templates / "ke_hoach.docx"
    doc = Document(str(template))
    doc.add_paragraph("{{ so_quyet_dinh_goc }}")
    doc.save(str(template))
    result = run_build(workspace)
    assert result.exit_code == 1
    assert result.output.strip() == f"Lỗi: {template}: mẫu dùng trường “so_quyet_dinh_goc” mà dữ liệu không có"
    assert outputs_of(workspace) == []


def test_missing_template(workspace):
    (workspace.templates / "ke_hoach.docx").unlink()
    result = run_build(workspace)
    assert result.exit_code == 1
    assert result.output.strip() == f"Lỗi: {workspace.templates / 'ke_hoach.docx'}: không tìm thấy mẫu Word"


def test_all_problems_are_reported_at_once(workspace):
    campaign = workspace.inputs / CAMPAIGN
    edit(campaign, 'nguoi_ky = "giam_doc"', 'nguoi_ky = "ai_do"')
    edit(campaign, "ngay = 2021-10-15", 'ngay = "hôm qua"')
    edit(workspace.inputs / "co_quan.toml", 'viet_tat = "SKHĐT"', "")
    result = run_build(workspace)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 3
    assert any(":viet_tat: thiếu khóa bắt buộc" in line for line in lines)
    assert any(":van_ban[1].ngay:" in line for line in lines)
    assert any(":van_ban[1].nguoi_ky:" in line for line in lines)
    assert outputs_of(workspace) == []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_two_documents_named_for_one_file_are_refused(workspace, jobs):
    """A decision copied for a second round with its `ten_tep` left as it was would replace the first one's file:
    refused, at the copy's key, before anything is written; `tdkt status` says the same."""
    campaign = workspace.inputs / CAMPAIGN
    text = campaign.read_text(encoding="utf-8")
    start = text.index('[[van_ban]]\nma = "quyet_dinh_giay_khen"')
    copy = text[start : text.index("[[van_ban]]", start + 1)].replace('"quyet_dinh_giay_khen"', '"quyet_dinh_dot_2"')
    campaign.write_text(text + "\n" + copy, encoding="utf-8")
    expected = (
        f"Lỗi: {campaign}:van_ban[6].ten_tep: văn bản “quyet_dinh_dot_2” ghi ra cùng tệp QD-tang-giay-khen.docx với "
        "văn bản “quyet_dinh_giay_khen”; hãy đặt ten_tep khác nhau"
    )
    result = run_build(workspace, "--jobs", jobs)
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if line.startswith("Lỗi")] == [expected]
    assert outputs_of(workspace) == []
    status = CliRunner().invoke(main, ["status", str(workspace.inputs / SAMPLE), "--outputs", str(workspace.outputs)])
    assert status.exit_code == 1
    assert [line for line in status.output.splitlines() if line.startswith("Lỗi")] == [expected]
