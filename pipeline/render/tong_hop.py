"""`tong_hop.xlsx`: the consolidated list, one row per nomination with its source, and counts per unit and form.

Every cell is written as text or a number, never a formula: a name that starts with `=`, `+`, `-` or `@` is data
(OWASP "CSV injection"), so it is stored as a string cell that Excel will not evaluate.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..inputs.awards import AwardData
from ..memory import collector_paused
from ..model import Nomination
from ..xlsx import SharedStrings, Sheet, lines, prepare, workbook

if TYPE_CHECKING:
    import pandas as pd

LIST_SHEET = "Tổng hợp"
COUNT_SHEET = "Thống kê"
LIST_HEADER = (
    "STT",
    "Họ và tên / Tên tập thể",
    "Tập thể/Cá nhân",
    "Chức vụ, đơn vị",
    "Đơn vị (tổng hợp)",
    "Hình thức khen thưởng",
    "Thành tích",
    "Tệp nguồn",
    "Trang tính",
    "Dòng",
)
LIST_WIDTHS = (5, 24, 10, 26, 22, 20, 40, 22, 10, 6)  # in characters; a longer text wraps, and its row is made taller


def warm_up() -> None:
    """pandas loaded ahead, by a caller with time to spare (the main process while workers read the evidence)."""
    import pandas  # noqa: F401


def counts(nominations: Sequence[Nomination], awards: AwardData) -> pd.DataFrame:
    """Units down, reward forms across, with totals: how many nominations of each (units in the order they first
    appear, forms in the reward data's order)."""
    import pandas as pd  # here: a build whose evidence has not changed never needs it (and it takes 0.3 s to load)

    names = _form_names(awards)
    pairs = Counter((n.don_vi, names.get(n.hinh_thuc, n.hinh_thuc)) for n in nominations)
    if not pairs:
        return pd.DataFrame()
    table = pd.Series(pairs).unstack(fill_value=0)
    table["Tổng cộng"] = table.sum(axis=1)
    table.loc["Tổng cộng"] = table.sum(axis=0)
    units_in_order = list(dict.fromkeys(unit for unit, _ in pairs)) + ["Tổng cộng"]
    forms_in_order = [f.ten_ngan for f in awards.forms if f.ten_ngan in table.columns] + ["Tổng cộng"]
    return table.reindex(index=units_in_order, columns=forms_in_order)


def _form_names(awards: AwardData) -> dict[str, str]:
    """Each code's short name, as `AwardData.form` finds it: looked up once per code, not once per nomination."""
    return {f.ma: awards.form(f.ma).ten_ngan for f in awards.forms}


def workbook_bytes(nominations: Sequence[Nomination], awards: AwardData, root: Path | None = None) -> bytes:
    return ListRows(awards, root).workbook(nominations)


class ListRows:
    """The list's rows, made as each file's nominations arrive (`add`, while the other files are still being read)
    and numbered once the list's order is known (`workbook`): a province's 100.000 rows are then not all made
    after the last file, while the workers that read the files have nothing left to do."""

    def __init__(self, awards: AwardData, root: Path | None = None):
        self.awards, self.root = awards, root
        self.strings = SharedStrings()
        self.names = _form_names(awards)
        self.sources: dict[str, str] = {}  # by the path's text: hashing Path objects 100.000 times costs the most
        self.made: dict[int, tuple[Nomination, str, int]] = {}  # by identity; holding a nomination keeps its id

    def add(self, nominations: Iterable[Nomination]) -> None:
        with collector_paused():
            for n in nominations:
                values = self._values(n)
                self.made[id(n)] = (n, prepare(values, self.strings, first=1), lines(values, LIST_WIDTHS, first=1))

    def _values(self, n: Nomination) -> tuple[object, ...]:
        """A row's cells after its STT."""
        key = str(n.tep)
        source = self.sources.get(key)
        if source is None:
            root = self.root
            inside = root is not None and n.tep.is_relative_to(root)
            source = self.sources[key] = (n.tep.relative_to(root) if inside else n.tep).as_posix()
        return (
            n.ho_ten,
            "Tập thể" if n.tap_the else "Cá nhân",
            n.chuc_vu_va_don_vi,
            n.don_vi,
            self.names.get(n.hinh_thuc, n.hinh_thuc),
            n.thanh_tich,
            source,
            n.trang_tinh,
            n.dong,
        )

    def workbook(self, nominations: Sequence[Nomination]) -> bytes:
        """The list of these nominations, in this order (rows not added before are made now), and its counts."""
        with collector_paused():
            self.add([n for n in nominations if self.made.get(id(n), (None,))[0] is not n])
            made = self.made
            sheet = Sheet(LIST_SHEET, LIST_HEADER, LIST_WIDTHS)
            sheet.rows += [((i,), *made[id(n)][1:]) for i, n in enumerate(nominations, start=1)]
            table = counts(nominations, self.awards)
            header = ["Đơn vị", *[str(c) for c in table.columns]]
            totals = Sheet(COUNT_SHEET, header, (36, *([16] * (len(header) - 1))))
            for unit, values in zip(table.index, table.values, strict=True):
                totals.append([str(unit), *[int(v) for v in values]])
            return workbook([sheet, totals], self.strings)
