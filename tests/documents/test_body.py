"""Plain-text bodies become typed paragraphs (issue 2, item 4)."""

from __future__ import annotations

import pytest

from pipeline.documents.body import classify, parse_body


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("I. MỤC ĐÍCH, YÊU CẦU", "muc"),
        ("IV. TIÊU CHÍ THI ĐUA", "muc"),
        ("1. Tiêu chí thi đua", "tieu_muc"),
        ("1. Nâng cao ý thức, trách nhiệm của công chức.", "khoan"),
        ("2.1. Thi đua thực hiện tốt các nhiệm vụ;", "khoan"),
        ("a) Thi đua thực hiện tốt các nhiệm vụ.", "diem"),
        ("đ) Thi đua thực hiện thắng lợi nhiệm vụ.", "diem"),
        ("- Như Điều 3;", "gach"),
        ("Thực hiện Quyết định số 4090/QĐ-UBND ngày 06/10/2021 …", "doan"),
        ("Ita. not a heading", "doan"),
    ],
)
def test_markers(line, kind):
    assert classify(line) == kind


def test_one_line_one_paragraph_blank_lines_ignored_and_headings_upper_cased():
    paragraphs = parse_body("I. Mục đích\n\n1. Một.\n2. Hai\u00a0 hai.\r\n\n")
    assert [(p.loai, p.van_ban) for p in paragraphs] == [
        ("muc", "I. MỤC ĐÍCH"),
        ("khoan", "1. Một."),
        ("khoan", "2. Hai hai./."),
    ]


@pytest.mark.parametrize(
    ("last", "closed"),
    [
        ("theo quy định./.", "theo quy định./."),
        ("theo quy định.", "theo quy định./."),
        ("theo quy định", "theo quy định./."),
    ],
)
def test_body_closes_with_end_mark(last, closed):
    assert parse_body(f"Mở đầu.\n{last}")[-1].van_ban == closed


def test_empty_body_gives_no_paragraphs():
    assert parse_body("\n \n") == []
