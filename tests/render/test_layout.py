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
