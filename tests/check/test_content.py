"""`tdkt check` reads what a reward document says (issue 13, item 5): each content rule passes on the sample's
decision and fails on a copy with exactly one defect, the other content rules still passing."""

from __future__ import annotations

import io

import pytest
from docx import Document

from pipeline.check.rules import KHONG_DAT, check_document
from tests.check.test_rules import QD, para, set_text
from tests.readback import paragraphs


@pytest.fixture(scope="module")
def decision(built_sample) -> bytes:
    return built_sample[QD].read_bytes()


def fresh(data: bytes):
    return Document(io.BytesIO(data))


CONTENT = ("bang_chu", "tong_danh_sach", "so_luong", "muc_thuong")


def failing_content(doc) -> dict[str, str]:
    return {v.rule: v.detail for v in check_document(doc) if v.rule in CONTENT and v.status == KHONG_DAT}


def replace_everywhere(doc, old: str, new: str) -> None:
    for p in paragraphs(doc):
        if old in p.text:
            set_text(p, p.text.replace(old, new))


def cell_texts(doc):
    return [p for p in paragraphs(doc) if p.text and p._p.getparent().tag.endswith("}tc")]


def test_the_sample_decision_passes_every_content_rule(decision):
    doc = fresh(decision)
    assert {v.rule for v in check_document(doc)} >= set(CONTENT)
    assert failing_content(doc) == {}


def test_words_that_do_not_read_the_figure(decision):
    doc = fresh(decision)
    article = para(doc, "Điều 2.")
    set_text(article, article.text.replace("Bảy triệu hai trăm nghìn đồng", "Bảy triệu một trăm nghìn đồng"))
    assert failing_content(doc) == {"bang_chu": "“Bảy triệu một trăm nghìn đồng” không đọc đúng số 7.200.000 đồng"}


def test_a_hand_edited_total(decision):
    doc = fresh(decision)
    total = next(p for p in cell_texts(doc) if p.text == "7.200.000")
    set_text(total, "7.300.000")  # the total, its words and the text all edited to agree, but not with the rows
    replace_everywhere(doc, "7.200.000", "7.300.000")
    replace_everywhere(doc, "Bảy triệu hai trăm nghìn đồng", "Bảy triệu ba trăm nghìn đồng")
    found = failing_content(doc)
    assert list(found) == ["tong_danh_sach"]
    assert found["tong_danh_sach"].startswith("dòng tổng cộng ghi 7.300.000 nhưng các dòng cộng lại được 7.200.000")


def test_counts_that_do_not_match_the_list(decision):
    doc = fresh(decision)
    article = para(doc, "Điều 1.")
    set_text(article, article.text.replace("04 tập thể", "03 tập thể"))
    assert failing_content(doc) == {"so_luong": "ghi 03 tập thể nhưng danh sách có 04"}


def test_a_row_paid_other_than_the_law_says(decision):
    doc = fresh(decision)
    individuals = [p for p in cell_texts(doc) if p.text == "450.000"]
    set_text(individuals[0], "455.000")  # the sum is unchanged: only the rule on each row can see it
    set_text(individuals[1], "445.000")
    found = failing_content(doc)
    assert list(found) == ["muc_thuong"]
    assert found["muc_thuong"].startswith(
        "dòng 1 (cá nhân) ghi 455.000, theo quy định ngày 20/11/2021 là 440.000 hoặc 447.000 hoặc 450.000"
    )  # 450.000 rounded up as the law says; the others as an agency may round
