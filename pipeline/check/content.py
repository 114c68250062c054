"""`tdkt check` on what a reward document says, not only how it looks (issue 13, item 5): the amount in words against
the figure, the list's total against the sum of its rows, the counts in the text against the list, and each row's
money against the coefficient and the base salary in force on the document's date. A hand-edited figure is caught
before the director signs it. Each rule gives no verdict where the document does not show what it is about.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from ..documents.money import ROUNDING, rates_on, reward
from ..documents.words import so_thanh_chu
from ..errors import Problems, TdktError
from ..inputs.awards import AwardData, load_awards
from .rules import DAT, KHONG_DAT, Verdict, View, rule

_AMOUNT = r"(\d{1,3}(?:\.\d{3})+|\d+)"
_IN_WORDS = re.compile(_AMOUNT + r"\s*đồng\s*\(\s*Bằng chữ:\s*([^)]+?)\s*\)")
_WORDS_ALONE = re.compile(r"^Bằng chữ:\s*(.+?)[./\s]*$")
_DATE = re.compile(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})")
_COUNT = re.compile(r"(\d+) (tập thể|cá nhân)\b")
_ROMAN = re.compile(r"^[IVX]+$")


def _number(text: str) -> int | None:
    digits = text.replace(".", "").strip()
    return int(digits) if digits.isdigit() else None


def _same_words(amount: int, words: str) -> bool:
    """The words read the amount, in any of the readings the law allows (linh or lẻ, tư or bốn)."""
    return " ".join(words.lower().rstrip(" ./").split()) in _readings(amount)


@lru_cache(maxsize=1024)  # a batch's documents state the same amounts (each award's, the totals) again and again
def _readings(amount: int) -> frozenset[str]:
    return frozenset(
        so_thanh_chu(amount, linh=linh, tu=tu).lower().rstrip(".") for linh in ("linh", "lẻ") for tu in (0, 1)
    )


@cache
def _awards() -> AwardData:
    return load_awards(None, Problems())


@dataclass(frozen=True)
class _Listed:
    """The attached list as the rules read it: its rows below the header (each merged cell once), the column of its
    money (-1 without one), and its numbered rows by group (`TẬP THỂ`, `CÁ NHÂN`)."""

    rows: list[list[str]]
    money: int
    groups: dict[str, list[list[str]]]


def _list(view: View) -> _Listed | None:
    """The attached list (its header has an "STT" and a "Họ và tên" cell), found and read once per document: four
    rules read it."""
    if "_list" not in view.__dict__:
        view.__dict__["_list"] = _read_list(view)
    return view.__dict__["_list"]


def _read_list(view: View) -> _Listed | None:
    for table in view.tables:
        texts = view.table_cells(table)
        header = [text.strip() for text in texts[0]] if texts else []
        if header and header[0] == "STT" and any(h.startswith("Họ") for h in header):
            money = next((i for i, h in enumerate(header) if h.startswith("Số tiền")), -1)
            rows = []
            for row in texts[1:]:
                cells = [text.strip() for text in row]
                rows.append([c for i, c in enumerate(cells) if i == 0 or c != cells[i - 1] or c == ""])
            return _Listed(rows, money, _groups(rows))
    return None


def _groups(rows: list[list[str]]) -> dict[str, list[list[str]]]:
    """The list's rows by group (`TẬP THỂ`, `CÁ NHÂN`), numbered rows only."""
    groups: dict[str, list[list[str]]] = {}
    current = ""
    for cells in rows:
        if cells and _ROMAN.match(cells[0]) and len(cells) > 1:
            current = cells[1]
            groups.setdefault(current, [])
        elif cells and cells[0].isdigit():
            groups.setdefault(current, []).append(cells)
    return groups


def _total_row(rows: list[list[str]]) -> list[str] | None:
    return next((cells for cells in rows if any(c.startswith("Tổng cộng") for c in cells[:3])), None)


def _body_texts(view: View) -> list[str]:
    return [p.clean for p in view.paras[: view.appendix_start] if p.table is None and p.clean]


@rule
def amounts_in_words(view: View) -> Iterator[Verdict]:
    """Every `… đồng (Bằng chữ: …)`, and the `Bằng chữ:` line under the list against the list's total."""
    found = []
    for para in view.paras:
        # "chữ:" has no space, so it is in the text exactly when it is in the text with its spaces cleaned up: most
        # paragraphs (every cell of the list) are passed over without cleaning them.
        if "chữ:" not in para.text or para.is_template:
            continue
        for match in _IN_WORDS.finditer(para.clean):
            found.append((_number(match.group(1)), match.group(2), para.clean))
    listed = _list(view)
    if listed is not None and listed.money >= 0:
        total = _total_row(listed.rows)
        after = [p for p in view.paras[view.appendix_start :] if p.table is None and p.clean.startswith("Bằng chữ:")]
        if total is not None and after and (figure := _number(total[-1])) is not None:
            alone = _WORDS_ALONE.match(after[0].clean)
            if alone:
                found.append((figure, alone.group(1), after[0].clean))
    for amount, words, where in found:
        if amount is None:
            continue
        ok = _same_words(amount, words)
        detail = "" if ok else f"“{words}” không đọc đúng số {amount:,} đồng".replace(",", ".")
        yield Verdict("bang_chu", "Số tiền bằng chữ", DAT if ok else KHONG_DAT, where, detail)


NOTHING = ("—", "–", "-")


@rule
def list_total(view: View) -> Iterator[Verdict]:
    """The list's total row against the sum of its rows, and the total the text states against the list."""
    listed = _list(view)
    if listed is None or listed.money < 0:
        return
    total_row = _total_row(listed.rows)
    # A dash: the row's money comes with a higher title of the same year (SPEC §10 "Combinations"), nothing here.
    amounts = [0 if cells[-1] in NOTHING else _number(cells[-1]) for group in listed.groups.values() for cells in group]
    if total_row is None or any(a is None for a in amounts):
        return
    stated = _number(total_row[-1])
    if stated is None:  # a template's `{{ tong_tien }}`: only the built document shows the figure
        return
    summed = sum(a for a in amounts if a is not None)
    problems = (
        [] if stated == summed else [f"dòng tổng cộng ghi {total_row[-1]} nhưng các dòng cộng lại được {summed:,}"]
    )
    for text in _body_texts(view):
        said = re.search(r"[Tt]ổng số tiền thưởng:?\s*" + _AMOUNT, text)
        if said and _number(said.group(1)) != summed:
            problems.append(f"nội dung ghi tổng {said.group(1)} đồng nhưng danh sách cộng lại được {summed:,}")
    detail = "; ".join(problems).replace(",", ".") if problems else ""
    yield Verdict(
        "tong_danh_sach",
        "Tổng tiền của danh sách",
        KHONG_DAT if problems else DAT,
        f"{summed:,}".replace(",", "."),
        detail,
    )


@rule
def counts(view: View) -> Iterator[Verdict]:
    """`… cho 04 tập thể và 08 cá nhân` in the text against the list's groups; where the text gives several awards
    (`… cho 02 cá nhân; … cho 05 tập thể`, or one article per award), their counts together."""
    listed = _list(view)
    if listed is None:
        return
    groups = listed.groups
    have = {"tập thể": len(groups.get("TẬP THỂ", [])), "cá nhân": len(groups.get("CÁ NHÂN", []))}
    said: dict[str, int] = {}
    where = ""
    for text in _body_texts(view):
        found = _COUNT.findall(text)
        if not found or "danh sách" not in text:
            continue
        where = where or text[:70]
        for n, kind in found:
            said[kind] = said.get(kind, 0) + int(n)
    if not said:
        return
    wrong = [f"ghi {n:02d} {kind} nhưng danh sách có {have[kind]:02d}" for kind, n in said.items() if have[kind] != n]
    missing = [
        f"danh sách có {have[kind]:02d} {kind} mà nội dung không nêu"
        for kind in have
        if have[kind] and kind not in said
    ]
    problems = wrong + missing
    yield Verdict("so_luong", "Số lượng khen thưởng", KHONG_DAT if problems else DAT, where, "; ".join(problems))


def _document_date(view: View) -> dt.date | None:
    for para in view.paras[:12]:
        found = _DATE.search(para.clean)
        if found and para.table is not None:
            day, month, year = map(int, found.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                return None
    return None


@rule
def reward_money(view: View) -> Iterator[Verdict]:
    """Each row's money against the coefficient of the list's award and the base salary in force on the date,
    rounded in any of the ways an agency may choose (the law's is up to 10.000 đồng)."""
    listed = _list(view)
    day = _document_date(view)
    if listed is None or listed.money < 0 or day is None:
        return
    titles = [p.clean for p in view.paras[view.appendix_start :] if p.table is None][:3]
    awards = _awards()
    form = next((f for f in (awards.find(t) for t in titles) if f is not None), None)
    if form is None:
        return
    try:
        rates = rates_on(day, awards.raw)
    except TdktError:
        return
    problems = []
    for group, rows in listed.groups.items():
        collective = group == "TẬP THỂ"
        allowed = {reward(rates, form.ma, collective, mode) for mode in ROUNDING} - {None}
        if not allowed:
            continue
        for cells in rows:
            amount = _number(cells[-1])
            if amount is not None and amount not in allowed:
                right = " hoặc ".join(f"{a:,}".replace(",", ".") for a in sorted(allowed))
                problems.append(
                    f"dòng {cells[0]} ({group.lower()}) ghi {cells[-1]}, theo quy định ngày {day:%d/%m/%Y} là {right}"
                )
    yield Verdict(
        "muc_thuong",
        "Mức tiền thưởng theo quy định",
        KHONG_DAT if problems else DAT,
        f"{form.ten_ngan}, {rates.nghi_dinh}",
        "; ".join(problems[:5]),
    )
