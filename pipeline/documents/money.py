"""Reward money: coefficient × the base salary in force on the decision date, rounded (SPEC.md §5).

The coefficients (by decree and its dates) and the base salary (by date) are legal data in
`data/khen_thuong.toml`; nothing here knows a number of the law.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any

from ..datafiles import data_file
from ..errors import InputError, Problem

# How a product is rounded to the decree's step (10.000 đồng): up by default (NĐ 91/2017 Điều 68.2,
# NĐ 98/2023 Điều 53.2); some agencies round to the nearest step, or not at all [practice].
ROUNDING = {"len": ROUND_CEILING, "gan_nhat": ROUND_HALF_UP, "xuong": ROUND_FLOOR, "khong": None}


@dataclass(frozen=True)
class Rates:
    """What the law says on one date: the decree's coefficients and step, and the base salary."""

    ngay: dt.date
    nghi_dinh: str
    luong_co_so: int
    nguon_luong: str
    lam_tron: int
    he_so_ca_nhan: dict[str, Decimal]
    he_so_tap_the: dict[str, Decimal]
    chua_xac_minh: bool = False

    def coefficient(self, form: str, collective: bool) -> Decimal | None:
        return (self.he_so_tap_the if collective else self.he_so_ca_nhan).get(form)


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def rates_on(day: dt.date, raw: dict[str, Any]) -> Rates:
    """The decree and the base salary in force on `day`; an InputError when the data covers no such day."""
    decrees = [
        d for d in raw.get("nghi_dinh", []) if _date(d["tu_ngay"]) <= day <= (_date(d.get("den_ngay")) or dt.date.max)
    ]
    salaries = sorted((s for s in raw.get("luong_co_so", []) if _date(s["tu_ngay"]) <= day), key=lambda s: s["tu_ngay"])
    source = data_file("khen_thuong.toml")
    if not decrees:
        raise InputError(Problem(source, f"không có nghị định nào về tiền thưởng có hiệu lực ngày {day:%d/%m/%Y}"))
    if not salaries:
        raise InputError(Problem(source, f"không có mức lương cơ sở nào áp dụng ngày {day:%d/%m/%Y}"))
    decree, salary = decrees[-1], salaries[-1]
    return Rates(
        ngay=day,
        nghi_dinh=decree["so"],
        luong_co_so=int(salary["muc"]),
        nguon_luong=salary.get("nguon", ""),
        lam_tron=int(decree.get("lam_tron", 10000)),
        he_so_ca_nhan={k: Decimal(str(v)) for k, v in decree.get("he_so_ca_nhan", {}).items()},
        he_so_tap_the={k: Decimal(str(v)) for k, v in decree.get("he_so_tap_the", {}).items()},
        chua_xac_minh=bool(salary.get("chua_xac_minh", False)),
    )


def reward(rates: Rates, form: str, collective: bool, rounding: str = "len") -> int | None:
    """The money for one award, or None when the decree sets none for that form and kind.

    A collective's coefficient is already twice the individual's where the law says so; the product is rounded once.
    """
    coefficient = rates.coefficient(form, collective)
    if coefficient is None:
        return None
    product = coefficient * rates.luong_co_so
    mode = ROUNDING[rounding]
    if mode is None:
        return int(product.to_integral_value(ROUND_HALF_UP))
    step = Decimal(rates.lam_tron)
    return int((product / step).to_integral_value(mode) * step)
