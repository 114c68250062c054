"""`tdkt ingest`: every campaign's evidence read and checked — each file, the duplicates across files, the law's
conditions against the archive's history — and its consolidated list (`tong_hop.xlsx`) written. A build makes the
same list while its workers render (pipeline/build.py); reading evidence never loads the renderer or the NĐ30 rules.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .campaign import LoadedCampaign, load
from .conditions import check_conditions
from .errors import Problem, Problems, TdktError
from .fsutil import edited_copy, write_all
from .inputs.awards import AwardData
from .inputs.ingest import Evidence
from .manifest import Manifest
from .model import Campaign, Nomination
from .render.tong_hop import ListRows, warm_up
from .workspace import Workspace

if TYPE_CHECKING:
    from .drafts import Outcome

CONSOLIDATED = "tong_hop.xlsx"


@dataclass(frozen=True)
class Report:
    """What `tdkt ingest` or `tdkt build` wrote and warned about, with each campaign's evidence and a build's
    outcomes."""

    written: tuple[Path, ...]
    warnings: tuple[Problem, ...]
    evidence: tuple[tuple[Campaign, Evidence], ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    removed: tuple[Path, ...] = ()  # a build's drafts of documents the campaign no longer has (or names otherwise)


def review(campaigns: Sequence[Path], workspace: Workspace) -> Report:
    """What `tdkt ingest` says of the campaigns' evidence — every problem, the nominations — without writing the
    consolidated list: the page shows it at every visit, and a visit must not replace a list a clerk has open in
    Excel, or set aside the notes marked on it."""
    problems = Problems()
    loaded = load(campaigns, problems)
    conditions(loaded, workspace, problems)
    problems.raise_if_errors()
    return Report((), tuple(problems.warnings), evidence_of(loaded))


def ingest(campaigns: Sequence[Path], workspace: Workspace, strict: bool = False, jobs: int = 1) -> Report:
    """Read every campaign's evidence (a large folder by `jobs` processes) and write its `tong_hop.xlsx`."""
    problems = Problems()
    lists: dict[Path, ListRows] = {}  # each campaign's list, its rows made as the evidence is read

    def arrived(campaign: Campaign, awards: AwardData, nominations: Sequence[Nomination]) -> None:
        if campaign.folder not in lists:
            lists[campaign.folder] = ListRows(awards, campaign.folder)
        lists[campaign.folder].add(nominations)

    loaded = load(campaigns, problems, jobs, meanwhile=warm_up, arrived=arrived)
    conditions(loaded, workspace, problems)
    problems.raise_if_errors(strict=strict)
    files: list[tuple[Path, bytes]] = []
    manifests = []
    for item in loaded:
        if item.evidence is None:
            continue
        manifest = Manifest.read(workspace.outputs / item.campaign.ma, item.campaign.ma_phong_trao)
        files += consolidated(item, workspace, manifest, problems, lists.get(item.campaign.folder))
        manifests.append(manifest)
    if not files:
        raise TdktError(Problem(campaigns[0], "đợt thi đua không có thư mục đề nghị (de_nghi/)"))
    written = write_all(files, workspace.outputs)
    for manifest in manifests:
        manifest.write()
    return Report(written, tuple(problems.warnings), evidence_of(loaded))


def consolidated(
    item: LoadedCampaign, workspace: Workspace, manifest: Manifest, problems: Problems, rows: ListRows | None = None
) -> list[tuple[Path, bytes]]:
    """A campaign's `tong_hop.xlsx` (it has evidence), to be written with the files it takes: the list as a clerk
    marked it up since tdkt wrote it (notes for the council) kept beside, and said; the new list's fingerprint is
    recorded in the campaign's manifest. `rows`: the list's rows made as its evidence was read."""
    path = workspace.outputs / item.campaign.ma / CONSOLIDATED
    rows = ListRows(item.awards, item.campaign.folder) if rows is None else rows
    data = rows.workbook(item.evidence.nominations)
    kept = edited_copy(path, manifest.tong_hop_file)
    manifest.tong_hop_file = hashlib.sha256(data).hexdigest()
    if kept is None:
        return [(path, data)]
    problems.warn(path, "", f"bảng tổng hợp đã bị sửa ngoài tdkt; bản sửa tay được giữ lại: {kept[0].name}")
    return [kept, (path, data)]


def evidence_of(loaded: Sequence[LoadedCampaign]) -> tuple[tuple[Campaign, Evidence], ...]:
    return tuple((item.campaign, item.evidence) for item in loaded if item.evidence is not None)


def conditions(loaded: Sequence[LoadedCampaign], workspace: Workspace, problems: Problems) -> None:
    """The law's conditions on each campaign's nominations, against the archive's history (conditions.py)."""
    if problems.errors:
        return
    with problems.gathering():
        for item in loaded:
            check_conditions(item, workspace.archive.history(item.agency.units), problems)
