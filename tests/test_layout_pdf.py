"""What only the rendered page shows (issue 2, done-when): LibreOffice lays the Kế hoạch out to PDF."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from pipeline.render.office import convert_to_pdf, find_soffice

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"),
]


def page_text(pdf, page: int) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def plan_pdf(built_plan, tmp_path_factory):
    return convert_to_pdf(built_plan, tmp_path_factory.mktemp("pdf"))


def test_header_lines_each_on_one_line(plan_pdf):
    lines = page_text(plan_pdf, 1)
    assert any(line.endswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") for line in lines[:3]), lines[:4]
    assert any(line.endswith("Độc lập - Tự do - Hạnh phúc") for line in lines[:4]), lines[:4]
    assert any(line.startswith("UBND TỈNH BÌNH ĐỊNH") for line in lines[:3])
    number_row = next(line for line in lines if line.startswith("Số:"))
    assert number_row.endswith("Bình Định, ngày 15 tháng 10 năm 2021")


def test_page_number_from_page_two_only(plan_pdf):
    assert not page_text(plan_pdf, 1)[0].isdigit()
    assert page_text(plan_pdf, 2)[0] == "2"


def test_noi_nhan_beside_the_signature(plan_pdf):
    pages = int(
        next(
            line.split()[-1]
            for line in subprocess.run(["pdfinfo", str(plan_pdf)], capture_output=True, text=True).stdout.splitlines()
            if line.startswith("Pages:")
        )
    )
    last = page_text(plan_pdf, pages)
    row = next(line for line in last if line.startswith("Nơi nhận:"))
    assert row.endswith("GIÁM ĐỐC")
    assert "Nguyễn Thành Hải" in last[-1] or any(line.endswith("Nguyễn Thành Hải") for line in last)
