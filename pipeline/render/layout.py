"""Rules drawn under header lines at the length NĐ30 asks for, computed from the text above them.

NĐ30 Phụ lục I: under the Tiêu ngữ a solid line as long as the text; under the agency name and under the trích yếu
a solid line 1/3 to 1/2 of the text, centred. The templates draw each rule as the top border of a thin paragraph
in a `TDKT Kẻ dưới …` style; this module sets that paragraph's indents so the border is as long as it must be.
The widths of Times New Roman's letters ship in `data/times_metrics.json` (from its metric twin Liberation Serif).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from functools import cache

from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Twips
from docx.text.paragraph import Paragraph
from lxml import etree

from ..datafiles import data_file
from .formatting import run_format

# Style ids of the rule paragraphs, and how long each rule is against the text above it.
RULE_STYLES = {"TdktKeDuoiBangChu": 1.0, "TdktKeDuoiNgan": 0.4}
# Word's default left and right cell margin (0.19 cm) where a table does not set its own.
DEFAULT_CELL_MARGIN = 108


@cache
def _widths() -> dict[str, dict[str, int]]:
    return json.loads(data_file("times_metrics.json").read_text(encoding="utf-8"))


def char_width(ch: str, face: str) -> int:
    """Advance width in 1/1000 em; a letter the table lacks takes its base letter's width."""
    table = _widths()[face]
    if ch in table:
        return table[ch]
    base = unicodedata.normalize("NFD", ch)[:1]
    return table.get(base, table["n"])


def text_width_pt(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    face = {(False, False): "regular", (True, False): "bold", (False, True): "italic", (True, True): "bold_italic"}
    return sum(char_width(ch, face[bold, italic]) for ch in text) * size_pt / 1000


def paragraph_text_width_pt(paragraph: Paragraph) -> float:
    total = 0.0
    for run in paragraph.runs:
        fmt = run_format(run, paragraph)
        total += text_width_pt(run.text, fmt.size_pt or 10, fmt.bold, fmt.italic)
    return total


def _cell_text_width(tc) -> int | None:
    """Twips available to text in a table cell: its width less its left and right margins."""
    tcw = tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
    if tcw is None or tcw.get(qn("w:type")) != "dxa":
        return None
    margins = 0
    tbl = tc.getparent().getparent()
    for side in ("left", "right"):
        mar = tc.find(f"{qn('w:tcPr')}/{qn('w:tcMar')}/{qn(f'w:{side}')}")
        if mar is None:
            mar = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}/{qn(f'w:{side}')}")
        margins += int(mar.get(qn("w:w"))) if mar is not None else DEFAULT_CELL_MARGIN
    return int(tcw.get(qn("w:w"))) - margins


def container_width(document: Document, paragraph: Paragraph) -> int:
    """Twips between the left and right edges a paragraph's text may use."""
    tc = next((a for a in paragraph._p.iterancestors() if a.tag == qn("w:tc")), None)
    if tc is not None:
        width = _cell_text_width(tc)
        if width is not None:
            return width
    section = document.sections[-1]
    return int(section.page_width - section.left_margin - section.right_margin) // 635  # EMU → twips


def rule_paragraphs(tree) -> list:
    """The rule paragraphs of a document body: those whose paragraph style is a rule style."""
    val = qn("w:val")
    found = []
    for style in tree.iter(qn("w:pStyle")):
        if style.get(val) in RULE_STYLES:
            ppr = style.getparent()
            if ppr is not None and ppr.getparent() is not None and ppr.getparent().tag == qn("w:p"):
                found.append(ppr.getparent())
    return found


def _style_id(p) -> str:
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style.get(qn("w:val")) if style is not None else ""


def fit_rule_elements(document: Document, paragraphs: Iterable, widths: dict[bytes, float] | None = None) -> int:
    """Set the indents of the rule paragraphs among `paragraphs` (XML elements) from the paragraph above each.

    `document` supplies the styles and the page setup; the elements may belong to another tree with the same ones
    (a document rendered from it). `widths` remembers text widths by paragraph XML across calls. Returns how many
    rules it sized.
    """
    count = 0
    for p in list(paragraphs):
        ratio = RULE_STYLES.get(_style_id(p))
        previous = p.getprevious()
        if ratio is None or previous is None or previous.tag != qn("w:p"):
            continue
        rule = Paragraph(p, document._body)
        available = container_width(document, rule)
        key = etree.tostring(previous)
        measured = widths.get(key) if widths is not None else None
        if measured is None:
            measured = paragraph_text_width_pt(Paragraph(previous, document._body))
            if widths is not None:
                widths[key] = measured
        text = min(measured * 20, available)
        indent = max(0, round((available - text * ratio) / 2))
        fmt = rule.paragraph_format
        fmt.left_indent = fmt.right_indent = Twips(indent)
        fmt.first_line_indent = Twips(0)
        count += 1
    return count


def fit_rules(document: Document) -> int:
    """Size every rule paragraph of a python-docx document; returns how many it sized."""
    return fit_rule_elements(document, rule_paragraphs(document.element.body))
