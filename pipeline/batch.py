"""Making many documents: in this process, or spread over worker processes that compile each template once.

A worker renders a document (a build's worker checks it too: pipeline/drafts.py; a certificate's does not:
pipeline/certificates.py) and stages it under a temporary name beside its final one; the main process commits the
batch (fsutil.commit), so that nothing is renamed into place unless every document of the run was made. What a worker
needs for every task (the campaigns, for a build) is handed to it once, when it starts.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

from .workers import results

PROGRESS_FROM = 5  # a progress bar only for runs of more documents than this

Progress = Callable[[int], AbstractContextManager]


def render_many(
    tasks: list,
    worker: Callable,
    jobs: int = 1,
    progress: Progress | None = None,
    set_up: Callable[[Any], None] | None = None,
    setting: Any = None,
    meanwhile: Callable[[], None] | None = None,
) -> Iterator:
    """Each task's result, in order, from `jobs` processes when there is enough work to share (workers.results),
    with a progress bar for a long run."""
    bar = progress(len(tasks)) if progress is not None and len(tasks) > PROGRESS_FROM else contextlib.nullcontext()
    with bar as shown:
        for result in results(tasks, worker, jobs, set_up, setting, meanwhile):
            if shown is not None:
                shown.update(1)
            yield result
