"""The small text forms Nghị định 30/2020 fixes: number and symbol, date line, Nơi nhận, signature titles.

Each function returns plain text; the templates decide where it stands and how it looks.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache

from ..model import Agency, Signer

# Width of the blank a draft leaves for the number, which the clerk fills in by hand after signing.
DRAFT_NUMBER_BLANK = " " * 5


def two_digits(n: int) -> str:
    """NĐ30 Phụ lục I: numbers, days and months 1–2 below 10 take a leading zero."""
    return f"{n:02d}"


def ky_hieu(type_abbr: str, issuer_abbr: str) -> str:
    """`KH-SKHĐT`: type abbreviation, hyphen, agency (or unit) abbreviation, no spaces around the hyphen."""
    return f"{type_abbr}-{issuer_abbr}"


def so_ky_hieu(number: int | None, symbol: str) -> str:
    """`05/QĐ-SKHĐT`, or a blank before the slash on a draft that has no number yet."""
    prefix = DRAFT_NUMBER_BLANK if number is None else two_digits(number)
    return f"{prefix}/{symbol}"


def ngay_thang_nam(d: dt.date) -> str:
    """`ngày 06 tháng 02 năm 2022`, `ngày 29 tháng 6 năm 2019`.

    NĐ30 Phụ lục I: a day below 10 and the months 1 and 2 take a leading zero; months 3 to 12 do not.
    """
    month = two_digits(d.month) if d.month <= 2 else str(d.month)
    return f"ngày {two_digits(d.day)} tháng {month} năm {d.year}"


def dia_danh_ngay(place: str, d: dt.date) -> str:
    """The date line under the Quốc hiệu: `Bình Định, ngày 06 tháng 02 năm 2022`."""
    return f"{place}, {ngay_thang_nam(d)}"


def _strip_list_marks(line: str) -> str:
    line = line.strip()
    if line.startswith(("-", "–", "+", "•")):
        line = line[1:].strip()
    return line.rstrip(" ;.,").strip()


def without_archive_line(lines: Iterable[str]) -> list[str]:
    """The recipients proper: every Nơi nhận line but `- Lưu: …`."""
    return [line for line in lines if not is_archive_line(line)]


def is_archive_line(line: str) -> bool:
    """`Lưu: VT, VP.` in any spelling a clerk may have typed it."""
    return re.match(r"lưu\s*(:|vt\b)", _strip_list_marks(line).lower()) is not None


def noi_nhan(lines: Iterable[str], drafting_unit: str, copies: int | None = None) -> list[str]:
    """The recipient lines, each `- …;`, closed by `- Lưu: VT, <unit>[ (<copies>)].` exactly once.

    NĐ30 Phụ lục I II.9: every line starts with a dash and ends with a semicolon; the last is the archive line,
    which tdkt writes itself from the drafting unit, whatever the input says.
    """
    kept = [_strip_list_marks(line) for line in lines if line.strip() and not is_archive_line(line)]
    out = [f"- {line};" for line in kept if line]
    archive = f"- Lưu: VT, {drafting_unit}"
    if copies:
        archive += f" ({two_digits(copies)})"
    out.append(archive + ".")
    return out


def list_lines(lines: Iterable[str]) -> list[str]:
    """Lines of a list that ends a sentence (căn cứ, Kính gửi): `;` after each, `.` after the last."""
    kept = [line.strip().rstrip(" ;.,") for line in lines if line.strip()]
    return [line + (";" if i < len(kept) - 1 else ".") for i, line in enumerate(kept)]


def signature_titles(agency: Agency, signer: Signer, mode: str | None = None) -> list[str]:
    """The bold upper-case lines above the signature (NĐ30 Phụ lục I II.7, Điều 13).

    The head signs with the head's title; `KT.` (a deputy), `TL.` and `TUQ.` put the head's title over the signer's
    own; `Q.` (acting head) is a single line.
    """
    mode = signer.ky_thay if mode is None else mode
    head = agency.thu_truong.upper()
    if mode == "":
        return [signer.chuc_vu.upper()]
    if mode == "Q":
        return [f"Q. {head}"]
    return [f"{mode}. {head}", signer.chuc_vu.upper()]


# --- "Chức vụ, đơn vị": one rule for every list ----------------------------------------------------------------------


@lru_cache(maxsize=4096)  # an agency has a few dozen positions and units; every list of a build repeats them
def position_and_unit(position: str, unit: str) -> str:
    """`Chuyên viên` + `Phòng Đăng ký kinh doanh` → `Chuyên viên Phòng Đăng ký kinh doanh`; a unit the position
    already names is not repeated (`Chánh Văn phòng` + `Văn phòng` → `Chánh Văn phòng`), and words the position ends
    with and the unit starts with are written once (`Giám đốc Trung tâm` + `Trung tâm Xúc tiến đầu tư` → `Giám đốc
    Trung tâm Xúc tiến đầu tư`; `Trưởng phòng` + `Phòng Tổng hợp` → `Trưởng phòng Tổng hợp`). No comma between."""
    position, unit = position.strip(" ,;"), unit.strip(" ,;")
    if not unit:
        return position
    if not position:
        return unit
    if unit.lower() in position.lower():
        return position
    mine, theirs = position.split(), unit.split()
    for k in range(min(len(mine), len(theirs)), 0, -1):
        if [w.lower() for w in mine[-k:]] == [w.lower() for w in theirs[:k]]:
            return " ".join(mine + theirs[k:])
    return f"{position} {unit}"


def list_position(name: str, collective: bool, position: str, unit: str, combined: str = "", agency: str = "") -> str:
    """What a list's "Chức vụ, đơn vị" column shows for a nominee, composed by `position_and_unit`: a collective is
    not its own unit; position and unit written together by the unit are split where the unit begins and joined
    again by the same rule; in a list sent to another body (`agency` given) each line names the agency."""
    if collective:
        text = "" if not unit or unit.lower() in name.lower() or name.lower() in unit.lower() else unit
    elif combined:
        at = combined.lower().find(unit.lower()) if unit else -1
        text = position_and_unit(combined[:at], combined[at : at + len(unit)]) if at >= 0 else combined
    else:
        text = position_and_unit(position, unit)
    if agency and agency.lower() not in text.lower():
        text = f"{text}, {agency}" if text else agency
    return text
