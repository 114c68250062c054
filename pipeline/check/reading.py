"""A document's text as the rules read it, in one pass of libxslt over the body.

The rules need the text of every paragraph (the body's, and those in table cells) and, for the attached list, each
row's cell texts as python-docx gives them (a cell spanning columns once per column, a cell merged down with the
text of the cell it continues). Walking the elements from Python costs microseconds per element, and a list has
thousands: a build checks every document it makes. One XSLT pass writes all of it as text with private-use marks
between the pieces; a document whose text holds one of those marks, or a paragraph nested in a cell or in another
paragraph, is walked element by element instead. Both ways give the same texts (tests/check/test_table_texts.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_T, _TAB, _BR, _CR = (f"{{{W}}}{tag}" for tag in ("t", "tab", "br", "cr"))
_P, _TC, _TR, _TC_PR = (f"{{{W}}}{tag}" for tag in ("p", "tc", "tr", "tcPr"))
_GRID_SPAN, _V_MERGE, _VAL = f"{{{W}}}gridSpan", f"{{{W}}}vMerge", f"{{{W}}}val"

# Marks: the end of a paragraph's text, the end of all of them, and a paragraph inside a paragraph (a text box).
# Private-use characters no document text is expected to hold; one that does is read the other way.
END, STREAM_END, NESTED = "\ue001", "\ue002", "\ue003"

# First the text of every paragraph of the body and of its tables' cells, each followed by END, in the View's order;
# then STREAM_END and the body's outline in ASCII: "." for a body paragraph; for a table, per cell "t" for its
# properties, "g<span>," for a span across columns (the value as written, the outline's own marks in it replaced),
# "r," or "c," for a cell that starts a merge down or continues one, "p" per paragraph, "x" for anything else holding
# paragraphs (a nested table, a content control), then ";"; "|" after each row and "#" after the table. A cell's
# properties and paragraphs are told apart by template matching, which libxslt does in a step per node: an XPath
# evaluated per cell (a count, a test of its properties) costs as much as reading the cell's text, in a list of
# hundreds of cells. Anything the outline cannot say plainly — a paragraph nested in a cell or in another paragraph,
# properties given twice, a span not in digits — sends the document to the walk.
_AS_TEXT = etree.XSLT(
    etree.XML(
        f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:w="{W}">
<xsl:output method="text" encoding="UTF-8"/>
<xsl:template match="/">
 <xsl:variable name="body" select="/w:body | /*/w:body"/>
 <xsl:for-each select="$body/w:p | $body/w:tbl/w:tr/w:tc/w:p">
  <xsl:apply-templates mode="text"/><xsl:text>{END}</xsl:text>
 </xsl:for-each>
 <xsl:text>{STREAM_END}</xsl:text>
 <xsl:for-each select="$body/w:p | $body/w:tbl">
  <xsl:choose>
   <xsl:when test="self::w:p">.</xsl:when>
   <xsl:otherwise>
    <xsl:for-each select="w:tr">
     <xsl:for-each select="w:tc"><xsl:apply-templates mode="outline"/>;</xsl:for-each>
     <xsl:text>|</xsl:text>
    </xsl:for-each>
    <xsl:text>#</xsl:text>
   </xsl:otherwise>
  </xsl:choose>
 </xsl:for-each>
</xsl:template>
<xsl:template match="w:t" mode="text"><xsl:value-of select="."/></xsl:template>
<xsl:template match="w:tab" mode="text"><xsl:text>&#9;</xsl:text></xsl:template>
<xsl:template match="w:br|w:cr" mode="text"><xsl:text>&#10;</xsl:text></xsl:template>
<xsl:template match="w:p" mode="text"><xsl:text>{NESTED}</xsl:text></xsl:template>
<xsl:template match="text()|w:pPr|w:rPr" mode="text"/>
<xsl:template match="*" mode="text"><xsl:apply-templates mode="text"/></xsl:template>
<xsl:template match="w:tcPr" mode="outline">t<xsl:apply-templates mode="outline"/></xsl:template>
<xsl:template match="w:tcPr/*" mode="outline" priority="1"/>
<xsl:template match="w:gridSpan" mode="outline" priority="2">
 <xsl:text>g</xsl:text><xsl:value-of select="translate(@w:val, ',;|#', '????')"/><xsl:text>,</xsl:text>
</xsl:template>
<xsl:template match="w:vMerge" mode="outline" priority="2">
 <xsl:choose>
  <xsl:when test="@w:val and @w:val != 'continue'">r,</xsl:when>
  <xsl:otherwise>c,</xsl:otherwise>
 </xsl:choose>
</xsl:template>
<xsl:template match="w:p" mode="outline">p</xsl:template>
<xsl:template match="*" mode="outline"><xsl:if test=".//w:p">x</xsl:if></xsl:template>
<xsl:template match="text()" mode="outline"/>
</xsl:stylesheet>""".encode()
    )
)

TableTexts = tuple[tuple[str, ...], ...]


Place = tuple[int | None, tuple[int, int] | None]  # a paragraph's table (its number in the body) and cell, or none


@dataclass(frozen=True)
class Texts:
    paragraphs: list[str]  # every paragraph of the body and of its tables' cells, in reading order
    places: list[Place]  # where each of them sits
    tables: list[TableTexts]  # each body table's cell texts


def read(body) -> Texts | None:
    """The texts of a document body in one pass; None if its text holds one of the pass's marks, a paragraph holds
    another (a text box) or a cell anything but its properties and paragraphs (a nested table), or its outline
    cannot be read (an odd attribute): for the caller to walk the elements instead."""
    parent = body.getparent()
    # Applied to the document itself where the body is its root's child, as in every .docx: given an element below
    # the root, lxml first makes a document around it (a tenth to a third of the pass, measured).
    streams = str(_AS_TEXT(parent if parent is not None and parent.getparent() is None else body)).split(STREAM_END)
    if len(streams) != 2 or NESTED in streams[0]:
        return None
    texts, outline = streams
    paragraphs = texts.split(END)[:-1]
    places: list[Place] = []
    try:
        tables: list[TableTexts] = []
        *parts, last = outline.split("#")
        for number, part in enumerate(parts):
            table = part.lstrip(".")
            places += [(None, None)] * (len(part) - len(table))  # the body paragraphs before the table
            tables.append(_table(table, number, paragraphs, places))
    except ValueError:
        return None
    places += [(None, None)] * len(last)
    if len(places) != len(paragraphs) or last.strip("."):
        return None
    return Texts(paragraphs, places, tables)


def _table(outline: str, number: int, paragraphs: list[str], places: list[Place]) -> TableTexts:
    """One table's cell texts from its outline and the paragraphs after those already placed; its paragraphs'
    places added."""
    layout = _layout(outline)
    start = len(places)
    places += _places(outline, number)
    rows: list[tuple[str, ...]] = []
    above: dict[int, str] = {}
    for row in layout:
        cells: list[str] = []
        for column, span, merge, first, count in row:
            at = start + first
            text = paragraphs[at] if count == 1 else "\n".join(paragraphs[at : at + count])
            if merge == "c":
                text = above.get(column, "")
            elif merge == "r":
                above[column] = text
            cells += [text] * span
        rows.append(tuple(cells))
    return tuple(rows)


Layout = tuple[tuple[tuple[int, int, str, int, int], ...], ...]  # per row, per cell: column, span, merge, first, count
# A cell of the outline: its properties once at most (a span, a merge mark), then its paragraphs.
_CELL = re.compile(r"(?:t(?:g(\d+),)?(?:([rc]),)?)?(p*)")


@lru_cache(maxsize=64)  # the documents of a build share a few table shapes: each outline is read once
def _layout(outline: str) -> Layout:
    """A table's outline as rows of cells (its first column, span, merge mark, first paragraph counted from the
    table's first, and how many it holds); ValueError for a cell it cannot say plainly."""
    rows = []
    first = 0
    for row in outline.split("|")[:-1]:
        cells = []
        column = 0
        for cell in row.split(";")[:-1]:
            found = _CELL.fullmatch(cell)
            if found is None:
                raise ValueError(cell)
            span_text, merge, own = found.groups()
            span, count = int(span_text or 1), len(own)
            cells.append((column, span, merge or "n", first, count))
            first += count
            column += span
        rows.append(tuple(cells))
    return tuple(rows)


@lru_cache(maxsize=64)
def _places(outline: str, number: int) -> tuple[Place, ...]:
    """Where each paragraph of table `number` sits: its row and its cell's place in the row."""
    return tuple(
        (number, (r, c)) for r, row in enumerate(_layout(outline)) for c, cell in enumerate(row) for _ in range(cell[4])
    )


# The paragraphs `Texts.paragraphs` reads, as elements: the body's own, and a table's (each in one call), and the
# body's tables. Never `w:tc//w:p`: libxml2 merges the descendants found from each of many context nodes checking
# every node against all found so far, a time growing with the square of a list's cells (0.9 s for 5.000 rows); the
# pass above, too, selects children, never descendants of many nodes.
body_paragraphs = etree.XPath("w:p", namespaces={"w": W})
table_paragraphs = etree.XPath("w:tr/w:tc/w:p", namespaces={"w": W})
body_tables = etree.XPath("w:tbl", namespaces={"w": W})


def element_text(element) -> str:
    """The text of a paragraph or run element, tabs and line breaks included, read element by element."""
    out = []
    for el in element.iter(_T, _TAB, _BR, _CR):
        if el.tag == _T:
            out.append(el.text or "")
        else:
            out.append("\t" if el.tag == _TAB else "\n")
    return "".join(out)


def walked_table_texts(tbl) -> TableTexts:
    """A table's cell texts, element by element (as `read` gives them)."""
    rows, above = [], {}
    for tr in tbl.iterchildren(_TR):
        cells, column = [], 0
        for tc in tr.iterchildren(_TC):
            properties = tc.find(_TC_PR)
            span_el = properties.find(_GRID_SPAN) if properties is not None else None
            span = int(span_el.get(_VAL, "1")) if span_el is not None else 1
            merge = properties.find(_V_MERGE) if properties is not None else None
            if merge is not None and merge.get(_VAL, "continue") == "continue":
                text = above.get(column, "")
            else:
                text = "\n".join(element_text(p) for p in tc.iterchildren(_P))
                if merge is not None:
                    above[column] = text
            cells += [text] * span
            column += span
        rows.append(tuple(cells))
    return tuple(rows)
