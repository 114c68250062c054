"""`tdkt build` and `tdkt status`: inputs → validated model → typed documents → rendered → checked → staged →
committed (`tdkt ingest`, which only reads the evidence and writes the consolidated list, is pipeline/consolidate.py).

The main process reads and validates the campaigns; the documents are planned, rendered, checked and staged under
temporary names by the workers (pipeline/drafts.py); nothing is renamed into place until every document of the run was
made without error, and then the whole batch at once, journaled (fsutil.commit). A build remembers what each draft was
made from (the manifest), so the next one rebuilds only what changed and says why; an issued document is never rebuilt
(NĐ30 Điều 18: it is replaced, not edited).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .archive.register import Entry
from .archive.store import issued_numbers
from .batch import Progress, render_many
from .campaign import LoadedCampaign, check_identities, ensure_identity, load
from .consolidate import CONSOLIDATED, Report, conditions, consolidated, evidence_of
from .documents.model import Document, digest
from .documents.plan import one_file_each
from .drafts import Action, CampaignSetting, Outcome, Setting, make, set_up, staged_of, tasks
from .errors import Problems
from .fsutil import commit, discard, recover, remove_own, stage
from .manifest import DraftState, Manifest, draft_state
from .model import Nomination
from .workspace import Workspace


@dataclass(frozen=True)
class Planned:
    """A campaign's document as planned, with its register entry once issued."""

    document: Document
    entry: Entry | None


def _prepare(
    campaigns: Sequence[Path], workspace: Workspace, problems: Problems, jobs: int = 1
) -> list[LoadedCampaign]:
    """Every campaign read and validated (a large folder of evidence by `jobs` processes), its identity checked
    against the register, its nominations against the law's conditions."""
    loaded = load(campaigns, problems, jobs)
    if not problems.errors:
        with problems.gathering():
            check_identities(loaded, workspace.archive, problems)
    conditions(loaded, workspace, problems)
    return loaded


def plan(
    campaigns: Sequence[Path], workspace: Workspace, signed: bool = False, strict: bool = False
) -> tuple[list[LoadedCampaign], list[Planned], Problems]:
    """Every campaign's documents, each with its register entry if it has been issued."""
    problems = Problems()
    loaded = _prepare(campaigns, workspace, problems)
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


def build(
    campaigns: Sequence[Path],
    workspace: Workspace,
    signed: bool = False,
    strict: bool = False,
    jobs: int = 1,
    progress: Progress | None = None,
) -> Report:
    """Build every campaign: `jobs` worker processes plan, render, check and stage the drafts (pipeline/drafts.py);
    `progress(total)` gives a bar to update, if wanted. Nothing is renamed into place unless every document of the
    run was made without error; then the whole batch is committed at once (fsutil.commit).

    A campaign file without an identity gets one first; a batch a killed run left half-renamed is finished; a draft
    edited by hand outside tdkt is kept beside the new one under a dated name, never lost.
    """
    for folder in campaigns:
        ensure_identity(folder)
    recover(workspace.outputs, [workspace.outputs / folder.resolve().name for folder in campaigns])
    problems = Problems()
    loaded = _prepare(campaigns, workspace, problems, jobs)
    problems.raise_if_errors()  # warnings too with --strict, but after planning: all of them are listed together

    identities = {item.campaign.ma: item.campaign.ma_phong_trao for item in loaded}
    manifests: dict[Path, Manifest] = {}

    def manifest_of(folder: Path) -> Manifest:
        if folder not in manifests:
            manifests[folder] = Manifest.read(folder, identities.get(folder.name, ""))
        return manifests[folder]

    settings = []
    for item in loaded:
        entries = workspace.archive.current(item.campaign)
        drafts = dict(manifest_of(workspace.outputs / item.campaign.ma).drafts)
        settings.append(CampaignSetting(item, issued_numbers(entries), entries, drafts))
    setting = Setting(tuple(settings), workspace.templates, workspace.outputs, signed)
    lists: list[tuple[Path, bytes]] = []  # the consolidated lists made meanwhile

    def meanwhile() -> None:
        """The consolidated lists, made by the main process while the workers render: only where the evidence
        changed since the last build, or the file is gone."""
        for item in loaded:
            if item.evidence is None:
                continue
            path = workspace.outputs / item.campaign.ma / CONSOLIDATED
            manifest = manifest_of(path.parent)
            evidence = _evidence_digest(item.evidence.nominations)
            if manifest.tong_hop != evidence or not path.is_file():
                lists.extend(consolidated(item, workspace, manifest, problems))
            manifest.tong_hop = evidence

    work = tasks(setting)
    specs = list(render_many(work, make, jobs, progress, set_up, setting, meanwhile))
    staged = staged_of(specs)
    try:
        outcomes, files = _gather(specs, workspace, problems, manifest_of)
        files_of: dict[int, list[tuple[int, str, Path]]] = {}  # by campaign: each document's place, code and file
        for (index, number), spec in zip(work, specs, strict=True):
            files_of.setdefault(index, []).extend((number, m.outcome.ma, m.outcome.path) for m in spec.made)
        for index, documents in files_of.items():
            one_file_each(loaded[index].campaign, documents, problems)
        problems.raise_if_errors(strict=strict)
        staged = [stage(path, data) for path, data in files + lists] + staged
    except BaseException:
        discard(staged)
        raise
    written = commit(staged, workspace.outputs)
    removed = _remove_obsolete(settings, outcomes, manifest_of, workspace, problems)
    for manifest in manifests.values():
        manifest.write()
    return Report(written, tuple(problems.warnings), evidence_of(loaded), tuple(outcomes), removed)


OBSOLETE_EDITED = "bản nháp của văn bản không còn trong đợt (hoặc đã đổi tên tệp) đã bị sửa ngoài tdkt: giữ nguyên tệp"


def _remove_obsolete(
    settings: Sequence[CampaignSetting], outcomes: Sequence[Outcome], manifest_of, workspace: Workspace, problems
) -> tuple[Path, ...]:
    """The drafts an earlier build made that this one does not (a document taken out of the campaign file, or its
    file renamed by `ten_tep`): removed, so that a campaign's folder holds its documents and no stale copy a clerk
    might send. One edited by hand since is kept, and said; an issued document's file is never touched. Done after
    the new drafts are in place; the manifest forgets them (one that cannot be removed is tried again next time)."""
    current = {outcome.path for outcome in outcomes}
    removed: list[Path] = []
    for setting in settings:
        manifest = manifest_of(workspace.outputs / setting.loaded.campaign.ma)
        for code, record in setting.drafts.items():  # the manifest as it was before this build
            path = manifest.folder / record.tep
            if path in current or code in setting.entries:
                continue
            if manifest.drafts.get(code) == record:  # not made again under another name
                del manifest.drafts[code]
            own = remove_own(path, record.bam_tep, problems, OBSOLETE_EDITED)
            if own is None:
                manifest.drafts.setdefault(code, record)  # tried again at the next build
            elif own:
                removed.append(path)
    return tuple(removed)


def _gather(specs, workspace: Workspace, problems: Problems, manifest_of) -> tuple[list[Outcome], list]:
    """The workers' answers in the campaign files' order: planning problems first, then each document's; the
    manifests updated; an issued document whose file is gone taken back from the register."""
    for spec in specs:
        problems.add(spec.problems)
    outcomes: list[Outcome] = []
    files: list[tuple[Path, bytes]] = []
    for spec in specs:
        for made in spec.made:
            outcome = made.outcome
            problems.add(made.problems)
            outcomes.append(outcome)
            if outcome.action is Action.ISSUED and not outcome.path.is_file():
                # a renamed campaign folder, or a copy deleted: the register has it
                files.append((outcome.path, workspace.archive.register().files(outcome.entry.id)[0]))
            if made.record is not None:
                manifest_of(outcome.path.parent).drafts[outcome.ma] = made.record
    return outcomes, files


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
        manifest = manifests.get(folder)
        if manifest is None:  # read once for the folder's documents (not `setdefault`, which would read it for each)
            manifest = manifests[folder] = Manifest.read(folder)
        state, reasons = draft_state(doc, manifest.drafts.get(doc.ma), item.entry)
        states.append(DocumentState(doc.ma, doc.spec.loai, doc.spec.trich_yeu, doc.output, item.entry, state, reasons))
    return states
