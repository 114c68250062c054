"""The reference the compile-once engine must match: docxtpl's own path (load, render, save), in tdkt's strict
sandbox, with the header rules sized as tdkt sizes them."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from pipeline.render.engine import jinja_environment
from pipeline.render.layout import fit_rules


def render_docx_plain(template: Path, context: dict[str, Any]) -> bytes:
    doc = DocxTemplate(template)
    doc.render(context, jinja_env=jinja_environment(), autoescape=True)
    fit_rules(doc.docx)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
