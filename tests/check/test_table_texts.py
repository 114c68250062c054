"""The checks read a document's text in one libxslt pass (pipeline/check/reading.py, issue 19): exactly what
python-docx and the element walk give — every paragraph, every table cell, merged cells included — on every document
of the built samples, on tables merged both ways, and on the documents the one pass must leave to the walk."""

from __future__ import annotations

from docx import Document

from pipeline.check.reading import element_text, read, walked_table_texts
from pipeline.check.rules import View


def python_docx_texts(table) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(cell.text for cell in row.cells) for row in table.rows)


def _view_tables(doc) -> list:
    view = View(doc)
    return [view.table_cells(table._tbl) for table in doc.tables]


def test_every_table_and_paragraph_of_the_samples_reads_as_python_docx_reads_it(built_sample):
    tables = paragraphs = 0
    for path in built_sample.values():
        if path.suffix != ".docx":
            continue
        doc = Document(str(path))
        texts = read(doc.element.body)
        assert texts is not None and None not in texts.tables, path.name
        assert texts.tables == [python_docx_texts(t) for t in doc.tables], path.name
        assert texts.tables == [walked_table_texts(t._tbl) for t in doc.tables], path.name
        view = View(doc)
        assert texts.paragraphs == [element_text(p.element) for p in view.paras], path.name
        tables += len(texts.tables)
        paragraphs += len(texts.paragraphs)
    assert tables >= 10 and paragraphs >= 300


def _merged() -> Document:
    doc = Document()
    table = doc.add_table(rows=4, cols=4)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"{r}{c}"
    table.cell(0, 0).merge(table.cell(0, 2))  # across
    table.cell(1, 1).merge(table.cell(3, 1))  # down
    table.cell(2, 3).paragraphs[0].add_run("\tmột\tdòng").add_break()
    table.cell(2, 3).add_paragraph("hai")
    return doc


def test_cells_merged_across_and_down_read_as_python_docx_reads_them():
    doc = _merged()
    (table,) = doc.tables
    assert read(doc.element.body).tables == [python_docx_texts(table)]
    assert walked_table_texts(table._tbl) == python_docx_texts(table)
    assert _view_tables(doc) == [python_docx_texts(table)]


def test_text_holding_the_passs_marks_is_read_element_by_element():
    doc = _merged()
    (table,) = doc.tables
    table.cell(3, 3).text = "a\ue002b\ue003c\ue001d\ue004e\ue005"  # the very marks the one pass separates pieces with
    doc.add_paragraph("một\ue001hai").add_run("\tba")
    assert read(doc.element.body) is None
    assert _view_tables(doc) == [python_docx_texts(table)]
    assert [p.text for p in View(doc).paras][-1] == "một\ue001hai\tba"


def _walked(doc, monkeypatch) -> View:
    from pipeline.check import rules

    with monkeypatch.context() as patched:
        patched.setattr(rules, "read", lambda body: None)  # as for a document the pass leaves to the walk
        return View(doc)


def _same_views(doc, monkeypatch) -> None:
    """The view the one pass gives (or, for a document it leaves, the walk) is the view walked."""
    quick, walked = View(doc), _walked(doc, monkeypatch)
    assert [(p.element, p.table, p.cell, p.index, p.text) for p in quick.paras] == [
        (p.element, p.table, p.cell, p.index, p.text) for p in walked.paras
    ]
    assert quick.tables == walked.tables
    assert [quick.table_cells(t) for t in quick.tables] == [walked.table_cells(t) for t in walked.tables]


def test_a_cell_holding_a_nested_table_is_read_as_python_docx_reads_it(monkeypatch):
    doc = _merged()
    (table,) = doc.tables
    table.cell(3, 0).add_table(rows=1, cols=2).cell(0, 1).text = "lồng"
    assert read(doc.element.body) is None  # left to the walk: python-docx reads only a cell's own paragraphs
    assert _view_tables(doc) == [python_docx_texts(table)]
    view = View(doc)
    assert [p.text for p in view.paras] == [element_text(p.element) for p in view.paras]
    assert "lồng" in [p.text for p in view.paras]  # the walk meets the nested paragraphs too, in their cell
    _same_views(doc, monkeypatch)


TEXT_BOX = (
    "<w:r {ns}><w:pict><v:shape {v}><v:textbox><w:txbxContent><w:p><w:r><w:t>trong hộp</w:t></w:r></w:p>"
    "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
)


def _with_text_box(paragraph) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    paragraph._p.append(parse_xml(TEXT_BOX.format(ns=nsdecls("w"), v='xmlns:v="urn:schemas-microsoft-com:vml"')))


def test_a_text_box_in_a_paragraph_or_a_cell_is_left_to_the_walk(monkeypatch):
    doc = _merged()
    _with_text_box(doc.add_paragraph("thân "))
    assert read(doc.element.body) is None
    _same_views(doc, monkeypatch)
    assert View(doc).paras[-1].text == "thân trong hộp"

    doc = _merged()
    (table,) = doc.tables
    _with_text_box(table.cell(0, 3).paragraphs[0])
    assert read(doc.element.body) is None
    _same_views(doc, monkeypatch)
    assert "trong hộp" in [p.text for p in View(doc).paras]  # the box's paragraph read on its own, in its cell


def test_cells_the_outline_cannot_say_plainly_are_left_to_the_walk(monkeypatch):
    """Properties given twice, a span that is not a number: the walk decides. A bookmark beside a cell's paragraphs
    holds none, and the pass still reads the table."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    doc = _merged()
    tc = doc.tables[0].cell(1, 0)._tc
    tc.insert(0, parse_xml(f'<w:tcPr {nsdecls("w")}><w:gridSpan w:val="2"/></w:tcPr>'))
    assert read(doc.element.body) is None
    _same_views(doc, monkeypatch)

    for odd in ("2,r", "2;tp", " 2", "2.0"):  # read by int() on the walk, as python-docx reads it
        doc = _merged()
        span = doc.tables[0]._tbl.xpath(".//w:gridSpan")[0]
        span.set(span.tag.replace("gridSpan", "val"), odd)
        assert read(doc.element.body) is None, odd

    doc = _merged()
    (table,) = doc.tables
    tc = table.cell(2, 0)._tc
    tc.append(parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="0" w:name="dau"/>'))
    texts = read(doc.element.body)
    assert texts is not None and texts.tables == [python_docx_texts(table)]
    _same_views(doc, monkeypatch)


def test_the_view_built_from_the_one_pass_is_the_view_walked(built_sample, monkeypatch):
    documents = [Document(str(p)) for p in built_sample.values() if p.suffix == ".docx"]
    assert all(read(doc.element.body) is not None for doc in documents)  # each read in the one pass
    for doc in documents:
        _same_views(doc, monkeypatch)


def test_a_body_reads_the_same_in_its_document_and_standing_alone():
    """The pass runs on the document where the body is its root's child (no document made around the element), on
    the element itself otherwise: the same texts either way."""
    import copy

    doc = _merged()
    doc.add_paragraph("sau bảng")
    body = doc.element.body
    alone = copy.deepcopy(body)  # the root of a tree of its own
    in_document, standing = read(body), read(alone)
    assert standing is not None and in_document is not None
    assert (standing.paragraphs, standing.places, standing.tables) == (
        in_document.paragraphs,
        in_document.places,
        in_document.tables,
    )
    assert in_document.paragraphs[-1] == "sau bảng" and in_document.tables == [python_docx_texts(doc.tables[0])]
