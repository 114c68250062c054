"""From a validated campaign to planned documents: each one's template, output name and template fields.

The fields are the template's whole vocabulary (listed in the README's glossary). Every value is plain text or a
list of plain text; the templates decide the look.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from . import formats
from .awards import AwardData
from .body import parse_body
from .collate import fold
from .errors import Problems, TdktError
from .model import Agency, Campaign, DocumentSpec, DocumentType, Nomination
from .reward_plan import reward_context
from .text import ascii_only, ascii_slug

DA_KY = "(Đã ký)"


@dataclass(frozen=True)
class Issued:
    """A document's number and date once it is issued: what the document itself and the ones citing it show."""

    so: int
    ngay: dt.date


@dataclass(frozen=True)
class PlannedDocument:
    spec: DocumentSpec
    doc_type: DocumentType
    template: Path
    output: Path
    context: dict[str, Any]
    parts: dict[str, str] = field(default_factory=dict)  # a fingerprint of each kind of input (INPUT_KINDS)

    @property
    def fingerprint(self) -> str:
        return digest(self.parts)


# The kinds of input a document is made from, as a clerk would name them when told why it was rebuilt.
INPUT_KINDS = {
    "mau": "mẫu Word",
    "co_quan": "hồ sơ cơ quan",
    "phong_trao": "tệp đợt thi đua",
    "noi_dung": "tệp nội dung",
    "de_nghi": "bảng đề nghị",
    "phap_ly": "dữ liệu pháp lý",
    "so_ngay": "số, ngày văn bản",
}


def _plain(value: Any) -> Any:
    if isinstance(value, Path):
        return value.name  # moving the inputs folder changes no document
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=_plain)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def output_name(campaign: Campaign, spec: DocumentSpec) -> str:
    """`KH-phong-trao-thi-dua-dac-biet.docx`: type and subject in ASCII, so any system and mail server takes it."""
    subject = ascii_slug(spec.ten_tep) if spec.ten_tep else ascii_slug(campaign.ma)
    return f"{ascii_only(spec.loai) or 'VB'}-{subject}.docx"


def symbol_of(agency: Agency, spec: DocumentSpec, doc_type: DocumentType) -> str:
    """`QĐ-SKHĐT`, or `TTr-VP` for a document issued in the name of a unit."""
    return formats.ky_hieu(doc_type.ma, spec.don_vi_soan_thao if spec.ky_hieu_don_vi else agency.viet_tat)


def recipients(spec: DocumentSpec, doc_type: DocumentType) -> list[str]:
    """Nơi nhận with the line the type always starts with (`Như trên`, `Như Điều 3`) added once."""
    lines = list(spec.noi_nhan)
    first = doc_type.noi_nhan_dau
    if first and not any(fold(line) == fold(first) for line in lines):
        lines.insert(0, first)
    return formats.noi_nhan(lines, spec.don_vi_soan_thao, spec.so_ban_luu)


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
    symbol = symbol_of(agency, spec, doc_type)
    # A document in a unit's own name (`TTr-VP`) is headed by the agency over the unit [practice].
    unit = agency.unit(spec.don_vi_soan_thao) if spec.ky_hieu_don_vi else None
    above, issuer = (agency.ten, unit.ten) if unit is not None else (agency.co_quan_chu_quan, agency.ten)
    return {
        "co_quan_chu_quan": above.upper(),
        "co_quan": issuer.upper(),
        "so_ky_hieu": formats.so_ky_hieu(number, symbol),
        "ky_hieu": symbol,
        "dia_danh_ngay": formats.dia_danh_ngay(agency.dia_danh, spec.ngay),
        "ten_loai": doc_type.ten.upper(),
        "trich_yeu": spec.trich_yeu,
        "can_cu": formats.list_lines(spec.can_cu),
        "kinh_gui": formats.list_lines(spec.kinh_gui),
        "noi_dung": [{"loai": p.loai, "van_ban": p.van_ban} for p in parse_body(body_text)],
        "noi_nhan": recipients(spec, doc_type),
        "chuc_vu_ky": formats.signature_titles(agency, signer, spec.ky_thay),
        "nguoi_ky": signer.ho_ten,
        "da_ky": DA_KY if signed else "",
    }


def plan_campaign(
    agency: Agency,
    types: dict[str, DocumentType],
    awards: AwardData,
    campaign: Campaign,
    nominations: Sequence[Nomination],
    templates: Path,
    outputs: Path,
    problems: Problems,
    signed: bool = False,
    issued: Mapping[str, Issued] | None = None,
) -> list[PlannedDocument]:
    """Every document of the campaign with its fields; `issued` gives the number and date of those issued."""
    issued = issued or {}
    planned = []
    by_code = {spec.ma: spec for spec in campaign.documents}
    for spec in campaign.documents:
        doc_type = types[spec.loai]
        own = issued.get(spec.ma)
        if own is not None:
            spec = replace(spec, ngay=own.ngay)  # NĐ30 Điều 15: number and date come with issuing
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
        number = own.so if own is not None else None
        context = document_context(agency, spec, doc_type, body_text, number=number, signed=signed)
        cited = None
        if spec.hinh_thuc:
            if spec.theo_to_trinh in by_code:
                cited_spec = by_code[spec.theo_to_trinh]
                cited_symbol = symbol_of(agency, cited_spec, types[cited_spec.loai])
                cited_issue = issued.get(cited_spec.ma)
                if cited_issue is not None:
                    cited_spec = replace(cited_spec, ngay=cited_issue.ngay)
                cited_number = cited_issue.so if cited_issue is not None else None
                cited = (cited_spec, formats.so_ky_hieu(cited_number, cited_symbol))
            symbol = symbol_of(agency, spec, doc_type)
            try:
                context |= reward_context(
                    agency, campaign, spec, doc_type, nominations, awards, symbol, cited, problems, number
                )
            except TdktError as e:
                problems.items.extend(e.problems)
                continue
        template = templates / doc_type.mau
        parts = {
            "mau": file_digest(template),
            "co_quan": digest(asdict(agency)),
            "phong_trao": digest([asdict(spec) | {"ngay": None}, campaign.ten, campaign.thu_tu_nhom]),
            "noi_dung": digest(body_text),
            "de_nghi": digest(context.get("nhom_danh_sach", [])),
            "phap_ly": digest([asdict(doc_type), awards.raw if spec.hinh_thuc else None]),
            "so_ngay": digest([number, spec.ngay, cited[1] if cited else None, signed]),
        }
        planned.append(
            PlannedDocument(
                spec=spec,
                doc_type=doc_type,
                template=template,
                output=outputs / campaign.ma / output_name(campaign, spec),
                context=context,
                parts=parts,
            )
        )
    return planned
