"""`tdkt issue`: number, date and archive a document (NĐ30 Điều 15–16, 19: "Lưu VT").

Issuing is one serialised decision. Inside one register transaction: the "already issued?" check, the numbers of
the documents it cites, the next number (checked against the archive's own records), the final document rendered
with it, its PDF, and its files written under temporary names beside their places in the archive; then the record,
and the commit. Only after the commit are the files renamed into place. So two clerks issuing the same document get
one number and one refusal naming it; a failure or a kill before the commit takes no number and leaves no file; a
full disk or a read-only archive stops the issue before anything is taken; and an issued document can always be
written again from the register (`tdkt register verify --khoi-phuc`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from .archive.history import award_rows
from .archive.register import Entry, NewEntry, Record, Transaction
from .archive.store import Archive, archive_record, issued_numbers
from .campaign import LoadedCampaign, check_identities, ensure_identity, load, same_identity
from .check.rules import check_document
from .documents import formats
from .documents.header import symbol_of
from .documents.model import Decision, Document
from .errors import Problem, Problems, TdktError
from .fsutil import aside, bounded, work_folder, write_atomic
from .manifest import DraftState, Manifest, draft_state
from .model import DocumentSpec, Issued
from .render.office import convert_to_pdf, find_soffice
from .render.signing import Signer, Sizes, UnreadablePdf, add_fields, pdfa_problems, place
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


def archive_name(document: Document, number: int, external: bool = False) -> str:
    """`005-QD-SKHDT-tang-giay-khen`: number, symbol and subject in ASCII, in register order, never too long; a
    number from the e-office system is marked (`125n-…`), so that it never takes the name of one of tdkt's own."""
    subject = ascii_slug(document.output.stem.split("-", 1)[-1])
    return bounded(f"{number:03d}{'n' if external else ''}-{ascii_only(document.ky_hieu)}-{subject}", 100)


def _refusal(item: LoadedCampaign, code: str, current: Entry | None, replacement: bool) -> TdktError | None:
    if current is not None and not replacement:
        return TdktError(
            Problem(
                item.campaign.source,
                where=code,
                message=f"đã phát hành số {current.so_ky_hieu} ngày {current.ngay:%d/%m/%Y}; văn bản đã phát hành "
                "không sửa được — muốn ban hành văn bản thay thế, thêm --thay-the",
            )
        )
    if current is None and replacement:
        return TdktError(
            Problem(item.campaign.source, where=code, message="chưa phát hành nên không có văn bản nào để thay thế")
        )
    return None


def _with_signature_fields(pdf: bytes, doc: Document, item: LoadedCampaign, problems: Problems) -> bytes:
    """The issued PDF with empty signature fields where the laid-out signature blocks are (render/signing.py), and
    still the PDF/A it was."""
    signers = [Signer(s.titles, s.name, role, seal=not role) for role, s in doc.signatures()]
    try:
        spots = place(pdf, signers, Sizes.of(item.agency.chu_ky_so))
        signed = add_fields(pdf, spots)
        kept = pdfa_problems(signed)
    except UnreadablePdf as e:
        problems.warn(doc.output, "", f"bản PDF do LibreOffice tạo không đọc được ({e}): lưu bản PDF không có ô ký")
        return pdf
    missing = [s.name for s in signers if s not in {spot.signer for spot in spots}]
    if missing:
        where = ", ".join(missing)
        problems.warn(doc.output, "", f"không tìm thấy khối chữ ký của {where} trong bản PDF: không có ô ký")
    for problem in kept:
        problems.warn(doc.output, "", f"bản PDF/A: {problem}")
    return signed


def _next_number(txn: Transaction, archive: Archive, series: str, day: dt.date) -> int:
    """The series' next number; refused when the archive holds a higher one than the register (a replaced
    register must never give a number twice)."""
    last = txn.last_number(series, day.year)
    out_of_order = dated_before(day, last + 1, txn.last_entry(series, day.year))
    if out_of_order:
        raise TdktError(Problem(archive.register_path, out_of_order))
    held = archive.highest_number(series, day.year)
    if held > last:
        raise TdktError(
            Problem(
                archive.register_path,
                f"sổ đăng ký dừng ở số {last:02d} nhưng thư mục lưu đã có số {held:02d} của năm {day.year}"
                " (sổ bị thay hoặc mất bản ghi); chạy “tdkt register rebuild” trước khi phát hành",
            )
        )
    return last + 1


def dated_before(day: dt.date, number: int, before: Entry | None) -> str:
    """Why `number` may not carry `day`: the number before it in its series is dated later ("" when it may)."""
    if before is None or day >= before.ngay:
        return ""
    return (
        f"số {number:02d} sẽ mang ngày {day:%d/%m/%Y}, trước ngày của số {before.so_ky_hieu} ({before.ngay:%d/%m/%Y}) "
        f"trong cùng sổ: số văn bản đi cấp theo thứ tự thời gian — phát hành với ngày từ {before.ngay:%d/%m/%Y}; "
        "chưa cấp số"
    )


def not_yet(day: dt.date) -> str:
    """Why a document may not be issued with `day`: a day not yet come ("" when it may)."""
    if day <= dt.date.today():
        return ""
    return (
        f"ngày {day:%d/%m/%Y} chưa tới: văn bản đi được cấp số và ghi ngày khi ký (ngày phát hành là ngày ký, không "
        "sau hôm nay); chưa cấp số"
    )


def _external_number(
    txn: Transaction, item: LoadedCampaign, spec: DocumentSpec, series: str, number: int, day: dt.date
) -> int:
    """A number the e-office system gave: refused if the year already has that number in the series or symbol."""
    if number < 1:
        raise TdktError(Problem(item.campaign.source, where=spec.ma, message="số văn bản phải là số nguyên dương"))
    symbol = symbol_of(item.agency, spec, item.types[spec.loai])
    taken = txn.number_taken(series, day.year, number, symbol)
    if taken is not None:
        raise TdktError(
            Problem(
                item.campaign.source,
                where=spec.ma,
                message=f"số {number:02d} năm {day.year} đã có trong sổ: {taken.so_ky_hieu} ngày {taken.ngay:%d/%m/%Y}"
                f" — {taken.trich_yeu[:60]}",
            )
        )
    return number


def next_number(campaign_folder: Path, code: str, workspace: Workspace, day: dt.date) -> tuple[str, str]:
    """The number and symbol `issue_document` would give now (`03/QĐ-SKHĐT`), for a confirmation, and why it would
    refuse that date ("" if it would not); issuing takes the number under the register's lock, so another issue in
    between moves it on."""
    problems = Problems()
    (item,) = load([campaign_folder], problems)
    problems.raise_if_errors()
    spec = next((d for d in item.campaign.documents if d.ma == code), None)
    if spec is None:
        raise TdktError(Problem(item.campaign.source, f"không có văn bản nào có ma = “{code}”"))
    series = series_of(item, spec)
    last, before = 0, None
    if workspace.archive.exists():
        with workspace.archive.register().transaction() as txn:
            last, before = txn.last_number(series, day.year), txn.last_entry(series, day.year)
    number = max(last, workspace.archive.highest_number(series, day.year)) + 1
    why = not_yet(day) or dated_before(day, number, before)
    return formats.so_ky_hieu(number, symbol_of(item.agency, spec, item.types[spec.loai])), why


def issue_document(
    campaign_folder: Path,
    code: str,
    workspace: Workspace,
    archive: Archive,
    day: dt.date,
    replacement: bool = False,
    pdf: bool = True,
    external: int | None = None,
    drop_edits: bool = False,
) -> IssueResult:
    """Issue one document: the next number of its series, or `external`, a number the agency's e-office system gave
    (kept apart: tdkt's own series and its gap check do not see it).

    The issued version is made from the inputs, so a draft edited by hand since its build would be issued without its
    edits: refused, no number taken, unless `drop_edits` — then the edited draft is kept beside the issued copy."""
    ensure_identity(campaign_folder)
    problems = Problems()
    loaded = load([campaign_folder], problems)
    problems.raise_if_errors()
    check_identities(loaded, archive, problems)
    problems.raise_if_errors()
    (item,) = loaded
    spec = next((d for d in item.campaign.documents if d.ma == code), None)
    if spec is None:
        known = ", ".join(d.ma for d in item.campaign.documents)
        raise TdktError(Problem(item.campaign.source, f"không có văn bản nào có ma = “{code}” (có: {known})"))
    if external is None and item.agency.so_ngoai:
        raise TdktError(
            Problem(
                item.campaign.source,
                where=code,
                message="cơ quan lấy số văn bản trên hệ thống quản lý văn bản (so_tu_he_thong = true trong "
                "co_quan.toml): ghi số đã được cấp bằng --so, ví dụ --so 125",
            )
        )
    if not_yet(day):  # a typo'd month would also hold every later number back until that day
        raise TdktError(Problem(item.campaign.source, where=code, message=not_yet(day)))
    if pdf and find_soffice() is None:
        problems.warn(item.campaign.source, code, "không tìm thấy LibreOffice: lưu bản Word, chưa có bản PDF")
        pdf = False
    register = archive.ready()
    identity = item.campaign.ma_phong_trao
    here = str(campaign_folder.resolve())
    series = series_of(item, spec)
    staged: list[tuple[Path, Path]] = []
    with work_folder(workspace.outputs) as scratch:
        try:
            with register.transaction() as txn:
                current = txn.current(identity, code)
                refusal = _refusal(item, code, current, replacement)
                if refusal is not None:
                    raise refusal
                recorded = txn.campaign_folder(identity)
                if recorded and recorded != here and same_identity(Path(recorded), identity):
                    check_identities(loaded, archive, problems)
                    problems.raise_if_errors()
                if external is not None:
                    number = _external_number(txn, item, spec, series, external, day)
                else:
                    number = _next_number(txn, archive, series, day)
                issued = issued_numbers(txn.issued(identity)) | {code: Issued(number, day)}
                planned = item.plan(workspace.templates, workspace.outputs, problems, issued)
                problems.raise_if_errors()
                doc = next(d for d in planned if d.ma == code)
                edited = current is None and edited_by_hand(doc, item)
                if edited and not drop_edits:  # the transaction is rolled back: the number is not taken
                    raise TdktError(Problem(doc.output, EDITED_DRAFT))
                new = _new_entry(item, doc, series, number, scratch, pdf, current, problems, external is not None)
                contents = {"docx": new.docx, "json": new.json} | ({"pdf": new.pdf} if new.pdf else {})
                staged = archive.stage(new, contents)
                entry = txn.record(new)
                txn.set_campaign_folder(identity, here)
        except BaseException:
            archive.discard(staged)
            raise
    files = archive.place(staged)
    # The issued version takes the draft's place among the campaign's outputs; `tdkt build` never touches it again.
    copy = workspace.outputs / entry.ban_sao
    kept = ()
    if edited and copy.is_file():
        kept = (aside(copy),)
        write_atomic(kept[0], copy.read_bytes())
        problems.warn(copy, "", f"bản nháp đã sửa tay không vào bản phát hành; được giữ lại: {kept[0].name}")
    write_atomic(copy, new.docx)
    return IssueResult(entry, (*files, copy, *kept), tuple(problems.warnings))


EDITED_DRAFT = (
    "bản nháp đã được sửa ngoài tdkt (mở bằng Word và sửa) sau lần dựng cuối; bản phát hành được dựng lại từ dữ liệu "
    "nên sẽ không có các sửa đổi đó. Hãy đưa sửa đổi vào dữ liệu (phong_trao.toml, tệp nội dung) rồi tdkt build, hoặc "
    "phát hành với --bo-sua-tay (bản sửa tay được giữ lại bên cạnh); chưa cấp số"
)


def edited_by_hand(doc: Document, item: LoadedCampaign) -> bool:
    """Whether the document's draft was changed outside tdkt since it was built (the build's manifest says)."""
    record = Manifest.read(doc.output.parent, item.campaign.ma_phong_trao).drafts.get(doc.ma)
    return record is not None and draft_state(doc, record)[0] is DraftState.EDITED


def _new_entry(
    item: LoadedCampaign,
    doc: Document,
    series: str,
    number: int,
    scratch: Path,
    pdf: bool,
    replaced: Entry | None,
    problems: Problems,
    external: bool = False,
) -> NewEntry:
    docx, document = render_with_document(doc.template, doc.fields())
    for verdict in check_document(document):
        if not verdict.ok:
            problems.warn(doc.output, "", f"thể thức: {verdict.title} ({verdict.where[:50]}): {verdict.detail}")
    name = archive_name(doc, number, external)
    pdf_bytes = None
    if pdf:
        source = scratch / f"{name}.docx"
        source.write_bytes(docx)
        pdf_bytes = convert_to_pdf(source, scratch / "pdf", archival=True).read_bytes()
        pdf_bytes = _with_signature_fields(pdf_bytes, doc, item, problems)
    spec = doc.spec
    notes = [f"Thay thế văn bản số {replaced.so_ky_hieu} ngày {replaced.ngay:%d/%m/%Y}"] if replaced else []
    notes += ["Số do hệ thống quản lý văn bản điện tử cấp"] if external else []
    note = "; ".join(notes)
    values = dict(
        so_theo=series,
        nam=doc.ngay.year,
        so=number,
        ky_hieu=doc.ky_hieu,
        ngay=doc.ngay,
        loai=spec.loai,
        ten_loai=doc.ten_loai,
        trich_yeu=spec.trich_yeu,
        nguoi_ky=doc.signature.name,
        noi_nhan=doc.noi_nhan,
        don_vi_luu=spec.don_vi_soan_thao,
        so_ban=len(doc.recipients) + (spec.so_ban_luu or 2),  # one a recipient, and the archive's and the unit's
        phong_trao=item.campaign.ma_phong_trao,
        thu_muc=item.campaign.ma,
        ma_van_ban=doc.ma,
        thay_the=replaced.id if replaced else None,
        bam_dau_vao=doc.fingerprint,
        dau_vao=dict(doc.inputs),
        ten_tep=name,
        ban_sao=f"{item.campaign.ma}/{doc.output.name}",
        bam_docx=_sha(docx),
        bam_pdf=_sha(pdf_bytes) if pdf_bytes is not None else None,
        ghi_chu=note,
        so_ngoai=external,
    )
    names = {"docx": f"{name}.docx", "pdf": f"{name}.pdf"}
    awarded = None
    if isinstance(doc, Decision):
        awarded = award_rows((row.nomination for row in doc.danh_sach.rows), doc.nam or doc.ngay.year)
    record = archive_record(Record(**values), names, replaced, awarded)
    return NewEntry(**values, bam_json=_sha(record), docx=docx, pdf=pdf_bytes, json=record)
