"""From a validated campaign to planned documents: each spec is planned by its kind (pipeline/documents/kinds)."""

from __future__ import annotations

from ..errors import Problems
from .kinds import KINDS
from .model import Document
from .planning import Planning


def plan_campaign(planning: Planning, problems: Problems) -> list[Document]:
    """Every document of the campaign, in the campaign file's order; problems are added, not raised."""
    documents: list[Document] = []
    for spec in planning.campaign.documents:
        kind = KINDS[planning.types[spec.loai].kieu]
        documents += kind.plan(spec, planning, problems)
    return documents
