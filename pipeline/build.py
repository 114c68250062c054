"""`tdkt ingest` and `tdkt build`: inputs → validated model → planned documents → rendered in memory → written.

Nothing is written until every campaign of the run has been read, validated and rendered without error; then each
file goes through a temporary name and an atomic rename.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from docx import Document

from .awards import AwardData, load_awards
from .check import check_document
from .config import find_agency_file, load_agency, load_campaign
from .consolidate import workbook_bytes
from .errors import Problem, Problems, TdktError, TemplateProblem
from .fsutil import write_atomic
from .ingest import Evidence, ingest_folder
from .model import Agency, Campaign, DocumentType
from .plan import PlannedDocument, plan_campaign
from .render import render_docx

CONSOLIDATED = "tong_hop.xlsx"


@dataclass(frozen=True)
class Workspace:
    """Where a run reads and writes: by default `inputs/`, `templates_docx/` and `outputs/` in the current folder."""

    inputs: Path
    templates: Path
    outputs: Path

    @classmethod
    def at(cls, root: Path) -> Workspace:
        return cls(root / "inputs", root / "templates_docx", root / "outputs")


@dataclass(frozen=True)
class LoadedCampaign:
    """A campaign read and validated, with its agency, the legal data and its evidence."""

    agency: Agency
    types: dict[str, DocumentType]
    awards: AwardData
    campaign: Campaign
    evidence: Evidence | None


@dataclass(frozen=True)
class Report:
    written: tuple[Path, ...]
    warnings: tuple[Problem, ...]
    evidence: tuple[tuple[Campaign, Evidence], ...] = ()


def load(campaigns: list[Path], problems: Problems) -> list[LoadedCampaign]:
    """Read and validate every campaign and its evidence, collecting problems rather than stopping at one."""
    loaded = []
    for folder in campaigns:
        before = len(problems.errors)
        try:
            agency_file = find_agency_file(folder)
            agency, types = load_agency(agency_file, problems)
            awards = load_awards(agency_file.parent, problems)
            campaign = load_campaign(folder, agency, types, awards, problems)
        except TdktError as e:  # an unreadable file stops that campaign, not the report of the others
            problems.items.extend(e.problems)
            continue
        if len(problems.errors) > before:
            continue
        evidence = None
        if campaign.de_nghi is not None:
            evidence = ingest_folder(campaign.de_nghi, awards, agency.units, campaign.thu_tu, problems)
        loaded.append(LoadedCampaign(agency, types, awards, campaign, evidence))
    return loaded


def _consolidated(item: LoadedCampaign, workspace: Workspace) -> tuple[Path, bytes] | None:
    if item.evidence is None:
        return None
    data = workbook_bytes(item.evidence.nominations, item.awards, root=item.campaign.folder)
    return workspace.outputs / item.campaign.ma / CONSOLIDATED, data


def _write(files: list[tuple[Path, bytes]]) -> tuple[Path, ...]:
    for path, data in files:
        write_atomic(path, data)
    return tuple(path for path, _ in files)


def _evidence_of(loaded: list[LoadedCampaign]) -> tuple[tuple[Campaign, Evidence], ...]:
    return tuple((item.campaign, item.evidence) for item in loaded if item.evidence is not None)


def ingest(campaigns: list[Path], workspace: Workspace, strict: bool = False) -> Report:
    """Read every campaign's evidence and write its `tong_hop.xlsx`."""
    problems = Problems()
    loaded = load(campaigns, problems)
    problems.raise_if_errors(strict=strict)
    files = [f for f in (_consolidated(item, workspace) for item in loaded) if f is not None]
    if not files:
        raise TdktError(Problem(campaigns[0], "đợt thi đua không có thư mục đề nghị (de_nghi/)"))
    return Report(_write(files), tuple(problems.warnings), _evidence_of(loaded))


def plan(
    campaigns: list[Path], workspace: Workspace, signed: bool = False, strict: bool = False
) -> tuple[list[LoadedCampaign], list[PlannedDocument], Problems]:
    problems = Problems()
    loaded = load(campaigns, problems)
    planned: list[PlannedDocument] = []
    if not problems.errors:
        for item in loaded:
            nominations = item.evidence.nominations if item.evidence is not None else ()
            planned += plan_campaign(
                item.agency,
                item.types,
                item.awards,
                item.campaign,
                nominations,
                workspace.templates,
                workspace.outputs,
                problems,
                signed,
            )
    problems.raise_if_errors(strict=strict)
    return loaded, planned, problems


def build(campaigns: list[Path], workspace: Workspace, signed: bool = False, strict: bool = False) -> Report:
    loaded, planned, problems = plan(campaigns, workspace, signed, strict)
    files = [f for f in (_consolidated(item, workspace) for item in loaded) if f is not None]
    for doc in planned:
        try:
            data = render_docx(doc.template, doc.context)
        except TemplateProblem as e:
            problems.items.extend(e.problems)
            continue
        files.append((doc.output, data))
        # Every document is checked against NĐ30 before it is written; an edited template may break a rule.
        for verdict in check_document(Document(io.BytesIO(data))):
            if not verdict.ok:
                where = f" ({verdict.where[:50]})" if verdict.where else ""
                problems.warn(doc.output, "", f"thể thức: {verdict.title}{where}: {verdict.detail}")
    problems.raise_if_errors(TemplateProblem, strict=strict)
    return Report(_write(files), tuple(problems.warnings), _evidence_of(loaded))
