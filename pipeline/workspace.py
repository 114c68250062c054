"""Where a run reads and writes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .archive.store import Archive


@dataclass(frozen=True)
class Workspace:
    """By default `inputs/`, `templates_docx/` and `outputs/` in the current folder, and the archive of issued
    documents in `outputs/luu_vt/`."""

    inputs: Path
    templates: Path
    outputs: Path
    archive_folder: Path | None = None

    @classmethod
    def at(cls, root: Path) -> Workspace:
        return cls(root / "inputs", root / "templates_docx", root / "outputs")

    @property
    def archive(self) -> Archive:
        return Archive(self.archive_folder or self.outputs / "luu_vt")
