"""A narrative document (Kế hoạch, Thông báo, Báo cáo …): the header, a body typed as plain text, the signature.

Most document types are this kind; a new one needs only a data entry (`kieu = "van_ban"`, the default) and a
template that lays out the common fields.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...errors import Problems
from ...inputs.awards import AwardData
from ...inputs.tomlfile import TableReader
from ...model import DocumentSpec
from ..header import common_parts
from ..model import Document
from ..planning import Planning


class Narrative:
    name = "van_ban"

    def read(self, table: TableReader) -> object:
        return None

    def validate(
        self, spec: DocumentSpec, table: TableReader, documents: Sequence[DocumentSpec], awards: AwardData
    ) -> None:
        return None

    def expand(self, spec: DocumentSpec, awards: AwardData) -> list[DocumentSpec]:
        return [spec]

    def plan(self, spec: DocumentSpec, planning: Planning, problems: Problems) -> list[Document]:
        parts = common_parts(spec, planning, problems)
        return [Document(**parts)] if parts is not None else []


KIND = Narrative()
