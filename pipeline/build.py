"""`tdkt build`: inputs → validated model → planned documents → rendered in memory → written atomically.

Nothing is written until every campaign of the run has been read, validated and rendered without error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .config import find_agency_file, load_agency, load_campaign
from .errors import Problem, Problems, TdktError, TemplateProblem
from .fsutil import write_atomic
from .plan import PlannedDocument, plan_campaign
from .render import render_docx


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
class BuildReport:
    written: tuple[Path, ...]
    warnings: tuple[Problem, ...]


def plan(campaigns: list[Path], workspace: Workspace, signed: bool = False) -> tuple[list[PlannedDocument], Problems]:
    """Read and validate every campaign; raise with all problems at once if any is an error."""
    problems = Problems()
    planned: list[PlannedDocument] = []
    for folder in campaigns:
        try:
            agency, types = load_agency(find_agency_file(folder), problems)
            campaign = load_campaign(folder, agency, types, problems)
        except TdktError as e:  # an unreadable file stops that campaign, not the report of the others
            problems.items.extend(e.problems)
            continue
        if problems.errors:
            continue
        planned += plan_campaign(agency, types, campaign, workspace.templates, workspace.outputs, problems, signed)
    problems.raise_if_errors()
    return planned, problems


def build(campaigns: list[Path], workspace: Workspace, signed: bool = False) -> BuildReport:
    planned, problems = plan(campaigns, workspace, signed)
    rendered: list[tuple[Path, bytes]] = []
    for doc in planned:
        try:
            rendered.append((doc.output, render_docx(doc.template, doc.context)))
        except TemplateProblem as e:
            problems.items.extend(e.problems)
    problems.raise_if_errors(TemplateProblem)
    for path, data in rendered:
        write_atomic(path, data)
    return BuildReport(tuple(path for path, _ in rendered), tuple(problems.warnings))
