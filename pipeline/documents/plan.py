"""From a validated campaign to planned documents: each spec is planned by its kind (pipeline/documents/kinds)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import Problems
from ..model import Campaign, DocumentSpec
from .kinds import KINDS
from .model import Document
from .planning import Planning


def plan_campaign(planning: Planning, problems: Problems) -> list[Document]:
    """Every document of the campaign, in the campaign file's order; problems are added, not raised."""
    planned = [
        (number, doc)
        for number, spec in enumerate(planning.campaign.documents)
        for doc in plan_spec(spec, planning, problems)
    ]
    one_file_each(planning.campaign, [(number, doc.ma, doc.output) for number, doc in planned], problems)
    return [doc for _, doc in planned]


def plan_spec(spec: DocumentSpec, planning: Planning, problems: Problems) -> list[Document]:
    """One spec's documents (several for a spec split per award), planned by its kind."""
    return KINDS[planning.types[spec.loai].kieu].plan(spec, planning, problems)


def one_file_each(campaign: Campaign, documents: Iterable[tuple[int, str, Path]], problems: Problems) -> None:
    """Two documents of a campaign written to one file would leave only the last: an error naming both, at the
    second one's `ten_tep` (`documents`: each one's place in the campaign file, code and file)."""
    first: dict[Path, str] = {}
    for number, code, path in documents:
        other = first.setdefault(path, code)
        if other != code:
            problems.error(
                campaign.source,
                f"van_ban[{number + 1}].ten_tep",
                f"văn bản “{code}” ghi ra cùng tệp {path.name} với văn bản “{other}”; hãy đặt ten_tep khác nhau",
            )
