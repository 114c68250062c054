"""From a validated campaign to planned documents: each one's template, output name and template fields.

The fields are the template's whole vocabulary (listed in the README's glossary). Every value is plain text or a
list of plain text; the templates decide the look.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import formats
from .body import parse_body
from .errors import Problems
from .model import Agency, Campaign, DocumentSpec, DocumentType
from .text import ascii_slug

DA_KY = "(Đã ký)"


@dataclass(frozen=True)
class PlannedDocument:
    spec: DocumentSpec
    doc_type: DocumentType
    template: Path
    output: Path
    context: dict[str, Any]


def output_name(campaign: Campaign, spec: DocumentSpec) -> str:
    """`KH-phong-trao-thi-dua-dac-biet.docx`: type and subject in ASCII, so any system and mail server takes it."""
    subject = ascii_slug(spec.ten_tep) if spec.ten_tep else ascii_slug(campaign.ma)
    return f"{ascii_slug(spec.loai).upper() or 'VB'}-{subject}.docx"


def document_context(
    agency: Agency,
    spec: DocumentSpec,
    doc_type: DocumentType,
    body_text: str = "",
    number: int | None = None,
    signed: bool = False,
) -> dict[str, Any]:
    signer = agency.signer(spec.nguoi_ky)
    assert signer is not None, "config validation guarantees a known signer"
    issuer = spec.don_vi_soan_thao if spec.ky_hieu_don_vi else agency.viet_tat
    symbol = formats.ky_hieu(doc_type.ma, issuer)
    return {
        "co_quan_chu_quan": agency.co_quan_chu_quan.upper(),
        "co_quan": agency.ten.upper(),
        "so_ky_hieu": formats.so_ky_hieu(number, symbol),
        "ky_hieu": symbol,
        "dia_danh_ngay": formats.dia_danh_ngay(agency.dia_danh, spec.ngay),
        "ten_loai": doc_type.ten.upper(),
        "trich_yeu": spec.trich_yeu,
        "can_cu": formats.list_lines(spec.can_cu),
        "kinh_gui": formats.list_lines(spec.kinh_gui),
        "noi_dung": [{"loai": p.loai, "van_ban": p.van_ban} for p in parse_body(body_text)],
        "noi_nhan": formats.noi_nhan(spec.noi_nhan, spec.don_vi_soan_thao, spec.so_ban_luu),
        "chuc_vu_ky": formats.signature_titles(agency, signer, spec.ky_thay),
        "nguoi_ky": signer.ho_ten,
        "da_ky": DA_KY if signed else "",
    }


def plan_campaign(
    agency: Agency,
    types: dict[str, DocumentType],
    campaign: Campaign,
    templates: Path,
    outputs: Path,
    problems: Problems,
    signed: bool = False,
) -> list[PlannedDocument]:
    planned = []
    for spec in campaign.documents:
        doc_type = types[spec.loai]
        body_text = ""
        if spec.noi_dung is not None:
            try:
                body_text = spec.noi_dung.read_text(encoding="utf-8-sig")
            except UnicodeDecodeError:
                problems.error(spec.noi_dung, "", "tệp nội dung không phải UTF-8 (hãy lưu lại với mã UTF-8)")
                continue
            if not parse_body(body_text):
                problems.error(spec.noi_dung, "", "tệp nội dung trống")
                continue
        planned.append(
            PlannedDocument(
                spec=spec,
                doc_type=doc_type,
                template=templates / doc_type.mau,
                output=outputs / campaign.ma / output_name(campaign, spec),
                context=document_context(agency, spec, doc_type, body_text, signed=signed),
            )
        )
    return planned
