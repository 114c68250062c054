"""`tdkt certificates`: the text printed on each awardee's certificate (Giấy khen, or the Bằng chứng nhận of a title
such as Chiến sĩ thi đua cơ sở: each award names its template, `mau_in`), from a decision's list.

One file per person, or one print file with a page per person. The decision's number and date come from the
register once it is issued; before that the number is left blank, as on the draft decision.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .archive.store import issued_numbers
from .batch import Progress, render_many
from .campaign import load
from .documents import formats
from .documents.model import Decision, ListRow
from .errors import Problem, Problems, TdktError
from .fsutil import (
    Staged,
    aside,
    bounded,
    commit,
    discard,
    os_problem,
    recorded_file,
    recover,
    remove_own,
    stage,
    write_atomic,
)
from .inputs.awards import RewardForm
from .inputs.collate import fold
from .memory import one_document
from .render.templates import render_docx
from .text import ascii_slug
from .workspace import Workspace

FOLDER = "giay_khen"
RECORD = ".tdkt-giay-khen.json"  # in FOLDER: each certificate file's SHA-256 as tdkt wrote it, by its path below


@dataclass(frozen=True)
class CertificateReport:
    written: tuple[Path, ...]  # new, or replacing a different file
    people: int
    warnings: tuple[Problem, ...]
    unchanged: tuple[Path, ...] = ()  # already there, byte for byte as this print made them: left alone
    removed: tuple[Path, ...] = ()  # an earlier print's that this one replaces (a draft's, once issued)


DRAFT = "BẢN NHÁP"
EDITED_AND_REPLACED = "giấy khen của lần in trước, không thuộc lần in này, đã bị sửa ngoài tdkt: giữ nguyên tệp"


def certificate_fields(decision: Decision, form: RewardForm, draft: bool = False) -> dict[str, Any]:
    """The fields every certificate of one award in one decision shares (README: the certificate template)."""
    return {
        "ban_nhap": DRAFT if draft else "",
        "nguoi_tang": decision.tham_quyen,
        "ten_hinh_thuc": form.ten_ngan.upper(),
        "ten_phong_trao": decision.ten_phong_trao,
        "ly_do": decision.ly_do[:1].upper() + decision.ly_do[1:],
        "nam": str(decision.nam or decision.ngay.year),
        "so_quyet_dinh": decision.so_ky_hieu,
        "ngay_quyet_dinh": formats.ngay_thang_nam(decision.ngay),
        "dia_danh_ngay": formats.dia_danh_ngay(decision.dia_danh, decision.ngay),
        "chuc_vu_ky": list(decision.signature.titles),
        "nguoi_ky": decision.signature.name,
    }


def card_fields(row: ListRow, number: int | None) -> dict[str, str]:
    """One awardee's own lines, with the certificate's number in the book (sổ vàng); none on a draft."""
    n = row.nomination
    return {
        "ho_ten": n.ho_ten,
        "chuc_vu_don_vi": row.chuc_vu_don_vi,
        "thanh_tich": n.thanh_tich,
        "so_so_vang": f"{number:03d}" if number is not None else "",
    }


@dataclass(frozen=True)
class Award:
    """One reward form of one decision, as the workers print it: its template, the fields every certificate of it
    shares, its awardees with their sổ vàng numbers (none on a draft), and where the files go."""

    template: Path
    common: dict[str, Any]
    rows: tuple[ListRow, ...]
    numbers: tuple[int | None, ...]
    folder: Path  # one file per person
    merged: Path  # or one print file for all


@dataclass(frozen=True)
class Printing:
    """What every worker of one print is handed once: the awards, and each certificate file as tdkt last wrote it (its
    SHA-256, by its path below the certificates folder), to tell a file edited by hand."""

    awards: tuple[Award, ...]
    folder: Path
    written: Mapping[str, str]


@dataclass(frozen=True)
class Printed:
    """One file as a worker left it: staged, after a copy of the file it replaces if that was edited by hand; nothing
    staged when the file tdkt last wrote is there with the same bytes."""

    staged: tuple[Staged, ...]
    name: str  # below the certificates folder
    sha: str
    problems: tuple[Problem, ...] = ()


_printing: Printing | None = None  # in a worker: handed once, by `set_up`
_names: dict[int, list[str]] = {}  # in a worker: each award's file names, made at its first certificate


def set_up(printing: Printing) -> None:
    global _printing
    _printing = printing
    _names.clear()


def printed(task: tuple[int, int | None]) -> Printed | TdktError:
    """One certificate (an award's awardee by position), or an award's print file (position None), staged."""
    assert _printing is not None, "set_up first"
    index, position = task
    award = _printing.awards[index]
    if position is None:
        cards = [card_fields(row, number) for row, number in zip(award.rows, award.numbers, strict=True)]
        return _printed(award.template, award.common | {"giay_khen": cards}, award.merged)
    if index not in _names:
        _names[index] = file_names(award)
    card = card_fields(award.rows[position], award.numbers[position])
    return _printed(award.template, award.common | {"giay_khen": [card]}, award.folder / _names[index][position])


def _printed(template: Path, fields: dict, target: Path) -> Printed | TdktError:
    assert _printing is not None, "set_up first"
    staged: list[Staged] = []
    problems: tuple[Problem, ...] = ()
    try:
        with one_document():
            data = render_docx(template, fields)
        sha = hashlib.sha256(data).hexdigest()
        name = target.relative_to(_printing.folder).as_posix()
        recorded = _printing.written.get(name)
        found = recorded_file(target, recorded)  # a print again: the file as it is now
        if found is not None and found[1] == recorded == sha:
            return Printed((), name, sha)  # the same certificate: its file (and its date) left as they are
        if found is not None and found[1] != recorded:
            kept = aside(target)
            staged.append(stage(kept, found[0]))
            message = f"giấy khen đã bị sửa ngoài tdkt; bản sửa tay được giữ lại: {kept.name}"
            problems = (Problem(target, message, warning=True),)
        staged.append(stage(target, data))
        return Printed(tuple(staged), name, sha, problems)
    except TdktError as e:
        discard(staged)
        return e
    except OSError as e:
        discard(staged)
        return os_problem(e, target)


def file_names(award: Award) -> list[str]:
    """Each awardee's file: `007-nguyen-van-nam.docx` by the sổ vàng number, `nhap-nguyen-van-nam.docx` on a draft;
    a name met again in the list gets `-2`, `-3` (two Nguyễn Văn Nam in two units), so no certificate replaces
    another."""
    names: list[str] = []
    taken: set[str] = set()
    for row, number in zip(award.rows, award.numbers, strict=True):
        stem = bounded(f"{f'{number:03d}' if number is not None else 'nhap'}-{ascii_slug(row.nomination.ho_ten)}")
        name, again = stem, 1
        while name in taken:
            again += 1
            name = f"{stem}-{again}"
        taken.add(name)
        names.append(f"{name}.docx")
    return names


def _person(row: ListRow) -> str:
    return f"{fold(row.nomination.ho_ten)}|{fold(row.nomination.don_vi)}"


def certificates(
    campaign_folder: Path,
    workspace: Workspace,
    code: str | None = None,
    merged: bool = False,
    jobs: int = 1,
    progress: Progress | None = None,
    draft: bool = False,
) -> CertificateReport:
    """The certificates of a campaign's decisions: from issued decisions, numbered in the year's sổ vàng kept by the
    register; with `draft`, from any decision, every page marked BẢN NHÁP and no number taken."""
    problems = Problems()
    loaded = load([campaign_folder], problems, jobs)
    problems.raise_if_errors()
    (item,) = loaded
    recover(workspace.outputs, [workspace.outputs / item.campaign.ma / FOLDER])  # before a new batch is journalled
    issued = issued_numbers(workspace.archive.current(item.campaign))
    planned = item.plan(workspace.templates, workspace.outputs, problems, issued)
    problems.raise_if_errors()
    decisions = [d for d in planned if isinstance(d, Decision) and code in (None, d.ma)]
    if not decisions:
        what = f"có ma = “{code}”" if code else "nào"
        raise TdktError(Problem(item.campaign.source, f"không có quyết định khen thưởng {what} để in giấy khen"))
    unissued = [d for d in decisions if d.so is None]
    if unissued and not draft:
        names = ", ".join(f"“{d.ma}”" for d in unissued)
        raise TdktError(
            Problem(
                item.campaign.source,
                f"quyết định {names} chưa phát hành (số trống): in giấy khen sau khi phát hành (tdkt issue … --doc "
                f"{unissued[0].ma}), hoặc in bản nháp với --nhap",
            )
        )
    numbers = {} if draft else _gold_numbers(item, decisions, workspace)
    folder = workspace.outputs / item.campaign.ma / FOLDER
    awards = []
    for decision in decisions:  # an issued one carries its issue date
        for form in decision.forms:
            rows = tuple(r for r in decision.danh_sach.rows if r.form.ma == form.ma)
            if not form.mau_in or not rows:
                continue
            stem = f"{ascii_slug(form.ten_ngan)}-{decision.output.stem}"
            awards.append(
                Award(
                    workspace.templates / form.mau_in,
                    certificate_fields(decision, form, draft),
                    rows,
                    tuple(numbers.get((decision.ma, form.ma), [None] * len(rows))),
                    folder / stem,
                    folder / f"{stem}-in-gop.docx",
                )
            )
    if not awards:
        raise TdktError(Problem(item.campaign.source, "các quyết định không có ai được tặng hình thức có mẫu in"))
    people = sum(len(award.rows) for award in awards)
    tasks: list[tuple[int, int | None]] = (
        [(a, None) for a in range(len(awards))]
        if merged
        else [(a, position) for a, award in enumerate(awards) for position in range(len(award.rows))]
    )
    # Each worker makes and stages its certificates beside their final names; they are renamed into place together,
    # or not at all if one failed.
    written = _written(folder)
    staged: list[Staged] = []
    unchanged: list[Path] = []
    names: set[str] = set()  # every file of this print, below the certificates folder
    try:
        for result in render_many(tasks, printed, jobs, progress, set_up, Printing(tuple(awards), folder, written)):
            if isinstance(result, TdktError):
                problems.add(result.problems)
                continue
            names.add(result.name)
            if not result.staged:
                unchanged.append(folder / result.name)
            staged += result.staged
            problems.add(result.problems)
            written[result.name] = result.sha
        problems.raise_if_errors()
    except BaseException:
        discard(staged)
        raise
    files = commit(staged, workspace.outputs)
    folders = set() if merged else {award.folder for award in awards}
    removed = _remove_replaced(folder, folders, names, written, problems)
    write_atomic(folder / RECORD, json.dumps(written, ensure_ascii=False, indent=0).encode("utf-8"))
    made = tuple(f for f in files if ".sua-tay-" not in f.name)
    return CertificateReport(made, people, tuple(problems.warnings), tuple(unchanged), removed)


def _remove_replaced(
    folder: Path, folders: set[Path], names: set[str], record: dict[str, str], problems: Problems
) -> tuple[Path, ...]:
    """In the folders of this print's awards, the files an earlier print left that this one did not make (the draft
    certificates once the issued ones are printed, a name since corrected, a nominee taken off the list): removed,
    so that printing the folder prints this print and nothing else. One edited by hand since is the clerk's: kept,
    and said. Either way the record forgets it; one that cannot be removed (open in Word) is tried again next time.
    Done after the print is in place: a run stopped here leaves them, as before, for the next print."""
    removed: list[Path] = []
    for name in [name for name in record if name not in names]:
        path = folder / name
        if path.parent not in folders:
            continue
        recorded = record.pop(name)
        own = remove_own(path, recorded, problems, EDITED_AND_REPLACED)
        if own is None:
            record[name] = recorded  # tried again at the next print
        elif own:
            removed.append(path)
    return tuple(removed)


def _written(folder: Path) -> dict[str, str]:
    """Each certificate file as tdkt last wrote it (RECORD); none if the record is missing or unreadable."""
    try:
        found = json.loads((folder / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


def _gold_numbers(item, decisions: list[Decision], workspace: Workspace) -> dict[tuple[str, str], list[int]]:
    """The sổ vàng numbers of every awardee, taken (or found again) in one register transaction."""
    found: dict[tuple[str, str], list[int]] = {}
    register = workspace.archive.ready()
    with register.transaction() as txn:
        for decision in decisions:
            entry = txn.current(item.campaign.ma_phong_trao, decision.ma)
            for form in decision.forms:
                rows = [r for r in decision.danh_sach.rows if r.form.ma == form.ma]
                found[(decision.ma, form.ma)] = txn.gold_numbers(
                    entry.id, entry.nam, form.ma, [_person(r) for r in rows]
                )
    return found
