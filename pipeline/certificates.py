"""`tdkt certificates`: the text printed on each awardee's certificate (Giấy khen), from a Quyết định's list.

One file per person, or one print file with a page per person. The decision's number and date come from the
register once it is issued; before that the number is left blank, as on the draft decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import formats
from .archive import issued_numbers
from .batch import Progress, plain, render_many
from .build import Workspace, load
from .errors import Problem, Problems, TdktError, TemplateProblem
from .fsutil import write_atomic
from .text import ascii_slug

FOLDER = "giay_khen"


@dataclass(frozen=True)
class CertificateReport:
    written: tuple[Path, ...]
    people: int
    warnings: tuple[Problem, ...]


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
    decisions = [d for d in item.campaign.documents if d.loai == "QĐ" and d.hinh_thuc and code in (None, d.ma)]
    if not decisions:
        what = f"có ma = “{code}”" if code else "nào"
        raise TdktError(Problem(item.campaign.source, f"không có quyết định khen thưởng {what} để in giấy khen"))
    planned = item.plan(workspace, problems, issued_numbers(workspace.archive.current(item.campaign)))
    problems.raise_if_errors()
    tasks: list[tuple[str, dict]] = []
    targets: list[Path] = []
    people = 0
    folder = workspace.outputs / item.campaign.ma / FOLDER
    wanted = {d.ma for d in decisions}
    for doc in (d for d in planned if d.spec.ma in wanted):  # an issued one carries its issue date
        for form in (item.awards.form(c) for c in doc.spec.hinh_thuc):
            if form is None or not form.mau_in:
                continue
            rows = [r for g in doc.context["nhom_danh_sach"] for r in g["dong"] if r["hinh_thuc"] == form.ten_ngan]
            if not rows:
                continue
            template = str(workspace.templates / form.mau_in)
            common = {
                "nguoi_tang": doc.context["tham_quyen"],
                "ten_hinh_thuc": form.ten_ngan.upper(),
                "ten_phong_trao": doc.context["ten_phong_trao"],
                "so_quyet_dinh": doc.context["so_ky_hieu"],
                "ngay_quyet_dinh": formats.ngay_thang_nam(doc.spec.ngay),
                "dia_danh_ngay": doc.context["dia_danh_ngay"],
                "chuc_vu_ky": doc.context["chuc_vu_ky"],
                "nguoi_ky": doc.context["nguoi_ky"],
            }
            cards = [
                {
                    "ho_ten": r["ho_ten"],
                    "chuc_vu_don_vi": r["chuc_vu_don_vi"],
                    "thanh_tich": r["thanh_tich"],
                    "so_so_vang": f"{i:03d}",
                }
                for i, r in enumerate(rows, start=1)
            ]
            people += len(cards)
            stem = f"{ascii_slug(form.ten_ngan)}-{doc.output.stem}"
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
        if isinstance(result, TemplateProblem):
            problems.items.extend(result.problems)
        else:
            files.append((target, result))
    problems.raise_if_errors()
    for target, data in files:
        write_atomic(target, data)
    return CertificateReport(tuple(t for t, _ in files), people, tuple(problems.warnings))
