"""The seam every document kind plugs into: it reads its own campaign-file keys, checks them, and plans documents.

A kind is named by `kieu` in `data/loai_van_ban.toml` (or the agency's `[[loai_van_ban]]`), so a new document
type with the behaviour of an existing kind needs only a data entry and a template. A kind with behaviour of its
own is one module in this package that provides a `Kind`, listed in `kinds/__init__.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ...errors import Problems
from ...inputs.awards import AwardData
from ...inputs.tomlfile import TableReader
from ...model import DocumentSpec
from ..model import Document
from ..planning import Planning


class Kind(Protocol):
    """The behaviour of a kind of document."""

    name: str  # its `kieu`

    def read(self, table: TableReader) -> object:
        """The kind's own keys of one `[[van_ban]]` table (becomes `DocumentSpec.rieng`); problems go to the
        reader's collector."""

    def validate(
        self, spec: DocumentSpec, table: TableReader, documents: Sequence[DocumentSpec], awards: AwardData
    ) -> None:
        """Checks that need the whole campaign (the Tờ trình a decision answers exists, say)."""

    def expand(self, spec: DocumentSpec, awards: AwardData) -> list[DocumentSpec]:
        """The documents one `[[van_ban]]` table stands for, each with its own `ma`, number and register entry:
        usually itself; a decision on several awards, one per award."""

    def plan(self, spec: DocumentSpec, planning: Planning, problems: Problems) -> list[Document]:
        """The documents one spec makes: usually one."""
