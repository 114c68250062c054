"""The text forms NĐ30 fixes (SPEC.md §1–3)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline.documents import formats
from pipeline.model import Agency, Signer


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2022, 2, 6), "Bình Định, ngày 06 tháng 02 năm 2022"),
        (dt.date(2019, 6, 29), "Bình Định, ngày 29 tháng 6 năm 2019"),
        (dt.date(2021, 1, 1), "Bình Định, ngày 01 tháng 01 năm 2021"),
        (dt.date(2021, 3, 9), "Bình Định, ngày 09 tháng 3 năm 2021"),
        (dt.date(2021, 10, 15), "Bình Định, ngày 15 tháng 10 năm 2021"),
        (dt.date(2021, 12, 31), "Bình Định, ngày 31 tháng 12 năm 2021"),
    ],
)
def test_date_line_leading_zeros_for_days_below_10_and_months_1_and_2_only(day, expected):
    assert formats.dia_danh_ngay("Bình Định", day) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [(5, "05/QĐ-SKHĐT"), (12, "12/QĐ-SKHĐT"), (123, "123/QĐ-SKHĐT"), (None, "     /QĐ-SKHĐT")],
)
def test_number_and_symbol(number, expected):
    assert formats.so_ky_hieu(number, formats.ky_hieu("QĐ", "SKHĐT")) == expected


def test_noi_nhan_adds_dashes_semicolons_and_one_archive_line():
    lines = ["UBND tỉnh (để b/c)", "- Ban TĐ-KT tỉnh;", "Lãnh đạo Sở.", "  ", "- Lưu: VT, HC.", "Lưu VT"]
    assert formats.noi_nhan(lines, "VP") == [
        "- UBND tỉnh (để b/c);",
        "- Ban TĐ-KT tỉnh;",
        "- Lãnh đạo Sở;",
        "- Lưu: VT, VP.",
    ]


def test_noi_nhan_archive_line_with_copies():
    assert formats.noi_nhan(["Như Điều 3"], "HC", copies=2)[-1] == "- Lưu: VT, HC (02)."


def test_noi_nhan_keeps_a_recipient_that_merely_starts_like_luu():
    assert formats.noi_nhan(["Lưu trữ lịch sử tỉnh"], "VP") == ["- Lưu trữ lịch sử tỉnh;", "- Lưu: VT, VP."]


def test_list_lines_end_with_semicolons_and_a_final_period():
    assert formats.list_lines(["Căn cứ A", "Căn cứ B;", "Căn cứ C."]) == ["Căn cứ A;", "Căn cứ B;", "Căn cứ C."]


AGENCY = Agency("UBND TỈNH X", "SỞ Y", "SY", "X", "Giám đốc", (), (), Path("co_quan.toml"))


@pytest.mark.parametrize(
    ("mode", "title", "expected"),
    [
        ("", "Giám đốc", ["GIÁM ĐỐC"]),
        ("KT", "Phó Giám đốc", ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]),
        ("TL", "Chánh Văn phòng", ["TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"]),
        ("TUQ", "Trưởng phòng Tổng hợp", ["TUQ. GIÁM ĐỐC", "TRƯỞNG PHÒNG TỔNG HỢP"]),
        ("Q", "Phó Giám đốc", ["Q. GIÁM ĐỐC"]),
    ],
)
def test_signature_titles(mode, title, expected):
    assert formats.signature_titles(AGENCY, Signer("x", "Nguyễn Văn A", title, mode)) == expected


def test_signature_mode_can_be_overridden_per_document():
    deputy = Signer("x", "Nguyễn Văn A", "Phó Giám đốc", "KT")
    assert formats.signature_titles(AGENCY, deputy, "Q") == ["Q. GIÁM ĐỐC"]


# --- "Chức vụ, đơn vị" (issue 13, item 2) -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("position", "unit", "shown"),
    [
        ("Chánh Văn phòng", "Văn phòng", "Chánh Văn phòng"),
        ("Giám đốc Trung tâm", "Trung tâm Xúc tiến đầu tư", "Giám đốc Trung tâm Xúc tiến đầu tư"),
        ("Trưởng phòng", "Phòng Đăng ký kinh doanh", "Trưởng phòng Đăng ký kinh doanh"),
        ("Chuyên viên", "Phòng Tổng hợp, Quy hoạch", "Chuyên viên Phòng Tổng hợp, Quy hoạch"),
        ("Chuyên viên", "", "Chuyên viên"),
        ("", "Văn phòng", "Văn phòng"),
        ("Phó Trưởng phòng Kế toán", "Phòng Kế toán", "Phó Trưởng phòng Kế toán"),
    ],
)
def test_position_and_unit_written_once(position, unit, shown):
    assert formats.position_and_unit(position, unit) == shown


@pytest.mark.parametrize(
    ("name", "collective", "position", "unit", "combined", "agency", "shown"),
    [
        ("Phòng Tổng hợp", True, "", "Phòng Tổng hợp", "", "", ""),  # a collective is not its own unit
        ("Tổ Một cửa", True, "", "Phòng Đăng ký kinh doanh", "", "", "Phòng Đăng ký kinh doanh"),
        (
            "A",
            False,
            "",
            "Phòng Đăng ký kinh doanh",
            "Chuyên viên, Phòng Đăng ký kinh doanh",
            "",
            "Chuyên viên Phòng Đăng ký kinh doanh",
        ),
        (
            "A",
            False,
            "",
            "Phòng Đăng ký kinh doanh",
            "Trưởng phòng Đăng ký kinh doanh",
            "",
            "Trưởng phòng Đăng ký kinh doanh",
        ),
        ("A", False, "", "Trung tâm X", "Giám đốc Trung tâm, Trung tâm X", "", "Giám đốc Trung tâm X"),
        (
            "A",
            False,
            "Chánh Văn phòng",
            "Văn phòng",
            "",
            "Sở Kế hoạch và Đầu tư",
            "Chánh Văn phòng, Sở Kế hoạch và Đầu tư",
        ),
        ("Phòng Y", True, "", "Phòng Y", "", "Sở Kế hoạch và Đầu tư", "Sở Kế hoạch và Đầu tư"),
    ],
)
def test_list_position_one_rule_for_every_list(name, collective, position, unit, combined, agency, shown):
    assert formats.list_position(name, collective, position, unit, combined, agency) == shown
