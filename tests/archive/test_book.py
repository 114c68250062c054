"""The printed register (NĐ30 Phụ lục IV) and its on-screen listing."""

from __future__ import annotations

import datetime as dt

from pipeline.archive.book import listing, recipients, register_rows, title_and_summary
from pipeline.archive.register import Entry


def entry(**changes) -> Entry:
    values = dict(
        id=1,
        so_theo="chung",
        nam=2021,
        so=5,
        ky_hieu="QĐ-SKHĐT",
        ngay=dt.date(2021, 11, 20),
        loai="QĐ",
        ten_loai="Quyết định",
        trich_yeu="Về việc tặng Giấy khen",
        nguoi_ky="Nguyễn Thành Hải",
        noi_nhan=("- Như Điều 3;", "- Lãnh đạo Sở;", "- Lưu: VT, VP."),
        don_vi_luu="VP",
        so_ban=4,
        phong_trao="p",
        ma_van_ban="qd",
        thay_the=None,
        bam_dau_vao="x",
        bam_truoc="",
        bam_ban_ghi="",
    )
    return Entry(**(values | changes))


def test_the_ten_columns():
    (row,) = register_rows([entry()])
    assert row == [
        "05/QĐ-SKHĐT",
        "20/11/2021",
        "Quyết định về việc tặng Giấy khen",
        "Nguyễn Thành Hải",
        "Như Điều 3\nLãnh đạo Sở",
        "VP",
        4,
        "",
        "",
        "",
    ]


def test_the_listing_leaves_out_what_the_clerk_fills_in_by_hand():
    (line,) = listing([entry(ghi_chu="Thay thế văn bản số 02/QĐ-SKHĐT ngày 18/11/2021")])
    assert line == [
        "05/QĐ-SKHĐT",
        "20/11/2021",
        "Quyết định về việc tặng Giấy khen",
        "Nguyễn Thành Hải",
        "Như Điều 3\nLãnh đạo Sở",
        "VP",
        "4",
        "Thay thế văn bản số 02/QĐ-SKHĐT ngày 18/11/2021",
    ]


def test_the_archive_line_is_never_a_recipient_however_it_is_typed():
    assert recipients(entry(noi_nhan=("- UBND tỉnh;", "- Lưu VT, VP (02)."))) == "UBND tỉnh"


def test_a_title_without_summary_is_the_type_alone():
    assert title_and_summary(entry(trich_yeu="")) == "Quyết định"
