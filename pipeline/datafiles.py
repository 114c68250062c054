"""The data files shipped with tdkt (`pipeline/data/`): legal tables with their sources, recognition words, metrics."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path


@cache
def data_file(name: str) -> Path:
    return Path(str(resources.files("pipeline") / "data" / name))
