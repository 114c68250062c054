"""The typed documents the planner makes and every later stage reads: render, check, issue, certificates, register.

A document says what it is — its header, numbers, recipients, signature, body, and for a reward document who gets
what and the money — as plain values. The template's fields are made from it by `fields()`, once, at the render
boundary (pipeline/render); nothing reads them back. Each kind of document is a class here; the module in
`documents/kinds/` that plans it is the only place that knows its behaviour.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..inputs.awards import RewardForm
from ..model import BodyParagraph, DocumentSpec, DocumentType, Nomination
from . import formats
from .wording import Payment, counted
from .words import so_thanh_chu, so_tien

DA_KY = "(Đã ký)"

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
    """A stable hash of plain data (dicts, lists, dataclasses turned into dicts, paths by name, dates)."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=_plain)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def changed_kinds(now: Mapping[str, str], before: Mapping[str, str]) -> list[str]:
    """The kinds of input that differ between two fingerprints, named as a clerk would name them."""
    return [label for kind, label in INPUT_KINDS.items() if now.get(kind) != before.get(kind)]


@dataclass(frozen=True)
class Signature:
    """The signature block (NĐ30 Phụ lục I II.7): the title lines, the space to sign, the name."""

    titles: tuple[str, ...]  # `KT. GIÁM ĐỐC`, `PHÓ GIÁM ĐỐC`
    name: str
    signed: bool = False  # `(Đã ký)` in the space, for copies circulated after signing


@dataclass(frozen=True, kw_only=True)
class Document:
    """A planned document: everything it shows, with or without its number."""

    ma: str  # its code in the campaign: the register and the manifest know it by this
    spec: DocumentSpec
    doc_type: DocumentType
    template: Path
    output: Path
    so: int | None  # None on a draft: the number is blank until issued
    ngay: dt.date
    ky_hieu: str  # `QĐ-SKHĐT`
    co_quan_chu_quan: str  # upper case, as the header shows it
    co_quan: str
    ten_co_quan: str  # the agency's name as running text: the author of its documents
    dia_danh: str
    can_cu: tuple[str, ...]  # as cited, before punctuation
    kinh_gui: tuple[str, ...]
    noi_nhan: tuple[str, ...]  # punctuated lines, `- Lưu: VT, …` last
    signature: Signature
    body: tuple[BodyParagraph, ...] = ()
    inputs: Mapping[str, str] = field(default_factory=dict)  # a fingerprint of each kind of input (INPUT_KINDS)

    @property
    def so_ky_hieu(self) -> str:
        return formats.so_ky_hieu(self.so, self.ky_hieu)

    @property
    def recipients(self) -> list[str]:
        """The Nơi nhận lines without the archive line."""
        return formats.without_archive_line(self.noi_nhan)

    @property
    def fingerprint(self) -> str:
        return digest(dict(self.inputs))

    def signatures(self) -> list[tuple[str, Signature]]:
        """Each signature block with its role: the document's signer (`""`), and any other who signs it."""
        return [("", self.signature)]

    @property
    def ten_loai(self) -> str:
        """`Quyết định`: the type's name as running text (the register's column 3)."""
        return self.doc_type.ten.capitalize()

    def fields(self) -> dict[str, Any]:
        """The template's fields (README, "Template fields"): the header, the body and the signature."""
        return {
            "co_quan_chu_quan": self.co_quan_chu_quan,
            "co_quan": self.co_quan,
            "ten_co_quan": self.ten_co_quan,
            "so_ky_hieu": self.so_ky_hieu,
            "ky_hieu": self.ky_hieu,
            "dia_danh_ngay": formats.dia_danh_ngay(self.dia_danh, self.ngay),
            "ten_loai": self.doc_type.ten.upper(),
            "trich_yeu": self.spec.trich_yeu,
            "can_cu": formats.list_lines(self.can_cu),
            "kinh_gui": formats.list_lines(self.kinh_gui),
            "noi_dung": [{"loai": p.loai, "van_ban": p.van_ban} for p in self.body],
            "noi_nhan": list(self.noi_nhan),
            "chuc_vu_ky": list(self.signature.titles),
            "nguoi_ky": self.signature.name,
            "da_ky": DA_KY if self.signature.signed else "",
        }


@dataclass(frozen=True)
class ListRow:
    """One line of an attached list: who, for which award, and the money when the document shows it."""

    stt: int
    nomination: Nomination
    form: RewardForm
    amount: int | None = None
    chuc_vu_don_vi: str = ""  # composed by formats.list_position
    paid_elsewhere: str = ""  # the higher title of the same year whose money this row gets instead (SPEC §10)

    @property
    def thanh_tich(self) -> str:
        """The achievement; for a title that needs a ground (Chiến sĩ thi đua cơ sở), the ground where given; for a
        row paid with a higher title, which one."""
        n = self.nomination
        text = (n.can_cu_xet or n.thanh_tich) if self.form.can_cu_xet else n.thanh_tich
        if self.paid_elsewhere:
            note = f"Nhận tiền thưởng của {self.paid_elsewhere}"
            text = f"{text}; {note[:1].lower()}{note[1:]}" if text else note
        return text

    def fields(self) -> dict[str, str]:
        n = self.nomination
        money = "—" if self.paid_elsewhere else so_tien(self.amount) if self.amount is not None else ""
        return {
            "stt": str(self.stt),
            "ho_ten": n.ho_ten,
            "chuc_vu_don_vi": self.chuc_vu_don_vi,
            "thanh_tich": self.thanh_tich,
            "hinh_thuc": self.form.ten_ngan,
            "so_tien": money,
        }


@dataclass(frozen=True)
class ListGroup:
    """A group of the list (`I. TẬP THỂ`), numbered from 1 inside it."""

    so_la_ma: str
    ten: str
    rows: tuple[ListRow, ...]


@dataclass(frozen=True)
class AttachedList:
    """The list attached to a reward document (NĐ30 Mẫu 2.1: `DANH SÁCH` … `(Kèm theo …)`)."""

    title: str
    kem_theo: str
    groups: tuple[ListGroup, ...]

    @property
    def rows(self) -> list[ListRow]:
        return [row for group in self.groups for row in group.rows]


@dataclass(frozen=True, kw_only=True)
class RewardDocument(Document):
    """A document about rewards: who is proposed or awarded what, the counts, the money and the attached list."""

    forms: tuple[RewardForm, ...]
    ten_hinh_thuc: str  # the forms' full names: `Giấy khen của Giám đốc Sở Kế hoạch và Đầu tư`
    ten_phong_trao: str
    so_tap_the: int
    so_ca_nhan: int
    tham_quyen: str  # `GIÁM ĐỐC SỞ KẾ HOẠCH VÀ ĐẦU TƯ`
    nguoi_quyet_dinh: str = ""
    mo_dau: str = ""
    loi_trinh: str = ""  # closed with `./.`
    dieu_3: str = ""  # closed with `./.`
    nguon_kinh_phi: str = ""
    payments: tuple[Payment, ...] = ()
    co_tien: bool = False  # the document shows money (the agency pays it from its own fund)
    doc_linh: str = "linh"
    danh_sach: AttachedList
    muc_tien: str = ""  # `Mỗi tập thể được tặng Giấy khen kèm theo tiền thưởng 900.000 đồng; …` (wording.money)
    de_nghi: str = ""  # a Tờ trình's request: `Đề nghị … xem xét, tặng … cho … (có danh sách kèm theo) …`
    dieu: tuple[str, ...] = ()  # a decision's articles, in order: the awards, the money, who executes it
    cot_hinh_thuc: bool = False  # the list has an award column (a decision or proposal of several awards)
    cot_thanh_tich: str = "Thành tích"  # the heading of the achievement column (`Căn cứ xét` for grounds)
    nam: int | None = None  # the year its titles are for
    ly_do: str = ""  # what its reward forms are given for: `đã có thành tích xuất sắc trong …`

    @property
    def tong_tien(self) -> int:
        return sum(row.amount or 0 for row in self.danh_sach.rows)

    @property
    def so_luong(self) -> str:
        """`04 tập thể và 08 cá nhân`, or one of the two when the other is none."""
        return counted(self.so_tap_the, self.so_ca_nhan)

    def fields(self) -> dict[str, Any]:
        total = self.tong_tien
        return super().fields() | {
            "ten_phong_trao": self.ten_phong_trao,
            "ten_hinh_thuc": self.ten_hinh_thuc,
            "so_luong": self.so_luong,
            "so_tap_the": self.so_tap_the,
            "so_ca_nhan": self.so_ca_nhan,
            "tham_quyen": self.tham_quyen,
            "nguoi_quyet_dinh": self.nguoi_quyet_dinh,
            "mo_dau": self.mo_dau,
            "loi_trinh": self.loi_trinh,
            "dieu_3": self.dieu_3,
            "nguon_kinh_phi": self.nguon_kinh_phi,
            "co_tien": self.co_tien,
            "muc_tien": self.muc_tien,
            "de_nghi": self.de_nghi,
            "dieu": [{"so": i, "noi_dung": text} for i, text in enumerate(self.dieu, start=1)],
            "cot_hinh_thuc": self.cot_hinh_thuc,
            "cot_thanh_tich": self.cot_thanh_tich,
            "tong_tien": so_tien(total),
            "tong_tien_chu": so_thanh_chu(total, linh=self.doc_linh),
            "nhom_danh_sach": [
                {"so_la_ma": g.so_la_ma, "ten": g.ten, "dong": [row.fields() for row in g.rows]}
                for g in self.danh_sach.groups
            ],
            "tieu_de_danh_sach": self.danh_sach.title,
            "kem_theo": self.danh_sach.kem_theo,
        }


@dataclass(frozen=True, kw_only=True)
class Submission(RewardDocument):
    """A Tờ trình proposing rewards to whoever decides them."""


@dataclass(frozen=True, kw_only=True)
class Decision(RewardDocument):
    """A Quyết định awarding what the agency's head decides; its list is what certificates are printed from."""


@dataclass(frozen=True)
class MinutesRow:
    """One nominee and award, and the council's vote on it."""

    stt: int
    ho_ten: str
    don_vi: str  # position and unit, as a list shows them
    hinh_thuc: str
    so_phieu: str
    ty_le: str  # `85,7%` of the council's members
    ket_qua: str  # `Đạt` / `Không đạt` where the province's threshold is set


@dataclass(frozen=True, kw_only=True)
class Minutes(Document):
    """The minutes of the Hội đồng Thi đua - Khen thưởng: the meeting, who was there, the vote on each nominee."""

    thu_ky: Signature  # the secretary signs on the left, the chair (`signature`) on the right
    bat_dau: str
    ket_thuc: str
    dia_diem: str
    chu_tri: str
    thu_ky_ten: str
    thanh_vien: tuple[str, ...]
    co_mat: str  # `07/07`
    ket_qua: tuple[MinutesRow, ...]

    def signatures(self) -> list[tuple[str, Signature]]:
        return [("", self.signature), ("thu_ky", self.thu_ky)]

    def fields(self) -> dict[str, Any]:
        day = formats.ngay_thang_nam(self.ngay)
        return super().fields() | {
            "thoi_gian": f"Vào lúc {self.bat_dau}, {day}." if self.bat_dau else f"{day[:1].upper()}{day[1:]}.",
            "dia_diem": self.dia_diem,
            "chu_tri": self.chu_tri,
            "thu_ky": self.thu_ky_ten,
            "thanh_vien": list(self.thanh_vien),
            "co_mat": self.co_mat,
            "ket_qua": [
                {
                    "stt": str(r.stt),
                    "ho_ten": r.ho_ten,
                    "don_vi": r.don_vi,
                    "hinh_thuc": r.hinh_thuc,
                    "so_phieu": r.so_phieu,
                    "ty_le": r.ty_le,
                    "ket_qua": r.ket_qua,
                }
                for r in self.ket_qua
            ],
            "ket_thuc": (
                f"Cuộc họp kết thúc vào lúc {self.ket_thuc} cùng ngày./." if self.ket_thuc else "Cuộc họp kết thúc./."
            ),
            "chuc_vu_thu_ky": list(self.thu_ky.titles),
            "ten_thu_ky": self.thu_ky.name,
        }
