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
    de_nghi: Path | None = None  # the folder of evidence spreadsheets, when the campaign has one
    thu_tu: str = "nhap"  # order of the consolidated list: "nhap", "don_vi" or "ten"


@dataclass(frozen=True)
class BodyParagraph:
    """One paragraph of a document body, with the kind its marker says it is.

    Kinds: `muc` (I., II. …: section heading), `tieu_muc` (a numbered line that is a heading: `1. Tiêu chí thi đua`),
    `khoan` (1., 2. …), `diem` (a), b) … đ) …), `gach` (- …) and `doan` (plain paragraph).
    """

    loai: str
    van_ban: str


@dataclass(frozen=True)
class Nomination:
    """One collective or individual proposed for one reward form, with the cell it came from."""

    ho_ten: str
    tap_the: bool
    chuc_vu: str
    don_vi: str
    hinh_thuc: str  # a reward form's code (`giay_khen`), see data/khen_thuong.toml
    thanh_tich: str
    tep: Path
    trang_tinh: str
    dong: int  # spreadsheet row, from 1
    o: str = ""  # the name's cell, `Sheet1!B7` (`B7` in a CSV file)
    chuc_vu_don_vi: str = ""  # as the source wrote position and unit together, when it did

    @property
    def chuc_vu_va_don_vi(self) -> str:
        """`Chuyên viên, Văn phòng Sở`: what a list's "Chức vụ, đơn vị" column shows."""
        return self.chuc_vu_don_vi or ", ".join(part for part in (self.chuc_vu, self.don_vi) if part)
