"""`tdkt check --render` through LibreOffice (issue 5, item 3): what only the laid-out page shows."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Mm

from pipeline.cli import main
from pipeline.render.office import find_soffice
from tests.check.test_rules import document_templates

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed"),
]


def rendered_failures(path) -> dict[str, str]:
    result = CliRunner().invoke(main, ["check", str(path), "--render", "--json"])
    (report,) = json.loads(result.stdout)
    return {r["quy_tac"]: r["chi_tiet"] for r in report["ket_qua"] if r["ket_qua"] == "khong_dat"}


def test_every_document_and_template_passes_with_render(built_sample):
    files = [str(p) for p in built_sample.values() if p.suffix == ".docx"]
    files += [str(p) for p in document_templates()]
    result = CliRunner().invoke(main, ["check", "--render", "--json", *files])
    assert result.exit_code == 0, result.stdout
    reports = json.loads(result.stdout)
    assert len(reports) == len(files)  # the sample's documents and every document template
    for report in reports:
        rules = {r["quy_tac"] for r in report["ket_qua"]}
        assert {"quoc_hieu_mot_dong", "tieu_ngu_mot_dong", "so_trang_in"} <= rules, report["tep"]


def test_narrow_header_breaks_the_quoc_hieu(built_sample, tmp_path):
    doc = Document(str(built_sample["KH-phong-trao-thi-dua-dac-biet.docx"]))
    header = doc.tables[0]
    for row in header.rows:
        row.cells[0].width, row.cells[1].width = Mm(95), Mm(70)
    grid = header._tbl.tblGrid.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}gridCol")
    grid[0].set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w", str(95 * 567 // 10))
    grid[1].set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w", str(70 * 567 // 10))
    broken = tmp_path / "hep.docx"
    doc.save(str(broken))
    assert rendered_failures(broken)["quoc_hieu_mot_dong"] == "bị ngắt thành hai dòng (ô bảng đầu trang hẹp quá)"


def test_page_number_on_page_one_and_signature_alone(built_sample, tmp_path):
    doc = Document(str(built_sample["KH-phong-trao-thi-dua-dac-biet.docx"]))
    doc.sections[0].different_first_page_header_footer = False
    last_body = [p for p in doc.paragraphs if p.text.endswith("./.")][-1]
    last_body.runs[-1].add_break(WD_BREAK.PAGE)
    broken = tmp_path / "roi.docx"
    doc.save(str(broken))
    failures = rendered_failures(broken)
    assert failures["so_trang_in"] == "trang 1 có số trang"
    assert failures["chu_ky_mot_minh"] == "khối chữ ký bị đẩy sang trang mới, không có nội dung đi kèm"
