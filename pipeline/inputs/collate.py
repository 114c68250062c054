"""Vietnamese alphabetical order (SPEC.md §7), which Python's string order gets wrong.

The alphabet is a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y: ă, â, đ, ê, ô, ơ, ư are letters of
their own. Letters decide first; tones only break ties, in the order none < huyền < hỏi < ngã < sắc < nặng
(Unicode CLDR `vi` agrees); case breaks the last ties.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_MODIFIED = {"\u0306": {"a": "ă"}, "\u0302": {"a": "â", "e": "ê", "o": "ô"}, "\u031b": {"o": "ơ", "u": "ư"}}
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


@cache
def _letter_rank(letter: str) -> int:
    """Vietnamese letters in alphabet order; any other character after them, in code point order."""
    position = ALPHABET.find(letter)
    if letter == " ":
        return 0  # a space sorts before any letter: "An" before "An Bình" before "Anh"
    return position + 1 if position >= 0 else len(ALPHABET) + 1 + ord(letter)


@cache
def _char_key(ch: str) -> tuple[int, int, int]:
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    lower = base.lower()
    tone = 0
    for mark in marks:
        if mark in _MODIFIED and lower in _MODIFIED[mark]:
            lower = _MODIFIED[mark][lower]
        elif mark in _TONE_RANK:
            tone = _TONE_RANK[mark]
    return _letter_rank(lower), tone, 0 if base.islower() else 1


def sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    keys = [_char_key(ch) for ch in unicodedata.normalize("NFC", text.strip())]
    return tuple(k[0] for k in keys), tuple(k[1] for k in keys), tuple(k[2] for k in keys)


def name_key(full_name: str) -> tuple:
    """Personal names by given name (the last word), then family and middle names [practice]."""
    words = full_name.split()
    if not words:
        return sort_key("")
    return sort_key(words[-1]), sort_key(" ".join(words[:-1]))


def _fold_table() -> dict[int, str]:
    """Every Latin letter with marks (U+00C0–U+024F, U+1E00–U+1EFF) → its bare lower-case letter."""
    table = {ord("đ"): "d", ord("Đ"): "d"}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base.isascii() and base.isalpha():
            table[code] = base.lower()
    return table


_FOLD = _fold_table()
FOLD_TABLE = _FOLD  # for callers that fold accents but keep punctuation
_NOT_ALNUM = re.compile(r"[\W_]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """A loose form for matching headers and aliases: no case, no accents (đ → d), letters and digits only."""
    return _NOT_ALNUM.sub("", text.translate(_FOLD).lower())


def fold_words(text: str) -> str:
    """`fold` of a text of several words (a person's name), word by word: `fold` works letter by letter and drops
    the spaces, so the answer is the same, and a province's 100.000 names are a few thousand words, each folded once
    (a name: 3.5 → under 1 µs)."""
    return "".join([fold(word) for word in text.split()])


_SPACED = re.compile(r"[\W_]+")


def spaced(text: str) -> str:
    """`Bằng khen của UBND tỉnh!` → `bang khen cua ubnd tinh`: folded, with words kept apart for whole-word search."""
    return _SPACED.sub(" ", text.translate(_FOLD).lower()).strip()
