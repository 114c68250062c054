"""A small, fast writer of printable tables as .xlsx, for the consolidated list of a province-wide campaign.

General writers spend ~10 µs a cell (openpyxl, XlsxWriter); a list of 100.000 nominations has a million cells. This
one writes exactly what `tong_hop.xlsx` needs and nothing else: text as shared strings (which a spreadsheet never
reads as a formula, and which write each distinct text once), numbers, a bold header row frozen on screen and
repeated on every printed page, column widths, text wrapped in its column, A4 landscape as wide as the page with
its grid lines printed (every column of a row on one sheet of paper), and a quote-prefix style for text that starts
like a formula. Office Open XML (ECMA-376), SpreadsheetML; read back by openpyxl and pandas in the tests.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from queue import Queue
from threading import Thread

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPECIAL = re.compile('[&<>"\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]')
HEADER, QUOTED, BODY = 1, 2, 3  # cell style indexes in styles.xml below (0: cells outside the table)

_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{_MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Times New Roman"/></font>'
    '<font><b/><sz val="11"/><name val="Times New Roman"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
    "</fill></fills>"
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">'
    '<alignment horizontal="center" vertical="center" wrapText="1"/></xf>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


def column_name(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


@dataclass
class Sheet:
    name: str
    header: Sequence[str]
    widths: Sequence[float] = ()
    rows: list[tuple[tuple[object, ...], str, int]] = field(default_factory=list)  # written out by `workbook`

    def append(self, values: Iterable[object], made: str = "", made_lines: int = 1) -> None:
        """A row: its values, then (`made`) the cells after them made ahead by `prepare`, with this workbook's
        strings, and (`made_lines`) the lines the longest text of those wraps to (`lines`)."""
        values = tuple(values)
        self.rows.append((values, made, max(made_lines, lines(values, self.widths))))

    def xml(self, strings: SharedStrings) -> str:
        return "".join(self.pieces(strings))

    def pieces(self, strings: SharedStrings, rows_per_piece: int = 2000) -> Iterator[str]:
        """The sheet's XML in pieces of a few thousand rows, made as they are asked for."""
        columns = "".join(
            f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(self.widths, start=1)
        )
        yield (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
            '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><sheetViews><sheetView workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
            f"{f'<cols>{columns}</cols>' if columns else ''}<sheetData>"
            f"{_row(1, tuple(self.header), strings, HEADER, line_count=lines(self.header, self.widths))}"
        )
        rows = self.rows
        for start in range(0, len(rows), rows_per_piece):
            numbered = enumerate(rows[start : start + rows_per_piece], start + 2)
            yield "".join([_row(n, values, strings, made=made, line_count=k) for n, (values, made, k) in numbered])
        yield (
            '</sheetData><printOptions gridLines="1"/>'
            '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
            '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>'
        )


UNNUMBERED = "\x00"  # a row number not known yet, in cells made ahead: no XML text holds it (`escape` drops it)


def prepare(values: Sequence[object], strings: SharedStrings, first: int = 0) -> str:
    """The cells of a row made before the row has its place (while the rest of a list is still being read): its
    values from column `first` on, texts numbered in `strings`, the row's number left as UNNUMBERED for
    `Sheet.append(..., made=)` to fill in. The same XML as a row written whole."""
    return _cells(UNNUMBERED, values, strings, first=first)


class SharedStrings(dict):
    """The workbook's table of distinct texts (ECMA-376 §18.4): a cell holds a text's index, so a unit's name
    repeated on 10.000 rows is written, and escaped, once."""

    def xml(self) -> str:
        items = "".join([f'<si><t xml:space="preserve">{escape(text)}</t></si>' for text in self])
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{_MAIN}" count="{len(self)}" '
            f'uniqueCount="{len(self)}">{items}</sst>'
        )


def escape(text: str) -> str:
    """Text as XML character data or attribute value: markup characters escaped, characters XML forbids dropped."""
    if _SPECIAL.search(text) is None:  # the usual text: nothing to do
        return text
    text = _NOT_XML.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


_STYLE = {0: f' s="{BODY}"', HEADER: f' s="{HEADER}"', QUOTED: f' s="{QUOTED}"'}  # style 0: a body cell


LINE_HEIGHT = 15  # points: a line of 11 pt text in a row
MOST_LINES = 12  # a row is never made taller than this, whatever it holds


def lines(values: Sequence[object], widths: Sequence[float], first: int = 0) -> int:
    """The lines a row's longest text wraps to in its column, about the column's width in characters a line (a
    spreadsheet sizes a row to its text only when asked; the row is given its height, so that the printed list shows
    every word)."""
    longest = max([len(v) / w for v, w in zip(values, widths[first:], strict=False) if type(v) is str], default=0)
    return 1 if longest <= 1 else min(MOST_LINES, math.ceil(longest))


def _row(
    number: int, values: Sequence[object], strings: SharedStrings, style: int = 0, made: str = "", line_count: int = 1
) -> str:
    row = str(number)
    tall = f' ht="{LINE_HEIGHT * line_count}" customHeight="1"' if line_count > 1 else ""
    if not made:
        return f'<row r="{row}"{tall}>{_cells(row, values, strings, style)}</row>'
    if len(values) == 1 and type(values[0]) is int:  # a list's STT before its cells made ahead: written directly
        return (
            f'<row r="{row}"{tall}><c r="A{row}"{_STYLE[0]}><v>{values[0]}</v></c>{made.replace(UNNUMBERED, row)}</row>'
        )
    return f'<row r="{row}"{tall}>{_cells(row, values, strings, style)}{made.replace(UNNUMBERED, row)}</row>'


def _cells(number: str, values: Sequence[object], strings: SharedStrings, style: int = 0, first: int = 0) -> str:
    """A row's cells. Written for speed, since it runs for every row of a province's list: texts and whole numbers
    (nearly every cell) take the first two branches; anything else goes through `_cell`."""
    if first + len(values) > len(_COLUMNS):
        return "".join(_cell(c, number, v, strings, style) for c, v in enumerate(values, start=first))
    cells = []
    append = cells.append
    index = strings.get
    plain = _STYLE[style]
    for column, value in zip(_COLUMNS[first:], values, strict=False):  # values are fewer: the row is checked above
        kind = type(value)
        if kind is str:
            if not value:
                continue
            found = index(value)
            if found is None:
                found = strings[value] = len(strings)
            chosen = _STYLE[QUOTED] if not style and value[0] in "=+-@" else plain  # formula-like text stays text
            append(f'<c r="{column}{number}" t="s"{chosen}><v>{found}</v></c>')
        elif kind is int or kind is float:
            append(f'<c r="{column}{number}"{plain}><v>{value}</v></c>')
        elif value is not None:
            append(_cell(_COLUMNS.index(column), number, value, strings, style))
    return "".join(cells)


def _cell(c: int, number: str, value: object, strings: SharedStrings, style: int) -> str:
    if value is None or value == "":
        return ""
    ref = f"{_COLUMNS[c] if c < len(_COLUMNS) else column_name(c)}{number}"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<c r="{ref}"{_STYLE[style]}><v>{value}</v></c>'
    text = str(value)
    found = strings.get(text)
    if found is None:
        found = strings[text] = len(strings)
    chosen = style or (QUOTED if text[0] in "=+-@" else 0)
    return f'<c r="{ref}" t="s"{_STYLE[chosen]}><v>{found}</v></c>'


_COLUMNS = [column_name(i) for i in range(64)]


def workbook(sheets: Sequence[Sheet], strings: SharedStrings | None = None) -> bytes:
    """The .xlsx package holding the sheets, each printed with its header row on every page; `strings`: the table
    the sheets' prepared cells were made with."""
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        f"{overrides}</Types>"
    )
    root_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG_REL}">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    sheet_list = "".join(
        f'<sheet name="{escape(s.name)}" sheetId="{i}" r:id="rId{i}"/>' for i, s in enumerate(sheets, start=1)
    )
    titles = "".join(
        f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">{escape(_quoted_name(s.name))}!$1:$1</definedName>'
        for i, s in enumerate(sheets)
    )
    book = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
        f"<sheets>{sheet_list}</sheets><definedNames>{titles}</definedNames></workbook>"
    )
    book_rels = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    styles_rel = (
        f'<Relationship Id="rId{len(sheets) + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{len(sheets) + 2}" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
    )
    strings = SharedStrings() if strings is None else strings
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", root_rels)
        archive.writestr("xl/workbook.xml", book)
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG_REL}">'
            f"{book_rels}{styles_rel}</Relationships>",
        )
        archive.writestr("xl/styles.xml", _STYLES)
        for i, sheet in enumerate(sheets, start=1):
            _write_part(archive, f"xl/worksheets/sheet{i}.xml", sheet.pieces(strings))
        archive.writestr("xl/sharedStrings.xml", strings.xml())
    return out.getvalue()


def _write_part(archive: zipfile.ZipFile, name: str, pieces: Iterable[str]) -> None:
    """A part compressed while its next pieces are made: zlib lets go of the interpreter, so a thread of its own
    compresses one piece while this one makes the next (a province's list: 35 MB of XML, 0.2 s of compression)."""
    ready: Queue[bytes | None] = Queue(maxsize=4)
    failed: list[BaseException] = []

    def compress() -> None:
        try:
            with archive.open(name, "w") as part:
                while (piece := ready.get()) is not None:
                    part.write(piece)
        except BaseException as e:  # said in the caller's thread, once every piece is taken
            failed.append(e)
            while ready.get() is not None:
                pass

    thread = Thread(target=compress, name=f"tdkt-zip-{name}")
    thread.start()
    try:
        for piece in pieces:
            ready.put(piece.encode())
    finally:
        ready.put(None)
        thread.join()
    if failed:
        raise failed[0]


def _quoted_name(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"
