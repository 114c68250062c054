"""From a validated campaign to planned documents: each spec is planned by its kind (pipeline/documents/kinds)."""

from __future__ import annotations

from ..errors import Problems
from ..model import DocumentSpec
from .kinds import KINDS
from .model import Document
from .planning import Planning


def plan_campaign(planning: Planning, problems: Problems) -> list[Document]:
    """Every document of the campaign, in the campaign file's order; problems are added, not raised."""
    return [doc for spec in planning.campaign.documents for doc in plan_spec(spec, planning, problems)]


def plan_spec(spec: DocumentSpec, planning: Planning, problems: Problems) -> list[Document]:
    """One spec's documents (several for a spec split per award), planned by its kind."""
    return KINDS[planning.types[spec.loai].kieu].plan(spec, planning, problems)
