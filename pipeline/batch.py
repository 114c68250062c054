"""Rendering many documents: in this process, or spread over worker processes that compile each template once.

Workers only render (and check); the main process plans and writes, so that nothing is written unless every
document of the run rendered.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager
from pathlib import Path

from .check import BatchChecker
from .errors import TemplateProblem
from .render import render_checked, render_docx

PROGRESS_FROM = 5  # a progress bar only for runs of more documents than this

Task = tuple[str, dict]
Progress = Callable[[int], AbstractContextManager]

_checker = BatchChecker()  # one per process: template-only rules are checked once per template


def checked(task: Task) -> tuple[bytes, list[tuple[str, str, str]]] | TemplateProblem:
    """Render one document and check it against NĐ30: (bytes, failures as (rule, where, detail))."""
    try:
        data, verdicts = render_checked(Path(task[0]), task[1], _checker)
    except TemplateProblem as e:
        return e
    return data, [(v.title, v.where, v.detail) for v in verdicts if not v.ok]


def plain(task: Task) -> bytes | TemplateProblem:
    """Render one document (a certificate, which is no NĐ30 document)."""
    try:
        return render_docx(Path(task[0]), task[1])
    except TemplateProblem as e:
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
