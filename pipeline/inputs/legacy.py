"""Text typed in the legacy Vietnamese encodings TCVN3 (ABC) and VNI, read as Unicode mojibake, back to Unicode.

Before Unicode, Vietnamese was typed with 8-bit fonts: `.VnTime` (TCVN3, one byte per letter) and `VNI-Times`
(a base letter followed by one byte per mark). Excel stores those bytes as Latin-1 characters, so `Họ và tên`
reads `Hä vµ tªn` (TCVN3) or `Hoï vaø teân` (VNI). In TCVN3's upper-case fonts (`.VnTimeH`) the lower-case codes
are drawn as capitals, so the font name decides the case.

Where a cell's font is known it decides; where it is not (CSV), `guess_encoding` judges a whole sheet's text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

TCVN3 = "tcvn3"
VNI = "vni"

_TONES = "\u0300\u0309\u0303\u0301\u0323"  # huyền, hỏi, ngã, sắc, nặng: the order of the tables below

# TCVN3 (ABC): each row is a vowel with no tone, then huyền, hỏi, ngã, sắc, nặng.
_TCVN3_ROWS = {
    "a": "aµ¶·¸¹",
    "ă": "¨»¼½¾Æ",
    "â": "©ÇÈÉÊË",
    "e": "eÌÎÏÐÑ",
    "ê": "ªÒÓÔÕÖ",
    "i": "i×ØÜÝÞ",
    "o": "oßáâãä",
    "ô": "«åæçèé",
    "ơ": "¬êëìíî",
    "u": "uïñòóô",
    "ư": "\u00adõö÷øù",
    "y": "yúûüýþ",
}
_TCVN3_UPPER = {"¡": "Ă", "¢": "Â", "§": "Đ", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư", "®": "đ"}

# VNI: the mark bytes that follow a base letter. Tone bytes in the order huyền, hỏi, ngã, sắc, nặng.
_VNI_TONE = "øûõùï"
_VNI_TONE_WITH_HAT = "àåãáä"  # after â, ê, ô (the hat byte is replaced by these)
_VNI_TONE_WITH_BREVE = "èúüéë"  # after ă
_VNI_I = {"ì": "ì", "æ": "ỉ", "ó": "ĩ", "í": "í", "ò": "ị"}  # i takes one byte for letter and tone


def _compose(letter: str, tone_index: int | None) -> str:
    if tone_index is None:
        return letter
    return unicodedata.normalize("NFC", letter + _TONES[tone_index])


@cache
def _tcvn3_table() -> dict[str, str]:
    table = dict(_TCVN3_UPPER)
    for letter, codes in _TCVN3_ROWS.items():
        for i, code in enumerate(codes):
            if code != letter:
                table[code] = _compose(letter, i - 1 if i else None)
    return table


@cache
def _vni_table() -> dict[str, str]:
    """VNI sequences (one or two characters) → the Unicode letter, lower and upper case."""
    lower: dict[str, str] = {"ñ": "đ", "ô": "ơ", "ö": "ư", "î": "ỵ"}
    for code, letter in _VNI_I.items():
        lower[code] = letter
    for base in "aeouy":
        for i, mark in enumerate(_VNI_TONE):
            lower[base + mark] = _compose(base, i)
    for base, hatted in (("a", "â"), ("e", "ê"), ("o", "ô")):
        lower[base + "â"] = hatted
        for i, mark in enumerate(_VNI_TONE_WITH_HAT):
            lower[base + mark] = _compose(hatted, i)
    lower["aê"] = "ă"
    for i, mark in enumerate(_VNI_TONE_WITH_BREVE):
        lower["a" + mark] = _compose("ă", i)
    for horned in ("ô", "ö"):  # ơ and ư, then a tone byte
        for i, mark in enumerate(_VNI_TONE):
            lower[horned + mark] = _compose(lower[horned], i)
    del lower["yï"]  # ỵ is the single byte î
    table = dict(lower)
    for code, letter in lower.items():
        table[code.upper()] = letter.upper()
    return table


@cache
def _vni_pattern() -> re.Pattern[str]:
    codes = sorted(_vni_table(), key=len, reverse=True)
    return re.compile("|".join(re.escape(c) for c in codes))


def from_tcvn3(text: str, upper: bool = False) -> str:
    table = _tcvn3_table()
    out = "".join(table.get(ch, ch) for ch in text)
    return out.upper() if upper else out


def from_vni(text: str) -> str:
    table = _vni_table()
    return _vni_pattern().sub(lambda m: table[m.group(0)], text)


def encoding_of_font(font: str | None) -> tuple[str | None, bool]:
    """(`tcvn3` | `vni` | None, upper-case font?) from a font name: `.VnTimeH` → (tcvn3, True)."""
    if not font:
        return None, False
    name = font.strip()
    if name.startswith(".Vn") or name.startswith("Vn") and name[2:3].isupper():
        return TCVN3, name.endswith("H")
    if name.upper().startswith("VNI-") or name.upper().startswith("VNI "):
        return VNI, False
    return None, False


def is_unicode_vietnamese(text: str) -> bool:
    """Text holding a letter only Unicode has (ă, đ, ơ, ư, ạ …) is not legacy text, whatever its font says."""
    return any("\u0100" <= ch <= "\u1eff" for ch in text)


def convert(text: str, encoding: str | None, upper: bool = False) -> str:
    if encoding is None or is_unicode_vietnamese(text):
        return text
    return from_tcvn3(text, upper) if encoding == TCVN3 else from_vni(text)


# A Vietnamese syllable: onset, a vowel nucleus from a closed list, a coda; at most one tone mark.
_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
_NUCLEUS = (
    "iêu|oai|oay|oeo|uây|uôi|ươi|ươu|uyê|uya|yêu|uyu|"
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|oo|ua|uâ|uê|ui|uô|uơ|ưa|ưi|ươ|ưu|uy|yê|"
    "a|ă|â|e|ê|i|o|ô|ơ|u|ư|y"
)
_CODA = "ng|nh|ch|c|m|n|p|t"
_SYLLABLE = re.compile(f"^(?:{_ONSET})?(?:{_NUCLEUS})(?:{_CODA})?$")
_WORD = re.compile(r"[^\W\d_]+")


def _is_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(decomposed.count(t) for t in _TONES)
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    return tones <= 1 and _SYLLABLE.match(bare) is not None


def syllable_share(text: str) -> float:
    """The share of words with a letter beyond ASCII that are well-formed Vietnamese syllables.

    Plain ASCII words read the same in every encoding, so they are left out of the comparison.
    """
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    return sum(map(_is_syllable, words)) / len(words) if words else 0.0


def guess_encoding(texts: Iterable[str]) -> str | None:
    """The legacy encoding a body of text (a whole sheet) was typed in, or None for Unicode.

    Unicode Vietnamese of any length holds letters beyond Latin-1 (ă, đ, ơ, ư, ạ, ế …), which legacy text never
    does. Otherwise each reading is scored by the share of its words that are well-formed Vietnamese syllables;
    a legacy reading must beat the text as it stands clearly and read as Vietnamese.
    """
    sample = "\n".join(t for t in texts if t)
    if not sample or is_unicode_vietnamese(sample):
        return None
    as_is = syllable_share(sample)
    best, encoding = max((syllable_share(from_tcvn3(sample)), TCVN3), (syllable_share(from_vni(sample)), VNI))
    return encoding if best >= 0.8 and best >= as_is + 0.2 else None
