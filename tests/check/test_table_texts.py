"""The content checks read table cells straight from the XML (issue 19): exactly what python-docx gives, merged
cells included, on every table of the built samples and on a table merged both ways."""

from __future__ import annotations

from docx import Document

from pipeline.check.content import _texts_of


def python_docx_texts(table) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(cell.text for cell in row.cells) for row in table.rows)


def test_every_table_of_the_samples_reads_as_python_docx_reads_it(built_sample):
    tables = 0
    for path in built_sample.values():
        if path.suffix != ".docx":
            continue
        for table in Document(str(path)).tables:
            assert _texts_of(table._tbl) == python_docx_texts(table), path.name
            tables += 1
    assert tables >= 10


def test_cells_merged_across_and_down_read_as_python_docx_reads_them():
    doc = Document()
    table = doc.add_table(rows=4, cols=4)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"{r}{c}"
    table.cell(0, 0).merge(table.cell(0, 2))  # across
    table.cell(1, 1).merge(table.cell(3, 1))  # down
    table.cell(2, 3).paragraphs[0].add_run("\tmột\tdòng").add_break()
    table.cell(2, 3).add_paragraph("hai")
    assert _texts_of(table._tbl) == python_docx_texts(table)


def test_a_table_whose_text_holds_the_fast_readers_marks_is_read_element_by_element():
    doc = Document()
    table = doc.add_table(rows=2, cols=2)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"{r}{c}"
    table.cell(0, 0).merge(table.cell(0, 1))
    table.cell(1, 0).text = "a\ue002b\ue003c\ue001d"  # the very marks the one-pass reader separates cells with
    assert _texts_of(table._tbl) == python_docx_texts(table)
    assert _texts_of(table._tbl)[1][0] == "a\ue002b\ue003c\ue001d"
