"""The Lưu VT folder and the register behind it: numbers in one transaction, files written from the register,
verified and restored."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from pipeline.archive.register import NewEntry, Record
from pipeline.archive.sqlite import SqliteRegister
from pipeline.archive.store import Archive, archive_record


def new_entry(code: str, number: int, day=dt.date(2021, 11, 20), series="chung") -> NewEntry:
    values = dict(
        so_theo=series,
        nam=day.year,
        so=number,
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
        ten_tep=f"{number:03d}-{code}-QD",
        bam_docx=hashlib.sha256(code.encode()).hexdigest(),
    )
    record = archive_record(Record(**values), {"docx": f"{number:03d}-{code}-QD.docx"}, None)
    return NewEntry(**values, bam_json=hashlib.sha256(record).hexdigest(), docx=code.encode(), pdf=None, json=record)


def issue(archive: Archive, code: str, day=dt.date(2021, 11, 20)):
    register = archive.ready()
    with register.transaction() as txn:
        number = txn.last_number("chung", day.year) + 1
        new = new_entry(code, number, day)
        staged = archive.stage(new, {"docx": new.docx, "json": new.json})
        entry = txn.record(new)
    archive.place(staged)
    return entry


def test_numbers_run_per_series_and_year_and_a_failure_takes_none(tmp_path):
    archive = Archive(tmp_path)
    assert issue(archive, "a").so == 1
    with pytest.raises(RuntimeError), archive.ready().transaction() as txn:
        txn.record(new_entry("x", txn.last_number("chung", 2021) + 1))
        raise RuntimeError("hỏng")
    assert issue(archive, "b").so == 2
    assert issue(archive, "c", dt.date(2022, 1, 3)).so == 1
    assert [(e.nam, e.so) for e in archive.entries()] == [(2021, 1), (2021, 2), (2022, 1)]
    assert archive.register().current("p", "b").so == 2


def test_verify_finds_missing_and_changed_files_and_restores_them(tmp_path):
    archive = Archive(tmp_path)
    entry = issue(archive, "a")
    docx, record = archive.write(entry)
    assert archive.verify() == []
    docx.write_bytes(b"sua tay")
    record.unlink()
    assert [(f.path.name, f.problem) for f in archive.verify()] == [
        ("001-a-QD.docx", "khac"),
        ("001-a-QD.json", "thieu"),
    ]
    assert all(f.restored for f in archive.verify(restore=True))
    assert docx.read_bytes() == b"a" and archive.verify() == []


def test_another_register_can_stand_behind_the_archive(tmp_path):
    opened = []

    def opener(path, create=False):
        opened.append(path)
        return SqliteRegister(path, create=create)

    archive = Archive(tmp_path, opener)
    archive.register(create=True)
    assert opened == [tmp_path / "so_dang_ky.sqlite"]
