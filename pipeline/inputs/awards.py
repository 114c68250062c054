"""Reward forms and their aliases, from the legal data file `data/khen_thuong.toml` and the agency's override."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ..datafiles import data_file
from ..errors import Problems
from .collate import fold, spaced
from .tomlfile import TableReader, load_toml

AWARDS_FILE = "khen_thuong.toml"


@dataclass(frozen=True)
class RewardForm:
    ma: str
    ten: str  # full name, as a decision writes it
    ten_ngan: str  # short name, as a list column shows it
    cap: str  # who decides: "so", "tinh", "bo"
    doi_tuong: tuple[str, ...]  # "tap_the", "ca_nhan"
    bi_danh: tuple[str, ...]
    mau_in: str = ""  # template for printing onto the blank certificate, for forms the agency prints itself
    danh_hieu: bool = False  # a title (danh hiệu thi đua) rather than a reward form (hình thức khen thưởng)
    dong_tu: str = "Tặng"  # how a decision gives it: `Tặng` Giấy khen, `Công nhận` danh hiệu
    theo_nam: bool = False  # named with its year: danh hiệu “Lao động tiên tiến” năm 2024
    kem_theo: str = ""  # what comes with it besides the money: `Bằng chứng nhận`
    can_cu_xet: bool = False  # its list shows each person's ground (hoàn thành xuất sắc nhiệm vụ, an initiative)

    def phrase(self, name: str, year: int | None) -> str:
        """`Công nhận danh hiệu “Lao động tiên tiến” năm 2024`, `Tặng Giấy khen của Giám đốc Sở …`: the award as
        a decision's article or a proposal gives it (`name` is the full name with the agency's words filled in)."""
        named = name[:1].lower() + name[1:] if self.danh_hieu else name
        return f"{self.dong_tu} {named}" + (f" năm {year}" if self.theo_nam and year else "")


@dataclass(frozen=True)
class Combination:
    """How several titles of one nominee in one year are paid (SPEC.md §10 "Combinations")."""

    danh_hieu_cung_nam: str = "cao_nhat"  # "cao_nhat": only the highest title is paid; "tat_ca": each is paid
    nguon: str = ""  # the rule it follows
    chua_xac_minh: bool = False  # a reading of the law not confirmed: said in a warning


COMBINATIONS = ("cao_nhat", "tat_ca")


@dataclass(frozen=True)
class AwardData:
    forms: tuple[RewardForm, ...]
    raw: dict[str, Any]  # the merged tables, for the money rules (decrees, base salary)
    sources: tuple[Path, ...]
    combination: Combination = Combination()

    def form(self, code: str) -> RewardForm | None:
        return self._by_code.get(code)

    @cached_property
    def _by_code(self) -> dict[str, RewardForm]:
        return {f.ma: f for f in reversed(self.forms)}  # the first form of a code wins, as a search would find it

    @cached_property
    def _by_alias(self) -> dict[str, RewardForm]:
        aliases: dict[str, RewardForm] = {}
        for form in self.forms:
            for alias in (form.ten, form.ten_ngan, *form.bi_danh):
                aliases.setdefault(fold(alias), form)  # the first form to claim an alias keeps it
        return aliases

    @cached_property
    def _spaced_aliases(self) -> list[tuple[str, RewardForm]]:
        pairs = {}
        for form in self.forms:
            for alias in (form.ten, form.ten_ngan, *form.bi_danh):
                key = spaced(alias)
                if len(key.replace(" ", "")) >= 5:
                    pairs.setdefault(key, form)
        return sorted(pairs.items(), key=lambda p: len(p[0]), reverse=True)

    def find(self, text: str) -> RewardForm | None:
        """The form whose longest alias stands as whole words inside a text (`B. BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH`,
        a sheet named `DS Giấy khen`), or None."""
        key = f" {spaced(text)} "
        return next((form for alias, form in self._spaced_aliases if f" {alias} " in key), None)

    def match(self, text: str) -> RewardForm | None:
        """The form a free-typed cell means (`GK`, `giấy khen của giám đốc sở` …), or None."""
        key = fold(text)
        return self._by_alias.get(key) if key else None


def _merge(base: list[dict], override: list[dict], key: str) -> list[dict]:
    merged = {item.get(key): item for item in base}
    for item in override:
        merged[item.get(key)] = item
    return list(merged.values())


def load_awards(agency_folder: Path | None, problems: Problems) -> AwardData:
    """The shipped tables, with `khen_thuong.toml` beside `co_quan.toml` replacing entries of the same key."""
    shipped_path = data_file(AWARDS_FILE)
    raw = load_toml(shipped_path)
    sources = [shipped_path]
    override_path = agency_folder / AWARDS_FILE if agency_folder is not None else None
    if override_path is not None and override_path.is_file():
        override = load_toml(override_path)
        sources.append(override_path)
        raw = {
            "hinh_thuc": _merge(raw.get("hinh_thuc", []), override.get("hinh_thuc", []), "ma"),
            "nghi_dinh": _merge(raw.get("nghi_dinh", []), override.get("nghi_dinh", []), "so"),
            "luong_co_so": _merge(raw.get("luong_co_so", []), override.get("luong_co_so", []), "tu_ngay"),
            "ket_hop": raw.get("ket_hop", {}) | override.get("ket_hop", {}),
        }
    forms = []
    source = sources[-1]
    for item in TableReader(raw, source, problems).tables("hinh_thuc", required=True):
        forms.append(
            RewardForm(
                ma=item.text("ma"),
                ten=item.text("ten"),
                ten_ngan=item.text("ten_ngan"),
                cap=item.text("cap"),
                doi_tuong=item.lines("doi_tuong", required=True),
                bi_danh=item.lines("bi_danh"),
                mau_in=item.text("mau_in", default=""),
                danh_hieu=(title := item.text("loai", default="hinh_thuc") == "danh_hieu"),
                dong_tu=item.text("dong_tu", default="Công nhận" if title else "Tặng"),
                theo_nam=item.flag("theo_nam", default=title),
                kem_theo=item.text("kem_theo", default=""),
                can_cu_xet=item.flag("can_cu_xet"),
            )
        )
    combined = TableReader(raw.get("ket_hop", {}), source, problems, "ket_hop.")
    combination = Combination(
        danh_hieu_cung_nam=combined.text("danh_hieu_cung_nam", default="cao_nhat"),
        nguon=combined.text("nguon", default=""),
        chua_xac_minh=combined.flag("chua_xac_minh"),
    )
    if combination.danh_hieu_cung_nam not in COMBINATIONS:
        problems.error(source, "ket_hop.danh_hieu_cung_nam", f"phải là một trong: {', '.join(COMBINATIONS)}")
    return AwardData(tuple(forms), raw, tuple(sources), combination)
