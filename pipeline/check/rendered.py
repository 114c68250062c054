"""`tdkt check --render`: what only the laid-out pages show, read from LibreOffice's PDF.

The Quốc hiệu and the Tiêu ngữ each on one line, no page number on page 1 (and one on page 2), no blank page (a
page with nothing but its number), and the signature block and Nơi nhận not left alone on a page. The PDF's text
is read with pypdf, so this runs wherever LibreOffice does.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from pypdf import PdfReader

from ..render.office import convert_to_pdf
from .rules import DAT, KHONG_DAT, QUOC_HIEU, TIEU_NGU, Verdict


def page_lines(pdf: Path) -> list[list[str]]:
    """Each page's non-empty text lines, in layout order, with runs of spaces folded."""
    pages = []
    for page in PdfReader(str(pdf)).pages:
        text = page.extract_text(extraction_mode="layout")
        pages.append([" ".join(line.split()) for line in text.splitlines() if line.strip()])
    return pages


def _one_line(pages: list[list[str]], text: str, code: str, title: str) -> Verdict:
    if not pages:
        return Verdict(code, title, KHONG_DAT, "", "không đọc được trang nào")
    if any(text in line for line in pages[0]):
        return Verdict(code, title, DAT, text)
    return Verdict(code, title, KHONG_DAT, text, "bị ngắt thành hai dòng (ô bảng đầu trang hẹp quá)")


def rendered_verdicts(pages: list[list[str]], sections: int = 1) -> list[Verdict]:
    verdicts = [
        _one_line(pages, QUOC_HIEU, "quoc_hieu_mot_dong", "Quốc hiệu trên một dòng"),
        _one_line(pages, TIEU_NGU, "tieu_ngu_mot_dong", "Tiêu ngữ trên một dòng"),
    ]
    if pages:
        first = pages[0][0] if pages[0] else ""
        problems = ["trang 1 có số trang"] if re.fullmatch(r"\d+", first) else []
        # Page 2 shows its number, unless it begins a new section (an appendix numbered on its own).
        if sections == 1 and len(pages) > 1 and not (pages[1] and pages[1][0] == "2"):
            problems.append("trang 2 không có số trang ở đầu trang")
        verdicts.append(
            Verdict(
                "so_trang_in",
                "Số trang khi in",
                KHONG_DAT if problems else DAT,
                f"{len(pages)} trang",
                "; ".join(problems),
            )
        )
    blank = [str(n) for n, lines in enumerate(pages, start=1) if not [x for x in lines if not re.fullmatch(r"\d+", x)]]
    verdicts.append(
        Verdict(
            "trang_trang",
            "Không có trang trắng",
            KHONG_DAT if blank else DAT,
            f"{len(pages)} trang",
            f"trang {', '.join(blank)} không có nội dung (chỉ có số trang)" if blank else "",
        )
    )
    for number, lines in enumerate(pages, start=1):
        at = next((i for i, line in enumerate(lines) if line.startswith("Nơi nhận")), None)
        if at is None:
            continue
        above = [line for line in lines[:at] if not re.fullmatch(r"\d+", line)]
        alone = not above
        verdicts.append(
            Verdict(
                "chu_ky_mot_minh",
                "Khối chữ ký không đứng riêng một trang",
                KHONG_DAT if alone else DAT,
                f"trang {number}",
                "khối chữ ký bị đẩy sang trang mới, không có nội dung đi kèm" if alone else "",
            )
        )
    return verdicts


def check_rendered(docx: Path, sections: int = 1) -> list[Verdict]:
    with tempfile.TemporaryDirectory(prefix="tdkt-check-") as tmp:
        pdf = convert_to_pdf(docx, Path(tmp))
        return rendered_verdicts(page_lines(pdf), sections)
