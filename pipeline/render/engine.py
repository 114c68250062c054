"""Compile once, render many: docxtpl's work on a template done once per process instead of once per document.

Plain docxtpl reopens the .docx, re-parses every part, re-runs its tag clean-up regexes over the whole body and
recompiles the Jinja template for every document it renders. A `CompiledTemplate` does all of that once; rendering
a document is then: run the compiled template, post-process the XML as docxtpl does, size the header rules, and
write a new package in which only the rendered parts are new — every other part is copied as it is, already
compressed. The result is the same document, part for part, as docxtpl's (tests/test_engine.py compares them).
"""

from __future__ import annotations

import copy
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.parsers.expat import ExpatError, ParserCreate

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, Template, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from ..errors import Problem, TemplateFileError
from .layout import RuleFitter, fit_rule_elements, rule_containers, rule_paragraphs

_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, which reads `row.ho_ten` on a dict by first asking the dict for an attribute of that name and,
    failing (an exception), for the item: here the item is read at once where no dict attribute has the name — the
    same answer, since a plain dict has no attribute but dict's own — without an exception per field of every row."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


def jinja_environment() -> SandboxedEnvironment:
    """Text from inputs is data, never markup: autoescape turns `&` and `<` into XML entities (without it docxtpl
    drops them), the sandbox keeps a template from reaching into Python, and StrictUndefined makes a field the data
    lacks an error instead of a blank in a signed document. Without the `safe` filter no template can turn a field
    back into markup."""
    env = _Sandbox(undefined=StrictUndefined, autoescape=True)
    del env.filters["safe"]
    return env


def _well_formed(xml: bytes) -> None:
    """Raises ExpatError unless `xml` is well formed, its namespace prefixes declared included, as lxml and Word
    require (expat reads it through in half the time lxml takes to build a tree of it)."""
    ParserCreate(namespace_separator=" ").Parse(xml, True)


def undefined_name(error: UndefinedError) -> str:
    """The field a template used that the data does not have."""
    found = re.search(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')", str(error))
    if not found:
        return str(error)
    return found.group(2) or found.group(1)


_HEADER_FOOTER = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer",
)
_HAS_TAG = re.compile(r"\{[{%#]")
_LISTING_CHARS = ("\t", "\a", "\n", "\f")  # looked for one by one: a substring search beats a character class


@dataclass(frozen=True)
class _Entry:
    """A zip member of the template: its name, and either its raw compressed bytes or None when re-rendered."""

    info: zipfile.ZipInfo
    raw: bytes


def _raw_members(data: bytes) -> list[_Entry]:
    """Every member with its compressed bytes as stored, so it can be copied without recompressing."""
    entries = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            # Local header: 30 fixed bytes, then the name and the extra field, whose lengths it states.
            name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
            start = info.header_offset + 30 + name_len + extra_len
            entries.append(_Entry(info, data[start : start + info.compress_size]))
    return entries


def _local_header(name: bytes, method: int, crc: int, compressed: int, size: int) -> bytes:
    return struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0x0800, method, 0, 0x21, crc, compressed, size, len(name), 0)


def _central_header(name: bytes, method: int, crc: int, compressed: int, size: int, offset: int) -> bytes:
    return struct.pack(
        "<4s6H3L5H2L",
        b"PK\x01\x02",
        20,
        20,
        0x0800,
        method,
        0,
        0x21,
        crc,
        compressed,
        size,
        len(name),
        0,
        0,
        0,
        0,
        0,
        offset,
    )


def write_package(members: list[tuple[str, bytes | None, _Entry | None]]) -> bytes:
    """A zip from (name, new bytes) pairs and copied template members, in order. Small and standard (no zip64)."""
    out = io.BytesIO()
    central = []
    for name, data, entry in members:
        encoded = name.encode("utf-8")
        offset = out.tell()
        if entry is not None:
            info = entry.info
            method, crc, size, payload = info.compress_type, info.CRC, info.file_size, entry.raw
        else:
            assert data is not None
            method, crc, size = zipfile.ZIP_DEFLATED, zlib.crc32(data), len(data)
            # Level 1: a quarter of the render time saved against level 6, for files about 2 % larger.
            compressor = zlib.compressobj(1, zlib.DEFLATED, -15)
            payload = compressor.compress(data) + compressor.flush()
        out.write(_local_header(encoded, method, crc, len(payload), size))
        out.write(encoded)
        out.write(payload)
        central.append(_central_header(encoded, method, crc, len(payload), size, offset) + encoded)
    start = out.tell()
    for record in central:
        out.write(record)
    end = out.tell()
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central), end - start, start, 0))
    return out.getvalue()


_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def _grid_repair_changes(template: DocxTemplate, body_xml: str) -> bool:
    """Whether docxtpl's table-grid repair changes the template's tables as they stand."""
    if "<w:tbl>" not in body_xml and "<w:tbl " not in body_xml:
        return False
    before = etree.tostring(etree.fromstring(body_xml.encode("utf-8")), method="c14n")
    return etree.tostring(template.fix_tables(body_xml), method="c14n") != before


_LITERAL_TAGS = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))


class _Part:
    """One XML part with docxtpl tags, pre-processed and compiled."""

    def __init__(self, template: DocxTemplate, xml: str, env, body: bool):
        xml = template.patch_xml(xml)
        # docxtpl's escapes for literal tags (`{_{` prints `{{`) are resolved here, in the template, rather than in
        # the rendered text, where they would also change what a clerk typed (text is data, never markup).
        for escaped, literal in _LITERAL_TAGS:
            xml = xml.replace(escaped, "{{ '" + literal + "' }}")
        # docxtpl puts a line break before each paragraph for Jinja's error line numbers and takes them out of the
        # rendered part, with any the part had there; tdkt's messages name no line, so they are taken out here, once
        # (two passes over every rendered part were a tenth of a render).
        self.source = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        self.jinja: Template = env.from_string(self.source)
        self.body = body

    def render(self, template: DocxTemplate, context: dict[str, Any]) -> str:
        xml = self.jinja.render(context)
        # docxtpl turns tabs, line and page breaks inside text into Word elements; with none of them in the text
        # its walk over every paragraph changes nothing, and is the slowest step of a render.
        if any(char in xml for char in _LISTING_CHARS):
            xml = template.resolve_listing(xml)
        return xml


class CompiledTemplate:
    """A Word template prepared once; `render(context)` returns the finished .docx as bytes."""

    def __init__(self, path: Path, env_factory):
        self.path = path
        data = path.read_bytes()
        self._members = _raw_members(data)
        self._docxtpl = DocxTemplate(io.BytesIO(data))
        self._docxtpl.render_init()
        env = env_factory()
        self._measure = Document(io.BytesIO(data))  # styles and page setup, to size the header rules
        body_xml = self._docxtpl.get_xml()
        # docxtpl repairs every table's grid after rendering: needed after {%tc %} column loops, and for a static
        # table whose grid already disagrees with its cells (a table edited in Word); otherwise it changes nothing.
        self._column_loops = "{%tc" in body_xml or _grid_repair_changes(self._docxtpl, body_xml)
        self._body = _Part(self._docxtpl, body_xml, env, body=True)
        root = copy.deepcopy(self._measure.element)
        marker = etree.SubElement(root, "TDKTBODY")
        root.replace(root.body, marker)
        head = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        self._prefix, self._suffix = head.split(b"<TDKTBODY/>")
        self._document_name = self._docxtpl.docx.part.partname.lstrip("/")
        self._widths: dict[bytes, float] = {}  # text widths already measured, by paragraph XML
        # The header rules sized on the rendered text (no parse and serialise round trip), where it can be read so.
        self._rules = RuleFitter(self._measure, rule_containers(self._measure, etree.fromstring(body_xml.encode())))
        self._core = self._core_properties(env)
        self._parts: dict[str, tuple[_Part, str]] = {}
        for rel in self._docxtpl.docx.part.rels.values():
            if rel.reltype in _HEADER_FOOTER and not rel.is_external:
                part = rel.target_part
                xml = self._docxtpl.get_part_xml(part)
                if _HAS_TAG.search(xml):
                    encoding = self._docxtpl.get_headers_footers_encoding(xml)
                    self._parts[part.partname.lstrip("/")] = (_Part(self._docxtpl, xml, env, body=False), encoding)
        for part in self._docxtpl.docx.part.package.parts:
            if part.content_type == _FOOTNOTES:  # docxtpl renders footnotes too
                xml = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
                if _HAS_TAG.search(xml):
                    self._parts[part.partname.lstrip("/")] = (_Part(self._docxtpl, xml, env, body=False), "utf-8")

    def _core_properties(self, env) -> tuple[str, bytes, dict[str, Template]] | None:
        """Document properties holding tags (a title of `{{ trich_yeu }}`), which docxtpl renders too."""
        for entry in self._members:
            if entry.info.filename == "docProps/core.xml":
                raw = zlib.decompress(entry.raw, -15) if entry.info.compress_type else entry.raw
                root = etree.fromstring(raw)
                # Properties are plain text that lxml escapes when it writes them: rendered without autoescape
                # (docxtpl escapes them and then python-docx again, so "A & B" reads "A &amp; B").
                plain = env.overlay(autoescape=False)
                tagged = {el.tag: plain.from_string(el.text) for el in root if el.text and _HAS_TAG.search(el.text)}
                return (entry.info.filename, raw, tagged) if tagged else None
        return None

    def _render_core(self, context: dict[str, Any]) -> bytes:
        name, raw, tagged = self._core
        root = etree.fromstring(raw)
        for el in root:
            if el.tag in tagged:
                el.text = tagged[el.tag].render(context)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def _fit_on_tree(self, body: str):
        """The rendered body parsed, repaired as docxtpl would, and its header rules sized on the tree."""
        # Parsed from bytes, which libxml2 reads faster than a str. docxtpl's column-count repair changes a table
        # only after {%tc %} column loops.
        tree = parse_xml(etree.tostring(self._docxtpl.fix_tables(body)) if self._column_loops else body.encode())
        # As docxtpl does: drawing ids renumbered from 1001 so that repeated pictures never collide.
        if "docPr" in body:
            for number, drawing in enumerate(tree.iter(qn("wp:docPr")), start=1001):
                drawing.set("id", str(number))
        fit_rule_elements(self._measure, rule_paragraphs(tree), self._widths)
        return tree

    def render(self, context: dict[str, Any]) -> bytes:
        """The .docx bytes, for a document nothing checks (a certificate): no tree is kept."""
        return self._render(context, keep_tree=False)[0]

    def render_with_document(self, context: dict[str, Any]) -> tuple[bytes, DocumentObject]:
        """The .docx bytes, and the same document as python-docx sees it (for checking) without reopening it."""
        data, root = self._render(context, keep_tree=True)
        return data, DocumentObject(root, self._measure.part)

    def _render(self, context: dict[str, Any], keep_tree: bool):
        try:
            rendered_core = {self._core[0]: self._render_core(context)} if self._core is not None else {}
            body = self._body.render(self._docxtpl, context)
            rendered = rendered_core | {
                name: part.render(self._docxtpl, context).encode(encoding)
                for name, (part, encoding) in self._parts.items()
            }
        except UndefinedError as e:
            raise TemplateFileError(
                Problem(self.path, f"mẫu dùng trường “{undefined_name(e)}” mà dữ liệu không có")
            ) from e
        except TemplateError as e:
            raise TemplateFileError(Problem(self.path, f"mẫu có thẻ Jinja sai: {e.message}")) from e
        fitted = None if self._column_loops or "docPr" in body else self._rules.fit(body)
        try:
            if fitted is None:  # parsed to fit the rules, so known to be well formed
                document = self._prefix + etree.tostring(self._fit_on_tree(body), encoding="UTF-8") + self._suffix
            else:
                document = self._prefix + fitted.encode() + self._suffix
                if not keep_tree:  # only read through, to be sure it is well formed
                    _well_formed(document)
            # For the checks, the whole document.xml parsed as written (a body parsed alone and moved into the
            # document element would have every node visited again by lxml: a third of the render at 5.000 rows).
            root = parse_xml(document) if keep_tree else None
        except (etree.XMLSyntaxError, ExpatError) as e:
            raise TemplateFileError(
                Problem(
                    self.path,
                    f"mẫu sinh ra văn bản Word hỏng (XML sai: {e}); thường do một thẻ {{%p …%}} hay {{%tr …%}} mở ở "
                    "một đoạn, một hàng và đóng ở chỗ khác",
                )
            ) from e
        members = []
        for entry in self._members:
            name = entry.info.filename
            if name == self._document_name:
                members.append((name, document, None))
            elif name in rendered:
                members.append((name, rendered[name], None))
            else:
                members.append((name, None, entry))
        return write_package(members), root
