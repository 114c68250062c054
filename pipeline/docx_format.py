"""What a run of a Word document really looks like: its formatting resolved the way Word resolves it.

Word takes each property from the first place that sets it: the run itself, its character style (and that style's
parents), the paragraph's style (and its parents), then the document defaults. A font given only as a theme font
(`asciiTheme`) has no fixed name, which NĐ30 forbids (Times New Roman everywhere), so it resolves to `None`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree


@dataclass(frozen=True)
class RunFormat:
    font: str | None
    size_pt: float | None
    bold: bool
    italic: bool
    underline: bool


def _rpr_chain(run: Run, paragraph: Paragraph) -> Iterator[etree._Element]:
    """The rPr elements that may set a property of `run`, nearest first."""
    rpr = run._r.rPr
    if rpr is not None:
        yield rpr
    styles = paragraph.part.styles if hasattr(paragraph.part, "styles") else None
    style = run.style if rpr is not None and rpr.find(qn("w:rStyle")) is not None else None
    while style is not None:
        if style.element.rPr is not None:
            yield style.element.rPr
        style = style.base_style
    style = paragraph.style
    while style is not None:
        if style.element.rPr is not None:
            yield style.element.rPr
        style = style.base_style
    if styles is not None:
        defaults = styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            found = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
            if found is not None:
                yield found


def _toggle(el: etree._Element | None) -> bool | None:
    if el is None:
        return None
    return el.get(qn("w:val"), "true") not in ("0", "false", "off")


def run_format(run: Run, paragraph: Paragraph) -> RunFormat:
    font = size = bold = italic = underline = None
    font_set = False
    for rpr in _rpr_chain(run, paragraph):
        fonts = rpr.find(qn("w:rFonts"))
        if not font_set and fonts is not None:
            if fonts.get(qn("w:asciiTheme")) is not None:
                font, font_set = None, True
            elif fonts.get(qn("w:ascii")) is not None:
                font, font_set = fonts.get(qn("w:ascii")), True
        if size is None and rpr.find(qn("w:sz")) is not None:
            size = int(rpr.find(qn("w:sz")).get(qn("w:val"))) / 2
        if bold is None:
            bold = _toggle(rpr.find(qn("w:b")))
        if italic is None:
            italic = _toggle(rpr.find(qn("w:i")))
        if underline is None and rpr.find(qn("w:u")) is not None:
            underline = rpr.find(qn("w:u")).get(qn("w:val"), "single") != "none"
    return RunFormat(font, size if size is not None else 10.0, bool(bold), bool(italic), bool(underline))


def paragraph_property(paragraph: Paragraph, tag: str) -> etree._Element | None:
    """The first `w:<tag>` found in the paragraph's pPr, then its style chain, then the document defaults."""
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.find(qn(f"w:{tag}")) is not None:
        return ppr.find(qn(f"w:{tag}"))
    style = paragraph.style
    while style is not None:
        style_ppr = style.element.pPr
        if style_ppr is not None and style_ppr.find(qn(f"w:{tag}")) is not None:
            return style_ppr.find(qn(f"w:{tag}"))
        style = style.base_style
    defaults = paragraph.part.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        found = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn(f'w:{tag}')}")
        if found is not None:
            return found
    return None


def paragraph_attribute(paragraph: Paragraph, tag: str, attr: str) -> str | None:
    """One attribute of `w:<tag>` (`spacing`/`before`, `ind`/`firstLine` …) as Word resolves it: each attribute is
    inherited on its own, so a paragraph that sets only its line spacing keeps its style's space before.
    """
    levels = []
    ppr = paragraph._p.pPr
    if ppr is not None:
        levels.append(ppr)
    style = paragraph.style
    while style is not None:
        if style.element.pPr is not None:
            levels.append(style.element.pPr)
        style = style.base_style
    defaults = paragraph.part.styles.element.find(qn("w:docDefaults"))
    if defaults is not None and defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}") is not None:
        levels.append(defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}"))
    for level in levels:
        el = level.find(qn(f"w:{tag}"))
        if el is not None and el.get(qn(f"w:{attr}")) is not None:
            return el.get(qn(f"w:{attr}"))
    return None


def alignment(paragraph: Paragraph) -> str:
    """`left`, `center`, `right` or `both` (justified), as Word resolves it."""
    jc = paragraph_property(paragraph, "jc")
    value = jc.get(qn("w:val")) if jc is not None else "left"
    return {"start": "left", "end": "right", "distribute": "both"}.get(value, value)
