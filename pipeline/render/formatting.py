"""What a run of a Word document really looks like: its formatting resolved the way Word resolves it.

Word takes each property from the first place that sets it: the run itself, its character style (and that style's
parents), the paragraph's style (and its parents), then the document defaults. A font given only as a theme font
(`asciiTheme`) has no fixed name, which NĐ30 forbids (Times New Roman everywhere), so it resolves to `None`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

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


@lru_cache(maxsize=4096)
def _style_chain(styles: etree._Element, style_id: str | None, kind: str) -> tuple[etree._Element, ...]:
    """The `w:style` elements a style inherits from, itself first; None is the kind's default style.

    Cached by the styles element: python-docx looks each style up with an XPath query, and a check asks for the
    same few styles thousands of times. (A styles part edited after it was read is not seen; tdkt never does.)
    """
    chain = []
    style = None
    if style_id is not None:
        style = next((s for s in styles.iterchildren(qn("w:style")) if s.get(qn("w:styleId")) == style_id), None)
    if style is None:
        style = next(
            (
                s
                for s in styles.iterchildren(qn("w:style"))
                if s.get(qn("w:type")) == kind and s.get(qn("w:default")) in ("1", "true", "on")
            ),
            None,
        )
    seen = set()
    while style is not None and id(style) not in seen:
        seen.add(id(style))
        chain.append(style)
        based = style.find(qn("w:basedOn"))
        based_id = based.get(qn("w:val")) if based is not None else None
        style = (
            next((s for s in styles.iterchildren(qn("w:style")) if s.get(qn("w:styleId")) == based_id), None)
            if based_id
            else None
        )
    return tuple(chain)


@lru_cache(maxsize=256)
def _defaults(styles: etree._Element, tag: str) -> etree._Element | None:
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        return None
    return defaults.find(f"{qn(f'w:{tag}Default')}/{qn(f'w:{tag}')}")


def _styles_of(paragraph: Paragraph) -> etree._Element | None:
    return _styles_of_part(paragraph.part)


@lru_cache(maxsize=256)
def _styles_of_part(part) -> etree._Element | None:
    """The styles of the document a part belongs to; a header's paragraphs use the main document's."""
    if not hasattr(part, "styles"):
        part = getattr(part, "_document_part", None)
    return part.styles.element if part is not None and hasattr(part, "styles") else None


def _paragraph_style_id(paragraph: Paragraph) -> str | None:
    ppr = paragraph._p.pPr
    style = ppr.find(qn("w:pStyle")) if ppr is not None else None
    return style.get(qn("w:val")) if style is not None else None


@lru_cache(maxsize=4096)
def _style_rprs(styles: etree._Element, style_id: str | None, kind: str) -> tuple[etree._Element, ...]:
    """The rPr of each style in a chain, nearest first, and the document defaults last."""
    found = [rpr for style in _style_chain(styles, style_id, kind) if (rpr := style.find(qn("w:rPr"))) is not None]
    return tuple(found)


def _rpr_chain(run: Run, paragraph: Paragraph) -> Iterator[etree._Element]:
    """The rPr elements that may set a property of `run`, nearest first."""
    rpr = run._r.find(qn("w:rPr"))
    if rpr is not None:
        yield rpr
    styles = _styles_of(paragraph)
    if styles is None:
        return
    character = rpr.find(qn("w:rStyle")) if rpr is not None else None
    if character is not None:
        yield from _style_rprs(styles, character.get(_VAL), "character")
    yield from _style_rprs(styles, _paragraph_style_id(paragraph), "paragraph")
    defaults = _defaults(styles, "rPr")
    if defaults is not None:
        yield defaults


def _ppr_chain(paragraph: Paragraph) -> Iterator[etree._Element]:
    """The pPr elements that may set a property of `paragraph`, nearest first."""
    ppr = paragraph._p.pPr
    if ppr is not None:
        yield ppr
    styles = _styles_of(paragraph)
    if styles is None:
        return
    for style in _style_chain(styles, _paragraph_style_id(paragraph), "paragraph"):
        if style.find(qn("w:pPr")) is not None:
            yield style.find(qn("w:pPr"))
    defaults = _defaults(styles, "pPr")
    if defaults is not None:
        yield defaults


_VAL, _RFONTS, _ASCII, _ASCII_THEME = qn("w:val"), qn("w:rFonts"), qn("w:ascii"), qn("w:asciiTheme")
_SZ, _B, _I, _U, _RPR = qn("w:sz"), qn("w:b"), qn("w:i"), qn("w:u"), qn("w:rPr")


def _toggle(el: etree._Element | None) -> bool | None:
    if el is None:
        return None
    return el.get(_VAL, "true") not in ("0", "false", "off")


_RUN_FORMATS: dict[tuple, RunFormat] = {}


def run_format(run: Run, paragraph: Paragraph) -> RunFormat:
    """The run's font, size, bold, italic and underline as Word shows them.

    Remembered by (styles, the run's own properties, its paragraph style): a document repeats a few combinations
    over thousands of runs.
    """
    rpr = run._r.find(_RPR)
    key = (_styles_of(paragraph), etree.tostring(rpr) if rpr is not None else b"", _paragraph_style_id(paragraph))
    found = _RUN_FORMATS.get(key)
    if found is None:
        if len(_RUN_FORMATS) > 20000:
            _RUN_FORMATS.clear()
        found = _RUN_FORMATS[key] = _resolve_run_format(run, paragraph)
    return found


def _resolve_run_format(run: Run, paragraph: Paragraph) -> RunFormat:
    font = size = bold = italic = underline = None
    font_set = False
    for rpr in _rpr_chain(run, paragraph):
        fonts = rpr.find(_RFONTS)
        if not font_set and fonts is not None:
            if fonts.get(_ASCII_THEME) is not None:
                font, font_set = None, True
            elif fonts.get(_ASCII) is not None:
                font, font_set = fonts.get(_ASCII), True
        if size is None:
            sz = rpr.find(_SZ)
            if sz is not None:
                size = int(sz.get(_VAL)) / 2
        if bold is None:
            bold = _toggle(rpr.find(_B))
        if italic is None:
            italic = _toggle(rpr.find(_I))
        if underline is None:
            u = rpr.find(_U)
            if u is not None:
                underline = u.get(_VAL, "single") != "none"
    return RunFormat(font, size if size is not None else 10.0, bool(bold), bool(italic), bool(underline))


def paragraph_property(paragraph: Paragraph, tag: str) -> etree._Element | None:
    """The first `w:<tag>` found in the paragraph's pPr, then its style chain, then the document defaults."""
    return next((found for ppr in _ppr_chain(paragraph) if (found := ppr.find(qn(f"w:{tag}"))) is not None), None)


def paragraph_attribute(paragraph: Paragraph, tag: str, attr: str) -> str | None:
    """One attribute of `w:<tag>` (`spacing`/`before`, `ind`/`firstLine` …) as Word resolves it: each attribute is
    inherited on its own, so a paragraph that sets only its line spacing keeps its style's space before.
    """
    for ppr in _ppr_chain(paragraph):
        el = ppr.find(qn(f"w:{tag}"))
        if el is not None and el.get(qn(f"w:{attr}")) is not None:
            return el.get(qn(f"w:{attr}"))
    return None


def alignment(paragraph: Paragraph) -> str:
    """`left`, `center`, `right` or `both` (justified), as Word resolves it."""
    jc = paragraph_property(paragraph, "jc")
    value = jc.get(qn("w:val")) if jc is not None else "left"
    return {"start": "left", "end": "right", "distribute": "both"}.get(value, value)
