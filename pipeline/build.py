"""`tdkt ingest` and `tdkt build`: inputs → validated model → planned documents → rendered in memory → written.

Nothing is written until every campaign of the run has been read, validated and rendered without error; then each
file goes through a temporary name and an atomic rename. A build remembers what each draft was made from (a
fingerprint of each kind of input, in `outputs/<campaign>/.tdkt-ban-dung.json`), so the next one rebuilds only
what changed and says why; an issued document is never rebuilt (NĐ30 Điều 18: it is replaced, not edited).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .archive import Archive, issued_numbers
from .awards import AwardData, load_awards
from .batch import Progress, checked, render_many
from .config import find_agency_file, load_agency, load_campaign
from .consolidate import workbook_bytes
from .errors import Problem, Problems, TdktError, TemplateProblem
from .fsutil import write_atomic
from .ingest import Evidence, ingest_folder
from .model import Agency, Campaign, DocumentType
from .plan import INPUT_KINDS, Issued, PlannedDocument, digest, plan_campaign
from .register import Entry

CONSOLIDATED = "tong_hop.xlsx"
MANIFEST = ".tdkt-ban-dung.json"


@dataclass(frozen=True)
class Workspace:
    """Where a run reads and writes: by default `inputs/`, `templates_docx/` and `outputs/` in the current folder,
    and the archive of issued documents in `outputs/luu_vt/`."""

    inputs: Path
    templates: Path
    outputs: Path
    archive_folder: Path | None = None

    @classmethod
    def at(cls, root: Path) -> Workspace:
        return cls(root / "inputs", root / "templates_docx", root / "outputs")

    @property
    def archive(self) -> Archive:
        return Archive(self.archive_folder or self.outputs / "luu_vt")


@dataclass(frozen=True)
class LoadedCampaign:
    """A campaign read and validated, with its agency, the legal data and its evidence."""

    agency: Agency
    types: dict[str, DocumentType]
    awards: AwardData
    campaign: Campaign
    evidence: Evidence | None

    def plan(
        self, workspace: Workspace, problems: Problems, issued: Mapping[str, Issued], signed: bool = False
    ) -> list[PlannedDocument]:
        """The campaign's documents with their fields, given the numbers and dates of those already issued."""
        nominations = self.evidence.nominations if self.evidence is not None else ()
        return plan_campaign(
            self.agency,
            self.types,
            self.awards,
            self.campaign,
            nominations,
            workspace.templates,
            workspace.outputs,
            problems,
            signed,
            issued=issued,
        )


@dataclass(frozen=True)
class Outcome:
    """What a build did with one document: `moi` (new), `dung_lai` (rebuilt), `khong_doi` or `da_phat_hanh`."""

    ma: str
    path: Path
    action: str
    reasons: tuple[str, ...] = ()
    entry: Entry | None = None


@dataclass(frozen=True)
class Report:
    written: tuple[Path, ...]
    warnings: tuple[Problem, ...]
    evidence: tuple[tuple[Campaign, Evidence], ...] = ()
    outcomes: tuple[Outcome, ...] = ()


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
            evidence = ingest_folder(
                campaign.de_nghi, awards, agency.units, campaign.thu_tu, problems, agency.bang_de_nghi
            )
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
) -> tuple[list[LoadedCampaign], list[tuple[PlannedDocument, Entry | None]], Problems]:
    """Every campaign's documents, each with its register entry if it has been issued."""
    problems = Problems()
    loaded = load(campaigns, problems)
    planned: list[tuple[PlannedDocument, Entry | None]] = []
    if not problems.errors:
        for item in loaded:
            entries = workspace.archive.current(item.campaign)
            documents = item.plan(workspace, problems, issued_numbers(entries), signed)
            planned += [(doc, entries.get(doc.spec.ma)) for doc in documents]
    problems.raise_if_errors(strict=strict)
    return loaded, planned, problems


def changed_kinds(now: dict[str, str], before: dict[str, str]) -> list[str]:
    """The kinds of input that differ, named as a clerk would name them."""
    return [label for kind, label in INPUT_KINDS.items() if now.get(kind) != before.get(kind)]


def _read_manifest(folder: Path) -> dict:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def _sha(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def build(
    campaigns: list[Path],
    workspace: Workspace,
    signed: bool = False,
    strict: bool = False,
    jobs: int = 1,
    progress: Progress | None = None,
) -> Report:
    """Build every campaign: `jobs` worker processes render; `progress(total)` gives a bar to update, if wanted."""
    loaded, planned, problems = plan(campaigns, workspace, signed, strict)
    files: list[tuple[Path, bytes]] = []
    outcomes: list[Outcome] = []
    manifests: dict[Path, dict] = {}
    for item in loaded:
        folder = workspace.outputs / item.campaign.ma
        manifest = manifests.setdefault(folder, _read_manifest(folder))
        consolidated = _consolidated(item, workspace)
        if consolidated is not None:
            evidence_digest = digest([_nomination_row(n) for n in item.evidence.nominations])
            if manifest.get("tong_hop") != evidence_digest or not consolidated[0].is_file():
                files.append(consolidated)
            manifest["tong_hop"] = evidence_digest
    to_render: list[tuple[PlannedDocument, str, tuple[str, ...]]] = []
    for doc, entry in planned:
        folder = doc.output.parent
        manifest = manifests.setdefault(folder, _read_manifest(folder))
        documents = manifest.setdefault("van_ban", {})
        if entry is not None:
            outcomes.append(Outcome(doc.spec.ma, doc.output, "da_phat_hanh", (), entry))
            if doc.fingerprint != entry.bam_dau_vao:
                kinds = ", ".join(changed_kinds(doc.parts, entry.dau_vao))
                problems.warn(
                    doc.output,
                    "",
                    f"đã phát hành số {entry.so_ky_hieu} ngày {entry.ngay:%d/%m/%Y}; đầu vào đã đổi ({kinds}) nhưng "
                    "văn bản đã phát hành giữ nguyên — nếu cần, ban hành văn bản thay thế "
                    f"(tdkt issue … --doc {doc.spec.ma} --thay-the)",
                )
            continue
        before = documents.get(doc.spec.ma)
        on_disk = _sha(doc.output)
        if before and before.get("bam_dau_vao") == doc.fingerprint and on_disk == before.get("bam_tep"):
            outcomes.append(Outcome(doc.spec.ma, doc.output, "khong_doi"))
            continue
        if not before or on_disk is None:
            action, reasons = "moi", ()
        elif on_disk != before.get("bam_tep"):
            action, reasons = "dung_lai", ("tệp nháp đã bị sửa hoặc thay ngoài tdkt",)
        else:
            action, reasons = "dung_lai", tuple(changed_kinds(doc.parts, before.get("dau_vao", {})))
        to_render.append((doc, action, reasons))
    tasks = [(str(doc.template), doc.context) for doc, _, _ in to_render]
    for (doc, action, reasons), result in zip(to_render, render_many(tasks, checked, jobs, progress), strict=True):
        if isinstance(result, TemplateProblem):
            problems.items.extend(result.problems)
            continue
        data, failures = result
        files.append((doc.output, data))
        outcomes.append(Outcome(doc.spec.ma, doc.output, action, reasons))
        manifests[doc.output.parent].setdefault("van_ban", {})[doc.spec.ma] = {
            "tep": doc.output.name,
            "bam_dau_vao": doc.fingerprint,
            "dau_vao": doc.parts,
            "bam_tep": hashlib.sha256(data).hexdigest(),
        }
        # Every document is checked against NĐ30 before it is written; an edited template may break a rule.
        for title, where, detail in failures:
            problems.warn(doc.output, "", f"thể thức: {title}{f' ({where[:50]})' if where else ''}: {detail}")
    problems.raise_if_errors(TemplateProblem, strict=strict)
    position = {(doc.output, doc.spec.ma): i for i, (doc, _) in enumerate(planned)}
    outcomes.sort(key=lambda o: position.get((o.path, o.ma), 0))  # in the campaign file's order
    written = _write(files)
    for folder, manifest in manifests.items():
        text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        write_atomic(folder / MANIFEST, text.encode("utf-8"))
    return Report(written, tuple(problems.warnings), _evidence_of(loaded), tuple(outcomes))


def _nomination_row(n) -> list:
    return [
        n.ho_ten,
        n.tap_the,
        n.chuc_vu_va_don_vi,
        n.don_vi,
        n.hinh_thuc,
        n.thanh_tich,
        n.tep.name,
        n.trang_tinh,
        n.dong,
    ]


@dataclass(frozen=True)
class DocumentState:
    ma: str
    loai: str
    trich_yeu: str
    path: Path
    entry: Entry | None
    state: str  # "da_phat_hanh", "cap_nhat" (draft up to date), "can_dung_lai", "chua_dung"
    reasons: tuple[str, ...] = ()


def status(campaigns: list[Path], workspace: Workspace) -> list[DocumentState]:
    """Each document of the campaigns: issued or draft, and whether its inputs changed since it was made."""
    _, planned, _ = plan(campaigns, workspace)
    states = []
    manifests: dict[Path, dict] = {}
    for doc, entry in planned:
        spec = doc.spec
        if entry is not None:
            reasons = tuple(changed_kinds(doc.parts, entry.dau_vao)) if doc.fingerprint != entry.bam_dau_vao else ()
            states.append(DocumentState(spec.ma, spec.loai, spec.trich_yeu, doc.output, entry, "da_phat_hanh", reasons))
            continue
        manifest = manifests.setdefault(doc.output.parent, _read_manifest(doc.output.parent))
        before = manifest.get("van_ban", {}).get(spec.ma)
        if before is None or not doc.output.is_file():
            state, reasons = "chua_dung", ()
        elif before.get("bam_dau_vao") != doc.fingerprint:
            state, reasons = "can_dung_lai", tuple(changed_kinds(doc.parts, before.get("dau_vao", {})))
        elif _sha(doc.output) != before.get("bam_tep"):
            state, reasons = "can_dung_lai", ("tệp nháp đã bị sửa hoặc thay ngoài tdkt",)
        else:
            state, reasons = "cap_nhat", ()
        states.append(DocumentState(spec.ma, spec.loai, spec.trich_yeu, doc.output, None, state, reasons))
    return states
