"""Cleaning text that comes from people's files before it goes into Word, and making ASCII file names."""

from __future__ import annotations

import re
import unicodedata

# XML 1.0 allows tab, newline and carriage return among the C0 controls, and nothing from U+FFFE/U+FFFF or the
# surrogates; Word refuses a document that holds any of them.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f\u3000\u1680\u2000-\u2006\u2008-\u200a\u205f]+")
# Invisible characters that copy and paste brings along: zero-width space, joiners, word joiner, BOM. (Not the soft
# hyphen U+00AD: in TCVN3 that byte is the letter ư.)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape_excel(text: str) -> str:
    """Decode Excel's `_xHHHH_` escapes (`_x000B_` is a line break typed with Alt+Enter in old files)."""
    return _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def clean(text: str) -> str:
    """One line of text as Word should hold it: NFC, single spaces, no control or invisible characters, trimmed.

    Line breaks and tabs inside a cell become spaces: a justified paragraph never holds a hard break (NĐ30 Phụ lục
    I). Excel's `_xHHHH_` escapes are the readers' business: in a CSV, `_x0041_` is text as typed.
    """
    text = str(text)
    # Most cells need nothing: printable (no control, break or odd space), single-spaced, trimmed, NFC, no escape.
    if (
        text.isprintable()
        and "  " not in text
        and text[:1] != " "
        and text[-1:] != " "
        and unicodedata.is_normalized("NFC", text)
    ):
        return text
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    text = re.sub(r"[\r\n\v\f\u2028\u2029]+", " ", text)
    text = _NOT_IN_XML.sub("", text)
    return _SPACES.sub(" ", text).strip()


def ascii_only(text: str) -> str:
    """`QĐ` → `QD`, `Tờ trình` → `To trinh`: Vietnamese letters without their marks, case kept."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return text.encode("ascii", "ignore").decode("ascii")


def ascii_slug(text: str) -> str:
    """`Phong trào thi đua đặc biệt` → `phong-trao-thi-dua-dac-biet`, for file names any system accepts."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_only(text).lower()).strip("-")
