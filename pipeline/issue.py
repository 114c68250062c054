"""`tdkt issue`: number, date and archive a document (NĐ30 Điều 15–16, 19: "Lưu VT").

The number is taken, the final document rendered with it, turned into PDF and recorded, all inside one register
transaction; only after the commit are the files written to the archive folder (`luu_vt/<year>/`), each through a
temporary name. So a failure before the commit takes no number and leaves no file, and an issued document can
always be written out again from the register (`tdkt register verify --khoi-phuc`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .archive.register import Entry, NewEntry
from .archive.store import Archive, issued_numbers
from .campaign import LoadedCampaign, load
from .check.rules import check_document
from .documents.model import Document
from .errors import Problem, Problems, TdktError
from .fsutil import write_atomic
from .model import DocumentSpec, Issued
from .render.office import convert_to_pdf, find_soffice
from .render.templates import render_with_document
from .text import ascii_only, ascii_slug
from .workspace import Workspace


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


def archive_name(document: Document, number: int) -> str:
    """`005-QD-SKHDT-tang-giay-khen`: number, symbol and subject in ASCII, in register order."""
    subject = ascii_slug(document.output.stem.split("-", 1)[-1])
    return f"{number:03d}-{ascii_only(document.ky_hieu)}-{subject}"


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
    made: list[Document] = []

    def make(number: int) -> NewEntry:
        numbers = dict(issued) | {code: Issued(number, day)}
        planned = item.plan(workspace.templates, workspace.outputs, problems, numbers)
        problems.raise_if_errors()
        doc = next(d for d in planned if d.ma == code)
        made.append(doc)
        docx, document = render_with_document(doc.template, doc.fields())
        for verdict in check_document(document):
            if not verdict.ok:
                problems.warn(doc.output, "", f"thể thức: {verdict.title} ({verdict.where[:50]}): {verdict.detail}")
        name = archive_name(doc, number)
        pdf_bytes = _pdf_of(docx, name) if pdf else None
        return _entry(item, doc, name, docx, pdf_bytes, current)

    entry = register.issue(series_of(item, spec), day.year, make)
    files = archive.write(entry)
    # The issued version takes the draft's place among the campaign's outputs; `tdkt build` never touches it again.
    docx, _ = register.files(entry.id)
    draft = made[-1].output
    write_atomic(draft, docx)
    return IssueResult(entry, (*files, draft), tuple(problems.warnings))


def _entry(
    item: LoadedCampaign, doc: Document, name: str, docx: bytes, pdf: bytes | None, replaced: Entry | None
) -> NewEntry:
    spec = doc.spec
    note = f"Thay thế văn bản số {replaced.so_ky_hieu} ngày {replaced.ngay:%d/%m/%Y}" if replaced else ""
    return NewEntry(
        ky_hieu=doc.ky_hieu,
        ngay=doc.ngay,
        loai=spec.loai,
        ten_loai=doc.ten_loai,
        trich_yeu=spec.trich_yeu,
        nguoi_ky=doc.signature.name,
        noi_nhan=doc.noi_nhan,
        don_vi_luu=spec.don_vi_soan_thao,
        so_ban=len(doc.recipients) + (spec.so_ban_luu or 2),  # one a recipient, and the archive's and the unit's
        phong_trao=item.campaign.ma,
        ma_van_ban=doc.ma,
        thay_the=replaced.id if replaced else None,
        bam_dau_vao=doc.fingerprint,
        dau_vao=dict(doc.inputs),
        ten_tep=name,
        docx=docx,
        pdf=pdf,
        bam_docx=_sha(docx),
        bam_pdf=_sha(pdf) if pdf is not None else None,
        ghi_chu=note,
    )
