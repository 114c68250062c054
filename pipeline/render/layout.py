"""Rules drawn under header lines at the length NĐ30 asks for, computed from the text above them.

NĐ30 Phụ lục I: under the Tiêu ngữ a solid line as long as the text; under the agency name and under the trích yếu
a solid line 1/3 to 1/2 of the text, centred. The templates draw each rule as the top border of a thin paragraph
in a `TDKT Kẻ dưới …` style; this module sets that paragraph's indents so the border is as long as it must be.
The widths of Times New Roman's letters ship in `data/times_metrics.json` (from its metric twin Liberation Serif).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from docx.document import Document
from docx.oxml import parse_xml
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
    width = cell_width(paragraph)
    return width if width is not None else page_text_width(document)


def cell_width(paragraph: Paragraph) -> int | None:
    """Twips a paragraph in a table cell of a fixed width may use; None outside one."""
    tc = next(paragraph._p.iterancestors(qn("w:tc")), None)
    return _cell_text_width(tc) if tc is not None else None


def page_text_width(document: Document) -> int:
    """Twips between the margins of the document's last section."""
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
                if len(widths) >= REMEMBERED:
                    widths.clear()
                widths[key] = measured
        text = min(measured * 20, available)
        indent = max(0, round((available - text * ratio) / 2))
        fmt = rule.paragraph_format
        fmt.left_indent = fmt.right_indent = Twips(indent)
        fmt.first_line_indent = Twips(0)
        count += 1
    return count


def rule_containers(document: Document, body) -> list[tuple[float, int]]:
    """For each rule paragraph of a template's body, in order: its ratio to the text above and the twips it may
    span (what `fit_rules_in_xml` needs; neither depends on the data)."""
    return [
        (RULE_STYLES[_style_id(p)], container_width(document, Paragraph(p, document._body)))
        for p in rule_paragraphs(body)
    ]


REMEMBERED = 200  # text widths a template remembers, by paragraph
_RULE_STYLE = re.compile(r'<w:pStyle w:val="(' + "|".join(RULE_STYLES) + r')"/>')
_OPENS_WITH_STYLE = re.compile(r"<w:p(?: [^>]*)?><w:pPr>")
_P_START = re.compile(r"<w:p[ >]")


def _start_of_paragraph(xml: str, before: int) -> int:
    return max(xml.rfind("<w:p>", 0, before), xml.rfind("<w:p ", 0, before))


class RuleFitter:
    """Sizes the rule paragraphs in a rendered body's XML text, as `fit_rule_elements` does on a tree, without
    parsing the body: a rule's length depends only on the paragraph above it, whose width is measured once per
    distinct paragraph, and the rule paragraph itself is rewritten once per distinct indent.

    `fit(xml)` returns None for a body it cannot read this way (a rule paragraph repeated or left out by the
    template's logic, a style not first in the paragraph's properties, nested paragraphs): the caller then fits on
    the tree.
    """

    def __init__(self, document: Document, containers: list[tuple[float, int]]):
        self.document = document
        self.containers = containers
        self._widths: dict[str, float] = {}
        self._rules: dict[tuple[str, int], str] = {}

    def fit(self, xml: str) -> str | None:
        found = list(_RULE_STYLE.finditer(xml))
        if len(found) != len(self.containers):
            return None
        head = xml[: xml.index(">") + 1]  # the body's start tag and its namespace declarations
        out: list[str] = []
        done = 0
        for match, (ratio, available) in zip(found, self.containers, strict=True):
            start = _start_of_paragraph(xml, match.start())
            end = xml.find("</w:p>", match.end())
            if start < done or end < 0 or not _OPENS_WITH_STYLE.fullmatch(xml, start, match.start()):
                return None
            if _P_START.search(xml, match.end(), end):
                return None
            end += len("</w:p>")
            if not xml.endswith("</w:p>", 0, start):  # no paragraph right above: left as it is, as on the tree
                continue
            above_start = _start_of_paragraph(xml, start - len("</w:p>"))
            above = xml[above_start:start]
            if above_start < done or above.count("</w:p>") != 1:
                return None
            text = min(self._width(head, above) * 20, available)
            indent = max(0, round((available - text * ratio) / 2))
            out += [xml[done:start], self._rule(head, xml[start:end], indent)]
            done = end
        out.append(xml[done:])
        return "".join(out)

    def _paragraph(self, head: str, xml: str) -> Paragraph:
        wrapper = parse_xml(f"{head}{xml}</w:body>".encode())
        return Paragraph(wrapper[0], self.document._body)

    def _width(self, head: str, above: str) -> float:
        found = self._widths.get(above)
        if found is None:
            if len(self._widths) >= REMEMBERED:  # trích yếu differ from document to document: memory stays bounded
                self._widths.clear()
            found = self._widths[above] = paragraph_text_width_pt(self._paragraph(head, above))
        return found

    def _rule(self, head: str, rule: str, indent: int) -> str:
        found = self._rules.get((rule, indent))
        if found is None:
            paragraph = self._paragraph(head, rule)
            fmt = paragraph.paragraph_format
            fmt.left_indent = fmt.right_indent = Twips(indent)
            fmt.first_line_indent = Twips(0)
            found = self._rules[(rule, indent)] = etree.tostring(paragraph._p, encoding=str)
        return found


def fit_rules(document: Document) -> int:
    """Size every rule paragraph of a python-docx document; returns how many it sized."""
    return fit_rule_elements(document, rule_paragraphs(document.element.body))
