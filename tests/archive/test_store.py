"""The Lưu VT folder and the register behind it: numbers in one transaction, files written from the register,
verified and restored."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.archive.register import NewEntry
from pipeline.archive.store import Archive


def new_entry(code: str, day=dt.date(2021, 11, 20)) -> NewEntry:
    return NewEntry(
        ky_hieu="QĐ-SKHĐT",
        ngay=day,
        loai="QĐ",
        ten_loai="Quyết định",
        trich_yeu="Về việc tặng Giấy khen",
        nguoi_ky="Nguyễn Thành Hải",
        noi_nhan=("- Lưu: VT, VP.",),
        don_vi_luu="VP",
        so_ban=2,
        phong_trao="p",
        ma_van_ban=code,
        thay_the=None,
        bam_dau_vao="x",
        ten_tep=f"{code}-QD",
        docx=code.encode(),
        pdf=None,
        bam_docx=__import__("hashlib").sha256(code.encode()).hexdigest(),
    )


def test_numbers_run_per_series_and_year_and_a_failure_takes_none(tmp_path):
    archive = Archive(tmp_path)
    register = archive.register()
    assert register.issue("chung", 2021, lambda n: new_entry("a")).so == 1
    with pytest.raises(RuntimeError):
        register.issue("chung", 2021, lambda n: (_ for _ in ()).throw(RuntimeError("hỏng")))
    assert register.issue("chung", 2021, lambda n: new_entry("b")).so == 2
    assert register.issue("chung", 2022, lambda n: new_entry("c", dt.date(2022, 1, 3))).so == 1
    assert [(e.nam, e.so) for e in archive.entries()] == [(2021, 1), (2021, 2), (2022, 1)]
    assert register.current("p", "b").so == 2


def test_verify_finds_missing_and_changed_files_and_restores_them(tmp_path):
    archive = Archive(tmp_path)
    entry = archive.register().issue("chung", 2021, lambda n: new_entry("a"))
    docx, record = archive.write(entry)
    assert archive.verify() == []
    docx.write_bytes(b"sua tay")
    record.unlink()
    assert [(f.path.name, f.problem) for f in archive.verify()] == [("a-QD.docx", "khac"), ("a-QD.json", "thieu")]
    assert all(f.restored for f in archive.verify(restore=True))
    assert docx.read_bytes() == b"a" and archive.verify() == []


def test_another_register_can_stand_behind_the_archive(tmp_path):
    opened = []

    def opener(path):
        opened.append(path)
        from pipeline.archive.sqlite import SqliteRegister

        return SqliteRegister(path)

    archive = Archive(tmp_path, opener)
    archive.register()
    assert opened == [tmp_path / "so_dang_ky.sqlite"]
