"""Vietnamese order (SPEC.md §7)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.inputs.collate import fold, fold_words, name_key, sort_key
from pipeline.inputs.vocabulary import Vocabulary, loose


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


_WORDS = st.sampled_from(
    ["Nguyễn", "NGUYỄN", "Thị", "Đặng", "ĐỖ", "Ánh", "Tổ", "Ký", "(Ký", "TM.", "Người", "lập", "biểu", "12", "Ⅳ", "ß",
     "Æsir", "ΟΔΟΣ", "İ", "e\u0301", "x_y", "a-b", "—", "Σ"]
)  # fmt: skip
_TEXT = st.lists(st.one_of(_WORDS, st.text(max_size=6)), max_size=6).map(
    lambda words: "".join(w + s for w, s in zip(words, [" ", "  ", "\t", "\n", " ", "\u00a0"], strict=False))
)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_folding_a_name_word_by_word_is_folding_it_whole(text):
    """The duplicate check folds names word by word (each word once per run): the same key as folding the name."""
    assert fold_words(text) == fold(text)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_a_footer_is_told_from_its_first_word_as_from_the_whole_text(text):
    """`is_footer` answers most names from their first word: the same answer as matching the whole text."""
    words = Vocabulary.load()
    whole = bool(loose(text)) and words._footer.match(loose(text)) is not None
    assert words.is_footer(text) == whole
    assert words.is_footer("Người lập biểu") and words.is_footer("TM. BAN GIÁM ĐỐC") and words.is_footer("(Ký, ghi rõ)")
    assert not words.is_footer("Nguyễn Văn Tâm") and not words.is_footer("Kỳ Duyên")
