"""Amounts in words (SPEC.md §6), against a table written by hand from the rules."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.documents.words import so_thanh_chu, so_tien

TABLE = [
    (0, "Không đồng"),
    (1, "Một đồng"),
    (4, "Bốn đồng"),
    (5, "Năm đồng"),
    (10, "Mười đồng"),
    (11, "Mười một đồng"),
    (14, "Mười bốn đồng"),
    (15, "Mười lăm đồng"),
    (20, "Hai mươi đồng"),
    (21, "Hai mươi mốt đồng"),
    (24, "Hai mươi bốn đồng"),
    (25, "Hai mươi lăm đồng"),
    (55, "Năm mươi lăm đồng"),
    (100, "Một trăm đồng"),
    (101, "Một trăm linh một đồng"),
    (105, "Một trăm linh năm đồng"),
    (110, "Một trăm mười đồng"),
    (115, "Một trăm mười lăm đồng"),
    (121, "Một trăm hai mươi mốt đồng"),
    (999, "Chín trăm chín mươi chín đồng"),
    (1_000, "Một nghìn đồng"),
    (1_005, "Một nghìn không trăm linh năm đồng"),
    (1_010, "Một nghìn không trăm mười đồng"),
    (1_015, "Một nghìn không trăm mười lăm đồng"),
    (1_100, "Một nghìn một trăm đồng"),
    (10_000, "Mười nghìn đồng"),
    (15_000, "Mười lăm nghìn đồng"),
    (100_000, "Một trăm nghìn đồng"),
    (105_000, "Một trăm linh năm nghìn đồng"),
    (447_000, "Bốn trăm bốn mươi bảy nghìn đồng"),
    (450_000, "Bốn trăm năm mươi nghìn đồng"),
    (710_000, "Bảy trăm mười nghìn đồng"),
    (900_000, "Chín trăm nghìn đồng"),
    (1_000_000, "Một triệu đồng"),
    (1_000_500, "Một triệu năm trăm đồng"),
    (1_050_000, "Một triệu không trăm năm mươi nghìn đồng"),
    (1_410_000, "Một triệu bốn trăm mười nghìn đồng"),
    (3_510_000, "Ba triệu năm trăm mười nghìn đồng"),
    (7_020_000, "Bảy triệu không trăm hai mươi nghìn đồng"),
    (7_200_000, "Bảy triệu hai trăm nghìn đồng"),
    (10_005_000, "Mười triệu không trăm linh năm nghìn đồng"),
    (21_515_000, "Hai mươi mốt triệu năm trăm mười lăm nghìn đồng"),
    (100_000_001, "Một trăm triệu không trăm linh một đồng"),
    (1_000_000_000, "Một tỷ đồng"),
    (1_001_000_000, "Một tỷ không trăm linh một triệu đồng"),
    (2_500_000_000, "Hai tỷ năm trăm triệu đồng"),
    (15_000_000_000, "Mười lăm tỷ đồng"),
    (
        999_999_999_999,
        "Chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn "
        "chín trăm chín mươi chín đồng",
    ),
]


@pytest.mark.parametrize(("amount", "words"), TABLE)
def test_amount_in_words(amount, words):
    assert so_thanh_chu(amount) == words


def test_table_is_large_enough():
    assert len(TABLE) >= 40


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (105, "Một trăm lẻ năm đồng"),
        (1_005, "Một nghìn không trăm lẻ năm đồng"),
        (1_000_000_001, "Một tỷ không trăm lẻ một đồng"),
    ],
)
def test_le_instead_of_linh(amount, words):
    assert so_thanh_chu(amount, linh="lẻ") == words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (24, "Hai mươi tư đồng"),
        (124_000, "Một trăm hai mươi tư nghìn đồng"),
        (14, "Mười bốn đồng"),
        (4, "Bốn đồng"),
        (104, "Một trăm linh bốn đồng"),
    ],
)
def test_tu_after_tens_of_two_or_more(amount, words):
    assert so_thanh_chu(amount, tu=True) == words


@pytest.mark.parametrize("amount", [-1, 1_000_000_000_000])
def test_out_of_range(amount):
    with pytest.raises(ValueError):
        so_thanh_chu(amount)


@pytest.mark.parametrize(("amount", "text"), [(0, "0"), (450_000, "450.000"), (1_410_000, "1.410.000"), (999, "999")])
def test_thousands_separated_by_dots(amount, text):
    assert so_tien(amount) == text


def test_words_command_for_clerks():
    result = CliRunner().invoke(main, ["words", "1050000"])
    assert result.exit_code == 0
    assert result.stdout == "1.050.000: Một triệu không trăm năm mươi nghìn đồng\n"
    assert CliRunner().invoke(main, ["words", "1.050.000", "--le"]).stdout == (
        "1.050.000: Một triệu không trăm năm mươi nghìn đồng\n"
    )
    bad = CliRunner().invoke(main, ["words", "mười"])
    assert bad.exit_code == 1
    assert bad.stderr == "Lỗi: mười: không phải số tiền (ví dụ 1050000 hoặc 1.050.000)\n"
