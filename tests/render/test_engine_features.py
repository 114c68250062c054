"""Engine parity for what a clerk may put in a template (issue 13, item 9): one small template per feature (made by
tools/make_feature_templates.py), rendered by the compile-once engine and by docxtpl's own path, and compared part
by part — the same document, or the engine would be lying."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from lxml import etree

from pipeline.render.templates import render_docx, render_with_document
from tests.plain_docxtpl import render_docx_plain

FEATURES = Path(__file__).resolve().parent.parent / "data" / "mau_tinh_nang"
TEMPLATES = sorted(FEATURES.glob("*.docx"))
CONTEXT = {"ten": "A & B <c>", "dong": [{"a": "một"}, {"a": "hai"}], "cot": ["x", "y"], "co": True}


def parts(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def canonical(xml: bytes) -> bytes:
    return etree.tostring(etree.fromstring(xml), method="c14n")


def content_types(xml: bytes) -> set[tuple]:
    """The package's content types by entry: their order means nothing (python-docx rewrites it on saving)."""
    return {(el.tag, tuple(sorted(el.attrib.items()))) for el in etree.fromstring(xml)}


def test_every_feature_has_a_template():
    names = {p.stem for p in TEMPLATES}
    assert names >= {
        "chu-thich",
        "dau-trang-chan-trang",
        "bang-luoi-lech",
        "hinh-tinh",
        "lien-ket-tinh",
        "ghi-chu",
        "vong-lap",
        "gop-o",
    }


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.stem)
def test_the_engine_makes_what_docxtpl_makes(template):
    fast, plain = parts(render_docx(template, CONTEXT)), parts(render_docx_plain(template, CONTEXT))
    assert set(fast) == set(plain)
    for name in plain:
        if name == "docProps/core.xml":
            continue  # docxtpl escapes properties twice; the engine does not copy that (tests/render/test_engine.py)
        if name == "[Content_Types].xml":
            assert content_types(fast[name]) == content_types(plain[name]), template.name
        elif name.endswith((".xml", ".rels")):
            assert canonical(fast[name]) == canonical(plain[name]), f"{template.name}: {name}"
        else:
            assert fast[name] == plain[name], f"{template.name}: {name}"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.stem)
def test_the_document_checked_is_the_document_written(template):
    """Pictures and column loops take the renderer's other path (the body fitted on a tree): what a build checks is
    still parsed from the document.xml it writes."""
    data, document = render_with_document(template, CONTEXT)
    nodes = [(el.tag, el.text, el.tail, sorted(el.attrib.items())) for el in document.element.iter()]
    assert nodes == [
        (el.tag, el.text, el.tail, sorted(el.attrib.items())) for el in Document(io.BytesIO(data)).element.iter()
    ]


def test_what_the_features_show_after_rendering(tmp_path):
    footnote = parts(render_docx(FEATURES / "chu-thich.docx", CONTEXT))["word/footnotes.xml"].decode()
    assert "Chú thích: A &amp; B &lt;c&gt;" in footnote
    grid = Document(io.BytesIO(render_docx(FEATURES / "bang-luoi-lech.docx", CONTEXT))).tables[0]
    assert len(grid._tbl.tblGrid.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}gridCol")) == 3
    loops = Document(io.BytesIO(render_docx(FEATURES / "vong-lap.docx", CONTEXT)))
    assert [row.cells[0].text for row in loops.tables[0].rows] == ["một", "hai"]
    assert [cell.text for cell in loops.tables[1].rows[0].cells] == ["x", "y"]
