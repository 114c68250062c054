"""The conditions a title or a reward has in law, checked on a campaign's nominations and against history (SPEC.md
§10; the rules, their articles and levels in `data/dieu_kien.toml`, set again by the agency's `[dieu_kien]`).

A rule at level `loi` (confirmed law) is an error naming the nominee, the rule and its article; `canh_bao` (not
confirmed, or the province's to set) a warning; `tat` is not checked. A rule that cannot be checked for lack of data
is one warning per campaign saying which data is missing and how to give it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from .archive.history import History, fold_words
from .campaign import LoadedCampaign
from .datafiles import data_file
from .errors import Problems
from .inputs.collate import fold
from .inputs.tomlfile import TableReader, load_toml
from .model import Nomination, Unit

LEVELS = ("loi", "canh_bao", "tat")
LAO_DONG, CHIEN_SI = "lao_dong_tien_tien", "chien_si_thi_dua_co_so"
_INITIATIVE = ("sang kien", "de tai", "giai phap")
_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})|(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Rule:
    ma: str
    ten: str
    can_cu: str
    muc: str
    hinh_thuc: str = ""
    ty_le: float | None = None
    hon: bool = False
    so_nam: int | None = None
    hang_nam: bool = False  # only in a year-end review (the campaign names its year)
    xuat_sac_va_sang_kien: bool = False  # or: as many excellent years in a row, and two initiatives
    can_chien_si: bool = False  # a collective title: and at least one member Chiến sĩ thi đua cơ sở


def load_rules(settings: dict, problems: Problems) -> list[Rule]:
    """The shipped rules with the agency's levels and parameters (`[dieu_kien]` in co_quan.toml)."""
    path = data_file("dieu_kien.toml")
    rules = []
    for table in TableReader(load_toml(path), path, problems).tables("dieu_kien", required=True):
        own = settings.get(table.text("ma"), {})
        own = {"muc": own} if isinstance(own, str) else own if isinstance(own, dict) else {}
        level = own.get("muc", table.text("muc"))
        if level not in LEVELS:
            problems.error(path, f"dieu_kien.{table.text('ma')}", f"mức phải là một trong: {', '.join(LEVELS)}")
            continue
        ratio = own.get("ty_le", table.table.get("ty_le"))
        years = own.get("so_nam", table.table.get("so_nam"))
        rules.append(
            Rule(
                ma=table.text("ma"),
                ten=table.text("ten"),
                can_cu=table.text("can_cu"),
                muc=level,
                hinh_thuc=table.text("hinh_thuc", default=""),
                ty_le=float(ratio) if ratio is not None else None,
                hon=bool(own.get("hon", table.table.get("hon", False))),
                so_nam=int(years) if years is not None else None,
                hang_nam=bool(table.table.get("hang_nam", False)),
                xuat_sac_va_sang_kien=bool(table.table.get("xuat_sac_va_sang_kien", False)),
                can_chien_si=bool(table.table.get("can_chien_si", False)),
            )
        )
    known = {rule.ma for rule in rules}
    for name in settings:
        if name not in known:
            problems.warn(
                path, f"dieu_kien.{name}", f"co_quan.toml đặt điều kiện không có (có: {', '.join(sorted(known))})"
            )
    return rules


def _person(n: Nomination) -> tuple[str, str, bool]:
    return fold(n.ho_ten), fold(n.don_vi), n.tap_the


def _is_initiative(text: str) -> bool:
    words = " ".join(fold_words(text))
    return any(word in words for word in _INITIATIVE)


def _is_excellent(text: str) -> bool:
    return "hoan thanh xuat sac" in " ".join(fold_words(text))


def _date_of(text: str) -> dt.date | None:
    found = _DATE.search(text)
    if not found:
        return None
    try:
        if found.group(3):
            return dt.date(int(found.group(3)), int(found.group(2)), int(found.group(1)))
        return dt.date(int(found.group(4)), int(found.group(5)), int(found.group(6)))
    except ValueError:
        return None


@dataclass
class Review:
    """One campaign's nominations with what the rules need: the year, the history, the units, when it proposes."""

    item: LoadedCampaign
    history: History
    problems: Problems
    year: int

    @cached_property
    def by_person(self) -> dict[tuple[str, str, bool], list[Nomination]]:
        """Each nominee's nominations, found once and only for a rule that asks (a list of 100.000 Giấy khen
        has none)."""
        found: dict[tuple[str, str, bool], list[Nomination]] = {}
        for n in self.nominations:
            found.setdefault(_person(n), []).append(n)
        return found

    @property
    def annual(self) -> bool:
        """A year-end review (the campaign names its year): a Bằng khen there is for the year's work."""
        return self.item.campaign.nam is not None

    @property
    def nominations(self) -> Sequence[Nomination]:
        return self.item.evidence.nominations if self.item.evidence is not None else ()

    def awards_now(self, n: Nomination) -> set[str]:
        return {other.hinh_thuc for other in self.by_person.get(_person(n), ())}

    def name(self, code: str) -> str:
        form = self.item.awards.form(code)
        return form.ten_ngan if form is not None else code

    def proposed_on(self, code: str) -> dt.date:
        """The date of the campaign's Tờ trình that proposes this award (today where none does)."""
        days = [
            spec.ngay
            for spec in self.item.campaign.documents
            if code in getattr(spec.rieng, "hinh_thuc", ()) and not getattr(spec.rieng, "quyet_dinh", True)
        ]
        return min(days) if days else dt.date.today()

    def titled_years(self, n: Nomination, code: str, until: dt.date) -> set[int]:
        """The years the nominee holds `code` in history; this year's only from a decision dated by `until`."""
        years = set()
        for past in self.history.awards_of(n):
            if past.hinh_thuc != code:
                continue
            if past.nam == self.year and past.ngay and past.ngay > until.isoformat():
                continue
            years.add(past.nam)
        return years

    def unit_of(self, n: Nomination) -> Unit | None:
        """The agency unit a collective is: named in its name, else its unit's."""
        for text in (n.ho_ten, n.don_vi):
            key = fold(text)
            for unit in self.item.agency.units:
                if any(fold(name) and fold(name) in key for name in unit.names()):
                    return unit
        return None

    def members(self, unit: Unit) -> list[list[Nomination]]:
        """The individuals of a unit in this campaign, each with all their nominations."""
        keys = {fold(name) for name in unit.names()}
        return [
            rows
            for (_, unit_key, collective), rows in self.by_person.items()
            if not collective and any(key and key in unit_key for key in keys)
        ]


Finding = tuple[Nomination | None, str]  # a nominee (or None: the whole campaign) and what is wrong
Check = Callable[[Review, Rule], Iterator[Finding]]
MISSING = "thiếu dữ liệu: "  # a finding that says what data is missing rather than what is wrong


def _chosen(review: Review, rule: Rule) -> list[Nomination]:
    return [n for n in review.nominations if n.hinh_thuc == rule.hinh_thuc]


def _needs_lao_dong(review: Review, rule: Rule) -> Iterator[Finding]:
    for n in _chosen(review, rule):
        if LAO_DONG in review.awards_now(n):
            continue
        if any(p.hinh_thuc == LAO_DONG and p.nam == review.year for p in review.history.awards_of(n)):
            continue
        yield n, f"chưa có “{review.name(LAO_DONG)}” năm {review.year}"


def _needs_ground(review: Review, rule: Rule) -> Iterator[Finding]:
    chosen = _chosen(review, rule)
    evaluated = review.year in review.history.evaluation_years()
    unknown = []
    for n in chosen:
        rows = review.by_person.get(_person(n), [n])
        grounds = [text for r in rows for text in (r.can_cu_xet, r.xep_loai) if text]
        grounds += [e.xep_loai for e in review.history.evaluations_of(n) if e.nam == review.year]
        if any(_is_excellent(g) or _is_initiative(g) for g in grounds):
            continue
        if grounds:
            yield n, f"căn cứ “{grounds[0]}” không phải hoàn thành xuất sắc nhiệm vụ hay sáng kiến, đề tài"
        elif evaluated or any(r.can_cu_xet or r.xep_loai for r in review.nominations):
            yield n, "không có căn cứ xét (hoàn thành xuất sắc nhiệm vụ, hoặc số sáng kiến) trong cột “Căn cứ xét”"
        else:
            unknown.append(n)
    if unknown:
        award = review.name(rule.hinh_thuc)
        yield (
            None,
            (
                f"{MISSING}{len(unknown)} đề nghị “{award}” không có căn cứ xét: thêm cột “Căn cứ xét” vào bảng "
                f"đề nghị, hoặc nhập kết quả đánh giá năm {review.year} (tdkt history import … --danh-gia)"
            ),
        )


def _initiative_once(review: Review, rule: Rule) -> Iterator[Finding]:
    """An initiative grounding an award that needs a ground (`can_cu_xet` in khen_thuong.toml) grounds no other,
    this year or before. (A row asking for several awards shares its ground column: only the award that needs the
    ground uses it.)"""

    def grounds(code: str, text: str) -> bool:
        form = review.item.awards.form(code)
        return bool(text) and form is not None and form.can_cu_xet and _is_initiative(text)

    used: dict[str, tuple[str, str]] = {}
    for past in review.history.awards:
        if grounds(past.hinh_thuc, past.can_cu_xet) and past.nam != review.year:
            used.setdefault(fold(past.can_cu_xet), (past.ho_ten, f"{review.name(past.hinh_thuc)} năm {past.nam}"))
    for n in review.nominations:
        if not grounds(n.hinh_thuc, n.can_cu_xet):
            continue
        key = fold(n.can_cu_xet)
        mine = (n.ho_ten, f"{review.name(n.hinh_thuc)} năm {review.year}")
        first = used.setdefault(key, mine)
        if first != mine:
            yield n, f"sáng kiến “{n.can_cu_xet}” đã làm căn cứ cho “{first[0]}” ({first[1]})"


def _share(review: Review, rule: Rule) -> Iterator[Finding]:
    ratio = rule.ty_le or 0.0
    unknown = []
    for n in _chosen(review, rule):
        unit = review.unit_of(n)
        counted = int(n.so_nguoi) if n.so_nguoi.isdigit() and int(n.so_nguoi) > 0 else None
        headcount = counted or (unit.so_nguoi if unit is not None else None)
        if unit is None or not headcount:
            unknown.append(unit.ten if unit is not None else n.ho_ten)
            continue
        members = review.members(unit)
        titled = sum(1 for rows in members if any(r.hinh_thuc == LAO_DONG for r in rows))
        share = titled / headcount
        short = share <= ratio if rule.hon else share < ratio
        if short:
            yield (
                n,
                (
                    f"{titled}/{headcount} thành viên đạt “{review.name(LAO_DONG)}” ({share:.0%}), cần "
                    f"{'trên' if rule.hon else 'từ'} {ratio:.0%}"
                ),
            )
        if rule.can_chien_si and not any(any(r.hinh_thuc == CHIEN_SI for r in rows) for rows in members):
            yield n, f"không có thành viên nào đạt “{review.name(CHIEN_SI)}”"
    if unknown:
        units = ", ".join(dict.fromkeys(unknown))
        yield (
            None,
            (
                f"{MISSING}chưa biết số người của {units} để kiểm “{review.name(rule.hinh_thuc)}”: ghi so_nguoi "
                "cho đơn vị trong co_quan.toml, hoặc cột “Số người” trong bảng đề nghị"
            ),
        )


def _consecutive(years: set[int], count: int, latest: int) -> bool:
    """`count` consecutive years ending at `latest` or the year before."""
    return any(all(y in years for y in range(end - count + 1, end + 1)) for end in (latest, latest - 1))


def _history_years(review: Review, rule: Rule) -> Iterator[Finding]:
    if rule.hang_nam and not review.annual:
        return  # a campaign's own Bằng khen (chuyên đề) has no condition of years
    count = rule.so_nam or 2
    needed = set(range(review.year - count, review.year))  # the years before this one the rule reaches back to
    missing = sorted(needed - review.history.award_years())
    unknown = []
    for n in _chosen(review, rule):
        if n.tap_the:
            continue  # the rule is for individuals (a collective's Bằng khen has its own criteria)
        until = review.proposed_on(rule.hinh_thuc)
        years = review.titled_years(n, CHIEN_SI, until)
        if _consecutive(years, count, review.year):
            continue
        if rule.xuat_sac_va_sang_kien:
            excellent = {e.nam for e in review.history.evaluations_of(n) if e.excellent}
            excellent |= (
                {review.year}
                if any(_is_excellent(r.xep_loai or r.can_cu_xet) for r in review.by_person.get(_person(n), []))
                else set()
            )
            initiatives = {
                fold(p.can_cu_xet) for p in review.history.awards_of(n) if p.can_cu_xet and _is_initiative(p.can_cu_xet)
            } | {fold(r.can_cu_xet) for r in review.by_person.get(_person(n), []) if _is_initiative(r.can_cu_xet)}
            if _consecutive(excellent, count, review.year) and len(initiatives) >= 2:
                continue
        if missing:
            unknown.append(n.ho_ten)
            continue
        had = ", ".join(str(y) for y in sorted(years)) or "không năm nào"
        yield n, f"“{review.name(CHIEN_SI)}” các năm: {had} — chưa đủ {count:02d} năm liên tục"
    if unknown:
        years = ", ".join(map(str, missing))
        award = review.name(rule.hinh_thuc)
        yield (
            None,
            (
                f"{MISSING}chưa có lịch sử khen thưởng năm {years} để kiểm “{award}” của {', '.join(unknown)}: nhập "
                "danh sách cũ (tdkt history import TỆP --nam …) hoặc khai [[lich_su]] trong phong_trao.toml"
            ),
        )


def _ratio_cap(review: Review, rule: Rule) -> Iterator[Finding]:
    titled = sum(1 for n in review.nominations if n.hinh_thuc == LAO_DONG)
    best = [n for n in review.nominations if n.hinh_thuc == CHIEN_SI]
    if titled and len(best) > (rule.ty_le or 0) * titled:
        yield (
            None,
            f"{len(best)} “{review.name(CHIEN_SI)}” trên {titled} “{review.name(LAO_DONG)}” ({len(best) / titled:.0%})",
        )


def _recruited(review: Review, rule: Rule) -> Iterator[Finding]:
    chosen = _chosen(review, rule)
    end = dt.date(review.year, 12, 31)
    unknown = 0
    for n in chosen:
        day = _date_of(n.ngay_tuyen_dung) if n.ngay_tuyen_dung else None
        if day is None:
            unknown += 1
            continue
        months = (end.year - day.year) * 12 + end.month - day.month + (1 if end.day >= day.day else 0)
        if months < 6:
            yield n, f"tuyển dụng ngày {day:%d/%m/%Y}, chưa đủ 06 tháng trong năm {review.year}"
    if unknown and unknown == len(chosen):
        yield (
            None,
            f"{MISSING}bảng đề nghị không có cột “Ngày tuyển dụng” ({unknown} đề nghị “{review.name(rule.hinh_thuc)}”)",
        )


def _discipline(review: Review, rule: Rule) -> Iterator[Finding]:
    if not any(n.ky_luat for n in review.nominations):
        if review.annual:
            yield None, f"{MISSING}bảng đề nghị không có cột “Kỷ luật” hoặc không ghi gì trong cột đó"
        return
    for n in review.nominations:
        if n.ky_luat and fold(n.ky_luat) not in ("khong", "khongco", "0"):
            yield n, f"bị kỷ luật ({n.ky_luat})"


CHECKS: dict[str, Check] = {
    "cstdcs_lao_dong_tien_tien": _needs_lao_dong,
    "cstdcs_can_cu": _needs_ground,
    "sang_kien_mot_lan": _initiative_once,
    "tap_the_lao_dong_tien_tien": _share,
    "tap_the_lao_dong_xuat_sac": _share,
    "bang_khen_tinh_hang_nam": _history_years,
    "chien_si_thi_dua_tinh": _history_years,
    "ty_le_cstdcs": _ratio_cap,
    "lao_dong_tien_tien_tuyen_dung": _recruited,
    "ky_luat": _discipline,
}


def check_conditions(item: LoadedCampaign, history: History, problems: Problems) -> None:
    """Every enabled rule on the campaign's nominations; problems go to `problems`."""
    if item.evidence is None or not item.evidence.nominations:
        return
    year = item.campaign.nam or max((spec.ngay.year for spec in item.campaign.documents), default=dt.date.today().year)
    review = Review(item, history.joined(item.history), problems, year)
    for rule in load_rules(item.agency.dieu_kien, problems):
        check = CHECKS.get(rule.ma)
        if rule.muc == "tat" or check is None:
            continue
        for nominee, what in check(review, rule):
            if nominee is None and what.startswith(MISSING):
                problems.warn(item.campaign.source, f"điều kiện {rule.ma}", f"không kiểm được: {what[len(MISSING) :]}")
                continue
            where = (nominee.tep, nominee.o) if nominee is not None else (item.campaign.source, f"điều kiện {rule.ma}")
            who = (
                f"“{nominee.ho_ten}” ({nominee.don_vi}) đề nghị “{review.name(nominee.hinh_thuc)}”: " if nominee else ""
            )
            message = f"{who}{what} — {rule.ten} ({rule.can_cu})"
            if rule.muc == "loi":
                problems.error(*where, message)
            else:
                problems.warn(*where, message)
