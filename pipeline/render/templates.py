"""Word templates compiled once per process (pipeline/render/engine.py), and rendering documents from them."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from docx.document import Document as DocumentObject
from jinja2 import TemplateError

from ..errors import Problem, TemplateFileError
from .engine import CompiledTemplate, jinja_environment

_compiled: dict[tuple[Path, int, int], CompiledTemplate] = {}


def compiled(template: Path) -> CompiledTemplate:
    """The template compiled once per process, and again only when the file changes."""
    try:
        stat = template.stat()
    except OSError:
        raise TemplateFileError(Problem(template, "không tìm thấy mẫu Word")) from None
    key = (template, stat.st_mtime_ns, stat.st_size)  # as named: resolving it costs more than a certificate's render
    found = _compiled.get(key)
    if found is None:
        try:
            found = CompiledTemplate(template, jinja_environment)
        except TemplateError as e:
            raise TemplateFileError(Problem(template, f"mẫu có thẻ Jinja sai: {e.message}")) from e
        except (zipfile.BadZipFile, KeyError, ValueError) as e:
            raise TemplateFileError(Problem(template, f"không đọc được mẫu Word ({e})")) from e
        _compiled[key] = found
    return found


def template_key(template: Path) -> str:
    """Names one version of a template file, for caching what only the template decides."""
    return f"{template}:{template.stat().st_mtime_ns}"


def render_docx(template: Path, context: dict[str, Any]) -> bytes:
    """The rendered document as bytes, from the template compiled once per process; nothing is written here."""
    return compiled(template).render(context)


def render_with_document(template: Path, context: dict[str, Any]) -> tuple[bytes, DocumentObject]:
    """The rendered document, and the same document as python-docx reads it (for checking without reopening)."""
    return compiled(template).render_with_document(context)
