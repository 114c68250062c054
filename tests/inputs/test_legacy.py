"""Legacy TCVN3 (ABC) and VNI text back to Unicode (SPEC.md §8)."""

from __future__ import annotations

import pytest

from pipeline.inputs import legacy


@pytest.mark.parametrize(
    ("tcvn3", "unicode"),
    [
        ("Hä vµ tªn", "Họ và tên"),
        ("NguyÔn V¨n An", "Nguyễn Văn An"),
        ("Tr­¬ng ThÞ YÕn", "Trương Thị Yến"),
        ("§Æng ThÞ ¥n", "Đặng Thị Ơn"),
        ("Chøc vô, ®¬n vÞ", "Chức vụ, đơn vị"),
        ("H×nh thøc khen th­ëng", "Hình thức khen thưởng"),
        ("¡n ¢u £m ¤ng ¦u", "Ăn Âu Êm Ông Ưu"),
    ],
)
def test_tcvn3(tcvn3, unicode):
    assert legacy.from_tcvn3(tcvn3) == unicode


def test_tcvn3_upper_case_font_draws_capitals():
    assert legacy.from_tcvn3("trung t©m xóc tiÕn ®Çu t­", upper=True) == "TRUNG TÂM XÚC TIẾN ĐẦU TƯ"


@pytest.mark.parametrize(
    ("vni", "unicode"),
    [
        ("Hoï vaø teân", "Họ và tên"),
        ("Nguyeãn Vaên Höôùng", "Nguyễn Văn Hướng"),
        ("Ñaëng Thò Ôn", "Đặng Thị Ơn"),
        ("Tröông Thò Yeán", "Trương Thị Yến"),
        ("ÑOÀNG THÒ", "ĐỒNG THỊ"),
        ("Kyø hoïp, tæ leä, Só, Myõ, Lyù, Kyû, Mî", "Kỳ họp, tỉ lệ, Sĩ, Mỹ, Lý, Kỷ, Mỵ"),
        ("Ắt: aé aè aú aü aë", "Ắt: ắ ằ ẳ ẵ ặ"),
    ],
)
def test_vni(vni, unicode):
    assert legacy.from_vni(vni) == unicode


@pytest.mark.parametrize(
    ("font", "expected"),
    [
        (".VnTime", (legacy.TCVN3, False)),
        (".VnTimeH", (legacy.TCVN3, True)),
        (".VnArial", (legacy.TCVN3, False)),
        ("VnTimeH", (legacy.TCVN3, True)),
        ("VNI-Times", (legacy.VNI, False)),
        ("Times New Roman", (None, False)),
        ("Calibri", (None, False)),
        (None, (None, False)),
    ],
)
def test_encoding_of_font(font, expected):
    assert legacy.encoding_of_font(font) == expected


def test_unicode_text_in_a_legacy_font_is_left_alone():
    assert legacy.convert("Nguyễn Văn An", legacy.TCVN3) == "Nguyễn Văn An"


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["Hä vµ tªn", "NguyÔn V¨n An", "Chøc vô"], legacy.TCVN3),
        (["Hoï vaø teân", "Nguyeãn Vaên An", "Chöùc vuï"], legacy.VNI),
        (["Họ và tên", "Nguyễn Văn An"], None),
        (["Le Ha", "Hôm nay", "Cà phê"], None),  # Latin-1 only, but already Vietnamese
        (["Café crème brûlée", "Zoë Müller"], None),  # not Vietnamese at all
        ([], None),
    ],
)
def test_guess_encoding(texts, expected):
    assert legacy.guess_encoding(texts) == expected
