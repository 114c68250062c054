"""Documents about rewards: the Tờ trình that proposes them and the Quyết định that awards them.

Nominations are selected by reward form; money is computed on the document's date from the legal data, and shown
only where the agency pays it from its own fund (the forms its head decides); counts are written with two digits
(`04 tập thể và 08 cá nhân`) as documents write them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ...errors import Problems
from ...inputs.awards import AwardData, RewardForm
from ...inputs.tomlfile import TableReader
from ...model import Agency, DocumentSpec, DocumentType, Nomination
from .. import formats, wording
from ..body import close_body
from ..header import common_parts, issuer_of, symbol_of
from ..model import AttachedList, Decision, Document, ListGroup, ListRow, Submission, digest
from ..payments import Money
from ..planning import Planning
from ..words import so_thanh_chu, so_tien

GROUP_TITLES = {"tap_the": "TẬP THỂ", "ca_nhan": "CÁ NHÂN"}
ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class RewardSpec:
    """The keys of a reward document in `phong_trao.toml`."""

    hinh_thuc: tuple[str, ...]  # the reward forms whose nominations the document lists
    nguoi_quyet_dinh: str = ""  # TTr: who is asked to decide ("Giám đốc Sở", "Chủ tịch Ủy ban nhân dân tỉnh")
    mo_dau: str = ""  # TTr: an opening paragraph
    loi_trinh: str = ""  # TTr: the closing "… kính trình … xem xét, quyết định."
    theo_to_trinh: str = ""  # QĐ: the `ma` of the Tờ trình it answers
    theo_de_nghi: str = ""  # QĐ: who proposed it ("Chánh Văn phòng Sở")
    dieu_3: str = ""  # QĐ: who executes it
    nguon_kinh_phi: str = ""  # QĐ: the fund the money comes from
    quyet_dinh: bool = False  # a decision (the head awards) rather than a proposal
    gop: bool = False  # QĐ on several awards: one decision with an article per award, not one decision per award


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


def _closing(text: str) -> str:
    return close_body(text) if text else ""


class RewardKind:
    """`to_trinh_khen_thuong` proposes, `quyet_dinh_khen_thuong` decides."""

    def __init__(self, name: str, decides: bool):
        self.name = name
        self.decides = decides

    # --- the campaign file ------------------------------------------------------------------------------------

    def read(self, table: TableReader) -> RewardSpec:
        return RewardSpec(
            hinh_thuc=table.lines("hinh_thuc", required=True),
            nguoi_quyet_dinh=table.text("nguoi_quyet_dinh", default=""),
            mo_dau=table.text("mo_dau", default=""),
            loi_trinh=table.text("loi_trinh", default=""),
            theo_to_trinh=table.text("theo_to_trinh", default=""),
            theo_de_nghi=table.text("theo_de_nghi", default=""),
            dieu_3=table.text("dieu_3", default=""),
            nguon_kinh_phi=table.text("nguon_kinh_phi", default=""),
            quyet_dinh=self.decides,
            gop=table.flag("gop"),
        )

    def validate(
        self, spec: DocumentSpec, table: TableReader, documents: Sequence[DocumentSpec], awards: AwardData
    ) -> None:
        """Known forms, forms the head may decide in a decision, and the keys each role needs."""
        own = spec.rieng
        assert isinstance(own, RewardSpec)
        problems, path = table.problems, table.file
        for i, code in enumerate(own.hinh_thuc):
            form = awards.form(code)
            if form is None:
                known = ", ".join(f.ma for f in awards.forms)
                problems.error(path, table.where(f"hinh_thuc[{i + 1}]"), f"hình thức “{code}” không có (có: {known})")
            elif self.decides and form.cap != "so":
                problems.error(
                    path,
                    table.where("hinh_thuc"),
                    f'“{form.ten_ngan}” không thuộc thẩm quyền quyết định của cơ quan; hãy lập tờ trình (loai = "TTr")',
                )
        unknown = wording.unknown_placeholders(spec.trich_yeu)
        if unknown:
            problems.error(
                path,
                table.where("trich_yeu"),
                f"trích yếu có “{{{unknown[0]}}}” không hiểu được (dùng được: "
                + ", ".join(f"{{{name}}}" for name in wording.PLACEHOLDERS)
                + ")",
            )
        if self._splits(own) and "{khen_thuong}" not in spec.trich_yeu:
            problems.error(
                path,
                table.where("trich_yeu"),
                "quyết định về nhiều danh hiệu, hình thức được tách thành một quyết định cho mỗi danh hiệu, hình thức: "
                "trích yếu cần có {khen_thuong} (ví dụ “Về việc {khen_thuong}”), hoặc đặt gop = true để gộp một "
                "quyết định",
            )
        if not self.decides:
            for key in ("kinh_gui", "nguoi_quyet_dinh", "loi_trinh"):
                if not (getattr(spec, key) if key == "kinh_gui" else getattr(own, key)):
                    problems.error(path, table.where(key), "tờ trình khen thưởng cần khóa này")
            return
        for key in ("theo_de_nghi", "dieu_3", "nguon_kinh_phi"):
            if not getattr(own, key):
                problems.error(path, table.where(key), "quyết định khen thưởng cần khóa này")
        if own.theo_to_trinh and not any(
            o.ma == own.theo_to_trinh and isinstance(o.rieng, RewardSpec) and not o.rieng.quyet_dinh for o in documents
        ):
            problems.error(path, table.where("theo_to_trinh"), f"không có tờ trình nào có ma = “{own.theo_to_trinh}”")

    def _splits(self, own: RewardSpec) -> bool:
        return self.decides and not own.gop and len(own.hinh_thuc) > 1

    def expand(self, spec: DocumentSpec, awards: AwardData) -> list[DocumentSpec]:
        """A decision on several awards is one decision per award (`ma.award`), unless `gop = true`."""
        own = spec.rieng
        assert isinstance(own, RewardSpec)
        if not self._splits(own):
            return [spec]
        return [
            replace(
                spec,
                ma=f"{spec.ma}.{code}",
                ten_tep=f"{spec.ten_tep or spec.ma} {form.ten_ngan if (form := awards.form(code)) else code}",
                rieng=replace(own, hinh_thuc=(code,)),
            )
            for code in own.hinh_thuc
        ]

    # --- planning ---------------------------------------------------------------------------------------------

    def plan(self, spec: DocumentSpec, planning: Planning, problems: Problems) -> list[Document]:
        parts = common_parts(spec, planning, problems)
        if parts is None:
            return []
        with problems.gathering():
            return [self._document(parts, planning, problems)]
        return []

    def _document(self, parts: dict, planning: Planning, problems: Problems) -> Document:
        spec: DocumentSpec = parts["spec"]
        own: RewardSpec = spec.rieng  # type: ignore[assignment]
        agency, awards, campaign = planning.agency, planning.awards, planning.campaign
        doc_type: DocumentType = parts["doc_type"]
        forms = tuple(f for f in (awards.form(code) for code in own.hinh_thuc) if f is not None)
        rank = {f.ma: i for i, f in enumerate(forms)}
        # Several awards: the list goes award by award, each in the campaign's order.
        chosen = sorted((n for n in planning.nominations if n.hinh_thuc in rank), key=lambda n: rank[n.hinh_thuc])
        if not chosen:
            problems.warn(campaign.source, spec.ma, "không có đề nghị nào thuộc các hình thức của văn bản này")
        year = campaign.nam or spec.ngay.year
        award_parts = tuple(
            wording.AwardPart(
                f,
                form_name(f, agency),
                year,
                sum(1 for n in chosen if n.hinh_thuc == f.ma and n.tap_the),
                sum(1 for n in chosen if n.hinh_thuc == f.ma and not n.tap_the),
            )
            for f in forms
        )
        listed = tuple(p for p in award_parts if p.collectives or p.individuals) or award_parts
        money = Money(spec, forms, chosen, planning, problems)
        # A list sent to another body names the agency on each line; one the agency keeps need not.
        upward = not self.decides and any(f.cap != "so" for f in forms)
        groups = self._groups(chosen, money, planning, agency.ten if upward else "", listed)
        collectives = sum(1 for n in chosen if n.tap_the)
        individuals = len(chosen) - collectives
        names = " và ".join(form_name(f, agency) for f in forms)
        spec = replace(
            spec,
            trich_yeu=wording.fill(
                spec.trich_yeu,
                {
                    "khen_thuong": "; ".join(p.lower_phrase for p in listed),
                    "doi_tuong": wording.audience(collectives, individuals),
                    "nam": str(year),
                },
            ),
        )
        cited = self._cited(own, planning)
        can_cu = parts["can_cu"]
        if own.theo_de_nghi:
            theo_de_nghi = f"Theo đề nghị của {own.theo_de_nghi}"
            if cited is not None:
                theo_de_nghi += f" tại Tờ trình số {cited[1]} {formats.ngay_thang_nam(cited[0].ngay)}"
            can_cu = (*can_cu, theo_de_nghi)
        danh_sach = AttachedList(
            title=self._list_title(listed, collectives, individuals),
            kem_theo=(
                f"(Kèm theo {doc_type.ten.capitalize()} số {formats.so_ky_hieu(parts['so'], parts['ky_hieu'])} "
                f"{formats.ngay_thang_nam(spec.ngay)} của {issuer_of(agency, spec, doc_type)})"
            ),
            groups=groups,
        )
        payments = money.payments(listed)
        articles = {p.form.ma: i for i, p in enumerate(listed, start=1)} if self.decides else None
        muc_tien = wording.money(payments, articles)
        total = sum(row.amount or 0 for row in danh_sach.rows)
        dieu: tuple[str, ...] = ()
        if self.decides:
            paid = (
                f"{muc_tien}. Tổng số tiền thưởng: {so_tien(total)} đồng (Bằng chữ: "
                f"{so_thanh_chu(total, linh=agency.doc_linh)}). Kinh phí khen thưởng trích từ {own.nguon_kinh_phi}."
            )
            dieu = (
                *(p.article(agency.ten, campaign.achievement) for p in listed),
                *((paid,) if money.shown else ()),
                _closing(own.dieu_3),
            )
        inputs = dict(parts["inputs"])
        inputs["de_nghi"] = digest([[r.fields() for r in g.rows] for g in groups])
        inputs["phap_ly"] = planning.legal_inputs(spec.loai, with_awards=True)
        inputs["so_ngay"] = digest([parts["inputs"]["so_ngay"], cited[1] if cited else None])
        inputs["phong_trao"] = digest([parts["inputs"]["phong_trao"], campaign.nam, campaign.achievement])
        document_class = Decision if self.decides else Submission
        return document_class(
            **(parts | {"spec": spec, "can_cu": can_cu, "inputs": inputs}),
            forms=forms,
            ten_hinh_thuc=names,
            ten_phong_trao=campaign.ten,
            so_tap_the=collectives,
            so_ca_nhan=individuals,
            tham_quyen=f"{agency.thu_truong} {agency.ten}".upper(),
            nguoi_quyet_dinh=own.nguoi_quyet_dinh,
            mo_dau=own.mo_dau,
            loi_trinh=_closing(own.loi_trinh),
            dieu_3=_closing(own.dieu_3),
            nguon_kinh_phi=own.nguon_kinh_phi,
            payments=payments,
            co_tien=money.shown,
            doc_linh=agency.doc_linh,
            danh_sach=danh_sach,
            muc_tien=muc_tien,
            de_nghi=wording.request(own.nguoi_quyet_dinh, listed, campaign.achievement),
            dieu=dieu,
            cot_hinh_thuc=len(listed) > 1,
            cot_thanh_tich="Căn cứ xét" if forms and all(f.can_cu_xet for f in forms) else "Thành tích",
            nam=year,
            ly_do=campaign.achievement,
        )

    def _list_title(self, listed: Sequence[wording.AwardPart], collectives: int, individuals: int) -> str:
        """`TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN …`, `CÁ NHÂN ĐƯỢC CÔNG NHẬN DANH HIỆU “…” NĂM 2024`."""
        who = ", ".join(w for w, n in (("TẬP THỂ", collectives), ("CÁ NHÂN", individuals)) if n) or "CÁ NHÂN"
        if len(listed) == 1:
            verb = "ĐƯỢC" if self.decides else "ĐỀ NGHỊ"
            return f"{who} {verb} {listed[0].phrase.upper()}"
        return f"{who} {'ĐƯỢC KHEN THƯỞNG' if self.decides else 'ĐỀ NGHỊ KHEN THƯỞNG'}"

    @staticmethod
    def _groups(
        chosen: Sequence[Nomination],
        money: Money,
        planning: Planning,
        agency: str,
        listed: Sequence[wording.AwardPart],
    ) -> tuple[ListGroup, ...]:
        """Collectives and individuals (`I. TẬP THỂ`); with several awards, award by award (`A. DANH HIỆU …`)."""
        groups: list[ListGroup] = []
        several = len(listed) > 1
        for letter, part in zip("ABCDEGHIKLMN", listed, strict=False):
            kinds = []
            for kind in planning.campaign.thu_tu_nhom:
                members = [n for n in chosen if n.hinh_thuc == part.form.ma and n.tap_the == (kind == "tap_the")]
                if not members:
                    continue
                rows = []
                for stt, n in enumerate(members, start=1):
                    amount, elsewhere = money.of(n)
                    position = formats.list_position(n.ho_ten, n.tap_the, n.chuc_vu, n.don_vi, n.chuc_vu_don_vi, agency)
                    rows.append(ListRow(stt, n, part.form, amount, position, paid_elsewhere=elsewhere))
                kinds.append(ListGroup(ROMAN[len(kinds)], GROUP_TITLES[kind], tuple(rows)))
            if several and kinds:
                year = f" NĂM {part.year}" if part.form.theo_nam and part.year else ""
                groups.append(ListGroup(letter, f"{part.form.ten_ngan.upper()}{year}", ()))
            groups += kinds
        return tuple(groups)

    @staticmethod
    def _cited(own: RewardSpec, planning: Planning) -> tuple[DocumentSpec, str] | None:
        """The Tờ trình a decision answers, with its number once issued (a blank number before)."""
        cited = planning.spec(own.theo_to_trinh) if own.theo_to_trinh else None
        if cited is None:
            return None
        symbol = symbol_of(planning.agency, cited, planning.types[cited.loai])
        return planning.dated(cited), formats.so_ky_hieu(planning.number(cited.ma), symbol)


SUBMISSION = RewardKind("to_trinh_khen_thuong", decides=False)
DECISION = RewardKind("quyet_dinh_khen_thuong", decides=True)
