"""`tdkt ingest`, `tdkt build` and `tdkt status`: inputs → validated model → typed documents → rendered in memory →
checked → written.

Nothing is written until every campaign of the run has been read, validated and rendered without error; then each
file goes through a temporary name and an atomic rename. A build remembers what each draft was made from (the
manifest), so the next one rebuilds only what changed and says why; an issued document is never rebuilt (NĐ30
Điều 18: it is replaced, not edited).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .archive.register import Entry
from .archive.store import issued_numbers
from .batch import Progress, checked, render_many
from .campaign import LoadedCampaign, check_identities, ensure_identity, load
from .conditions import check_conditions
from .documents.model import Document, digest
from .errors import Problem, Problems, TdktError, TemplateFileError
from .fsutil import finish_unfinished, sweep_temporaries, write_all
from .inputs.ingest import Evidence
from .manifest import DraftState, Manifest, draft_state
from .model import Campaign, Nomination
from .render.tong_hop import workbook_bytes
from .workspace import Workspace

CONSOLIDATED = "tong_hop.xlsx"


class Action(enum.Enum):
    """What a build did with one document."""

    NEW = "moi"
    REBUILT = "dung_lai"
    UNCHANGED = "khong_doi"
    ISSUED = "da_phat_hanh"  # kept as issued


@dataclass(frozen=True)
class Outcome:
    ma: str
    path: Path
    action: Action
    reasons: tuple[str, ...] = ()
    entry: Entry | None = None


@dataclass(frozen=True)
class Report:
    written: tuple[Path, ...]
    warnings: tuple[Problem, ...]
    evidence: tuple[tuple[Campaign, Evidence], ...] = ()
    outcomes: tuple[Outcome, ...] = ()


@dataclass(frozen=True)
class Planned:
    """A campaign's document as planned, with its register entry once issued."""

    document: Document
    entry: Entry | None


def _consolidated(item: LoadedCampaign, workspace: Workspace) -> tuple[Path, bytes] | None:
    if item.evidence is None:
        return None
    data = workbook_bytes(item.evidence.nominations, item.awards, root=item.campaign.folder)
    return workspace.outputs / item.campaign.ma / CONSOLIDATED, data


def _evidence_of(loaded: list[LoadedCampaign]) -> tuple[tuple[Campaign, Evidence], ...]:
    return tuple((item.campaign, item.evidence) for item in loaded if item.evidence is not None)


def _conditions(loaded: Sequence[LoadedCampaign], workspace: Workspace, problems: Problems) -> None:
    """The law's conditions on each campaign's nominations, against the archive's history (conditions.py)."""
    if problems.errors:
        return
    with problems.gathering():
        for item in loaded:
            check_conditions(item, workspace.archive.history(item.agency.units), problems)


def ingest(campaigns: Sequence[Path], workspace: Workspace, strict: bool = False) -> Report:
    """Read every campaign's evidence and write its `tong_hop.xlsx`."""
    problems = Problems()
    loaded = load(campaigns, problems)
    _conditions(loaded, workspace, problems)
    problems.raise_if_errors(strict=strict)
    files = [f for f in (_consolidated(item, workspace) for item in loaded) if f is not None]
    if not files:
        raise TdktError(Problem(campaigns[0], "đợt thi đua không có thư mục đề nghị (de_nghi/)"))
    return Report(write_all(files, workspace.outputs), tuple(problems.warnings), _evidence_of(loaded))


def plan(
    campaigns: Sequence[Path], workspace: Workspace, signed: bool = False, strict: bool = False
) -> tuple[list[LoadedCampaign], list[Planned], Problems]:
    """Every campaign's documents, each with its register entry if it has been issued."""
    problems = Problems()
    loaded = load(campaigns, problems)
    if not problems.errors:
        with problems.gathering():
            check_identities(loaded, workspace.archive, problems)
    _conditions(loaded, workspace, problems)
    planned: list[Planned] = []
    if not problems.errors:
        for item in loaded:
            entries = workspace.archive.current(item.campaign)
            documents = item.plan(workspace.templates, workspace.outputs, problems, issued_numbers(entries), signed)
            planned += [Planned(doc, entries.get(doc.ma)) for doc in documents]
    problems.raise_if_errors(strict=strict)
    return loaded, planned, problems


def _evidence_digest(nominations: Sequence[Nomination]) -> str:
    return digest(
        [
            [n.ho_ten, n.tap_the, n.chuc_vu_va_don_vi, n.don_vi, n.hinh_thuc, n.thanh_tich, n.tep.name, n.trang_tinh]
            + [n.dong]
            for n in nominations
        ]
    )


_ACTION = {DraftState.NEW: Action.NEW, DraftState.CHANGED: Action.REBUILT, DraftState.EDITED: Action.REBUILT}


def build(
    campaigns: Sequence[Path],
    workspace: Workspace,
    signed: bool = False,
    strict: bool = False,
    jobs: int = 1,
    progress: Progress | None = None,
) -> Report:
    """Build every campaign: `jobs` worker processes render; `progress(total)` gives a bar to update, if wanted.

    A campaign file without an identity gets one first; a batch a killed run left half-renamed is finished; a draft
    edited by hand outside tdkt is kept beside the new one under a dated name, never lost.
    """
    for folder in campaigns:
        ensure_identity(folder)
    finish_unfinished(workspace.outputs)
    for folder in campaigns:
        sweep_temporaries(workspace.outputs / folder.resolve().name)
    loaded, planned, problems = plan(campaigns, workspace, signed, strict)
    files: list[tuple[Path, bytes]] = []
    outcomes: list[Outcome] = []
    manifests: dict[Path, Manifest] = {}

    identities = {item.campaign.ma: item.campaign.ma_phong_trao for item in loaded}

    def manifest_of(folder: Path) -> Manifest:
        if folder not in manifests:
            manifests[folder] = Manifest.read(folder, identities.get(folder.name, ""))
        return manifests[folder]

    for item in loaded:
        consolidated = _consolidated(item, workspace)
        if consolidated is not None:
            manifest = manifest_of(consolidated[0].parent)
            evidence = _evidence_digest(item.evidence.nominations)
            if manifest.tong_hop != evidence or not consolidated[0].is_file():
                files.append(consolidated)
            manifest.tong_hop = evidence
    to_render: list[tuple[Document, Action, tuple[str, ...]]] = []
    for item in planned:
        doc, entry = item.document, item.entry
        manifest = manifest_of(doc.output.parent)
        state, reasons = draft_state(doc, manifest.drafts.get(doc.ma), entry)
        if state is DraftState.ISSUED:
            outcomes.append(Outcome(doc.ma, doc.output, Action.ISSUED, (), entry))
            if not doc.output.is_file():  # a renamed campaign folder, or a copy deleted: the register has it
                files.append((doc.output, workspace.archive.register().files(entry.id)[0]))
            if reasons:
                problems.warn(
                    doc.output,
                    "",
                    f"đã phát hành số {entry.so_ky_hieu} ngày {entry.ngay:%d/%m/%Y}; đầu vào đã đổi "
                    f"({', '.join(reasons)}) nhưng văn bản đã phát hành giữ nguyên — nếu cần, ban hành văn bản thay "
                    f"thế (tdkt issue … --doc {doc.ma} --thay-the)",
                )
        elif state is DraftState.UP_TO_DATE:
            outcomes.append(Outcome(doc.ma, doc.output, Action.UNCHANGED))
        else:
            if state is DraftState.EDITED:
                kept = _keep_aside(doc.output)
                files.append((kept, doc.output.read_bytes()))
                reasons = (*reasons, f"bản sửa tay được giữ lại: {kept}")
            to_render.append((doc, _ACTION[state], reasons))
    tasks = [(str(doc.template), doc.fields()) for doc, _, _ in to_render]
    for (doc, action, reasons), result in zip(to_render, render_many(tasks, checked, jobs, progress), strict=True):
        if isinstance(result, TemplateFileError):
            problems.add(result.problems)
            continue
        data, failures = result
        files.append((doc.output, data))
        outcomes.append(Outcome(doc.ma, doc.output, action, reasons))
        manifest_of(doc.output.parent).record(doc, data)
        # Every document is checked against NĐ30 before it is written; an edited template may break a rule.
        for title, where, detail in failures:
            problems.warn(doc.output, "", f"thể thức: {title}{f' ({where[:50]})' if where else ''}: {detail}")
    problems.raise_if_errors(TemplateFileError, strict=strict)
    position = {(p.document.output, p.document.ma): i for i, p in enumerate(planned)}
    outcomes.sort(key=lambda o: position.get((o.path, o.ma), 0))  # in the campaign file's order
    written = write_all(files, workspace.outputs)
    for manifest in manifests.values():
        manifest.write()
    return Report(written, tuple(problems.warnings), _evidence_of(loaded), tuple(outcomes))


def _keep_aside(path: Path) -> Path:
    """`QD-x.docx` → `QD-x.sua-tay-20261128-1530.docx`: where a draft edited by hand is kept before a rebuild."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.sua-tay-{stamp}{path.suffix}")


@dataclass(frozen=True)
class DocumentState:
    ma: str
    loai: str
    trich_yeu: str
    path: Path
    entry: Entry | None
    state: DraftState
    reasons: tuple[str, ...] = ()


def status(campaigns: Sequence[Path], workspace: Workspace) -> list[DocumentState]:
    """Each document of the campaigns: issued or draft, and whether its inputs changed since it was made."""
    _, planned, _ = plan(campaigns, workspace)
    states = []
    manifests: dict[Path, Manifest] = {}
    for item in planned:
        doc = item.document
        folder = doc.output.parent
        manifest = manifests.setdefault(folder, Manifest.read(folder))
        state, reasons = draft_state(doc, manifest.drafts.get(doc.ma), item.entry)
        states.append(DocumentState(doc.ma, doc.spec.loai, doc.spec.trich_yeu, doc.output, item.entry, state, reasons))
    return states
