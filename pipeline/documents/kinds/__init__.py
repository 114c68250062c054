"""The kinds of document tdkt plans, by the `kieu` a document type names in `data/loai_van_ban.toml`.

To add a kind with behaviour of its own: a module here providing a `Kind` (see `base.py`), one line below, its
template and its tests. A document type that only lays out the common fields and a body needs no code at all.
"""

from __future__ import annotations

from .base import Kind
from .minutes import KIND as MINUTES
from .narrative import KIND as NARRATIVE
from .reward import DECISION, SUBMISSION

KINDS: dict[str, Kind] = {kind.name: kind for kind in (NARRATIVE, SUBMISSION, DECISION, MINUTES)}

__all__ = ["KINDS", "Kind"]
