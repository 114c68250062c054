"""What the office remembers of past years: who received which award, and each year's evaluations (SPEC.md §10).

Three sources, read together:

- every issued decision's list, kept in its archive record (`luu_vt/<year>/….json`, key `khen_thuong`), so the
  register rebuilt from the archive keeps it;
- lists and evaluations of earlier years imported from the office's old files (`tdkt history import`), kept as
  records in `luu_vt/lich_su/`;
- history files a campaign names in its own folder (`[[lich_su]]` in `phong_trao.toml`), for a campaign carried
  with its past (the sample's).

A nominee is the same person across years by folded name and unit — a unit's former names (`ten_cu` in
`co_quan.toml`) count as the unit — and, where both sides give one, by birth year or staff number.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import Problem, TdktError
from ..fsutil import write_atomic
from ..inputs.collate import fold
from ..model import Nomination, Unit
from ..text import ascii_slug

HISTORY_FOLDER = "lich_su"
EXCELLENT = "hoan thanh xuat sac"  # the evaluation that grounds a title, folded


@dataclass(frozen=True)
class PastAward:
    """One award one nominee received in one year, with the decision that gave it."""

    ho_ten: str
    don_vi: str
    tap_the: bool
    hinh_thuc: str
    nam: int
    so_ky_hieu: str = ""
    ngay: str = ""  # ISO date of the decision, where known
    nam_sinh: str = ""
    ma_so: str = ""
    can_cu_xet: str = ""
    nguon: str = ""  # where the record came from: an issued decision's record, an imported file


@dataclass(frozen=True)
class Evaluation:
    """One person's evaluation for one year (hoàn thành xuất sắc / tốt nhiệm vụ)."""

    ho_ten: str
    don_vi: str
    nam: int
    xep_loai: str
    nam_sinh: str = ""
    ma_so: str = ""
    nguon: str = ""

    @property
    def excellent(self) -> bool:
        return EXCELLENT in " ".join(fold_words(self.xep_loai))


def fold_words(text: str) -> list[str]:
    """`Hoàn thành XUẤT SẮC nhiệm vụ` → the words without accents or case."""
    return [fold(word) for word in text.split() if fold(word)]


def award_rows(nominations: Iterable[Nomination], year: int) -> list[dict]:
    """An issued decision's list as its archive record keeps it (key `khen_thuong`)."""
    return [
        {
            "ho_ten": n.ho_ten,
            "don_vi": n.don_vi,
            "tap_the": n.tap_the,
            "hinh_thuc": n.hinh_thuc,
            "nam": year,
            "nam_sinh": n.nam_sinh,
            "ma_so": n.ma_so,
            "can_cu_xet": n.can_cu_xet,
        }
        for n in nominations
    ]


@dataclass(frozen=True)
class History:
    awards: tuple[PastAward, ...] = ()
    evaluations: tuple[Evaluation, ...] = ()
    units: Sequence[Unit] = field(default=(), repr=False)

    def unit_key(self, name: str) -> str:
        """A unit's current name, folded, for any of its names (a text that contains one names it)."""
        key = fold(name)
        for unit in self.units:
            if any(fold(old) and fold(old) in key for old in unit.names()):
                return fold(unit.ten)
        return key

    def _same(self, n: Nomination, name: str, unit: str, birth: str, number: str) -> bool:
        if fold(name) != fold(n.ho_ten):
            return False
        if n.ma_so and number:
            return n.ma_so == number
        if n.nam_sinh and birth and n.nam_sinh != birth:
            return False
        return self.unit_key(unit) == self.unit_key(n.don_vi)

    def awards_of(self, n: Nomination) -> list[PastAward]:
        return [
            a for a in self.awards if a.tap_the == n.tap_the and self._same(n, a.ho_ten, a.don_vi, a.nam_sinh, a.ma_so)
        ]

    def evaluations_of(self, n: Nomination) -> list[Evaluation]:
        return [e for e in self.evaluations if self._same(n, e.ho_ten, e.don_vi, e.nam_sinh, e.ma_so)]

    def award_years(self) -> set[int]:
        """The years the history holds any award for: a year missing here cannot be checked."""
        return {a.nam for a in self.awards}

    def evaluation_years(self) -> set[int]:
        return {e.nam for e in self.evaluations}

    def person(self, name: str) -> tuple[list[PastAward], list[Evaluation]]:
        """Everything recorded under a name, any unit, by year."""
        key = fold(name)
        # The same list may be both imported and carried by a campaign: shown once.
        awards = {
            (a.nam, a.hinh_thuc, self.unit_key(a.don_vi), a.so_ky_hieu): a for a in self.awards if fold(a.ho_ten) == key
        }
        evaluations = {(e.nam, self.unit_key(e.don_vi)): e for e in self.evaluations if fold(e.ho_ten) == key}
        return (
            sorted(awards.values(), key=lambda a: (a.nam, a.hinh_thuc)),
            sorted(evaluations.values(), key=lambda e: e.nam),
        )

    def joined(self, other: History) -> History:
        return History(self.awards + other.awards, self.evaluations + other.evaluations, self.units or other.units)


def _awards_in(values: dict, source: str, year: int | None = None) -> list[PastAward]:
    found = []
    for row in values.get("khen_thuong") or ():
        found.append(
            PastAward(
                ho_ten=row["ho_ten"],
                don_vi=row.get("don_vi", ""),
                tap_the=bool(row.get("tap_the", False)),
                hinh_thuc=row["hinh_thuc"],
                nam=int(row.get("nam") or year or values["nam"]),
                so_ky_hieu=row.get("so_ky_hieu") or values.get("so_ky_hieu", ""),
                ngay=str(row.get("ngay") or values.get("ngay", "")),
                nam_sinh=row.get("nam_sinh", ""),
                ma_so=row.get("ma_so", ""),
                can_cu_xet=row.get("can_cu_xet", ""),
                nguon=source,
            )
        )
    return found


def _evaluations_in(values: dict, source: str) -> list[Evaluation]:
    return [
        Evaluation(
            ho_ten=row["ho_ten"],
            don_vi=row.get("don_vi", ""),
            nam=int(row.get("nam") or values["nam"]),
            xep_loai=row["xep_loai"],
            nam_sinh=row.get("nam_sinh", ""),
            ma_so=row.get("ma_so", ""),
            nguon=source,
        )
        for row in values.get("danh_gia") or ()
    ]


def from_records(records: Iterable[tuple[Path, dict]], folder: Path, units: Sequence[Unit]) -> History:
    """The history the archive holds: issued decisions' lists and imported records."""
    awards: list[PastAward] = []
    evaluations: list[Evaluation] = []
    for path, values in records:
        awards += _awards_in(values, path.name)
    for path in sorted((folder / HISTORY_FOLDER).glob("*.json")) if folder.is_dir() else ():
        try:
            values = json.loads(path.read_text(encoding="utf-8"))
            awards += _awards_in(values, path.name)
            evaluations += _evaluations_in(values, path.name)
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise TdktError(Problem(path, f"không đọc được bản ghi lịch sử ({e})")) from e
    return History(tuple(awards), tuple(evaluations), units)


def from_nominations(
    nominations: Iterable[Nomination], year: int, number: str, day: dt.date | None, source: str
) -> History:
    """A past list read like evidence: its awards (rows with one), its evaluations (rows with an xếp loại)."""
    awards, evaluations = [], []
    for n in nominations:
        if n.hinh_thuc:
            awards.append(
                PastAward(
                    n.ho_ten,
                    n.don_vi,
                    n.tap_the,
                    n.hinh_thuc,
                    year,
                    number,
                    day.isoformat() if day else "",
                    n.nam_sinh,
                    n.ma_so,
                    n.can_cu_xet,
                    source,
                )
            )
        if n.xep_loai:
            evaluations.append(Evaluation(n.ho_ten, n.don_vi, year, n.xep_loai, n.nam_sinh, n.ma_so, source))
    return History(tuple(awards), tuple(evaluations))


def record_import(folder: Path, source: Path, history: History, year: int) -> tuple[Path, str]:
    """Keep an imported list as a record of the archive (`luu_vt/lich_su/<year>-<file>.json`), and say what became of
    an earlier one of that name: importing the same list again (the same decision number, or one of the two without
    a number; awards or evaluations alike) replaces its record, never doubles it; another list that happens to have
    the same file name (two units' `danh-sach.xlsx`, another decision of the year) is kept beside it (`…-2.json`)."""
    number = history.awards[0].so_ky_hieu if history.awards else ""
    base = f"{year}-{ascii_slug(source.stem) or 'lich-su'}"
    target, again = folder / HISTORY_FOLDER / f"{base}.json", 1
    said = ""
    while target.is_file():
        earlier = _record_at(target)
        if earlier is not None and _same_list(earlier, bool(history.awards), number):
            said = f"thay bản đã nhập lúc {earlier.get('nhap_luc', '?')} từ {earlier.get('tep_nguon', '?')}"
            break
        again += 1
        target = folder / HISTORY_FOLDER / f"{base}-{again}.json"
    if again > 1 and not said:
        said = f"đã có một danh sách khác năm {year} cùng tên tệp; lưu riêng thành {target.name}"
    values = {
        "nam": year,
        "tep_nguon": source.name,
        "nhap_luc": dt.datetime.now().isoformat(timespec="seconds"),
        "khen_thuong": [{k: v for k, v in asdict(a).items() if k != "nguon"} for a in history.awards],
        "danh_gia": [{k: v for k, v in asdict(e).items() if k != "nguon"} for e in history.evaluations],
    }
    if history.awards:
        values["so_ky_hieu"] = history.awards[0].so_ky_hieu
        values["ngay"] = history.awards[0].ngay
    write_atomic(target, (json.dumps(values, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return target, said


def _record_at(path: Path) -> dict | None:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def _same_list(earlier: dict, awards: bool, number: str) -> bool:
    """An earlier record is the list being imported again: awards again awards (evaluations again evaluations), and
    the same decision number where both have one."""
    if bool(earlier.get("khen_thuong")) != awards:
        return False
    before = str(earlier.get("so_ky_hieu") or "")
    return not number or not before or before == number
