"""Reward forms and their aliases, from the legal data and the agency's override beside co_quan.toml."""

from __future__ import annotations

from pipeline.errors import Problems
from pipeline.inputs.awards import load_awards


def test_aliases_match_however_they_are_typed():
    awards = load_awards(None, Problems())
    assert awards.match("giấy khen của giám đốc sở").ma == "giay_khen"
    assert awards.match("  GK ").ma == "giay_khen"
    assert awards.match("BẰNG KHEN UBND TỈNH").ma == "bang_khen_tinh"
    assert awards.match("Bằng khen Thủ tướng") is None
    assert awards.match("") is None


def test_the_agency_replaces_an_entry_and_adds_an_alias(tmp_path):
    (tmp_path / "khen_thuong.toml").write_text(
        '[[hinh_thuc]]\nma = "giay_khen"\nten = "Giấy khen của {thu_truong} {co_quan}"\nten_ngan = "Giấy khen"\n'
        'cap = "so"\ndoi_tuong = ["tap_the", "ca_nhan"]\nbi_danh = ["Khen của Sở"]\n',
        encoding="utf-8",
    )
    problems = Problems()
    awards = load_awards(tmp_path, problems)
    assert problems.errors == []
    assert awards.match("khen của sở").ma == "giay_khen"
    assert awards.match("GK") is None  # the shipped entry was replaced whole
    assert awards.form("bang_khen_tinh") is not None  # the others are kept
    assert awards.sources[-1] == tmp_path / "khen_thuong.toml"
