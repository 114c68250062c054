"""Text from inputs is data, never markup; templates are strict and sandboxed."""

from __future__ import annotations

import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from pipeline.build import build
from pipeline.errors import TemplateFileError
from pipeline.render.templates import render_docx, render_with_document
from pipeline.text import ascii_slug, clean
from tests.conftest import ROOT, SAMPLE
from tests.readback import open_docx, texts
from tests.test_bad_inputs import edit

TEMPLATES = ROOT / "templates_docx"


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("Công ty A & B <C>", "Công ty A & B <C>"),
        ("Ho\u0323 va\u0300 te\u0302n", "Họ và tên"),  # decomposed → NFC
        ("  Nguyễn\u00a0\u00a0Văn   A ", "Nguyễn Văn A"),
        ("dòng 1\ndòng 2_x000B_dòng 3", "dòng 1 dòng 2_x000B_dòng 3"),
        ("bell\x07 and nul\x00", "bell and nul"),
    ],
)
def test_clean(raw, cleaned):
    assert clean(raw) == cleaned


def test_ascii_slug():
    assert ascii_slug("Phong trào thi đua Đặc biệt 2021!") == "phong-trao-thi-dua-dac-biet-2021"


def test_markup_characters_survive_into_the_document(workspace):
    campaign = workspace.inputs / SAMPLE / "phong_trao.toml"
    edit(campaign, 'trich_yeu = "Thực hiện', 'trich_yeu = "A & B <c> {{ x }} \\u000B Thực hiện')
    edit(workspace.inputs / SAMPLE / "ke_hoach.txt", "I. MỤC ĐÍCH, YÊU CẦU", "I. MỤC ĐÍCH & <YÊU CẦU>")
    (path,) = [p for p in build([workspace.inputs / SAMPLE], workspace).written if p.name.startswith("KH-")]
    got = texts(open_docx(path))
    assert any(t.startswith("A & B <c> {{ x }} Thực hiện Phong trào") for t in got)
    assert "I. MỤC ĐÍCH & <YÊU CẦU>" in got


def _template_with(tmp_path, text):
    doc = Document()
    doc.add_paragraph(text)
    path = tmp_path / "t.docx"
    doc.save(str(path))
    return path


def test_template_cannot_reach_into_python(tmp_path):
    template = _template_with(tmp_path, "{{ ten.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(TemplateFileError) as caught:
        render_docx(template, {"ten": "x"})
    assert "__class__" in str(caught.value)


def test_undefined_field_is_an_error_not_a_blank(tmp_path):
    template = _template_with(tmp_path, "Số: {{ so }}")
    with pytest.raises(TemplateFileError) as caught:
        render_docx(template, {})
    assert str(caught.value) == f"{template}: mẫu dùng trường “so” mà dữ liệu không có"


def test_broken_jinja_tag_is_reported(tmp_path):
    template = _template_with(tmp_path, "{% for x in %}")
    with pytest.raises(TemplateFileError) as caught:
        render_docx(template, {})
    assert str(caught.value).startswith(f"{template}: mẫu có thẻ Jinja sai:")


def test_no_template_can_mark_a_field_as_markup(tmp_path):
    template = _template_with(tmp_path, "Tên: {{ ten|safe }}")
    with pytest.raises(TemplateFileError) as caught:
        render_docx(template, {"ten": "A <b> & B"})
    assert str(caught.value).startswith(f"{template}: mẫu có thẻ Jinja sai:")
    assert "safe" in str(caught.value)


@pytest.mark.parametrize("checked", [False, True])
def test_a_template_that_makes_broken_xml_is_named_not_a_traceback(tmp_path, checked):
    """Raw text let through (escaping switched off in the template) breaks the document's XML: both ways of
    rendering — a certificate's, read through, and a checked document's, parsed — name the template."""
    template = _template_with(tmp_path, "Tên: {% autoescape false %}{{ ten }}{% endautoescape %}")
    with pytest.raises(TemplateFileError) as caught:
        (render_with_document if checked else render_docx)(template, {"ten": "A & B"})
    assert str(caught.value).startswith(f"{template}: mẫu sinh ra văn bản Word hỏng (XML sai:")
    assert render_docx(template, {"ten": "A B"})  # well-formed text passes
    with pytest.raises(TemplateFileError):  # an element whose namespace prefix no one declared
        (render_with_document if checked else render_docx)(template, {"ten": "<x:y/>"})


def test_text_that_looks_like_an_escaped_tag_stays_as_typed(tmp_path):
    """docxtpl's `{_{` (a template's way to print `{{`) works in the template, and never changes data."""
    from docx import Document as NewDocument

    doc = NewDocument()
    doc.add_paragraph("{{ ten }}")
    doc.add_paragraph("mẫu: {_{ ví dụ }_} {_% x %_}")
    template = tmp_path / "t.docx"
    doc.save(str(template))
    rendered = open_docx_bytes(render_docx(template, {"ten": "{_{ của người dùng }_}"}))
    assert [p.text for p in rendered.paragraphs] == ["{_{ của người dùng }_}", "mẫu: {{ ví dụ }} {% x %}"]


def open_docx_bytes(data: bytes):
    import io

    from docx import Document as Reader

    return Reader(io.BytesIO(data))


def test_a_dicts_fields_read_as_jinjas_sandbox_reads_them():
    """tdkt's environment reads `row.ho_ten` on a dict as the item at once (render/engine.py, `_Sandbox`): every
    answer is Jinja's own sandbox's — a field, a dict method, a missing field, an unsafe attribute."""
    from jinja2 import StrictUndefined
    from jinja2.exceptions import SecurityError, UndefinedError
    from jinja2.sandbox import SandboxedEnvironment

    from pipeline.render.engine import jinja_environment

    ours, theirs = jinja_environment(), SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
    row = {"ho_ten": "A & <B>", "stt": "1", "items": "một mục", "nested": {"don_vi": "Văn phòng"}}
    for source in (
        "{{ row.ho_ten }}|{{ row.stt }}|{{ row.nested.don_vi }}",
        "{{ row.items }}",  # a dict method's name: the method, as Jinja gives it, not the item
        "{{ row.get('stt') }} {{ row.keys() | list | length }}",
    ):
        assert ours.from_string(source).render(row=row) == theirs.from_string(source).render(row=row), source
    assert ours.from_string("{{ row.ho_ten }}").render(row=row) == "A &amp; &lt;B&gt;"
    for source, error in (("{{ row.thieu }}", UndefinedError), ("{{ row.__class__ }}", SecurityError)):
        with pytest.raises(error) as mine:
            ours.from_string(source).render(row=row)
        with pytest.raises(error) as jinja:
            theirs.from_string(source).render(row=row)
        assert str(mine.value) == str(jinja.value)


@pytest.mark.parametrize("name", sorted(p.name for p in TEMPLATES.glob("*.docx")))
def test_a_shipped_template_defines_the_styles_it_uses_and_no_others(name):
    """Every style a part of the template names is defined (with what it is based on, links to or is followed by):
    the documents look as designed. No other style is defined: python-docx's 200 default definitions made half of
    every document made from a template (tools/make_templates.py keeps what is used)."""
    archive = zipfile.ZipFile(TEMPLATES / name)
    styles = etree.fromstring(archive.read("word/styles.xml"))
    defined = {s.get(qn("w:styleId")): s for s in styles.iter(qn("w:style"))}
    named = set()
    for part in archive.namelist():
        if part.endswith(".xml") and part != "word/styles.xml":
            root = etree.fromstring(archive.read(part))
            named |= {e.get(qn("w:val")) for e in root.iter(qn("w:pStyle"), qn("w:rStyle"), qn("w:tblStyle"))}
    for style in defined.values():
        named |= {e.get(qn("w:val")) for e in style if e.tag in (qn("w:basedOn"), qn("w:next"), qn("w:link"))}
    assert named <= set(defined), f"named but not defined: {named - set(defined)}"
    defaults = {i for i, s in defined.items() if s.get(qn("w:default")) == "1"}
    assert set(defined) == named | defaults
    assert {"Normal", "TdktQuocHieu", "TdktTieuNgu"} <= set(defined)
    assert len(archive.read("word/styles.xml")) < 60_000
