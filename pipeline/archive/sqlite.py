"""The register in one SQLite file, the default: nothing to install or start.

A transaction is `BEGIN IMMEDIATE`, which other writers wait behind: two `tdkt issue` processes get two consecutive
numbers, the second sees what the first recorded, and a failure or a kill before the commit takes no number (the
rollback journal survives a kill). A file that is empty, damaged or not a register of tdkt is one clear problem,
never a traceback; `tdkt register rebuild` makes a new one from the archive.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import Problem, TdktError
from .register import Entry, NewEntry, chain_hash

VERSION = 2
SCHEMA = """
CREATE TABLE IF NOT EXISTS van_ban_di (
    id INTEGER PRIMARY KEY,
    so_theo TEXT NOT NULL,
    nam INTEGER NOT NULL,
    so INTEGER NOT NULL,
    ky_hieu TEXT NOT NULL,
    ngay TEXT NOT NULL,             -- ISO date of the document
    loai TEXT NOT NULL,
    ten_loai TEXT NOT NULL,
    trich_yeu TEXT NOT NULL,
    nguoi_ky TEXT NOT NULL,
    noi_nhan TEXT NOT NULL,         -- JSON list of recipient lines
    don_vi_luu TEXT NOT NULL,
    so_ban INTEGER NOT NULL,
    phong_trao TEXT NOT NULL,       -- the campaign's identity (ma_phong_trao)
    thu_muc TEXT NOT NULL,
    ma_van_ban TEXT NOT NULL,
    thay_the INTEGER REFERENCES van_ban_di(id),
    bam_dau_vao TEXT NOT NULL,
    dau_vao TEXT NOT NULL,          -- JSON: hash of each kind of input
    ten_tep TEXT NOT NULL,
    ban_sao TEXT NOT NULL,
    docx BLOB NOT NULL,
    pdf BLOB,
    json BLOB NOT NULL,
    bam_docx TEXT NOT NULL,
    bam_pdf TEXT,
    bam_json TEXT NOT NULL,
    ghi_chu TEXT NOT NULL DEFAULT '',
    so_ngoai INTEGER NOT NULL DEFAULT 0,
    bam_truoc TEXT NOT NULL,
    bam_ban_ghi TEXT NOT NULL,
    ghi_luc TEXT NOT NULL,
    UNIQUE (so_theo, nam, so)
);
CREATE INDEX IF NOT EXISTS van_ban_di_nguon ON van_ban_di (phong_trao, ma_van_ban);
CREATE TABLE IF NOT EXISTS phong_trao (ma TEXT PRIMARY KEY, thu_muc TEXT NOT NULL);
"""
# The sổ vàng: each certificate printed from an issued decision has a number that runs through the year, one series
# per kind of certificate (reward form); a person keeps the number when the certificate is printed again.
GOLD_BOOK = """
CREATE TABLE IF NOT EXISTS so_vang (
    nam INTEGER NOT NULL,
    hinh_thuc TEXT NOT NULL,
    so INTEGER NOT NULL,
    van_ban INTEGER NOT NULL REFERENCES van_ban_di(id),
    nguoi TEXT NOT NULL,            -- the awardee: folded name and unit
    PRIMARY KEY (nam, hinh_thuc, so),
    UNIQUE (van_ban, hinh_thuc, nguoi)
)
"""
_COLUMNS = (
    "id, so_theo, nam, so, ky_hieu, ngay, loai, ten_loai, trich_yeu, nguoi_ky, noi_nhan, don_vi_luu, so_ban, "
    "phong_trao, thu_muc, ma_van_ban, thay_the, bam_dau_vao, dau_vao, ten_tep, ban_sao, bam_docx, bam_pdf, "
    "bam_json, ghi_chu, so_ngoai, bam_truoc, bam_ban_ghi"
)
_INSERT = (
    "INSERT INTO van_ban_di (so_theo, nam, so, ky_hieu, ngay, loai, ten_loai, trich_yeu, nguoi_ky, noi_nhan, "
    "don_vi_luu, so_ban, phong_trao, thu_muc, ma_van_ban, thay_the, bam_dau_vao, dau_vao, ten_tep, ban_sao, docx, "
    "pdf, json, bam_docx, bam_pdf, bam_json, ghi_chu, so_ngoai, bam_truoc, bam_ban_ghi, ghi_luc) "
    "VALUES (" + ", ".join("?" * 31) + ")"
)
REBUILD = "chạy “tdkt register rebuild” để lập lại sổ từ thư mục lưu"


def _entry(row: sqlite3.Row) -> Entry:
    values = dict(row)
    values["ngay"] = dt.date.fromisoformat(values["ngay"])
    values["noi_nhan"] = tuple(json.loads(values["noi_nhan"]))
    values["dau_vao"] = json.loads(values["dau_vao"])
    values["so_ngoai"] = bool(values["so_ngoai"])
    return Entry(**values)


def database_problem(path: Path, error: sqlite3.Error) -> TdktError:
    """One clear line for what SQLite says: a damaged file, a full disk, a read-only folder, a locked file."""
    text = str(error).lower()
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        cause = f"tệp sổ đăng ký bị hỏng hoặc không phải sổ đăng ký ({error}); {REBUILD}"
    elif "readonly" in text or "read-only" in text:
        cause = "không ghi được sổ đăng ký: tệp hoặc thư mục chỉ cho đọc"
    elif "disk is full" in text or "database or disk is full" in text:
        cause = "không ghi được sổ đăng ký: ổ đĩa đầy"
    elif "locked" in text or "busy" in text:
        cause = "sổ đăng ký đang bị khóa bởi một lượt phát hành khác quá lâu; hãy thử lại"
    elif "unable to open" in text:
        cause = "không mở được sổ đăng ký (thư mục không có hoặc không có quyền)"
    else:
        cause = f"lỗi sổ đăng ký ({error})"
    return TdktError(Problem(path, cause))


class _Transaction:
    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def current(self, campaign: str, code: str) -> Entry | None:
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM van_ban_di WHERE phong_trao = ? AND ma_van_ban = ? ORDER BY id DESC LIMIT 1",
            (campaign, code),
        ).fetchone()
        return _entry(row) if row else None

    def issued(self, campaign: str) -> dict[str, Entry]:
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM van_ban_di WHERE phong_trao = ? ORDER BY id", (campaign,)
        ).fetchall()
        return {row["ma_van_ban"]: _entry(row) for row in rows}  # the latest of each code wins

    def last_number(self, series: str, year: int) -> int:
        (last,) = self.db.execute(
            "SELECT COALESCE(MAX(so), 0) FROM van_ban_di WHERE so_theo = ? AND nam = ? AND so_ngoai = 0",
            (series, year),
        ).fetchone()
        return int(last)

    def last_entry(self, series: str, year: int) -> Entry | None:
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM van_ban_di WHERE so_theo = ? AND nam = ? AND so_ngoai = 0 "
            "ORDER BY so DESC LIMIT 1",
            (series, year),
        ).fetchone()
        return _entry(row) if row else None

    def number_taken(self, series: str, year: int, number: int, symbol: str) -> Entry | None:
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM van_ban_di WHERE nam = ? AND so = ? AND (so_theo = ? OR ky_hieu = ?) LIMIT 1",
            (year, number, series, symbol),
        ).fetchone()
        return _entry(row) if row else None

    def record(self, new: NewEntry) -> Entry:
        last = self.db.execute("SELECT bam_ban_ghi FROM van_ban_di ORDER BY id DESC LIMIT 1").fetchone()
        previous = last[0] if last else ""
        own = chain_hash(new, previous)
        cursor = self.db.execute(
            _INSERT,
            (
                new.so_theo,
                new.nam,
                new.so,
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
                new.thu_muc,
                new.ma_van_ban,
                new.thay_the,
                new.bam_dau_vao,
                json.dumps(new.dau_vao, sort_keys=True),
                new.ten_tep,
                new.ban_sao,
                new.docx,
                new.pdf,
                new.json,
                new.bam_docx,
                new.bam_pdf,
                new.bam_json,
                new.ghi_chu,
                int(new.so_ngoai),
                previous,
                own,
                dt.datetime.now().isoformat(timespec="seconds"),
            ),
        )
        row = self.db.execute(f"SELECT {_COLUMNS} FROM van_ban_di WHERE id = ?", (cursor.lastrowid,)).fetchone()
        return _entry(row)

    def gold_numbers(self, entry_id: int, year: int, form: str, people: list[str]) -> list[int]:
        """The sổ vàng number of each awardee of an issued decision: kept if already given, else the next."""
        if not self._has_gold_book():
            self.db.execute(GOLD_BOOK)  # one statement: executescript would commit the transaction first
        numbers = []
        for person in people:
            row = self.db.execute(
                "SELECT so FROM so_vang WHERE van_ban = ? AND hinh_thuc = ? AND nguoi = ?", (entry_id, form, person)
            ).fetchone()
            if row is None:
                (last,) = self.db.execute(
                    "SELECT COALESCE(MAX(so), 0) FROM so_vang WHERE nam = ? AND hinh_thuc = ?", (year, form)
                ).fetchone()
                self.db.execute(
                    "INSERT INTO so_vang (nam, hinh_thuc, so, van_ban, nguoi) VALUES (?, ?, ?, ?, ?)",
                    (year, form, last + 1, entry_id, person),
                )
                row = (last + 1,)
            numbers.append(int(row[0]))
        return numbers

    def _has_gold_book(self) -> bool:
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'so_vang'").fetchone() is not None

    def campaign_folder(self, campaign: str) -> str | None:
        row = self.db.execute("SELECT thu_muc FROM phong_trao WHERE ma = ?", (campaign,)).fetchone()
        return row[0] if row else None

    def set_campaign_folder(self, campaign: str, folder: str) -> None:
        self.db.execute(
            "INSERT INTO phong_trao (ma, thu_muc) VALUES (?, ?) "
            "ON CONFLICT(ma) DO UPDATE SET thu_muc = excluded.thu_muc",
            (campaign, folder),
        )


class SqliteRegister:
    """The register in one SQLite file. Writers queue behind `BEGIN IMMEDIATE` for up to `timeout` seconds.

    Opening an existing file checks that it is a register of tdkt; `create` makes a new one where there is none.
    """

    def __init__(self, path: Path, timeout: float = 600.0, create: bool = True):
        self.path = path
        self.timeout = timeout
        if path.exists():
            if path.stat().st_size == 0:
                raise TdktError(Problem(path, f"tệp sổ đăng ký rỗng (0 byte); {REBUILD}"))
            with self._connect() as db:
                self._check(db)
        elif create:
            self._create()
        else:
            raise TdktError(Problem(path, f"không có sổ đăng ký; {REBUILD}"))

    def _create(self) -> None:
        """A new register, made whole under a temporary name and then linked into place: two first issues at once
        never see a half-made file, and the second simply opens the first's."""
        path = self.path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise TdktError(Problem(path.parent, f"không tạo được thư mục lưu ({e.strerror or e})")) from e
        temp = path.with_name(f".~{path.name}.{os.getpid()}.tmp")
        try:
            db = sqlite3.connect(temp, isolation_level=None)
            try:
                db.executescript(SCHEMA + f"PRAGMA user_version = {VERSION};")
            finally:
                db.close()
            try:
                os.link(temp, path)
            except FileExistsError:
                pass  # another process made it first: use that one
            except OSError:  # a file system without hard links
                if not path.exists():
                    os.replace(temp, path)
        except sqlite3.Error as e:
            raise database_problem(path, e) from e
        finally:
            temp.unlink(missing_ok=True)
        with self._connect() as db:
            self._check(db)

    def _check(self, db: sqlite3.Connection) -> None:
        try:
            (version,) = db.execute("PRAGMA user_version").fetchone()
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.Error as e:
            raise database_problem(self.path, e) from e
        if version != VERSION or "van_ban_di" not in tables:
            message = f"tệp không phải sổ đăng ký của phiên bản tdkt này (phiên bản {version}); {REBUILD}"
            raise TdktError(Problem(self.path, message))

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            db = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        except sqlite3.Error as e:
            raise database_problem(self.path, e) from e
        db.row_factory = sqlite3.Row
        try:
            db.execute("PRAGMA journal_mode=DELETE")  # one file to back up; the rollback journal survives a kill
            db.execute("PRAGMA synchronous=FULL")
            yield db
        except sqlite3.Error as e:
            raise database_problem(self.path, e) from e
        finally:
            db.close()

    def check_integrity(self) -> None:
        """SQLite's own check of every page: a truncated or damaged file is refused before anything is taken."""
        with self._connect() as db:
            (result,) = db.execute("PRAGMA quick_check").fetchone()
        if result != "ok":
            raise TdktError(Problem(self.path, f"tệp sổ đăng ký bị hỏng ({result}); {REBUILD}"))

    @contextmanager
    def transaction(self) -> Iterator[_Transaction]:
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield _Transaction(db)
            except BaseException:
                if db.in_transaction:  # SQLite may already have rolled back (a full disk): say the real error
                    db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def current(self, campaign: str, code: str) -> Entry | None:
        with self._connect() as db:
            return _Transaction(db).current(campaign, code)

    def issued(self, campaign: str) -> dict[str, Entry]:
        with self._connect() as db:
            return _Transaction(db).issued(campaign)

    def campaign_folder(self, campaign: str) -> str | None:
        with self._connect() as db:
            return _Transaction(db).campaign_folder(campaign)

    def entries(self, year: int | None = None) -> list[Entry]:
        query = f"SELECT {_COLUMNS} FROM van_ban_di"
        args: tuple = ()
        if year is not None:
            query += " WHERE nam = ?"
            args = (year,)
        with self._connect() as db:
            rows = db.execute(query + " ORDER BY nam, ngay, id", args).fetchall()
        return [_entry(r) for r in rows]

    def files(self, entry_id: int) -> tuple[bytes, bytes | None, bytes]:
        with self._connect() as db:
            docx, pdf, record = db.execute(
                "SELECT docx, pdf, json FROM van_ban_di WHERE id = ?", (entry_id,)
            ).fetchone()
        return docx, pdf, record

    def entry(self, entry_id: int) -> Entry | None:
        with self._connect() as db:
            row = db.execute(f"SELECT {_COLUMNS} FROM van_ban_di WHERE id = ?", (entry_id,)).fetchone()
        return _entry(row) if row else None
