"""A build checks each document with `BatchChecker`, which decides the template-only rules once per template and
looks at each document for the rest (issue 19). Its verdicts must be exactly those of `tdkt check` on the same
document: on every document of both samples, and on documents carrying one defect the data can bring."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH

from pipeline.check.rules import BatchChecker, check_document
from pipeline.render.templates import render_with_document, template_key


@pytest.fixture(scope="module")
def documents(planned_both) -> list[tuple[str, object, dict]]:
    return [(doc.output.name, doc.template, doc.fields()) for doc in planned_both]


def _batch(checker: BatchChecker, template, fields, change: Callable[[DocumentObject], None] | None = None):
    _, doc = render_with_document(template, fields)
    if change is not None:
        change(doc)
    return checker.check(doc, template_key(template)), check_document(doc)


def test_every_sample_document_gets_the_verdicts_of_tdkt_check(documents):
    checker = BatchChecker()
    for _, template, fields in documents:  # the first of each template: the template-only rules are decided
        _batch(checker, template, fields)
    checked = 0
    for name, template, fields in documents:  # then from the cache, as in a build
        batch, whole = _batch(checker, template, fields)
        assert batch == whole, name
        checked += 1
    assert checked >= 10


def _nodes(root) -> list[tuple]:
    return [(el.tag, el.text, el.tail, sorted(el.attrib.items())) for el in root.iter()]


def test_the_document_checked_is_the_document_written(documents):
    """What a build checks is parsed from the very document.xml it writes, not rebuilt beside it."""
    for name, template, fields in documents:
        data, doc = render_with_document(template, fields)
        assert _nodes(doc.element) == _nodes(Document(io.BytesIO(data)).element), name


def _paragraph(doc: DocumentObject, start: str):
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    if p.text.strip().startswith(start):
                        return p
    return next(p for p in doc.paragraphs if p.text.strip().startswith(start))


def _retype(doc: DocumentObject, start: str, old: str, new: str) -> None:
    p = _paragraph(doc, start)
    for run in p.runs:
        if old in run.text:
            run.text = run.text.replace(old, new)
            return
    raise AssertionError(f"“{old}” not in one run of “{p.text}”")


def _wrong_words(doc):
    _retype(doc, "Bằng chữ:", "triệu", "tỷ")


def _wrong_row_amount(doc):
    table = next(t for t in doc.tables if t.rows[0].cells[0].text.strip() == "STT")
    row = next(r for r in table.rows if r.cells[0].text.strip() == "1")
    run = row.cells[-1].paragraphs[0].runs[0]
    run.text = "1" + run.text


def _no_closing_mark(doc):
    p = next(p for p in doc.paragraphs if p.text.rstrip().endswith("./."))
    for run in reversed(p.runs):
        if "./." in run.text:
            run.text = run.text.replace("./.", "")
            return


def _body_centred(doc):
    p = next(p for p in doc.paragraphs if p.text.startswith("Điều 2"))
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER


DEFECTS = {
    "amount in words under the list": (_wrong_words, "bang_chu"),
    "a row's money": (_wrong_row_amount, "tong_danh_sach"),
    "the closing mark": (_no_closing_mark, "ket_thuc"),
    "a body paragraph's alignment": (_body_centred, "noi_dung"),
}


@pytest.mark.parametrize("defect", DEFECTS)
def test_a_document_with_one_defect_fails_the_same_rule_in_a_batch(documents, defect):
    change, rule = DEFECTS[defect]
    name, template, fields = next(d for d in documents if d[0].startswith("QD-") and "khen" in d[0])
    checker = BatchChecker()
    _batch(checker, template, fields)  # the template's rules decided on a sound document
    batch, whole = _batch(checker, template, fields, change)
    assert batch == whole
    assert any(v.rule == rule and not v.ok for v in batch), (name, [v for v in batch if not v.ok])


def test_a_checked_documents_paragraphs_are_freed_without_the_cyclic_collector(documents):
    """A build checks thousands of documents with the collector paused (pipeline/memory.py): a paragraph caught in
    a reference cycle would wait for the collector, and cost it a walk, instead of being freed when its check ends."""
    import gc

    from pipeline.check.rules import Para, View

    _, template, fields = documents[0]
    _, doc = render_with_document(template, fields)
    checker = BatchChecker()
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        checker.check(doc, template_key(template))
        view = View(doc, {})
        assert [p.element for p in view.paras]  # every paragraph's element found, as a rule may ask
        del view
        gc.collect()
        caught = [o for o in gc.garbage if isinstance(o, Para)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert caught == []
