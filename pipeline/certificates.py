"""`tdkt certificates`: the text printed on each awardee's certificate (Giấy khen), from a decision's list.

One file per person, or one print file with a page per person. The decision's number and date come from the
register once it is issued; before that the number is left blank, as on the draft decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .archive.store import issued_numbers
from .batch import Progress, plain, render_many
from .campaign import load
from .documents import formats
from .documents.model import Decision, ListRow
from .errors import Problem, Problems, TdktError, TemplateFileError
from .fsutil import write_atomic
from .inputs.awards import RewardForm
from .text import ascii_slug
from .workspace import Workspace

FOLDER = "giay_khen"


@dataclass(frozen=True)
class CertificateReport:
    written: tuple[Path, ...]
    people: int
    warnings: tuple[Problem, ...]


def certificate_fields(decision: Decision, form: RewardForm) -> dict[str, Any]:
    """The fields every certificate of one award in one decision shares (README: the certificate template)."""
    return {
        "nguoi_tang": decision.tham_quyen,
        "ten_hinh_thuc": form.ten_ngan.upper(),
        "ten_phong_trao": decision.ten_phong_trao,
        "so_quyet_dinh": decision.so_ky_hieu,
        "ngay_quyet_dinh": formats.ngay_thang_nam(decision.ngay),
        "dia_danh_ngay": formats.dia_danh_ngay(decision.dia_danh, decision.ngay),
        "chuc_vu_ky": list(decision.signature.titles),
        "nguoi_ky": decision.signature.name,
    }


def card_fields(row: ListRow, number: int) -> dict[str, str]:
    """One awardee's own lines, with the certificate's number in the book (sổ vàng)."""
    n = row.nomination
    return {
        "ho_ten": n.ho_ten,
        "chuc_vu_don_vi": row.chuc_vu_don_vi,
        "thanh_tich": n.thanh_tich,
        "so_so_vang": f"{number:03d}",
    }


def certificates(
    campaign_folder: Path,
    workspace: Workspace,
    code: str | None = None,
    merged: bool = False,
    jobs: int = 1,
    progress: Progress | None = None,
) -> CertificateReport:
    problems = Problems()
    loaded = load([campaign_folder], problems)
    problems.raise_if_errors()
    (item,) = loaded
    issued = issued_numbers(workspace.archive.current(item.campaign))
    planned = item.plan(workspace.templates, workspace.outputs, problems, issued)
    problems.raise_if_errors()
    decisions = [d for d in planned if isinstance(d, Decision) and code in (None, d.ma)]
    if not decisions:
        what = f"có ma = “{code}”" if code else "nào"
        raise TdktError(Problem(item.campaign.source, f"không có quyết định khen thưởng {what} để in giấy khen"))
    tasks: list[tuple[str, dict]] = []
    targets: list[Path] = []
    people = 0
    folder = workspace.outputs / item.campaign.ma / FOLDER
    for decision in decisions:  # an issued one carries its issue date
        for form in decision.forms:
            if not form.mau_in:
                continue
            rows = [r for r in decision.danh_sach.rows if r.form.ma == form.ma]
            if not rows:
                continue
            template = str(workspace.templates / form.mau_in)
            common = certificate_fields(decision, form)
            cards = [card_fields(row, i) for i, row in enumerate(rows, start=1)]
            people += len(cards)
            stem = f"{ascii_slug(form.ten_ngan)}-{decision.output.stem}"
            if merged:
                tasks.append((template, common | {"giay_khen": cards}))
                targets.append(folder / f"{stem}-in-gop.docx")
            else:
                for card in cards:
                    tasks.append((template, common | {"giay_khen": [card]}))
                    targets.append(folder / stem / f"{card['so_so_vang']}-{ascii_slug(card['ho_ten'])}.docx")
    if not tasks:
        raise TdktError(Problem(item.campaign.source, "các quyết định không có ai được tặng hình thức có mẫu in"))
    files = []
    for target, result in zip(targets, render_many(tasks, plain, jobs, progress), strict=True):
        if isinstance(result, TemplateFileError):
            problems.add(result.problems)
        else:
            files.append((target, result))
    problems.raise_if_errors()
    for target, data in files:
        write_atomic(target, data)
    return CertificateReport(tuple(t for t, _ in files), people, tuple(problems.warnings))
