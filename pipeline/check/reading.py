"""A document's text as the rules read it, in one pass of libxslt over the body.

The rules need the text of every paragraph (the body's, and those in table cells) and, for the attached list, each
row's cell texts as python-docx gives them (a cell spanning columns once per column, a cell merged down with the
text of the cell it continues). Walking the elements from Python costs microseconds per element, and a list has
thousands: a build checks every document it makes. One XSLT pass writes all of it as text with private-use marks
between the pieces; a document whose text holds one of those marks, or a cell with nested paragraphs, is walked
element by element instead. Both ways give the same texts (tests/check/test_table_texts.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_T, _TAB, _BR, _CR = (f"{{{W}}}{tag}" for tag in ("t", "tab", "br", "cr"))
_P, _TC, _TR, _TC_PR = (f"{{{W}}}{tag}" for tag in ("p", "tc", "tr", "tcPr"))
_GRID_SPAN, _V_MERGE, _VAL = f"{{{W}}}gridSpan", f"{{{W}}}vMerge", f"{{{W}}}val"

# Marks: the end of a paragraph's text, and the end of all of them. Private-use characters no document text is
# expected to hold; one that does makes more pieces than the outline has paragraphs, and is read the other way.
END, STREAM_END = "\ue001", "\ue002"

# First every paragraph's text followed by END, in the View's order (the body's paragraphs, and those in its tables'
# cells); then STREAM_END and the body's outline in ASCII: "." for a body paragraph; for a table, per cell
# "span,merge,own,count;" — its column span, whether it continues a cell merged down (c), starts one (r) or neither
# (n), whether its paragraphs are all its own children (s) or some are nested (x), and how many paragraphs it
# holds — "|" after each row and "#" after the table. A plain cell (no span, no merge, no nested paragraph: nearly
# every cell of a list) is told by one test: every XPath evaluated per cell counts, in a list of hundreds of cells.
_AS_TEXT = etree.XSLT(
    etree.XML(
        f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:w="{W}">
<xsl:output method="text" encoding="UTF-8"/>
<xsl:template match="/">
 <xsl:variable name="body" select="/w:body | /*/w:body"/>
 <xsl:for-each select="$body/w:p | $body/w:tbl">
  <xsl:choose>
   <xsl:when test="self::w:p"><xsl:apply-templates mode="text"/><xsl:text>{END}</xsl:text></xsl:when>
   <xsl:otherwise>
    <xsl:for-each select="w:tr">
     <xsl:for-each select="w:tc">
      <xsl:for-each select=".//w:p"><xsl:apply-templates mode="text"/><xsl:text>{END}</xsl:text></xsl:for-each>
     </xsl:for-each>
    </xsl:for-each>
   </xsl:otherwise>
  </xsl:choose>
 </xsl:for-each>
 <xsl:text>{STREAM_END}</xsl:text>
 <xsl:for-each select="$body/w:p | $body/w:tbl">
  <xsl:choose>
   <xsl:when test="self::w:p">.</xsl:when>
   <xsl:otherwise>
    <xsl:for-each select="w:tr">
     <xsl:for-each select="w:tc">
      <xsl:choose>
       <xsl:when test="not(w:tcPr/w:gridSpan or w:tcPr/w:vMerge or */descendant::w:p)">
        <xsl:value-of select="concat('1,n,s,', count(w:p), ';')"/>
       </xsl:when>
       <xsl:otherwise>
        <xsl:variable name="span" select="w:tcPr[1]/w:gridSpan[1]/@w:val"/>
        <xsl:variable name="merge" select="w:tcPr[1]/w:vMerge[1]"/>
        <xsl:variable name="all" select="count(.//w:p)"/>
        <xsl:choose>
         <xsl:when test="$span"><xsl:value-of select="$span"/></xsl:when>
         <xsl:otherwise>1</xsl:otherwise>
        </xsl:choose>
        <xsl:choose>
         <xsl:when test="not($merge)">,n,</xsl:when>
         <xsl:when test="$merge/@w:val and $merge/@w:val != 'continue'">,r,</xsl:when>
         <xsl:otherwise>,c,</xsl:otherwise>
        </xsl:choose>
        <xsl:choose>
         <xsl:when test="count(w:p) = $all">s</xsl:when>
         <xsl:otherwise>x</xsl:otherwise>
        </xsl:choose>
        <xsl:value-of select="concat(',', $all, ';')"/>
       </xsl:otherwise>
      </xsl:choose>
     </xsl:for-each>
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
<xsl:template match="text()|w:pPr|w:rPr" mode="text"/>
<xsl:template match="*" mode="text"><xsl:apply-templates mode="text"/></xsl:template>
</xsl:stylesheet>""".encode()
    )
)

TableTexts = tuple[tuple[str, ...], ...]


Place = tuple[int | None, tuple[int, int] | None]  # a paragraph's table (its number in the body) and cell, or none


@dataclass(frozen=True)
class Texts:
    paragraphs: list[str]  # every paragraph of the body and of its tables' cells, in reading order
    places: list[Place]  # where each of them sits
    tables: list[TableTexts | None]  # each body table's cell texts; None for one to walk (nested paragraphs)


def read(body) -> Texts | None:
    """The texts of a document body in one pass; None if its text holds one of the pass's marks (or its outline
    cannot be read: an odd attribute), for the caller to walk the elements instead."""
    parent = body.getparent()
    # Applied to the document itself where the body is its root's child, as in every .docx: given an element below
    # the root, lxml first makes a document around it (a tenth to a third of the pass, measured).
    streams = str(_AS_TEXT(parent if parent is not None and parent.getparent() is None else body)).split(STREAM_END)
    if len(streams) != 2:
        return None
    texts, outline = streams
    paragraphs = texts.split(END)[:-1]
    places: list[Place] = []
    try:
        tables: list[TableTexts | None] = []
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


def _table(outline: str, number: int, paragraphs: list[str], places: list[Place]) -> TableTexts | None:
    """One table's cell texts from its outline and the paragraphs after those already placed; its paragraphs'
    places added."""
    layout, own = _layout(outline)
    start = len(places)
    places += _places(outline, number)
    if not own:
        return None
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


@lru_cache(maxsize=64)  # the documents of a build share a few table shapes: each outline is read once
def _layout(outline: str) -> tuple[Layout, bool]:
    """A table's outline as rows of cells (its first column, span, merge mark, first paragraph counted from the
    table's first, and how many it holds), and whether every cell's paragraphs are its own; ValueError if odd."""
    rows = []
    own = True
    first = 0
    for row in outline.split("|")[:-1]:
        cells = []
        column = 0
        for cell in row.split(";")[:-1]:
            span_text, merge, kind, count_text = cell.split(",")
            span, count = int(span_text), int(count_text)
            own = own and kind == "s"
            cells.append((column, span, merge, first, count))
            first += count
            column += span
        rows.append(tuple(cells))
    return tuple(rows), own


@lru_cache(maxsize=64)
def _places(outline: str, number: int) -> tuple[Place, ...]:
    """Where each paragraph of table `number` sits: its row and its cell's place in the row."""
    layout, _ = _layout(outline)
    return tuple((number, (r, c)) for r, row in enumerate(layout) for c, cell in enumerate(row) for _ in range(cell[4]))


# The paragraphs `Texts.paragraphs` reads where every cell's paragraphs are its own, and the body's tables, as
# elements (in one call each). Never `w:tc//w:p`: libxml2 merges the descendants found from each of many context
# nodes checking every node against all found so far, a time growing with the square of a list's cells (0.9 s for
# 5.000 rows); the pass above, too, looks for descendants from one cell at a time.
own_paragraphs = etree.XPath("w:p | w:tbl/w:tr/w:tc/w:p", namespaces={"w": W})
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
