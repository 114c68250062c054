"""The register in one SQLite file, the default: nothing to install or start.

A number is taken and the document recorded in one transaction (`BEGIN IMMEDIATE`, which other writers wait
behind): two `tdkt issue` processes get two consecutive numbers, and a failure before the commit takes no number.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import Problem, TdktError
from .register import Entry, NewEntry

SCHEMA = """
CREATE TABLE IF NOT EXISTS van_ban_di (
    id INTEGER PRIMARY KEY,
    so_theo TEXT NOT NULL,          -- the number series: "chung", a type, or a body with its own series
    nam INTEGER NOT NULL,           -- numbers restart at 01 each year (NĐ30 Điều 15)
    so INTEGER NOT NULL,
    ky_hieu TEXT NOT NULL,          -- "QĐ-SKHĐT"
    ngay TEXT NOT NULL,             -- ISO date of the document
    loai TEXT NOT NULL,
    ten_loai TEXT NOT NULL,
    trich_yeu TEXT NOT NULL,
    nguoi_ky TEXT NOT NULL,
    noi_nhan TEXT NOT NULL,         -- JSON list of recipient lines
    don_vi_luu TEXT NOT NULL,       -- the drafting unit, which keeps a copy
    so_ban INTEGER NOT NULL,
    phong_trao TEXT NOT NULL,       -- campaign folder and document code: which input made it
    ma_van_ban TEXT NOT NULL,
    thay_the INTEGER REFERENCES van_ban_di(id),
    bam_dau_vao TEXT NOT NULL,      -- hash of the inputs it was made from
    dau_vao TEXT NOT NULL,          -- JSON: hash of each kind of input
    ten_tep TEXT NOT NULL,          -- archive file name, without extension
    docx BLOB NOT NULL,
    pdf BLOB,
    bam_docx TEXT NOT NULL,
    bam_pdf TEXT,
    ghi_chu TEXT NOT NULL DEFAULT '',
    ghi_luc TEXT NOT NULL,
    UNIQUE (so_theo, nam, so)
);
CREATE INDEX IF NOT EXISTS van_ban_di_nguon ON van_ban_di (phong_trao, ma_van_ban);
"""


_COLUMNS = (
    "id, so_theo, nam, so, ky_hieu, ngay, loai, ten_loai, trich_yeu, nguoi_ky, noi_nhan, don_vi_luu, so_ban, "
    "phong_trao, ma_van_ban, thay_the, bam_dau_vao, dau_vao, ten_tep, bam_docx, bam_pdf, ghi_chu"
)


def _entry(row: sqlite3.Row) -> Entry:
    values = dict(row)
    values["ngay"] = dt.date.fromisoformat(values["ngay"])
    values["noi_nhan"] = tuple(json.loads(values["noi_nhan"]))
    values["dau_vao"] = json.loads(values["dau_vao"])
    return Entry(**values)


class SqliteRegister:
    """The register in one SQLite file. Writers queue behind `BEGIN IMMEDIATE` for up to `timeout` seconds."""

    def __init__(self, path: Path, timeout: float = 600.0):
        self.path = path
        self.timeout = timeout
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.executescript(SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            db = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        except sqlite3.Error as e:
            raise TdktError(Problem(self.path, f"không mở được sổ đăng ký ({e})")) from e
        db.row_factory = sqlite3.Row
        try:
            db.execute("PRAGMA journal_mode=DELETE")  # one file to back up; rollback journal survives a kill
            db.execute("PRAGMA synchronous=FULL")
            yield db
        finally:
            db.close()

    def issue(self, series: str, year: int, make: Callable[[int], NewEntry]) -> Entry:
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                (last,) = db.execute(
                    "SELECT COALESCE(MAX(so), 0) FROM van_ban_di WHERE so_theo = ? AND nam = ?", (series, year)
                ).fetchone()
                number = last + 1
                new = make(number)
                cursor = db.execute(
                    "INSERT INTO van_ban_di (so_theo, nam, so, ky_hieu, ngay, loai, ten_loai, trich_yeu, nguoi_ky, "
                    "noi_nhan, don_vi_luu, so_ban, phong_trao, ma_van_ban, thay_the, bam_dau_vao, dau_vao, ten_tep, "
                    "docx, pdf, bam_docx, bam_pdf, ghi_chu, ghi_luc) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        series,
                        year,
                        number,
                        new.ky_hieu,
                        new.ngay.isoformat(),
                        new.loai,
                        new.ten_loai,
                        new.trich_yeu,
                        new.nguoi_ky,
                        json.dumps(list(new.noi_nhan), ensure_ascii=False),
                        new.don_vi_luu,
                        new.so_ban,
                        new.phong_trao,
                        new.ma_van_ban,
                        new.thay_the,
                        new.bam_dau_vao,
                        json.dumps(new.dau_vao, sort_keys=True),
                        new.ten_tep,
                        new.docx,
                        new.pdf,
                        new.bam_docx,
                        new.bam_pdf,
                        new.ghi_chu,
                        dt.datetime.now().isoformat(timespec="seconds"),
                    ),
                )
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            row = db.execute(f"SELECT {_COLUMNS} FROM van_ban_di WHERE id = ?", (cursor.lastrowid,)).fetchone()
            return _entry(row)

    def current(self, campaign: str, code: str) -> Entry | None:
        with self._connect() as db:
            row = db.execute(
                f"SELECT {_COLUMNS} FROM van_ban_di WHERE phong_trao = ? AND ma_van_ban = ? ORDER BY id DESC LIMIT 1",
                (campaign, code),
            ).fetchone()
        return _entry(row) if row else None

    def entries(self, year: int | None = None) -> list[Entry]:
        query = f"SELECT {_COLUMNS} FROM van_ban_di"
        args: tuple = ()
        if year is not None:
            query += " WHERE nam = ?"
            args = (year,)
        with self._connect() as db:
            rows = db.execute(query + " ORDER BY nam, ngay, id", args).fetchall()
        return [_entry(r) for r in rows]

    def files(self, entry_id: int) -> tuple[bytes, bytes | None]:
        with self._connect() as db:
            docx, pdf = db.execute("SELECT docx, pdf FROM van_ban_di WHERE id = ?", (entry_id,)).fetchone()
        return docx, pdf

    def entry(self, entry_id: int) -> Entry | None:
        with self._connect() as db:
            row = db.execute(f"SELECT {_COLUMNS} FROM van_ban_di WHERE id = ?", (entry_id,)).fetchone()
        return _entry(row) if row else None
