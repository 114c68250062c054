"""A synthetic campaign for the benchmarks: the sample agency, N decisions, M nominations in one evidence file."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
CAMPAIGN = "dot-do-toc-do"

DECISION = """
[[van_ban]]
ma = "quyet_dinh_{i}"
loai = "QĐ"
trich_yeu = "Về việc tặng Giấy khen cho các tập thể, cá nhân có thành tích xuất sắc (đợt {i})"
ngay = 2024-08-15
nguoi_ky = "giam_doc"
don_vi_soan_thao = "VP"
hinh_thuc = ["giay_khen"]
can_cu = ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022", "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ"]
theo_de_nghi = "Chánh Văn phòng Sở"
nguon_kinh_phi = "Quỹ thi đua, khen thưởng của Sở năm 2024"
dieu_3 = "Chánh Văn phòng Sở và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."
ten_tep = "tang giay khen {i}"
noi_nhan = ["Lãnh đạo Sở"]
"""

GIVEN = [
    "An",
    "Bình",
    "Châu",
    "Dũng",
    "Đức",
    "Giang",
    "Hà",
    "Hải",
    "Hương",
    "Khánh",
    "Lan",
    "Long",
    "Minh",
    "Nam",
    "Ngọc",
    "Phúc",
    "Quân",
    "Sơn",
    "Thảo",
    "Trang",
    "Tuấn",
    "Uyên",
    "Việt",
    "Yến",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
UNITS = ["Văn phòng", "Phòng Tổng hợp, Quy hoạch", "Phòng Đăng ký kinh doanh", "Trung tâm Xúc tiến đầu tư"]


def person(i: int) -> str:
    return f"{FAMILY[i % len(FAMILY)]} Thị {GIVEN[(i // len(FAMILY)) % len(GIVEN)]} {i}"


def evidence_rows(count: int, offset: int = 0) -> list[list[object]]:
    rows: list[list[object]] = [
        ["STT", "Họ và tên", "Tập thể/Cá nhân", "Chức vụ", "Đơn vị", "Hình thức khen thưởng", "Thành tích"]
    ]
    for i in range(offset, offset + count):
        collective = i % 10 == 0
        name = f"Tổ công tác số {i}" if collective else person(i)
        rows.append(
            [
                i + 1,
                name,
                "Tập thể" if collective else "Cá nhân",
                "" if collective else "Chuyên viên",
                UNITS[i % len(UNITS)],
                "Giấy khen",
                "Hoàn thành xuất sắc nhiệm vụ năm 2024, tham gia tích cực các phong trào thi đua của Sở.",
            ]
        )
    return rows


def write_xlsx(path: Path, rows: list[list[object]]) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Đề nghị")
    for row in rows:
        sheet.append(row)
    book.save(path)


def workspace(decisions: int, rows: int) -> Path:
    """A temporary folder with inputs/, templates_docx/ and a campaign of `decisions` decisions over `rows` names."""
    root = Path(tempfile.mkdtemp(prefix="tdkt-bench-"))
    (root / "inputs" / CAMPAIGN / "de_nghi").mkdir(parents=True)
    shutil.copy(ROOT / "inputs" / "co_quan.toml", root / "inputs" / "co_quan.toml")
    shutil.copytree(ROOT / "templates_docx", root / "templates_docx")
    campaign = 'ten = "Đợt thi đua đo tốc độ"\n' + "".join(DECISION.format(i=i) for i in range(1, decisions + 1))
    (root / "inputs" / CAMPAIGN / "phong_trao.toml").write_text(campaign, encoding="utf-8")
    write_xlsx(root / "inputs" / CAMPAIGN / "de_nghi" / "de-nghi.xlsx", evidence_rows(rows))
    return root
