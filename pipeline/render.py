"""Merging a context into a Word template: docxtpl in a sandboxed, strict, autoescaping Jinja environment.

Text from inputs is data, never markup: autoescape turns `&` and `<` into XML entities (without it docxtpl drops
them), the sandbox keeps a template from reaching into Python, and StrictUndefined makes a field the data lacks
an error instead of a blank in a signed document.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from .engine import CompiledTemplate
from .errors import Problem, TemplateProblem
from .layout import fit_rules


def jinja_environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


def undefined_name(error: UndefinedError) -> str:
    found = re.search(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')", str(error))
    if not found:
        return str(error)
    return found.group(2) or found.group(1)


_compiled: dict[tuple[Path, int, int], CompiledTemplate] = {}


def compiled(template: Path) -> CompiledTemplate:
    """The template compiled once per process, and again only when the file changes."""
    if not template.is_file():
        raise TemplateProblem(Problem(template, "không tìm thấy mẫu Word"))
    stat = template.stat()
    key = (template.resolve(), stat.st_mtime_ns, stat.st_size)
    found = _compiled.get(key)
    if found is None:
        try:
            found = CompiledTemplate(template, jinja_environment)
        except TemplateError as e:
            raise TemplateProblem(Problem(template, f"mẫu có thẻ Jinja sai: {e.message}")) from e
        except (zipfile.BadZipFile, KeyError, ValueError) as e:
            raise TemplateProblem(Problem(template, f"không đọc được mẫu Word ({e})")) from e
        _compiled[key] = found
    return found


def render_docx(template: Path, context: dict[str, Any]) -> bytes:
    """The rendered document as bytes, from the template compiled once per process; nothing is written here."""
    return compiled(template).render(context)


def render_checked(template: Path, context: dict[str, Any], checker) -> tuple[bytes, list]:
    """The rendered document and its NĐ30 verdicts (see check.BatchChecker), from the compiled template."""
    engine = compiled(template)
    data, document = engine.render_with_document(context)
    key = f"{template.resolve()}:{template.stat().st_mtime_ns}"
    return data, checker.check(document, key)


def render_docx_plain(template: Path, context: dict[str, Any]) -> bytes:
    """The same document through docxtpl's own path (load, render, save): the reference the engine must match."""
    if not template.is_file():
        raise TemplateProblem(Problem(template, "không tìm thấy mẫu Word"))
    try:
        doc = DocxTemplate(template)
        doc.render(context, jinja_env=jinja_environment(), autoescape=True)
    except UndefinedError as e:
        raise TemplateProblem(Problem(template, f"mẫu dùng trường “{undefined_name(e)}” mà dữ liệu không có")) from e
    except TemplateError as e:
        raise TemplateProblem(Problem(template, f"mẫu có thẻ Jinja sai: {e.message}")) from e
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise TemplateProblem(Problem(template, f"không đọc được mẫu Word ({e})")) from e
    fit_rules(doc.docx)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
