"""Property: a table laid out at random — columns in any order, title rows, a numbering row, sections in any shape,
totals and a footer in any column, as .xlsx or .csv — ingests to exactly its nominees."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import Problems
from pipeline.inputs.awards import load_awards
from pipeline.inputs.ingest import ingest_folder
from pipeline.model import Unit
from tests.workbooks import xlsx

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thu", "Quốc", "Ngọc", "Thanh"]
GIVEN = ["An", "Bình", "Cúc", "Dũng", "Hà", "Hải", "Lan", "Mai", "Nam", "Phúc", "Quân", "Tâm", "Yến", "Tú"]
TEAMS = ["Tổ Văn thư", "Tổ Kế toán", "Tổ Tổng hợp", "Tổ Một cửa", "Tổ Lái xe", "Tổ Tin học"]
FORMS = {"giay_khen": ["Giấy khen", "GK", "Giấy khen của Giám đốc Sở"], "bang_khen_tinh": ["Bằng khen UBND tỉnh"]}
TITLES = ["SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "VĂN PHÒNG", "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", "Năm 2024", "(Kèm theo công văn)"]
UNIT = "Văn phòng"

person = st.tuples(st.sampled_from(FAMILY), st.sampled_from(MIDDLE), st.sampled_from(GIVEN)).map(" ".join)
nominee = st.one_of(
    st.tuples(person, st.just(False), st.sampled_from(sorted(FORMS))),
    st.tuples(st.sampled_from(TEAMS), st.just(True), st.sampled_from(sorted(FORMS))),
)
layout = st.fixed_dictionaries(
    {
        "order": st.permutations(["stt", "ho_ten", "chuc_vu", "don_vi", "hinh_thuc", "thanh_tich"]),
        "titles": st.lists(st.tuples(st.sampled_from(TITLES), st.integers(0, 5)), max_size=4),
        "numbering": st.booleans(),
        "sections": st.sampled_from(["cot_loai", "mot_o", "hai_o", "chi_chu"]),
        "section_col": st.integers(0, 5),
        "total": st.booleans(),
        "footer_col": st.integers(0, 6),
        "csv": st.booleans(),
    }
)
HEAD = {
    "stt": "STT",
    "ho_ten": "Họ và tên",
    "chuc_vu": "Chức vụ",
    "don_vi": "Đơn vị",
    "hinh_thuc": "Hình thức khen thưởng",
    "thanh_tich": "Thành tích",
    "loai": "Tập thể/Cá nhân",
}


def table(nominees, shape) -> list[list[object]]:
    order = list(shape["order"]) + (["loai"] if shape["sections"] == "cot_loai" else [])
    width = len(order)
    rows: list[list[object]] = []
    for text, col in shape["titles"]:
        row = [""] * width
        row[min(col, width - 1)] = text
        rows.append(row)
    rows.append([HEAD[k] for k in order])
    if shape["numbering"]:
        rows.append([f"({i + 1})" for i in range(width)])
    groups = [("TẬP THỂ", [n for n in nominees if n[1]]), ("CÁ NHÂN", [n for n in nominees if not n[1]])]
    for number, (title, members) in enumerate(groups):
        if not members:
            continue
        roman = ["I", "II"][number]
        if shape["sections"] != "cot_loai":
            row = [""] * width
            if shape["sections"] == "mot_o":
                row[min(shape["section_col"], width - 1)] = f"{roman}. {title}"
            elif shape["sections"] == "hai_o":
                row[order.index("stt")], row[order.index("ho_ten")] = roman, title
            else:
                row[order.index("ho_ten")] = title
            rows.append(row)
        for stt, (name, collective, form) in enumerate(members, start=1):
            values = {
                "stt": stt,
                "ho_ten": name,
                "chuc_vu": "" if collective else "Chuyên viên",
                "don_vi": UNIT,
                "hinh_thuc": FORMS[form][stt % len(FORMS[form])],
                "thanh_tich": "Hoàn thành xuất sắc nhiệm vụ.",
                "loai": "Tập thể" if collective else "Cá nhân",
            }
            rows.append([values[k] for k in order])
    if shape["total"]:
        row = [""] * width
        row[order.index("ho_ten")] = f"Cộng: {len(nominees)}"
        rows.append(row)
    for text in ("Quy Nhơn, ngày 05 tháng 12 năm 2024", "NGƯỜI LẬP BIỂU", "Lê Thị Hoa"):
        row = [""] * (width + 1)
        row[shape["footer_col"] % (width + 1)] = text
        rows.append(row)
    return rows


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(nominees=st.lists(nominee, min_size=1, max_size=8, unique_by=lambda n: n[0]), shape=layout)
def test_any_layout_ingests_to_exactly_its_nominees(nominees, shape):
    rows = table(nominees, shape)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "de_nghi"
        if shape["csv"]:
            folder.mkdir()
            text = "\r\n".join(";".join(str(v) for v in row) for row in rows)
            (folder / "van-phong.csv").write_text(text, encoding="utf-8-sig")
        else:
            xlsx(folder / "van-phong.xlsx", rows)
        problems = Problems()
        evidence = ingest_folder(folder, load_awards(None, problems), (Unit(UNIT, "VP"),), "nhap", problems)
    assert [str(p) for p in problems.errors] == []
    expected = [n for n in nominees if n[1]] + [n for n in nominees if not n[1]]
    got = [(n.ho_ten, n.tap_the, n.hinh_thuc) for n in evidence.nominations]
    assert got == expected
    assert {n.don_vi for n in evidence.nominations} == {UNIT}
