"""`tdkt issue`: number, date and archive a document (NĐ30 Điều 15–16, 19: "Lưu VT").

The number is taken, the final document rendered with it, turned into PDF and recorded, all inside one register
transaction; only after the commit are the files written to the archive folder (`luu_vt/<year>/`), each through a
temporary name. So a failure before the commit takes no number and leaves no file, and an issued document can
always be written out again from the register (`tdkt register verify --khoi-phuc`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document

from .archive import Archive, issued_numbers
from .build import LoadedCampaign, Workspace, load
from .check import check_document
from .errors import Problem, Problems, TdktError
from .fsutil import write_atomic
from .model import DocumentSpec
from .office import convert_to_pdf, find_soffice
from .plan import Issued, PlannedDocument, output_name
from .register import Entry, NewEntry, SqliteRegister
from .render import render_docx
from .text import ascii_only, ascii_slug


@dataclass(frozen=True)
class IssueResult:
    entry: Entry
    files: tuple[Path, ...]
    warnings: tuple[Problem, ...]


def series_of(item: LoadedCampaign, spec: DocumentSpec) -> str:
    """One series for the agency by default; per type, or a body's own series, when configured."""
    if spec.so_theo:
        return spec.so_theo
    return spec.loai if item.agency.so_theo_loai else "chung"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _pdf_of(docx: bytes, stem: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="tdkt-issue-") as tmp:
        source = Path(tmp) / f"{stem}.docx"
        source.write_bytes(docx)
        return convert_to_pdf(source, Path(tmp) / "pdf", archival=True).read_bytes()


def metadata(entry: Entry, paths: dict[str, Path], replaced: Entry | None) -> dict:
    files = {"docx": {"ten": paths["docx"].name, "sha256": entry.bam_docx}}
    if entry.bam_pdf:
        files["pdf"] = {"ten": paths["pdf"].name, "sha256": entry.bam_pdf}
    return {
        "so": entry.so,
        "ky_hieu": entry.ky_hieu,
        "so_ky_hieu": entry.so_ky_hieu,
        "so_theo": entry.so_theo,
        "ngay": entry.ngay.isoformat(),
        "loai": entry.loai,
        "ten_loai": entry.ten_loai,
        "trich_yeu": entry.trich_yeu,
        "nguoi_ky": entry.nguoi_ky,
        "noi_nhan": list(entry.noi_nhan),
        "so_ban": entry.so_ban,
        "don_vi_luu": entry.don_vi_luu,
        "thay_the": replaced.so_ky_hieu if replaced is not None else None,
        "phong_trao": entry.phong_trao,
        "ma_van_ban": entry.ma_van_ban,
        "tep": files,
        "bam_dau_vao": entry.bam_dau_vao,
        "dau_vao": entry.dau_vao,
    }


def write_archive(archive: Archive, entry: Entry, register: SqliteRegister) -> list[Path]:
    """Write an issued document's files from the register into the archive folder, each atomically."""
    docx, pdf = register.files(entry.id)
    paths = archive.paths(entry)
    replaced = next((e for e in register.entries() if e.id == entry.thay_the), None) if entry.thay_the else None
    written = []
    write_atomic(paths["docx"], docx)
    written.append(paths["docx"])
    if pdf is not None:
        write_atomic(paths["pdf"], pdf)
        written.append(paths["pdf"])
    record = json.dumps(metadata(entry, paths, replaced), ensure_ascii=False, indent=2) + "\n"
    write_atomic(paths["json"], record.encode("utf-8"))
    written.append(paths["json"])
    return written


def issue_document(
    campaign_folder: Path,
    code: str,
    workspace: Workspace,
    archive: Archive,
    day: dt.date,
    replacement: bool = False,
    pdf: bool = True,
) -> IssueResult:
    problems = Problems()
    loaded = load([campaign_folder], problems)
    problems.raise_if_errors()
    (item,) = loaded
    spec = next((d for d in item.campaign.documents if d.ma == code), None)
    if spec is None:
        known = ", ".join(d.ma for d in item.campaign.documents)
        raise TdktError(Problem(item.campaign.source, f"không có văn bản nào có ma = “{code}” (có: {known})"))
    register = archive.register()
    current = register.current(item.campaign.ma, code)
    if current is not None and not replacement:
        raise TdktError(
            Problem(
                item.campaign.source,
                where=code,
                message=f"đã phát hành số {current.so_ky_hieu} ngày {current.ngay:%d/%m/%Y}; văn bản đã phát hành "
                "không sửa được — muốn ban hành văn bản thay thế, thêm --thay-the",
            )
        )
    if current is None and replacement:
        raise TdktError(
            Problem(item.campaign.source, where=code, message="chưa phát hành nên không có văn bản nào để thay thế")
        )
    if pdf and find_soffice() is None:
        problems.warn(item.campaign.source, code, "không tìm thấy LibreOffice: lưu bản Word, chưa có bản PDF")
        pdf = False
    issued = issued_numbers(archive.current(item.campaign))

    def make(number: int) -> NewEntry:
        planned = item.plan(workspace, problems, dict(issued) | {code: Issued(number, day)})
        problems.raise_if_errors()
        doc = next(d for d in planned if d.spec.ma == code)
        docx = render_docx(doc.template, doc.context)
        for verdict in check_document(Document(io.BytesIO(docx))):
            if not verdict.ok:
                problems.warn(doc.output, "", f"thể thức: {verdict.title} ({verdict.where[:50]}): {verdict.detail}")
        name = f"{number:03d}-{ascii_only(doc.context['ky_hieu'])}-{ascii_slug(doc.output.stem.split('-', 1)[-1])}"
        pdf_bytes = _pdf_of(docx, name) if pdf else None
        return _entry(item, doc, number, day, name, docx, pdf_bytes, current)

    entry = register.issue(series_of(item, spec), day.year, make)
    files = write_archive(archive, entry, register)
    # The issued version takes the draft's place among the campaign's outputs; `tdkt build` never touches it again.
    docx, _ = register.files(entry.id)
    draft = workspace.outputs / item.campaign.ma / output_name(item.campaign, spec)
    write_atomic(draft, docx)
    return IssueResult(entry, (*files, draft), tuple(problems.warnings))


def _entry(
    item: LoadedCampaign,
    doc: PlannedDocument,
    number: int,
    day: dt.date,
    name: str,
    docx: bytes,
    pdf: bytes | None,
    replaced: Entry | None,
) -> NewEntry:
    spec, context = doc.spec, doc.context
    recipients = tuple(context["noi_nhan"])
    others = [line for line in recipients if not line.startswith("- Lưu:")]
    note = f"Thay thế văn bản số {replaced.so_ky_hieu} ngày {replaced.ngay:%d/%m/%Y}" if replaced else ""
    return NewEntry(
        ky_hieu=context["ky_hieu"],
        ngay=day,
        loai=spec.loai,
        ten_loai=doc.doc_type.ten.capitalize(),
        trich_yeu=spec.trich_yeu,
        nguoi_ky=context["nguoi_ky"],
        noi_nhan=recipients,
        don_vi_luu=spec.don_vi_soan_thao,
        so_ban=len(others) + (spec.so_ban_luu or 2),  # one a recipient, and the archive's and the unit's copies
        phong_trao=item.campaign.ma,
        ma_van_ban=spec.ma,
        thay_the=replaced.id if replaced else None,
        bam_dau_vao=doc.fingerprint,
        dau_vao=doc.parts,
        ten_tep=name,
        docx=docx,
        pdf=pdf,
        bam_docx=_sha(docx),
        bam_pdf=_sha(pdf) if pdf is not None else None,
        ghi_chu=note,
    )
