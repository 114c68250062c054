"""The register printed as NĐ30 Phụ lục IV has it: the cover, then the ten columns, as an Excel workbook; and the
same columns as lines for the terminal."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils.exceptions import InvalidFileException

from ..documents.formats import without_archive_line
from ..fsutil import aside, write_atomic
from ..model import Agency
from .register import Entry
from .store import Archive


def put(ws, row: int, col: int, value: object) -> None:
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if value[:1] in ("=", "+", "-", "@"):
            cell.quotePrefix = True  # and Excel shows it as typed when the cell is edited
    else:
        cell.value = value


REGISTER_SHEET = "Sổ đăng ký"
COLUMNS = (
    ("Số, ký hiệu văn bản", 16),
    ("Ngày tháng văn bản", 12),
    ("Tên loại và trích yếu nội dung", 48),
    ("Người ký", 18),
    ("Nơi nhận văn bản", 30),
    ("Đơn vị, người nhận bản lưu", 14),
    ("Số lượng bản", 8),
    ("Ngày chuyển", 11),
    ("Ký nhận", 11),
    ("Ghi chú", 22),
)
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def title_and_summary(entry: Entry) -> str:
    """`Quyết định về việc tặng Giấy khen …`: the type, then the summary with its first letter lowered."""
    summary = entry.trich_yeu
    return f"{entry.ten_loai} {summary[:1].lower()}{summary[1:]}" if summary else entry.ten_loai


def recipients(entry: Entry) -> str:
    """Column 5, Nơi nhận văn bản: the recipients without the list marks and the archive line."""
    return "\n".join(line.removeprefix("- ").rstrip(";.") for line in without_archive_line(entry.noi_nhan))


Typed = Mapping[str, Sequence[object]]  # by số, ký hiệu: what the văn thư typed in columns 8–10 of an export


def register_rows(entries: Sequence[Entry], typed: Typed | None = None) -> list[list[object]]:
    """The ten columns of each entry; `typed`, what the văn thư wrote by hand into the last export (ngày chuyển, ký
    nhận, a note), carried over."""
    rows = []
    for e in entries:
        by_hand = list((typed or {}).get(e.so_ky_hieu, ())) + [None] * 3
        moved, signed, note = (v if v not in (None, "") else None for v in by_hand[:3])
        rows.append(
            [
                e.so_ky_hieu,
                f"{e.ngay:%d/%m/%Y}",
                title_and_summary(e),
                e.nguoi_ky,
                recipients(e),
                e.don_vi_luu,
                e.so_ban,
                moved if moved is not None else "",
                signed if signed is not None else "",
                note if note is not None else e.ghi_chu,
            ]
        )
    return rows


def typed_by_hand(path: Path) -> dict[str, tuple[object, ...]]:
    """What the văn thư typed into an export of the register (columns 8–10, by số, ký hiệu). Raises what openpyxl
    raises for a file that is no workbook."""
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        if REGISTER_SHEET not in book.sheetnames:
            raise ValueError("không phải sổ đăng ký do tdkt ghi")
        found = {}
        for row in book[REGISTER_SHEET].iter_rows(min_row=3, values_only=True):
            if row and row[0] and len(row) >= 10:
                found[str(row[0])] = tuple(row[7:10])
        return found
    finally:
        book.close()


def workbook(entries: Sequence[Entry], agency: Agency, year: int, volume: int = 1, typed: Typed | None = None) -> bytes:
    book = Workbook()
    cover = book.active
    cover.title = "Bìa sổ"
    series = sorted({e.so_theo for e in entries})
    lines = [
        (agency.co_quan_chu_quan.upper(), False, 13),
        (agency.ten.upper(), True, 13),
        ("", False, 12),
        ("SỔ ĐĂNG KÝ VĂN BẢN ĐI", True, 20),
        ("", False, 12),
        (f"Năm: {year}", False, 14),
    ]
    if entries:
        first, last = min(e.ngay for e in entries), max(e.ngay for e in entries)
        lines.append((f"Từ ngày {first:%d/%m/%Y} đến ngày {last:%d/%m/%Y}", False, 14))
        for name in series:
            numbers = [e.so for e in entries if e.so_theo == name]
            label = "" if len(series) == 1 else f" (sổ {name})"
            lines.append((f"Từ số {min(numbers):02d} đến số {max(numbers):02d}{label}", False, 14))
    lines.append((f"Quyển số: {volume:02d}", False, 14))
    for r, (text, bold, size) in enumerate(lines, start=1):
        put(cover, r, 1, text)
        cell = cover.cell(r, 1)
        cell.font = Font(name="Times New Roman", bold=bold, size=size)
        cell.alignment = Alignment(horizontal="center")
    cover.column_dimensions["A"].width = 90
    cover.page_setup.orientation = "landscape"
    cover.page_setup.paperSize = cover.PAPERSIZE_A4

    ws = book.create_sheet(REGISTER_SHEET)
    header = Font(name="Times New Roman", bold=True, size=11)
    body = Font(name="Times New Roman", size=11)
    for c, (title, width) in enumerate(COLUMNS, start=1):
        put(ws, 1, c, title)
        put(ws, 2, c, f"({c})")
        for r in (1, 2):
            cell = ws.cell(r, c)
            cell.font = header
            cell.border = BOX
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[ws.cell(1, c).column_letter].width = width
    for r, values in enumerate(register_rows(entries, typed), start=3):
        for c, value in enumerate(values, start=1):
            put(ws, r, c, value)
            cell = ws.cell(r, c)
            cell.font = body
            cell.border = BOX
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    ws.print_title_rows = "1:2"  # the header repeats on every printed page
    ws.freeze_panes = "A3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export(archive: Archive, agency: Agency, year: int, target: Path) -> tuple[Path, int, Path | None]:
    """The year's register written to `target`, with what the văn thư typed by hand into the export already there
    (ngày chuyển, ký nhận, notes) carried over; a file there that is no export of the register is kept beside
    (returned third), never overwritten."""
    entries = archive.entries(year)
    typed: dict[str, tuple[object, ...]] = {}
    kept = None
    if target.is_file():
        try:
            typed = typed_by_hand(target)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, InvalidFileException):
            kept = aside(target)
            write_atomic(kept, target.read_bytes())
    write_atomic(target, workbook(entries, agency, year, typed=typed))
    return target, len(entries), kept


def listing(entries: Sequence[Entry]) -> list[list[str]]:
    """The columns a clerk reads on screen: all but the two the văn thư fills in by hand (ngày chuyển, ký nhận)."""
    return [[str(v) for v in (*row[:7], row[9])] for row in register_rows(entries)]
