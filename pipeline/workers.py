"""Work spread over processes: each task's result, in order, from a pool of workers or from this process alone.

Any stage may use it (reading evidence files, making documents); it knows nothing of what the work is. What a worker
needs for every task is handed to it once, when it starts (`set_up(setting)`), not with each task. While the workers
work, the main process may do its own share (`meanwhile`).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from .errors import Problem, TdktError

T = TypeVar("T")
R = TypeVar("R")

LOST_WORKER = (
    "một tiến trình làm việc song song đã bị hệ thống dừng đột ngột (thường do hết bộ nhớ); chưa ghi gì — hãy chạy "
    "lại, hoặc chạy với --jobs 1"
)
CHUNKS_PER_WORKER = 32  # tasks go out in chunks: fewer round trips, and still an even share at the end


def results(
    tasks: Sequence[T],
    worker: Callable[[T], R],
    jobs: int = 1,
    set_up: Callable[[Any], None] | None = None,
    setting: Any = None,
    meanwhile: Callable[[], None] | None = None,
) -> Iterator[R]:
    """`worker(task)` for each task, in order; from `jobs` processes when there are at least two tasks for each.
    `set_up(setting)` runs once in each process that works, before its first task; `meanwhile()` runs in this
    process while the workers work (or first, when this process works alone).

    A worker the system ends (out of memory, killed) is a TdktError naming what to do, not a traceback."""
    if jobs > 1 and len(tasks) >= jobs * 2:
        initial = {"initializer": set_up, "initargs": (setting,)} if set_up is not None else {}
        # What this process made so far, the workers inherit: frozen, no collector walks it in any of them (and the
        # memory pages stay shared instead of being copied into each).
        gc.freeze()
        try:
            with ProcessPoolExecutor(max_workers=jobs, **initial) as pool:
                chunk = max(1, len(tasks) // (jobs * CHUNKS_PER_WORKER))
                found: Iterable[R] = pool.map(worker, tasks, chunksize=chunk)  # every task sent at once
                if meanwhile is not None:
                    meanwhile()
                yield from found
        except BrokenProcessPool as e:
            raise TdktError(Problem("tdkt", LOST_WORKER)) from e
        finally:
            gc.unfreeze()
    else:
        if meanwhile is not None:
            meanwhile()
        if set_up is not None:
            set_up(setting)
        for task in tasks:
            yield worker(task)
