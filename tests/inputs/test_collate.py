"""Vietnamese order (SPEC.md §7)."""

from __future__ import annotations

import random

from pipeline.inputs.collate import fold, name_key, sort_key


def test_letters_in_vietnamese_alphabet_order():
    ordered = [
        "an",
        "ăn",
        "ân",
        "bé",
        "cá",
        "dê",
        "đá",
        "em",
        "êm",
        "gà",
        "hè",
        "im",
        "kê",
        "la",
        "mơ",
        "nơ",
        "ong",
        "ông",
        "ơn",
        "phở",
        "quê",
        "rau",
        "sen",
        "tôm",
        "ụ",
        "ừ",
        "vui",
        "xôi",
        "yên",
    ]
    shuffled = ordered[:]
    random.Random(7).shuffle(shuffled)
    assert sorted(shuffled, key=sort_key) == ordered
    assert sorted(shuffled) != ordered  # Python's own order gets it wrong


def test_tones_only_break_ties_in_cldr_order():
    assert sorted(["mạ", "má", "mã", "mả", "mà", "ma"], key=sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert sorted(["Ánh", "Anh", "anh"], key=sort_key) == ["anh", "Anh", "Ánh"]
    assert sorted(["bà", "ba", "bác"], key=sort_key) == ["ba", "bà", "bác"]  # letters before tones


def test_decomposed_text_sorts_like_composed():
    assert sort_key("Ho\u0323") == sort_key("Họ")


def test_personal_names_by_given_name_then_family_and_middle():
    names = ["Nguyễn Văn Bình", "Trần Thị Ánh", "Lê An", "Đỗ Thị An", "Phạm Văn Ăn", "Bùi Đức"]
    assert sorted(names, key=name_key) == [
        "Đỗ Thị An",
        "Lê An",
        "Trần Thị Ánh",
        "Phạm Văn Ăn",
        "Nguyễn Văn Bình",
        "Bùi Đức",
    ]


def test_fold_for_matching_headers():
    assert fold("HỌ  VÀ TÊN") == fold("Họ và tên") == fold("ho va ten") == "hovaten"
    assert fold("Đơn vị") == "donvi"
