"""The typed objects that pass between stages. All frozen: a stage makes new ones, never edits old ones."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

# How a signer signs for the head (NĐ30 Phụ lục I II.7, Điều 13): the head, ký thay, thừa lệnh, thừa ủy quyền, quyền.
SIGNING_MODES = ("", "KT", "TL", "TUQ", "Q")
# How reward money is rounded to the decree's step: up (the law's rule), to the nearest, down, or not at all.
ROUNDING_MODES = ("len", "gan_nhat", "xuong", "khong")


@dataclass(frozen=True)
class Unit:
    """A unit of the agency (phòng, văn phòng), which drafts documents and keeps their copies."""

    ten: str
    viet_tat: str
    ten_cu: tuple[str, ...] = ()  # former names: history from before a renaming or merger is still this unit's
    so_nguoi: int | None = None  # headcount, for the share of members a collective title needs

    def names(self) -> tuple[str, ...]:
        return (self.ten, *self.ten_cu)


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

    co_quan_chu_quan: str  # in running-text case ("UBND tỉnh Bình Định"); the header upper-cases it
    ten: str  # "Sở Kế hoạch và Đầu tư"
    viet_tat: str
    dia_danh: str
    thu_truong: str  # the head's title: "Giám đốc" (upper-cased in a signature block)
    units: tuple[Unit, ...]
    signers: tuple[Signer, ...]
    source: Path
    bo_chu_quan: str = ""  # the ministry of the sector, whose minister gives a Bằng khen Bộ
    lam_tron: str = "len"  # how reward money is rounded: "len", "gan_nhat", "xuong", "khong"
    doc_linh: str = "linh"  # "linh" or "lẻ" in amounts in words
    so_theo_loai: bool = False  # one number series per document type instead of one for all (NĐ30 Điều 15)
    so_ngoai: bool = False  # numbers are given by the agency's e-office system: `tdkt issue --so N` is required
    chu_ky_so: dict = field(default_factory=dict)  # sizes of the PDF signature fields (`[chu_ky_so]`, millimetres)
    quyet_dinh_chuc_nang: str = ""  # the agency's own authority (its chức năng, nhiệm vụ decision), as cited
    bang_de_nghi: dict = field(default_factory=dict)  # the agency's additions to data/bang_de_nghi.toml
    dieu_kien: dict = field(default_factory=dict)  # the agency's settings of data/dieu_kien.toml (`[dieu_kien]`)

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
    kieu: str = "van_ban"  # the behaviour that plans it (pipeline/documents/kinds): a narrative by default
    thu_truong_ban_hanh: bool = False  # issued by the head (a Quyết định): cited as "của Giám đốc Sở …"
    can_noi_dung: bool = False  # the template lays out a body typed as plain text (a plan) rather than generated
    noi_nhan_dau: str = ""  # the first recipient line the type always has: "Như trên" (TTr), "Như Điều 3" (QĐ)
    nguon: str = ""


@dataclass(frozen=True)
class DocumentSpec:
    """One document a campaign issues, as its campaign file describes it: the keys every kind shares, and in `rieng`
    what the document's kind reads for itself (a reward document's forms, say; see pipeline/documents/kinds)."""

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
    so_theo: str = ""  # a number series of its own (the Hội đồng Thi đua - Khen thưởng's), else the agency's
    can_cu_van_ban: tuple[str, ...] = ()  # documents of the campaign it cites (their `ma`), by number and date
    rieng: object = None  # the kind's own keys, as its module reads them


@dataclass(frozen=True)
class Issued:
    """A document's number and date once it is issued: what the document itself and the ones citing it show."""

    so: int
    ngay: dt.date


@dataclass(frozen=True)
class HistoryFile:
    """A list of a past year a campaign carries: a decision's list (with its number) or the year's evaluations."""

    tep: Path
    nam: int
    so: str = ""  # the decision's number and symbol, `45/QĐ-SKHĐT`
    ngay: dt.date | None = None


@dataclass(frozen=True)
class Campaign:
    """A campaign folder under `inputs/`: its name and the documents it issues."""

    ma: str  # the folder's name (resolved): the outputs folder keeps it
    ten: str
    folder: Path
    source: Path
    ma_phong_trao: str = ""  # the campaign's identity, written in its file: the register knows it by this
    documents: tuple[DocumentSpec, ...] = field(default_factory=tuple)
    de_nghi: Path | None = None  # the folder of evidence spreadsheets, when the campaign has one
    thu_tu: str = "nhap"  # order of the consolidated list: "nhap", "don_vi" or "ten"
    thu_tu_nhom: tuple[str, ...] = ("tap_the", "ca_nhan")  # group order in attached lists
    nam: int | None = None  # the year a review's titles are for (`năm 2024`); the decision's year when not given
    lich_su: tuple[HistoryFile, ...] = ()  # past lists and evaluations the campaign carries (`[[lich_su]]`)
    thanh_tich: str = ""  # what reward forms are given for: `đã có thành tích xuất sắc trong …` (default: the name)

    @property
    def achievement(self) -> str:
        return self.thanh_tich or f"đã có thành tích xuất sắc trong {self.ten}"


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
    nam_sinh: str = ""  # year of birth, where a column gives it (it tells two people of one name apart)
    gioi_tinh: str = ""  # "nam" / "nu", where the table says
    ma_so: str = ""  # a staff or citizen number, where a column gives one
    can_cu_xet: str = ""  # the ground of a title (hoàn thành xuất sắc nhiệm vụ, an initiative's number), if given
    xep_loai: str = ""  # the year's evaluation (hoàn thành xuất sắc / tốt nhiệm vụ), where a column gives it
    ky_luat: str = ""  # a disciplinary measure, where a column gives one
    ngay_tuyen_dung: str = ""  # the date of recruitment, where a column gives it
    so_phieu: str = ""  # the council's votes in favour, where a column gives them (the biên bản's results)
    so_nguoi: str = ""  # a collective's headcount, where a column gives it

    def __hash__(self) -> int:
        """Of its row and name: equal nominations hash alike (two rows of one number and name in different files
        only share a bucket), and a document's money looks rows up by nomination hundreds of times (the generated
        hash covers all 21 fields)."""
        return hash((self.dong, self.ho_ten))

    @property
    def chuc_vu_va_don_vi(self) -> str:
        """`Chuyên viên, Văn phòng Sở`: what a list's "Chức vụ, đơn vị" column shows."""
        return self.chuc_vu_don_vi or ", ".join(part for part in (self.chuc_vu, self.don_vi) if part)
