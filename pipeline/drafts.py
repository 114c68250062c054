"""A build's drafts, made where the work is done: each document of a campaign is planned, compared with what was
built before, rendered, checked against NĐ30 and staged under a temporary name beside its final one — in worker
processes when `--jobs` asks for several, so that the main process only reads the campaigns, hands out their
documents and commits the batch (pipeline/build.py). Nothing here renames a file into place.

A worker is set up once with every campaign as read and validated (`Setting`); a task is one document spec of one
campaign, and its answer (`Made`) is small: where the staged file is, what the manifest records, what was wrong.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .archive.register import Entry
from .campaign import LoadedCampaign
from .check.rules import BatchChecker
from .documents.model import Document
from .documents.plan import plan_spec
from .documents.planning import Planning
from .errors import Problem, Problems, TdktError, TemplateFileError
from .fsutil import Staged, aside, discard, stage
from .manifest import DraftRecord, DraftState, draft_state
from .memory import one_document
from .model import Issued
from .render.templates import render_with_document, template_key

Failure = tuple[str, str, str]  # a failed NĐ30 rule: (its title, where, what is wrong)

_checker = BatchChecker()  # one per process: template-only rules are checked once per template


def checked(template: Path, fields: dict) -> tuple[bytes, list[Failure]] | TemplateFileError:
    """Render one document and check it against NĐ30: (bytes, failures)."""
    try:
        data, document = render_with_document(template, fields)
        verdicts = _checker.check(document, template_key(template))
    except TemplateFileError as e:
        return e
    return data, [(v.title, v.where, v.detail) for v in verdicts if not v.ok]


class Action(enum.Enum):
    """What a build did with one document."""

    NEW = "moi"
    REBUILT = "dung_lai"
    UNCHANGED = "khong_doi"
    ISSUED = "da_phat_hanh"  # kept as issued


_ACTION = {DraftState.NEW: Action.NEW, DraftState.CHANGED: Action.REBUILT, DraftState.EDITED: Action.REBUILT}


@dataclass(frozen=True)
class CampaignSetting:
    """One campaign as a worker needs it: read and validated, with the numbers given and the drafts built before."""

    loaded: LoadedCampaign
    issued: Mapping[str, Issued]
    entries: Mapping[str, Entry]  # the register's entry of each issued document, by code
    drafts: Mapping[str, DraftRecord]  # its output folder's manifest: code → record


@dataclass(frozen=True)
class Setting:
    campaigns: tuple[CampaignSetting, ...]
    templates: Path
    outputs: Path
    signed: bool = False


@dataclass(frozen=True)
class Outcome:
    """What a build did with one document, and why."""

    ma: str
    path: Path
    action: Action
    reasons: tuple[str, ...] = ()
    entry: Entry | None = None


@dataclass(frozen=True)
class Made:
    """One document as a worker left it (small: it is sent back to the main process)."""

    outcome: Outcome
    staged: tuple[Staged, ...] = ()  # the new draft, and a copy of a draft edited by hand, kept aside
    record: DraftRecord | None = None  # what the manifest remembers of a new draft
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Spec:
    """The answer to one task: the spec's planning problems, then its documents."""

    problems: tuple[Problem, ...] = ()
    made: tuple[Made, ...] = field(default_factory=tuple)


_setting: Setting | None = None
_plannings: dict[int, Planning] = {}


def set_up(setting: Setting) -> None:
    """Once per worker (and once in the main process when it works alone)."""
    global _setting
    _setting = setting
    _plannings.clear()


def _planning(index: int) -> Planning:
    found = _plannings.get(index)
    if found is None:
        assert _setting is not None, "set_up first"
        item = _setting.campaigns[index]
        found = _plannings[index] = item.loaded.planning(
            _setting.templates, _setting.outputs, item.issued, _setting.signed
        )
    return found


def tasks(setting: Setting) -> list[tuple[int, int]]:
    """(campaign, spec) for every document spec of every campaign, in the campaign files' order."""
    return [(c, s) for c, item in enumerate(setting.campaigns) for s in range(len(item.loaded.campaign.documents))]


def make(task: tuple[int, int]) -> Spec:
    """Plan one spec's documents; render, check and stage those that are new or changed."""
    with one_document():
        return _make_spec(task)


def _make_spec(task: tuple[int, int]) -> Spec:
    assert _setting is not None, "set_up first"
    index, number = task
    planning = _planning(index)
    spec = planning.campaign.documents[number]
    problems = Problems()
    try:
        documents = plan_spec(spec, planning, problems)
    except TdktError as e:
        problems.add(e.problems)
        documents = []
    if problems.errors:
        return Spec(tuple(problems.items))
    setting = _setting.campaigns[index]
    return Spec(tuple(problems.items), tuple(_make(doc, setting) for doc in documents))


def _make(doc: Document, setting: CampaignSetting) -> Made:
    entry = setting.entries.get(doc.ma)
    record = setting.drafts.get(doc.ma)
    state, reasons = draft_state(doc, record, entry)
    if state is DraftState.ISSUED:
        problems = ()
        if reasons:
            problems = (
                Problem(
                    doc.output,
                    f"đã phát hành số {entry.so_ky_hieu} ngày {entry.ngay:%d/%m/%Y}; đầu vào đã đổi "
                    f"({', '.join(reasons)}) nhưng văn bản đã phát hành giữ nguyên — nếu cần, ban hành văn bản thay "
                    f"thế (tdkt issue … --doc {doc.ma} --thay-the)",
                    warning=True,
                ),
            )
        return Made(Outcome(doc.ma, doc.output, Action.ISSUED, (), entry), problems=problems)
    if state is DraftState.UP_TO_DATE:
        return Made(Outcome(doc.ma, doc.output, Action.UNCHANGED))
    staged: list[Staged] = []
    try:
        if state is DraftState.EDITED:
            kept = aside(doc.output)
            staged.append(stage(kept, doc.output.read_bytes()))
            reasons = (*reasons, f"bản sửa tay được giữ lại: {kept}")
        result = checked(doc.template, doc.fields())
        if isinstance(result, TemplateFileError):
            return Made(
                Outcome(doc.ma, doc.output, _ACTION[state], reasons), tuple(staged), problems=tuple(result.problems)
            )
        data, failures = result
        staged.append(stage(doc.output, data))
    except (TdktError, OSError) as e:
        discard(staged)
        error = e if isinstance(e, TdktError) else TdktError(Problem(doc.output, f"không đọc được: {e}"))
        return Made(Outcome(doc.ma, doc.output, _ACTION[state], reasons), problems=tuple(error.problems))
    record = DraftRecord(doc.output.name, doc.fingerprint, dict(doc.inputs), hashlib.sha256(data).hexdigest())
    # Every document is checked against NĐ30 before it is written; an edited template may break a rule.
    warnings = tuple(
        Problem(doc.output, f"thể thức: {title}{f' ({where[:50]})' if where else ''}: {detail}", warning=True)
        for title, where, detail in failures
    )
    return Made(Outcome(doc.ma, doc.output, _ACTION[state], reasons), tuple(staged), record, warnings)


def staged_of(specs: Sequence[Spec]) -> list[Staged]:
    return [pair for spec in specs for made in spec.made for pair in made.staged]
