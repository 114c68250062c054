"""Python's cyclic garbage collector paused while a large, acyclic structure is built.

Ingest makes a few million small objects (cells, rows, nominations) that hold no reference cycles: reference
counting frees each of them. The cyclic collector would still walk the growing heap again and again as they are
made, which costs about a tenth of an ingest. Pausing it over that stretch changes no result and frees nothing later
than it would be freed anyway; it is switched back on when the stretch ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
