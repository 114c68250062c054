"""Amounts in words ("Bằng chữ"), as SPEC.md §6 reads them.

num2words reads a group of three digits correctly on its own (`hai mươi mốt`, `mười lăm`, `một trăm lẻ năm`), but
not a whole amount: it drops `không trăm` in a group after the first (`một triệu năm mươi nghìn` for 1.050.000)
and it has no currency mode. So it is wrapped: it reads each group, and this module puts the groups together.
"""

from __future__ import annotations

from num2words import num2words

SCALES = ("", "nghìn", "triệu", "tỷ")
MAX_AMOUNT = 999_999_999_999


def _group(n: int, leading: bool, linh: str, tu: bool) -> str:
    """A group of three digits, 1–999. A group after the first always says its hundreds: `không trăm năm mươi`."""
    words = num2words(n, lang="vi").replace(" lẻ ", f" {linh} ")
    if not leading and n < 100:
        rest = num2words(n, lang="vi")
        words = f"không trăm {linh} {rest}" if n < 10 else f"không trăm {rest}"
    if tu and n % 10 == 4 and n % 100 >= 24:  # `tư` is the optional reading of 4 after tens ≥ 2
        words = words[: -len("bốn")] + "tư"
    return words


def so_thanh_chu(amount: int, linh: str = "linh", tu: bool = False) -> str:
    """`Một triệu không trăm năm mươi nghìn đồng` for 1.050.000; `linh` or `lẻ` before a lone unit digit."""
    if not 0 <= amount <= MAX_AMOUNT:
        raise ValueError(f"{amount} is outside 0 … {MAX_AMOUNT}")
    if linh not in ("linh", "lẻ"):
        raise ValueError(f"linh must be 'linh' or 'lẻ', not {linh!r}")
    if amount == 0:
        return "Không đồng"
    groups = []
    rest = amount
    while rest:
        rest, group = divmod(rest, 1000)
        groups.append(group)
    parts = []
    for scale in range(len(groups) - 1, -1, -1):
        group = groups[scale]
        if group == 0:
            continue  # an all-zero group is skipped: 1.000.500 is "một triệu năm trăm"
        parts.append(_group(group, leading=scale == len(groups) - 1, linh=linh, tu=tu))
        if SCALES[scale]:
            parts.append(SCALES[scale])
    text = " ".join(parts) + " đồng"
    return text[0].upper() + text[1:]


def so_tien(amount: int) -> str:
    """`1.410.000`: thousands separated by dots, as Vietnamese documents write money."""
    return f"{amount:,}".replace(",", ".")
