"""The fields of a Tờ trình or Quyết định about rewards: who gets what, the money, and the attached list.

Nominations are selected by reward form; money is computed on the document's date from the legal data; counts are
written with two digits (`04 tập thể và 08 cá nhân`) as documents write them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import formats
from .awards import AwardData, RewardForm
from .body import close_body
from .errors import Problems
from .model import Agency, Campaign, DocumentSpec, DocumentType, Nomination
from .money import rates_on, reward
from .words import so_thanh_chu, so_tien

GROUP_TITLES = {"tap_the": "TẬP THỂ", "ca_nhan": "CÁ NHÂN"}
ROMAN = ("I", "II", "III", "IV")


def form_name(form: RewardForm, agency: Agency) -> str:
    """`Giấy khen của {thu_truong} {co_quan}` → `Giấy khen của Giám đốc Sở Kế hoạch và Đầu tư`."""
    return form.ten.format_map(
        {
            "thu_truong": agency.thu_truong,
            "co_quan": agency.ten,
            "co_quan_chu_quan": agency.co_quan_chu_quan,
            "bo_chu_quan": agency.bo_chu_quan,
        }
    )


def counted(collectives: int, individuals: int) -> str:
    """`04 tập thể và 08 cá nhân`, or one of the two when the other is none."""
    parts = []
    if collectives:
        parts.append(f"{formats.two_digits(collectives)} tập thể")
    if individuals:
        parts.append(f"{formats.two_digits(individuals)} cá nhân")
    return " và ".join(parts)


def _closing(text: str) -> str:
    return close_body(text) if text else ""


def reward_context(
    agency: Agency,
    campaign: Campaign,
    spec: DocumentSpec,
    doc_type: DocumentType,
    nominations: Sequence[Nomination],
    awards: AwardData,
    symbol: str,
    cited: tuple[DocumentSpec, str] | None,
    problems: Problems,
    number: int | None = None,
) -> dict[str, Any]:
    forms = [f for f in (awards.form(code) for code in spec.hinh_thuc) if f is not None]
    chosen = [n for n in nominations if n.hinh_thuc in spec.hinh_thuc]
    if not chosen:
        problems.warn(campaign.source, spec.ma, "không có đề nghị nào thuộc các hình thức của văn bản này")
    # Money only where the agency pays from its own fund (forms it decides itself); a proposal upward shows none.
    pays = all(f.cap == "so" for f in forms)
    amounts: dict[tuple[str, bool], int | None] = {}
    if pays and chosen:
        rates = rates_on(spec.ngay, awards.raw)
        if rates.chua_xac_minh:
            problems.warn(
                campaign.source,
                spec.ma,
                f"mức lương cơ sở {so_tien(rates.luong_co_so)} đồng ({rates.nguon_luong}) chưa được xác minh",
            )
        for n in chosen:
            key = (n.hinh_thuc, n.tap_the)
            if key not in amounts:
                amounts[key] = reward(rates, n.hinh_thuc, n.tap_the, agency.lam_tron)
    groups = []
    total = 0
    for i, kind in enumerate(campaign.thu_tu_nhom):
        members = [n for n in chosen if n.tap_the == (kind == "tap_the")]
        if not members:
            continue
        rows = []
        for stt, n in enumerate(members, start=1):
            amount = amounts.get((n.hinh_thuc, n.tap_the))
            total += amount or 0
            rows.append(
                {
                    "stt": str(stt),
                    "ho_ten": n.ho_ten,
                    "chuc_vu_don_vi": n.chuc_vu_va_don_vi,
                    "thanh_tich": n.thanh_tich,
                    "hinh_thuc": (awards.form(n.hinh_thuc) or forms[0]).ten_ngan,
                    "so_tien": so_tien(amount) if amount is not None else "",
                }
            )
        groups.append({"so_la_ma": ROMAN[len(groups)], "ten": GROUP_TITLES[kind], "dong": rows, "thu_tu": i})
    collectives = sum(1 for n in chosen if n.tap_the)
    individuals = len(chosen) - collectives
    names = " và ".join(form_name(f, agency) for f in forms)
    who = " ".join(
        filter(
            None,
            [
                "TẬP THỂ," if collectives and individuals else "TẬP THỂ" if collectives else "",
                "CÁ NHÂN" if individuals else "",
            ],
        )
    )
    verb = "ĐƯỢC TẶNG" if doc_type.ma == "QĐ" else "ĐỀ NGHỊ TẶNG"
    issuer = _issuer(agency, spec, doc_type)
    muc_tien = _money_sentence(amounts, awards)
    theo_de_nghi = ""
    if spec.theo_de_nghi:
        theo_de_nghi = f"Theo đề nghị của {spec.theo_de_nghi}"
        if cited is not None:
            cited_spec, cited_number = cited
            theo_de_nghi += f" tại Tờ trình số {cited_number} {formats.ngay_thang_nam(cited_spec.ngay)}"
    return {
        "ten_phong_trao": campaign.ten,
        "ten_hinh_thuc": names,
        "so_luong": counted(collectives, individuals),
        "so_tap_the": collectives,
        "so_ca_nhan": individuals,
        "tham_quyen": f"{agency.thu_truong} {agency.ten}".upper(),
        "can_cu": formats.list_lines([*spec.can_cu, theo_de_nghi] if theo_de_nghi else spec.can_cu),
        "nguoi_quyet_dinh": spec.nguoi_quyet_dinh,
        "mo_dau": spec.mo_dau,
        "loi_trinh": _closing(spec.loi_trinh),
        "dieu_3": _closing(spec.dieu_3),
        "nguon_kinh_phi": spec.nguon_kinh_phi,
        "co_tien": bool(amounts) and all(a is not None for a in amounts.values()),
        "muc_tien": muc_tien,
        "tong_tien": so_tien(total),
        "tong_tien_chu": so_thanh_chu(total, linh=agency.doc_linh),
        "nhom_danh_sach": groups,
        "tieu_de_danh_sach": f"{who} {verb} {names.upper()}",
        "kem_theo": (
            f"(Kèm theo {doc_type.ten.capitalize()} số {formats.so_ky_hieu(number, symbol)} "
            f"{formats.ngay_thang_nam(spec.ngay)} của {issuer})"
        ),
    }


def _issuer(agency: Agency, spec: DocumentSpec, doc_type: DocumentType) -> str:
    """Who a list is attached for: the head for a decision, else the drafting unit or the agency."""
    if doc_type.ma == "QĐ":
        return f"{agency.thu_truong} {agency.ten}"
    unit = agency.unit(spec.don_vi_soan_thao)
    if spec.ky_hieu_don_vi and unit is not None:
        return f"{unit.ten} {agency.ten}"
    return agency.ten


def _money_sentence(amounts: dict[tuple[str, bool], int | None], awards: AwardData) -> str:
    """`Mỗi tập thể được tặng Giấy khen kèm theo tiền thưởng 900.000 đồng; mỗi cá nhân … 450.000 đồng`."""
    parts = []
    for (code, collective), amount in sorted(amounts.items(), key=lambda item: (item[0][0], not item[0][1])):
        if amount is None:
            continue
        form = awards.form(code)
        kind = "tập thể" if collective else "cá nhân"
        parts.append(
            f"mỗi {kind} được tặng {form.ten_ngan if form else code} kèm theo tiền thưởng {so_tien(amount)} đồng"
        )
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]
