"""Python's cyclic garbage collector, run when it is worth it.

Ingest makes a few million small objects (cells, rows, nominations) that hold no reference cycles: reference
counting frees each of them. The cyclic collector would still walk the growing heap again and again as they are
made, which costs about a tenth of an ingest. Pausing it over that stretch changes no result and frees nothing later
than it would be freed anyway; it is switched back on when the stretch ends (`collector_paused`).

Rendering and checking a document is the opposite case: tens of thousands of objects, many in cycles (lxml
proxies and python-docx wrappers), all garbage once the document is staged. Left to itself the collector runs
hundreds of times per document, each time walking what is still alive, about a third of a build; collecting the
young generations once, when the document is done, frees the same objects for a fraction of that, and keeps the
memory of a long run flat (`one_document`).
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


@contextmanager
def one_document() -> Iterator[None]:
    """The collector paused while one document is made, then run once over the young objects it left."""
    with collector_paused():
        yield
    gc.collect(1)
