"""A document body typed as plain text, in the style of the seed plan, becomes typed paragraphs.

One line is one paragraph (a justified paragraph never holds a hard line break, NĐ30 Phụ lục I); blank lines are
only for the eye. The marker at the start of a line says what the paragraph is:

    I. MỤC ĐÍCH, YÊU CẦU        muc       section heading, bold upper case
    1. Tiêu chí thi đua         tieu_muc  numbered line with no closing punctuation: a sub-heading, bold
    1. Nâng cao ý thức … .      khoan     numbered paragraph
    a) Thi đua …                diem      point (a, b, c, d, đ, e, g … in Vietnamese order)
    - …                         gach      dash item
    anything else               doan      plain paragraph
"""

from __future__ import annotations

import re

from ..model import BodyParagraph
from ..text import clean

_MUC = re.compile(r"^[IVXLC]+\.\s+\S")
_KHOAN = re.compile(r"^\d+(\.\d+)*\.\s+\S")
_DIEM = re.compile(r"^[a-zđ]\)\s+\S")
_GACH = re.compile(r"^[-–+]\s+\S")
_CLOSING = (".", ";", ":", "!", "?", "…", "./.")
# A numbered line longer than this is a paragraph even without closing punctuation.
_MAX_SUBHEADING = 120

# NĐ30: every model ends its body with "./.".
END_MARK = "./."


def classify(line: str) -> str:
    if _MUC.match(line):
        return "muc"
    if _KHOAN.match(line):
        if not line.endswith(_CLOSING) and len(line) <= _MAX_SUBHEADING:
            return "tieu_muc"
        return "khoan"
    if _DIEM.match(line):
        return "diem"
    if _GACH.match(line):
        return "gach"
    return "doan"


def close_body(text: str) -> str:
    """Make the last paragraph end with `./.`, replacing a closing period or semicolon."""
    if text.endswith(END_MARK):
        return text
    return text.rstrip(" .;,") + END_MARK


def parse_body(text: str) -> list[BodyParagraph]:
    """The paragraphs of a body text, the last one closed with `./.`; an empty text gives no paragraphs."""
    paragraphs = []
    for raw in text.splitlines():
        line = clean(raw)
        if not line:
            continue
        kind = classify(line)
        paragraphs.append(BodyParagraph(kind, line.upper() if kind == "muc" else line))
    if paragraphs:
        last = paragraphs[-1]
        paragraphs[-1] = BodyParagraph(last.loai, close_body(last.van_ban))
    return paragraphs
