"""Small evidence workbooks built inside a test, in the shapes units send."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

HEADER = ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Hình thức khen thưởng", "Thành tích"]


def xlsx(
    path: Path,
    rows: Sequence[Sequence[object]],
    sheet: str = "Sheet1",
    font: str | None = None,
    merges: Sequence[str] = (),
) -> Path:
    book = Workbook()
    ws = book.active
    ws.title = sheet
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is None or value == "":
                continue
            cell = ws.cell(r, c, value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # a name typed with a leading "=", not a formula
            if font:
                cell.font = Font(name=font)
    for rng in merges:
        ws.merge_cells(rng)
    if isinstance(path, Path):
        path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def person(
    name: str, form: str = "Giấy khen", unit: str = "Văn phòng", position: str = "Chuyên viên", n: int = 1
) -> list[object]:
    return [n, name, position, unit, form, "Hoàn thành xuất sắc nhiệm vụ."]
