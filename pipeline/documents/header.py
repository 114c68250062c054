"""What every document shows, whatever its kind: header, number, date, recipients, signature, body; and the
fingerprint of what it was made from. Kinds build on these parts (pipeline/documents/kinds).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..errors import Problems
from ..fsutil import bounded
from ..inputs.collate import fold
from ..inputs.legal import LegalDocument
from ..model import Agency, Campaign, DocumentSpec, DocumentType
from ..text import ascii_only, ascii_slug
from . import formats
from .body import parse_body
from .model import Signature, digest
from .planning import Planning

_file_digests: dict[tuple[Path, int, int], str] = {}


def file_digest(path: Path) -> str:
    """The file's sha256, computed once per process for an unchanged file (a template serves many documents)."""
    try:
        stat = path.stat()
    except OSError:
        return ""
    key = (path, stat.st_mtime_ns, stat.st_size)
    found = _file_digests.get(key)
    if found is None:
        found = _file_digests[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def output_name(campaign: Campaign, spec: DocumentSpec) -> str:
    """`KH-phong-trao-thi-dua-dac-biet.docx`: type and subject in ASCII, so any system and mail server takes it."""
    subject = ascii_slug(spec.ten_tep) if spec.ten_tep else ascii_slug(campaign.ma)
    return bounded(f"{ascii_only(spec.loai) or 'VB'}-{subject}", 100) + ".docx"


def symbol_of(agency: Agency, spec: DocumentSpec, doc_type: DocumentType) -> str:
    """`QĐ-SKHĐT`, or `TTr-VP` for a document issued in the name of a unit."""
    return formats.ky_hieu(doc_type.ma, spec.don_vi_soan_thao if spec.ky_hieu_don_vi else agency.viet_tat)


def issuer_of(agency: Agency, spec: DocumentSpec, doc_type: DocumentType) -> str:
    """Who a document is cited as being from: the head for what the head issues (a Quyết định), the unit for a
    document in a unit's own name (`TTr-VP`), else the agency."""
    if doc_type.thu_truong_ban_hanh:
        return f"{agency.thu_truong} {agency.ten}"
    unit = agency.unit(spec.don_vi_soan_thao)
    if spec.ky_hieu_don_vi and unit is not None:
        return f"{unit.ten} {agency.ten}"
    return agency.ten


def citation(spec: DocumentSpec, planning: Planning) -> str:
    """`Kế hoạch số 01/KH-SKHĐT ngày 15 tháng 10 năm 2021 của Sở Kế hoạch và Đầu tư thực hiện …`: another document
    of the campaign by its number and date once issued, with a blank number before (as a draft shows its own)."""
    doc_type = planning.types[spec.loai]
    dated = planning.dated(spec)
    number = formats.so_ky_hieu(planning.number(spec.ma), symbol_of(planning.agency, spec, doc_type))
    summary = spec.trich_yeu[:1].lower() + spec.trich_yeu[1:]
    issuer = issuer_of(planning.agency, spec, doc_type)
    return f"{doc_type.ten.capitalize()} số {number} {formats.ngay_thang_nam(dated.ngay)} của {issuer} {summary}"


def legal_citation(law: LegalDocument) -> str:
    """`Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định …`; a law by its name and the
    day it was passed, without its number (SPEC §1: a Luật is cited without its number)."""
    if law.loai == "Luật":
        return f"{law.ten} {formats.ngay_thang_nam(law.ngay)}"
    return f"{law.loai} số {law.so} {formats.ngay_thang_nam(law.ngay)} của {law.co_quan} {law.ten}"


def legal_bases(spec: DocumentSpec, doc_type: DocumentType, planning: Planning, problems: Problems) -> list[str]:
    """The căn cứ lines: as the campaign file types them, else the laws in force on the document's date for its
    kind (data/van_ban_phap_ly.toml); with the agency's own authority for what its head issues. A line citing a
    document not in force on that date is a warning naming both dates (an error with --strict)."""
    defaults = planning.legal.defaults(doc_type.kieu, spec.ngay)
    lines = list(spec.can_cu) or [f"Căn cứ {legal_citation(law)}" for law in defaults]
    authority = planning.agency.quyet_dinh_chuc_nang
    if doc_type.thu_truong_ban_hanh and authority and not any(authority[:40] in line for line in lines):
        lines.append(f"Căn cứ {authority}")
    for line in lines:
        for law in planning.legal.cited_in(line):
            if law.in_force(spec.ngay):
                continue
            until = f" đến {law.hieu_luc_den:%d/%m/%Y}" if law.hieu_luc_den else ""
            after = planning.legal.get(law.thay_bang)
            instead = f"; nay là {after.nhan_dien[0]}" if after is not None and after.in_force(spec.ngay) else ""
            problems.warn(
                planning.campaign.source,
                spec.ma,
                f"căn cứ dẫn {law.nhan_dien[0]} (hiệu lực từ {law.hieu_luc_tu:%d/%m/%Y}{until}) không có hiệu lực vào "
                f"ngày của văn bản {spec.ngay:%d/%m/%Y}{instead}",
            )
    return lines


def recipients(spec: DocumentSpec, doc_type: DocumentType) -> list[str]:
    """Nơi nhận with the line the type always starts with (`Như trên`, `Như Điều 3`) added once."""
    lines = list(spec.noi_nhan)
    first = doc_type.noi_nhan_dau
    if first and not any(fold(line) == fold(first) for line in lines):
        lines.insert(0, first)
    return formats.noi_nhan(lines, spec.don_vi_soan_thao, spec.so_ban_luu)


def _body_text(spec: DocumentSpec, problems: Problems) -> str | None:
    if spec.noi_dung is None:
        return ""
    try:
        text = spec.noi_dung.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        problems.error(spec.noi_dung, "", "tệp nội dung không phải UTF-8 (hãy lưu lại với mã UTF-8)")
        return None
    except OSError as e:
        problems.error(spec.noi_dung, "", f"không đọc được tệp nội dung ({e.strerror or e})")
        return None
    if not parse_body(text):
        problems.error(spec.noi_dung, "", "tệp nội dung trống")
        return None
    return text


def common_parts(spec: DocumentSpec, planning: Planning, problems: Problems) -> dict[str, Any] | None:
    """The keyword arguments of a `Document` for `spec`, or None when its body text is unusable (a problem is
    added). A kind adds its own and may refine the fingerprint (`inputs`)."""
    agency, campaign = planning.agency, planning.campaign
    doc_type = planning.types[spec.loai]
    spec = planning.dated(spec)
    body_text = _body_text(spec, problems)
    if body_text is None:
        return None
    signer = agency.signer(spec.nguoi_ky)
    assert signer is not None, "campaign validation guarantees a known signer"
    # A document in a unit's own name (`TTr-VP`) is headed by the agency over the unit [practice].
    unit = agency.unit(spec.don_vi_soan_thao) if spec.ky_hieu_don_vi else None
    above, issuer = (agency.ten, unit.ten) if unit is not None else (agency.co_quan_chu_quan, agency.ten)
    number = planning.number(spec.ma)
    template = planning.templates / doc_type.mau
    cited = [citation(other, planning) for other in map(planning.spec, spec.can_cu_van_ban) if other is not None]
    bases = legal_bases(spec, doc_type, planning, problems)
    inputs = {
        "mau": file_digest(template),
        "co_quan": planning.agency_digest,
        "phong_trao": digest([asdict(spec) | {"ngay": None}, campaign.ten, campaign.thu_tu_nhom]),
        "noi_dung": digest(body_text),
        "de_nghi": digest([]),
        "phap_ly": planning.legal_inputs(spec.loai, with_awards=False),
        "so_ngay": digest([number, spec.ngay, None, planning.signed] + ([cited] if cited else [])),
    }
    return {
        "ma": spec.ma,
        "spec": spec,
        "doc_type": doc_type,
        "template": template,
        "output": planning.outputs / campaign.ma / output_name(campaign, spec),
        "so": number,
        "ngay": spec.ngay,
        "ky_hieu": symbol_of(agency, spec, doc_type),
        "co_quan_chu_quan": above.upper(),
        "co_quan": issuer.upper(),
        "ten_co_quan": agency.ten,
        "dia_danh": agency.dia_danh,
        "can_cu": (*bases, *(f"Căn cứ {line}" for line in cited)),
        "kinh_gui": spec.kinh_gui,
        "noi_nhan": tuple(recipients(spec, doc_type)),
        "signature": Signature(
            tuple(formats.signature_titles(agency, signer, spec.ky_thay)), signer.ho_ten, planning.signed
        ),
        "body": tuple(parse_body(body_text)),
        "inputs": inputs,
    }
