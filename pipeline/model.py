"""The typed objects that pass between stages. All frozen: a stage makes new ones, never edits old ones."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Unit:
    """A unit of the agency (phòng, văn phòng), which drafts documents and keeps their copies."""

    ten: str
    viet_tat: str


@dataclass(frozen=True)
class Signer:
    """A person in the agency's roster of signers.

    `ky_thay` is how this person signs for the head (NĐ30 Phụ lục I II.7): "" (the head), "KT", "TL", "TUQ" or "Q".
    """

    ma: str
    ho_ten: str
    chuc_vu: str
    ky_thay: str = ""


@dataclass(frozen=True)
class Agency:
    """The issuing agency, read from `co_quan.toml`."""

    co_quan_chu_quan: str
    ten: str
    viet_tat: str
    dia_danh: str
    thu_truong: str  # the head's title as it stands in a signature block: "GIÁM ĐỐC"
    units: tuple[Unit, ...]
    signers: tuple[Signer, ...]
    source: Path

    def unit(self, abbr: str) -> Unit | None:
        return next((u for u in self.units if u.viet_tat == abbr), None)

    def signer(self, code: str) -> Signer | None:
        return next((s for s in self.signers if s.ma == code), None)


@dataclass(frozen=True)
class DocumentType:
    """A kind of document (NĐ30 Phụ lục III): its abbreviation, its title and the template that lays it out."""

    ma: str  # "KH", "TTr", "QĐ"
    ten: str  # "KẾ HOẠCH"
    mau: str  # template file name in templates_docx/
    can_noi_dung: bool = False  # the template lays out a body typed as plain text (a plan) rather than generated
    nguon: str = ""


@dataclass(frozen=True)
class DocumentSpec:
    """One document a campaign issues, as its campaign file describes it."""

    ma: str
    loai: str
    trich_yeu: str
    ngay: dt.date
    nguoi_ky: str
    don_vi_soan_thao: str
    noi_nhan: tuple[str, ...]
    can_cu: tuple[str, ...] = ()
    kinh_gui: tuple[str, ...] = ()
    noi_dung: Path | None = None
    ten_tep: str = ""
    so_ban_luu: int | None = None
    ky_thay: str | None = None  # overrides the signer's own way of signing for this document
    ky_hieu_don_vi: bool = False  # "TTr-VP": symbol in the drafting unit's name rather than the agency's


@dataclass(frozen=True)
class Campaign:
    """A campaign folder under `inputs/`: its name and the documents it issues."""

    ma: str  # the folder name
    ten: str
    folder: Path
    source: Path
    documents: tuple[DocumentSpec, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class BodyParagraph:
    """One paragraph of a document body, with the kind its marker says it is.

    Kinds: `muc` (I., II. …: section heading), `tieu_muc` (a numbered line that is a heading: `1. Tiêu chí thi đua`),
    `khoan` (1., 2. …), `diem` (a), b) … đ) …), `gach` (- …) and `doan` (plain paragraph).
    """

    loai: str
    van_ban: str
