"""Rendering many documents: in this process, or spread over worker processes that compile each template once.

A task is a template and the fields a typed document made for it (`Document.fields()`); workers only render (and
check), and the main process writes, so that nothing is written unless every document of the run rendered.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager
from pathlib import Path

from .check.rules import BatchChecker
from .errors import TemplateFileError
from .render.templates import render_docx, render_with_document, template_key

PROGRESS_FROM = 5  # a progress bar only for runs of more documents than this

Task = tuple[str, dict]
Progress = Callable[[int], AbstractContextManager]
Failure = tuple[str, str, str]  # a failed NĐ30 rule: (its title, where, what is wrong)

_checker = BatchChecker()  # one per process: template-only rules are checked once per template


def checked(task: Task) -> tuple[bytes, list[Failure]] | TemplateFileError:
    """Render one document and check it against NĐ30: (bytes, failures)."""
    template = Path(task[0])
    try:
        data, document = render_with_document(template, task[1])
        verdicts = _checker.check(document, template_key(template))
    except TemplateFileError as e:
        return e
    return data, [(v.title, v.where, v.detail) for v in verdicts if not v.ok]


def plain(task: Task) -> bytes | TemplateFileError:
    """Render one document (a certificate, which is no NĐ30 document)."""
    try:
        return render_docx(Path(task[0]), task[1])
    except TemplateFileError as e:
        return e


def render_many(tasks: list[Task], worker: Callable, jobs: int = 1, progress: Progress | None = None) -> Iterator:
    """Each task's result, in order; from `jobs` processes when there is enough work to share."""
    bar = progress(len(tasks)) if progress is not None and len(tasks) > PROGRESS_FROM else contextlib.nullcontext()
    with bar as shown:
        if jobs > 1 and len(tasks) >= jobs * 2:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                for result in pool.map(worker, tasks, chunksize=max(1, len(tasks) // (jobs * 8))):
                    if shown is not None:
                        shown.update(1)
                    yield result
        else:
            for task in tasks:
                result = worker(task)
                if shown is not None:
                    shown.update(1)
                yield result
