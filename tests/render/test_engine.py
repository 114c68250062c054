"""The compile-once engine gives the same documents as docxtpl's own path (issue 7, item 5)."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from lxml import etree

from pipeline.certificates import card_fields, certificate_fields
from pipeline.documents.model import Decision
from pipeline.render.engine import _raw_members, write_package
from pipeline.render.templates import render_docx
from tests.plain_docxtpl import render_docx_plain
from tests.readback import formats, paragraphs


def canonical(xml: bytes) -> bytes:
    """XML with namespace declarations, attribute order and the declaration normalised (C14N)."""
    return etree.tostring(etree.fromstring(xml), method="c14n")


def core(xml: bytes) -> dict[str, str]:
    """Document properties that have a value (docxtpl writes empty ones out, which mean the same)."""
    return {el.tag: el.text for el in etree.fromstring(xml) if el.text}


def test_properties_with_tags_are_rendered(tmp_path):
    template = tmp_path / "t.docx"
    doc = Document()
    doc.add_paragraph("{{ ten }}")
    doc.core_properties.title = "Quyết định {{ ten }}"
    doc.save(str(template))
    rendered = Document(io.BytesIO(render_docx(template, {"ten": "A & B"})))
    assert rendered.core_properties.title == "Quyết định A & B"
    assert [p.text for p in rendered.paragraphs] == ["A & B"]
    # docxtpl's own path escapes a property twice; the engine does not copy that.
    plain = Document(io.BytesIO(render_docx_plain(template, {"ten": "A & B"})))
    assert plain.core_properties.title == "Quyết định A &amp; B"


def parts(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture(scope="module")
def planned(planned_sample):
    return planned_sample


def test_every_template_is_exercised(planned):
    assert {doc.template.name for doc in planned} == {"ke_hoach.docx", "to_trinh.docx", "quyet_dinh.docx"}


@pytest.mark.parametrize("signed", [False, True])
def test_fast_and_plain_paths_give_the_same_package(planned, signed):
    for doc in planned:
        context = doc.fields() | {"da_ky": "(Đã ký)" if signed else ""}
        fast, plain = parts(render_docx(doc.template, context)), parts(render_docx_plain(doc.template, context))
        assert set(fast) == set(plain), doc.spec.ma
        for name in plain:
            if name == "docProps/core.xml":
                assert core(fast[name]) == core(plain[name]), doc.spec.ma
            elif name.endswith((".xml", ".rels")):
                assert canonical(fast[name]) == canonical(plain[name]), f"{doc.spec.ma}: {name}"
            else:
                assert fast[name] == plain[name], f"{doc.spec.ma}: {name}"


def test_fast_and_plain_paths_read_back_the_same(planned):
    for doc in planned:
        fast = Document(io.BytesIO(render_docx(doc.template, doc.fields())))
        plain = Document(io.BytesIO(render_docx_plain(doc.template, doc.fields())))
        assert [(p.text, p.style.name, sorted(formats(p), key=str)) for p in paragraphs(fast)] == [
            (p.text, p.style.name, sorted(formats(p), key=str)) for p in paragraphs(plain)
        ], doc.spec.ma


def test_rendering_twice_gives_the_same_bytes(planned):
    doc = planned[0]
    assert render_docx(doc.template, doc.fields()) == render_docx(doc.template, doc.fields())


def test_the_package_writer_makes_a_valid_zip(tmp_path):
    source = io.BytesIO()
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.xml", "<a>xin chào</a>")
        archive.writestr("b/c.bin", bytes(range(256)) * 10)
    members = _raw_members(source.getvalue())
    rebuilt = write_package([("a.xml", "<a>mới</a>".encode(), None), ("b/c.bin", None, members[1])])
    with zipfile.ZipFile(io.BytesIO(rebuilt)) as archive:
        assert archive.testzip() is None
        assert archive.read("a.xml").decode() == "<a>mới</a>"
        assert archive.read("b/c.bin") == bytes(range(256)) * 10


def test_certificate_template_same_both_ways(planned):
    from tests.conftest import ROOT

    template = ROOT / "templates_docx" / "giay_khen.docx"
    decision = next(doc for doc in planned if isinstance(doc, Decision))
    (form,) = decision.forms
    cards = [card_fields(row, i) for i, row in enumerate(decision.danh_sach.rows, start=1)]
    context = certificate_fields(decision, form) | {"giay_khen": cards}
    fast, plain = parts(render_docx(template, context)), parts(render_docx_plain(template, context))
    assert set(fast) == set(plain)
    for name in plain:
        if name == "docProps/core.xml":
            assert core(fast[name]) == core(plain[name])
        elif name.endswith((".xml", ".rels")):
            assert canonical(fast[name]) == canonical(plain[name]), name


def test_line_breaks_before_paragraphs_come_out_as_docxtpl_takes_them_out(tmp_path):
    """A part written with a line break before each paragraph (a tool that indents its XML) renders to what
    docxtpl's path writes: without them, since docxtpl takes them out."""
    made = tmp_path / "made.docx"
    doc = Document()
    doc.add_paragraph("{{ ten }}")
    doc.add_paragraph("{% for x in danh_sach %}{{ x }}, {% endfor %}")
    doc.add_paragraph("cuối")
    doc.save(str(made))
    template = tmp_path / "t.docx"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:p>", b"\n<w:p>").replace(b"<w:p ", b"\n<w:p ")
                assert data.count(b"\n<w:p") == 3
            out.writestr(item, data)
    context = {"ten": "A & B", "danh_sach": ["một", "hai"]}
    fast, plain = parts(render_docx(template, context)), parts(render_docx_plain(template, context))
    assert b"\n<w:p" not in fast["word/document.xml"]
    assert canonical(fast["word/document.xml"]) == canonical(plain["word/document.xml"])
    assert [p.text for p in Document(io.BytesIO(render_docx(template, context))).paragraphs] == [
        "A & B",
        "một, hai, ",
        "cuối",
    ]
