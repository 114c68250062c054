"""Text widths from Times New Roman's metrics, which size the rules under header lines (NĐ30 Phụ lục I)."""

from __future__ import annotations

import pytest

from pipeline.render.layout import char_width, text_width_pt


def test_width_grows_with_size_and_weight():
    regular = text_width_pt("Độc lập - Tự do - Hạnh phúc", 13)
    assert text_width_pt("Độc lập - Tự do - Hạnh phúc", 14) == pytest.approx(regular * 14 / 13)
    assert text_width_pt("Độc lập - Tự do - Hạnh phúc", 13, bold=True) > regular


def test_a_vietnamese_letter_without_its_own_entry_takes_its_base_letters_width():
    assert char_width("ặ", "regular") == char_width("a", "regular")
    assert char_width("Ở", "bold") == char_width("O", "bold")


def test_a_text_is_as_wide_as_its_letters():
    text = "Sở Kế hoạch"
    assert text_width_pt(text, 10) == pytest.approx(sum(char_width(ch, "regular") for ch in text) / 100)
    assert char_width(" ", "regular") < char_width("n", "regular") < char_width("M", "regular")


# --- rules sized on the rendered text (issue 19) --------------------------------------------------------------------


def _canonical(xml: str | bytes) -> bytes:
    from lxml import etree

    data = xml.encode() if isinstance(xml, str) else xml
    return etree.tostring(etree.fromstring(data), method="c14n")


def test_rules_sized_on_the_text_are_those_sized_on_the_tree(planned_both):
    from lxml import etree

    from pipeline.render.templates import compiled

    sized = 0
    for doc in planned_both:
        template = compiled(doc.template)
        body = template._body.render(template._docxtpl, doc.fields())
        on_text = template._rules.fit(body)
        assert on_text is not None, doc.ma  # every sample document takes the fast way
        on_tree = etree.tostring(template._fit_on_tree(body))
        assert _canonical(on_text) == _canonical(on_tree), doc.ma
        assert on_text != body  # the rules were given their indents
        sized += len(template._rules.containers)
    assert sized >= 3 * len(planned_both)


def test_a_body_whose_rules_the_text_cannot_place_is_left_to_the_tree(planned_both):
    from pipeline.render.templates import compiled

    doc = next(d for d in planned_both if d.template.name == "quyet_dinh.docx")
    template = compiled(doc.template)
    body = template._body.render(template._docxtpl, doc.fields())
    rule = body.index('<w:pStyle w:val="TdktKeDuoiNgan"/>')
    start = max(body.rfind("<w:p>", 0, rule), body.rfind("<w:p ", 0, rule))
    end = body.index("</w:p>", rule) + len("</w:p>")
    repeated = body[:end] + body[start:end] + body[end:]  # a rule paragraph twice, as a loop in a template might
    assert template._rules.fit(repeated) is None
    moved = body[:start] + body[start:end].replace("<w:pPr>", "<w:pPr><w:keepNext/>", 1) + body[end:]
    assert template._rules.fit(moved) is None  # its style no longer first in the paragraph's properties
