"""The minutes of the Hội đồng Thi đua - Khen thưởng (`BB`): when and where it met, who was there, the result of
its vote on each nominee and award, and the signatures of its secretary and its chair (NĐ30 layout of a biên bản).

The votes come from a `Số phiếu` column of the evidence, or from a results file the campaign names (`ket_qua`),
matched by name, unit and award; the share is of the council's members (`so_thanh_vien`). Whether a share passes is
the province's rule, so it is a setting (`ty_le_dat`), never a constant. Decisions cite the minutes in their căn cứ
(`can_cu_van_ban = ["bien_ban"]`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ...errors import Problems
from ...inputs.awards import AwardData
from ...inputs.collate import fold
from ...inputs.tomlfile import TableReader
from ...model import DocumentSpec, Nomination
from .. import formats
from ..header import common_parts
from ..model import Document, Minutes, MinutesRow, Signature
from ..planning import Planning


@dataclass(frozen=True)
class MinutesSpec:
    """The keys of a `BB` document in `phong_trao.toml`."""

    hinh_thuc: tuple[str, ...]  # the awards voted on
    thu_ky: str  # the secretary: a signer's `ma` in co_quan.toml
    bat_dau: str = ""  # `08 giờ 00`
    ket_thuc: str = ""  # `10 giờ 30`
    dia_diem: str = ""
    thanh_vien: tuple[str, ...] = ()  # the members present, as written
    so_thanh_vien: int | None = None  # the council's members in all
    co_mat: int | None = None  # members present; by default the chair, the secretary and those listed
    ket_qua: Path | None = None  # a file of votes (name, unit, award, `Số phiếu`), read like evidence
    ty_le_dat: float | None = None  # the share of members a nominee needs (the province's rule), if set


def vote_key(name: str, unit: str, award: str) -> tuple[str, str, str]:
    return fold(name), fold(unit), award


class MinutesKind:
    name = "bien_ban"

    def read(self, table: TableReader) -> MinutesSpec:
        results = table.text("ket_qua", default="")
        share = table.table.get("ty_le_dat")
        if share is not None and not (isinstance(share, (int, float)) and 0 < share <= 1):
            table.problems.error(table.file, table.where("ty_le_dat"), "phải là một tỷ lệ từ 0 đến 1, ví dụ 0.5")
            share = None
        return MinutesSpec(
            hinh_thuc=table.lines("hinh_thuc", required=True),
            thu_ky=table.text("thu_ky"),
            bat_dau=table.text("bat_dau", default=""),
            ket_thuc=table.text("ket_thuc", default=""),
            dia_diem=table.text("dia_diem", default=""),
            thanh_vien=table.lines("thanh_vien"),
            so_thanh_vien=table.integer("so_thanh_vien"),
            co_mat=table.integer("co_mat"),
            ket_qua=table.file.parent / results if results else None,
            ty_le_dat=float(share) if share is not None else None,
        )

    def validate(
        self, spec: DocumentSpec, table: TableReader, documents: Sequence[DocumentSpec], awards: AwardData
    ) -> None:
        own = spec.rieng
        assert isinstance(own, MinutesSpec)
        for i, code in enumerate(own.hinh_thuc):
            if awards.form(code) is None:
                known = ", ".join(f.ma for f in awards.forms)
                table.problems.error(
                    table.file, table.where(f"hinh_thuc[{i + 1}]"), f"hình thức “{code}” không có (có: {known})"
                )
        if own.ket_qua is not None and not own.ket_qua.is_file():
            table.problems.error(
                table.file, table.where("ket_qua"), f"không tìm thấy tệp kết quả bỏ phiếu {own.ket_qua}"
            )

    def expand(self, spec: DocumentSpec, awards: AwardData) -> list[DocumentSpec]:
        return [spec]

    def plan(self, spec: DocumentSpec, planning: Planning, problems: Problems) -> list[Document]:
        parts = common_parts(spec, planning, problems)
        if parts is None:
            return []
        own: MinutesSpec = spec.rieng  # type: ignore[assignment]
        agency = planning.agency
        secretary = agency.signer(own.thu_ky)
        if secretary is None:
            known = ", ".join(s.ma for s in agency.signers)
            problems.error(
                planning.campaign.source, spec.ma, f"thư ký “{own.thu_ky}” không có trong co_quan.toml (có: {known})"
            )
            return []
        chair = agency.signer(spec.nguoi_ky)
        assert chair is not None, "campaign validation guarantees a known signer"
        rank = {code: i for i, code in enumerate(own.hinh_thuc)}
        chosen = sorted((n for n in planning.nominations if n.hinh_thuc in rank), key=lambda n: rank[n.hinh_thuc])
        rows, missing = [], []
        for stt, n in enumerate(chosen, start=1):
            votes = self._votes(n, planning)
            if not votes:
                missing.append(n.ho_ten)
            rows.append(self._row(stt, n, votes, own, planning))
        if missing:
            shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
            problems.warn(
                planning.campaign.source,
                spec.ma,
                f"chưa có số phiếu của {len(missing)} đề nghị ({shown}): thêm cột “Số phiếu” vào bảng đề nghị, hoặc "
                "ghi ket_qua = tệp kết quả bỏ phiếu",
            )
        present = own.co_mat or len(own.thanh_vien) + 2
        total = own.so_thanh_vien
        attendance = (
            f"{formats.two_digits(present)}/{formats.two_digits(total)}" if total else formats.two_digits(present)
        )
        signature = Signature(("THƯ KÝ",), secretary.ho_ten), Signature(("CHỦ TRÌ",), chair.ho_ten, planning.signed)
        return [
            Minutes(
                **(parts | {"signature": signature[1]}),
                thu_ky=signature[0],
                bat_dau=own.bat_dau,
                ket_thuc=own.ket_thuc,
                dia_diem=own.dia_diem,
                chu_tri=f"{chair.ho_ten}, {chair.chuc_vu} {agency.ten}",
                thu_ky_ten=f"{secretary.ho_ten}, {secretary.chuc_vu}",
                thanh_vien=own.thanh_vien,
                co_mat=attendance,
                ket_qua=tuple(rows),
            )
        ]

    @staticmethod
    def _votes(n: Nomination, planning: Planning) -> str:
        if n.so_phieu:
            return n.so_phieu
        votes = planning.votes
        return votes.get(vote_key(n.ho_ten, n.don_vi, n.hinh_thuc)) or votes.get(vote_key(n.ho_ten, n.don_vi, ""), "")

    @staticmethod
    def _row(stt: int, n: Nomination, votes: str, own: MinutesSpec, planning: Planning) -> MinutesRow:
        form = planning.awards.form(n.hinh_thuc)
        share, result = "", ""
        digits = "".join(ch for ch in votes if ch.isdigit())
        if digits and own.so_thanh_vien:
            ratio = int(digits) / own.so_thanh_vien
            share = f"{ratio * 100:.1f}".rstrip("0").rstrip(".").replace(".", ",") + "%"  # 100%, 85,7%
            if own.ty_le_dat is not None:
                result = "Đạt" if ratio >= own.ty_le_dat else "Không đạt"
        return MinutesRow(
            stt=stt,
            ho_ten=n.ho_ten,
            don_vi=formats.list_position(n.ho_ten, n.tap_the, n.chuc_vu, n.don_vi, n.chuc_vu_don_vi),
            hinh_thuc=form.ten_ngan if form is not None else n.hinh_thuc,
            so_phieu=votes,
            ty_le=share,
            ket_qua=result,
        )


KIND = MinutesKind()
