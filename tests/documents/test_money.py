"""Reward money by date (SPEC.md §5): the worked examples, rounding modes, and data overrides."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.documents.money import rates_on, reward
from pipeline.errors import InputError, Problems
from pipeline.inputs.awards import load_awards


@pytest.fixture(scope="module")
def raw():
    return load_awards(None, Problems()).raw


@pytest.mark.parametrize(
    ("day", "form", "individual", "collective", "decree", "salary"),
    [
        (dt.date(2021, 11, 20), "giay_khen", 450_000, 900_000, "91/2017/NĐ-CP", 1_490_000),
        (dt.date(2024, 8, 15), "giay_khen", 710_000, 1_410_000, "98/2023/NĐ-CP", 2_340_000),
        (dt.date(2025, 9, 1), "bang_khen_tinh", 3_510_000, 7_020_000, "152/2025/NĐ-CP", 2_340_000),
        (dt.date(2023, 7, 1), "giay_khen", 540_000, 1_080_000, "91/2017/NĐ-CP", 1_800_000),
        (dt.date(2023, 6, 30), "chien_si_thi_dua_co_so", 1_490_000, None, "91/2017/NĐ-CP", 1_490_000),
        (dt.date(2024, 1, 1), "lao_dong_tien_tien", 540_000, None, "98/2023/NĐ-CP", 1_800_000),
    ],
)
def test_worked_examples(raw, day, form, individual, collective, decree, salary):
    rates = rates_on(day, raw)
    assert (rates.nghi_dinh, rates.luong_co_so) == (decree, salary)
    assert reward(rates, form, collective=False) == individual
    assert reward(rates, form, collective=True) == collective


def test_collective_titles_have_their_own_coefficient(raw):
    rates = rates_on(dt.date(2021, 11, 20), raw)
    assert reward(rates, "tap_the_lao_dong_tien_tien", collective=True) == 1_200_000  # 0.8 × 1.490.000 = 1.192.000
    assert reward(rates, "tap_the_lao_dong_xuat_sac", collective=True) == 2_240_000  # 1.5 × 1.490.000 = 2.235.000


@pytest.mark.parametrize(
    ("mode", "amount"), [("len", 450_000), ("gan_nhat", 450_000), ("xuong", 440_000), ("khong", 447_000)]
)
def test_rounding_modes(raw, mode, amount):
    assert reward(rates_on(dt.date(2021, 11, 20), raw), "giay_khen", False, mode) == amount


def test_unconfirmed_base_salary_is_flagged(raw):
    rates = rates_on(dt.date(2026, 8, 1), raw)
    assert (rates.luong_co_so, rates.chua_xac_minh) == (2_530_000, True)


def test_no_decree_before_2017(raw):
    with pytest.raises(InputError) as caught:
        rates_on(dt.date(2016, 5, 1), raw)
    assert "không có nghị định nào về tiền thưởng có hiệu lực ngày 01/05/2016" in str(caught.value)


def test_agency_overrides_the_legal_data(tmp_path):
    (tmp_path / "khen_thuong.toml").write_text(
        '[[luong_co_so]]\nmuc = 1600000\ntu_ngay = 2021-01-01\nnguon = "thử"\n', encoding="utf-8"
    )
    problems = Problems()
    rates = rates_on(dt.date(2021, 11, 20), load_awards(tmp_path, problems).raw)
    assert problems.items == ()
    assert (rates.luong_co_so, reward(rates, "giay_khen", False)) == (1_600_000, 480_000)
