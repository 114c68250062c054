"""Who is paid what in one reward document: the award's money on the document's date, and the law's rule for
several titles of one nominee in one year (SPEC.md §10 "Combinations": by default only the highest is paid, a
setting in `khen_thuong.toml` because that reading is not confirmed).

Money is shown only where the agency pays it from its own fund: every award of the document is one its head decides.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import Problems
from ..inputs.awards import RewardForm
from ..inputs.collate import fold
from ..model import DocumentSpec, Nomination
from .money import Rates, reward
from .planning import Planning
from .wording import AwardPart, Payment
from .words import so_tien


def _nominee(n: Nomination) -> tuple[str, str, bool]:
    return fold(n.ho_ten), fold(n.don_vi), n.tap_the


class Money:
    """The money of each row of one document, and what its text says about it."""

    def __init__(
        self,
        spec: DocumentSpec,
        forms: Sequence[RewardForm],
        chosen: Sequence[Nomination],
        planning: Planning,
        problems: Problems,
    ):
        self._rows: dict[Nomination, tuple[int | None, bool]] = {}
        self._higher: dict[Nomination, RewardForm] = {}
        self.rates: Rates | None = None
        self.rule = ""
        self.shown = bool(chosen) and all(f.cap == "so" for f in forms)
        if not self.shown:
            return
        awards, agency = planning.awards, planning.agency
        self.rounding = agency.lam_tron
        self.rates = rates = planning.rates(spec.ngay)
        if rates.chua_xac_minh:
            problems.warn(
                planning.campaign.source,
                spec.ma,
                f"mức lương cơ sở {so_tien(rates.luong_co_so)} đồng ({rates.nguon_luong}) chưa được xác minh",
            )
        highest = {}
        if awards.combination.danh_hieu_cung_nam == "cao_nhat":  # of every nomination of the campaign: once a day
            highest = planning.once(("highest_titles", spec.ngay), lambda: self._highest_titles(planning, rates))
        for n in chosen:
            amount = reward(rates, n.hinh_thuc, n.tap_the, agency.lam_tron)
            form = awards.form(n.hinh_thuc)
            top = highest.get(_nominee(n))
            if form is not None and form.danh_hieu and top is not None and top.ma != form.ma:
                self._rows[n] = (None, True)
                self._higher[n] = top
            else:
                self._rows[n] = (amount, False)
        self.shown = all(amount is not None or elsewhere for amount, elsewhere in self._rows.values())
        if self._higher:
            self.rule = awards.combination.nguon
            if awards.combination.chua_xac_minh:
                problems.warn(
                    planning.campaign.source,
                    spec.ma,
                    f"{len(self._higher)} người có nhiều danh hiệu thi đua cùng năm chỉ được thưởng danh hiệu cao nhất "
                    f"({awards.combination.nguon}) — cách hiểu chưa được xác nhận; nếu tỉnh hướng dẫn thưởng cả hai, "
                    'đặt [ket_hop] danh_hieu_cung_nam = "tat_ca" trong khen_thuong.toml của cơ quan',
                )

    @staticmethod
    def _highest_titles(planning: Planning, rates: Rates) -> dict[tuple[str, str, bool], RewardForm]:
        """For each nominee with titles in this campaign that the agency's head decides, the one that pays most (the
        first of equals). A title the province decides is not known when the agency pays its own."""
        best: dict[tuple[str, str, bool], tuple[object, int, RewardForm]] = {}
        order = {f.ma: i for i, f in enumerate(planning.awards.forms)}
        for n in planning.nominations:
            form = planning.awards.form(n.hinh_thuc)
            if form is None or not form.danh_hieu or form.cap != "so":
                continue
            coefficient = rates.coefficient(form.ma, n.tap_the) or 0
            key = _nominee(n)
            found = best.get(key)
            if found is None or (coefficient, -order[form.ma]) > (found[0], -found[1]):
                best[key] = (coefficient, order[form.ma], form)
        return {key: form for key, (_, _, form) in best.items()}

    def of(self, n: Nomination) -> tuple[int | None, str]:
        """(amount, the higher title it is paid with, if so) of one row; (None, "") where the document shows no
        money."""
        if not self.shown or n not in self._rows:
            return None, ""
        higher = self._higher.get(n)
        return self._rows[n][0], self._title(higher) if higher is not None else ""

    def _title(self, form: RewardForm) -> str:
        """`danh hiệu “Chiến sĩ thi đua cơ sở”`: a title as running text names it."""
        return form.ten[:1].lower() + form.ten[1:]

    def payments(self, parts: Sequence[AwardPart]) -> tuple[Payment, ...]:
        """What each award pays one collective and one individual, with how many are paid with a higher title."""
        if not self.shown or self.rates is None:
            return ()
        found = []
        for part in parts:
            for collective in (True, False):
                rows = [n for n in self._rows if n.hinh_thuc == part.form.ma and n.tap_the == collective]
                amounts = [amount for n in rows if (amount := self._rows[n][0]) is not None]
                coefficient = self.rates.coefficient(part.form.ma, collective)
                if not rows or coefficient is None:
                    continue
                amount = amounts[0] if amounts else reward(self.rates, part.form.ma, collective, self.rounding)
                unpaid = [n for n in rows if n in self._higher]
                because = " hoặc ".join(
                    dict.fromkeys(
                        AwardPart(f, f.ten, part.year, 0, 0).lower_phrase for f in (self._higher[n] for n in unpaid)
                    )
                )
                found.append(Payment(part, collective, amount or 0, coefficient, len(unpaid), because, self.rule))
        return tuple(found)
