"""Reading a generated .docx back the way a person sees it: paragraphs in page order, with resolved formatting."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from pipeline.render.formatting import alignment, paragraph_attribute, run_format


def open_docx(path: Path):
    return Document(str(path))


def paragraphs(doc) -> list[Paragraph]:
    """Every paragraph of the body in document order, those inside table cells included."""
    return [Paragraph(p, doc._body) for p in doc.element.body.iter(qn("w:p"))]


def texts(doc) -> list[str]:
    return [p.text for p in paragraphs(doc) if p.text.strip()]


def find(doc, text: str) -> Paragraph:
    matches = [p for p in paragraphs(doc) if p.text == text]
    assert matches, f"no paragraph reads {text!r}"
    return matches[0]


def formats(paragraph: Paragraph) -> set[tuple]:
    """The distinct (font, size, bold, italic) of the paragraph's runs that hold text."""
    return {
        (f.font, f.size_pt, f.bold, f.italic)
        for f in (run_format(r, paragraph) for r in paragraph.runs if r.text.strip())
    }


def single_format(paragraph: Paragraph) -> tuple:
    found = formats(paragraph)
    assert len(found) == 1, f"{paragraph.text!r} mixes formats {found}"
    return found.pop()


def twips(paragraph: Paragraph, tag: str, attr: str) -> int | None:
    value = paragraph_attribute(paragraph, tag, attr)
    return int(value) if value is not None else None


__all__ = ["alignment", "find", "formats", "open_docx", "paragraphs", "single_format", "texts", "twips"]
