"""The sentences of reward documents, composed from the award's data: what is given, to how many, for what, and the
money (SPEC.md §10 "Wording").

A title is recognised (`Công nhận danh hiệu “Lao động tiên tiến” năm 2024 cho 45 cá nhân thuộc Sở …`); a reward
form is given for an achievement (`Tặng Giấy khen của Giám đốc Sở … cho 04 tập thể và 08 cá nhân (có danh sách kèm
theo) đã có thành tích xuất sắc trong …`). The verbs, the year, and what comes with the money are the award's data
(`data/khen_thuong.toml`); nothing here names an award.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..inputs.awards import RewardForm
from . import formats
from .words import so_tien

LIST_NOTE = "(có danh sách kèm theo)"
PLACEHOLDERS = ("khen_thuong", "doi_tuong", "nam")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def counted(collectives: int, individuals: int) -> str:
    """`04 tập thể và 08 cá nhân`, or one of the two when the other is none."""
    parts = []
    if collectives:
        parts.append(f"{formats.two_digits(collectives)} tập thể")
    if individuals:
        parts.append(f"{formats.two_digits(individuals)} cá nhân")
    return " và ".join(parts)


def audience(collectives: int, individuals: int) -> str:
    """`các tập thể, cá nhân`, `các cá nhân`, `các tập thể`, for a trích yếu."""
    if collectives and individuals:
        return "các tập thể, cá nhân"
    return "các tập thể" if collectives else "các cá nhân"


def coefficient_text(value: Decimal) -> str:
    """`0,3`, `1,0`, `1,5`: as decisions write the multiple of the base salary."""
    text = format(value.normalize(), "f")
    return (text if "." in text else f"{text}.0").replace(".", ",")


def unknown_placeholders(text: str) -> list[str]:
    """The `{…}` in a trích yếu that are not ours: a typo would otherwise print braces into a decision."""
    return [name for name in _PLACEHOLDER.findall(text) if name not in PLACEHOLDERS]


def fill(text: str, values: Mapping[str, str]) -> str:
    """`Về việc {khen_thuong}` → `Về việc công nhận danh hiệu “Lao động tiên tiến” năm 2024`; only our names are
    replaced, so the clerk's text is never evaluated."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


@dataclass(frozen=True)
class AwardPart:
    """One award within a document: the award, its full name, its year, and how many it goes to."""

    form: RewardForm
    name: str  # the full name with the agency's words: `Giấy khen của Giám đốc Sở Kế hoạch và Đầu tư`
    year: int | None
    collectives: int
    individuals: int

    @property
    def phrase(self) -> str:
        return self.form.phrase(self.name, self.year)

    @property
    def lower_phrase(self) -> str:
        return self.phrase[:1].lower() + self.phrase[1:]

    def article(self, agency: str, achievement: str) -> str:
        """Điều 1 of a decision for this award."""
        count = counted(self.collectives, self.individuals)
        if self.form.danh_hieu:
            return f"{self.phrase} cho {count} thuộc {agency} {LIST_NOTE}."
        return f"{self.phrase} cho {count} {LIST_NOTE} {achievement}."

    def proposal(self) -> str:
        """`tặng Bằng khen … cho 01 tập thể và 03 cá nhân`: one award in a Tờ trình's request."""
        return f"{self.lower_phrase} cho {counted(self.collectives, self.individuals)}"


def request(decider: str, parts: Sequence[AwardPart], achievement: str) -> str:
    """The sentence of a Tờ trình: `Đề nghị … xem xét, tặng … cho … (có danh sách kèm theo) đã có thành tích …`."""
    asked = "; ".join(part.proposal() for part in parts)
    reason = f" {achievement}" if any(not part.form.danh_hieu for part in parts) else ""
    return f"Đề nghị {decider} xem xét, {asked} {LIST_NOTE}{reason}."


@dataclass(frozen=True)
class Payment:
    """What one award pays one collective or individual, and how many of its list are paid otherwise."""

    part: AwardPart
    collective: bool
    amount: int
    coefficient: Decimal
    unpaid: int = 0  # rows of this award whose money comes with a higher title of the same year
    unpaid_because: str = ""  # that title, as named in the decision
    rule: str = ""  # the rule that pays only the higher title, as cited


def money_sentence(payment: Payment, article: int | None) -> str:
    """`Mỗi cá nhân có tên tại Điều 1 được tặng Bằng chứng nhận và được thưởng 1,0 lần mức lương cơ sở, số tiền:
    2.340.000 đồng`; for a reward form, `mỗi tập thể được tặng Giấy khen kèm theo tiền thưởng 900.000 đồng`."""
    form = payment.part.form
    who = "tập thể" if payment.collective else "cá nhân"
    if not form.danh_hieu:
        return f"mỗi {who} được tặng {form.ten_ngan} kèm theo tiền thưởng {so_tien(payment.amount)} đồng"
    named = f"có tên tại Điều {article}" if article else f"được {payment.part.lower_phrase}"
    given = f"được tặng {form.kem_theo} và " if form.kem_theo else ""
    text = (
        f"mỗi {who} {named} {given}được thưởng {coefficient_text(payment.coefficient)} lần mức lương cơ sở, "
        f"số tiền: {so_tien(payment.amount)} đồng"
    )
    if payment.unpaid:
        text += (
            f"; riêng {formats.two_digits(payment.unpaid)} {who} đồng thời được {payment.unpaid_because} chỉ nhận "
            "tiền thưởng của danh hiệu đó"
        ) + (f" ({payment.rule})" if payment.rule else "")
    return text


def money(payments: Sequence[Payment], articles: Mapping[str, int] | None = None) -> str:
    """Every award's money, in one sentence, starting with a capital."""
    text = "; ".join(money_sentence(p, (articles or {}).get(p.part.form.ma)) for p in payments)
    return text[:1].upper() + text[1:]
