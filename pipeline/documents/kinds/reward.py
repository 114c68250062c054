"""Documents about rewards: the Tờ trình that proposes them and the Quyết định that awards them.

Nominations are selected by reward form; money is computed on the document's date from the legal data, and shown
only where the agency pays it from its own fund (the forms its head decides); counts are written with two digits
(`04 tập thể và 08 cá nhân`) as documents write them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from ...errors import Problems
from ...inputs.awards import AwardData, RewardForm
from ...inputs.tomlfile import TableReader
from ...model import Agency, DocumentSpec, DocumentType, Nomination
from .. import formats
from ..body import close_body
from ..header import common_parts, issuer_of, symbol_of
from ..model import Amount, AttachedList, Decision, Document, ListGroup, ListRow, Submission, digest
from ..money import rates_on, reward
from ..planning import Planning
from ..words import so_tien

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
        chosen = [n for n in planning.nominations if n.hinh_thuc in own.hinh_thuc]
        if not chosen:
            problems.warn(campaign.source, spec.ma, "không có đề nghị nào thuộc các hình thức của văn bản này")
        amounts = self._amounts(spec, forms, chosen, planning, problems)
        # A list sent to another body names the agency on each line; one the agency keeps need not.
        upward = not self.decides and any(f.cap != "so" for f in forms)
        groups = self._groups(chosen, amounts, planning, agency.ten if upward else "")
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
        verb = "ĐƯỢC TẶNG" if self.decides else "ĐỀ NGHỊ TẶNG"
        cited = self._cited(own, planning)
        can_cu = parts["can_cu"]
        if own.theo_de_nghi:
            theo_de_nghi = f"Theo đề nghị của {own.theo_de_nghi}"
            if cited is not None:
                theo_de_nghi += f" tại Tờ trình số {cited[1]} {formats.ngay_thang_nam(cited[0].ngay)}"
            can_cu = (*can_cu, theo_de_nghi)
        danh_sach = AttachedList(
            title=f"{who} {verb} {names.upper()}",
            kem_theo=(
                f"(Kèm theo {doc_type.ten.capitalize()} số {formats.so_ky_hieu(parts['so'], parts['ky_hieu'])} "
                f"{formats.ngay_thang_nam(spec.ngay)} của {issuer_of(agency, spec, doc_type)})"
            ),
            groups=groups,
        )
        inputs = dict(parts["inputs"])
        inputs["de_nghi"] = digest([[r.fields() for r in g.rows] for g in groups])
        inputs["phap_ly"] = digest([asdict(doc_type), awards.raw])
        inputs["so_ngay"] = digest([parts["inputs"]["so_ngay"], cited[1] if cited else None])
        values = {k: v for k, v in amounts.items() if v is not None}
        document_class = Decision if self.decides else Submission
        return document_class(
            **(parts | {"can_cu": can_cu, "inputs": inputs}),
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
            amounts=tuple(Amount(awards.form(code), collective, a) for (code, collective), a in values.items()),
            co_tien=bool(amounts) and all(a is not None for a in amounts.values()),
            doc_linh=agency.doc_linh,
            danh_sach=danh_sach,
        )

    @staticmethod
    def _amounts(
        spec: DocumentSpec,
        forms: Sequence[RewardForm],
        chosen: Sequence[Nomination],
        planning: Planning,
        problems: Problems,
    ) -> dict[tuple[str, bool], int | None]:
        # Money only where the agency pays from its own fund (forms it decides itself); a proposal upward shows none.
        amounts: dict[tuple[str, bool], int | None] = {}
        if not (chosen and all(f.cap == "so" for f in forms)):
            return amounts
        rates = rates_on(spec.ngay, planning.awards.raw)
        if rates.chua_xac_minh:
            problems.warn(
                planning.campaign.source,
                spec.ma,
                f"mức lương cơ sở {so_tien(rates.luong_co_so)} đồng ({rates.nguon_luong}) chưa được xác minh",
            )
        for n in chosen:
            key = (n.hinh_thuc, n.tap_the)
            if key not in amounts:
                amounts[key] = reward(rates, n.hinh_thuc, n.tap_the, planning.agency.lam_tron)
        return amounts

    @staticmethod
    def _groups(
        chosen: Sequence[Nomination], amounts: dict[tuple[str, bool], int | None], planning: Planning, agency: str
    ) -> tuple[ListGroup, ...]:
        groups = []
        for kind in planning.campaign.thu_tu_nhom:
            members = [n for n in chosen if n.tap_the == (kind == "tap_the")]
            if not members:
                continue
            rows = tuple(
                ListRow(
                    stt,
                    n,
                    planning.awards.form(n.hinh_thuc),
                    amounts.get((n.hinh_thuc, n.tap_the)),
                    formats.list_position(n.ho_ten, n.tap_the, n.chuc_vu, n.don_vi, n.chuc_vu_don_vi, agency),
                )
                for stt, n in enumerate(members, start=1)
            )
            groups.append(ListGroup(ROMAN[len(groups)], GROUP_TITLES[kind], rows))
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
