"""The outgoing register (Sổ đăng ký văn bản đi, NĐ30 Điều 15–16, Phụ lục IV): what it records, and the interface.

The register is the source of truth for what was issued: each record holds the number, the metadata of the ten
columns, the issued .docx and PDF themselves, and the hash of every archived file, so that the archive folder can
always be written again from it. Each record also holds the hash of the record before it (a hash chain): a record
edited or deleted afterwards breaks the chain, and `verify` names where.

Issuing is one serialised decision: inside a `transaction()` the "already issued?" check, the numbers other
documents cite, the next number and the new record are read and written under one lock. `Register` is the interface
the rest of tdkt uses; `sqlite.SqliteRegister` implements it, so that a server database can follow.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, fields
from typing import Protocol


@dataclass(frozen=True, kw_only=True)
class Record:
    """What the register says of an issued document: its number, the ten columns, where it came from, the hashes."""

    so_theo: str  # the number series: "chung", a type, or a body with its own series
    nam: int  # numbers restart at 01 each year (NĐ30 Điều 15)
    so: int
    ky_hieu: str  # `QĐ-SKHĐT`
    ngay: dt.date
    loai: str
    ten_loai: str
    trich_yeu: str
    nguoi_ky: str
    noi_nhan: tuple[str, ...]
    don_vi_luu: str
    so_ban: int
    phong_trao: str  # the campaign's identity (`ma_phong_trao`), which moving or renaming its folder keeps
    ma_van_ban: str
    thay_the: int | None
    bam_dau_vao: str
    dau_vao: dict[str, str] = field(default_factory=dict)
    thu_muc: str = ""  # the campaign folder's name when it was issued, for the clerk
    ten_tep: str = ""  # archive file name, without extension
    ban_sao: str = ""  # the issued copy among the outputs, relative to the outputs folder
    bam_docx: str = ""
    bam_pdf: str | None = None
    bam_json: str = ""
    ghi_chu: str = ""
    so_ngoai: bool = False  # a number given by the agency's e-office system, not by tdkt

    @property
    def so_ky_hieu(self) -> str:
        return f"{self.so:02d}/{self.ky_hieu}"


@dataclass(frozen=True, kw_only=True)
class Entry(Record):
    """One issued document as the register holds it (without its file contents)."""

    id: int
    bam_truoc: str  # the chain hash of the record before it ("" for the first)
    bam_ban_ghi: str  # this record's chain hash


@dataclass(frozen=True, kw_only=True)
class NewEntry(Record):
    """What `issue` records: the record and the files themselves."""

    docx: bytes
    pdf: bytes | None
    json: bytes


_RECORD_FIELDS = tuple(f.name for f in fields(Record))


def chain_hash(record: Record, previous: str) -> str:
    """The hash of a record's fields and of the record before it: editing either changes it."""
    values = {name: getattr(record, name) for name in _RECORD_FIELDS}
    values["ngay"] = record.ngay.isoformat()
    values["noi_nhan"] = list(record.noi_nhan)
    text = json.dumps(values, sort_keys=True, ensure_ascii=False) + "\n" + previous
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record_of(entry: Record) -> dict:
    """The record's fields as plain data (for the archive's .json and for rebuilding the register from it)."""
    values = {name: getattr(entry, name) for name in _RECORD_FIELDS}
    values["ngay"] = entry.ngay.isoformat()
    values["noi_nhan"] = list(entry.noi_nhan)
    return values


def record_from(values: dict) -> dict:
    """The inverse of `record_of`: keyword arguments for a `Record`."""
    known = {name: values[name] for name in _RECORD_FIELDS if name in values}
    known["ngay"] = dt.date.fromisoformat(known["ngay"])
    known["noi_nhan"] = tuple(known.get("noi_nhan", ()))
    known["dau_vao"] = dict(known.get("dau_vao") or {})
    return known


class Transaction(Protocol):
    """The register under its lock: what is read here cannot change until the transaction ends."""

    def current(self, campaign: str, code: str) -> Entry | None:
        """The issued document a campaign's document code stands for now (the latest, replacements included)."""

    def issued(self, campaign: str) -> dict[str, Entry]:
        """The current entry of each issued document of a campaign."""

    def last_number(self, series: str, year: int) -> int:
        """The highest number of `series` in `year` (0 before the first)."""

    def number_taken(self, series: str, year: int, number: int, symbol: str) -> Entry | None:
        """The entry that already holds `number` with `symbol` in `year`, if any."""

    def last_entry(self, series: str, year: int) -> Entry | None:
        """The entry holding the highest number of `series` in `year` (tdkt's own numbers, not the e-office's)."""

    def record(self, new: NewEntry) -> Entry:
        """Add the record, chained to the last one."""

    def gold_numbers(self, entry_id: int, year: int, form: str, people: list[str]) -> list[int]:
        """The sổ vàng number of each awardee (by key) of an issued decision: kept once given, else the next of the
        year in that form's series."""

    def campaign_folder(self, campaign: str) -> str | None:
        """Where the campaign with this identity was last issued from (a resolved folder path)."""

    def set_campaign_folder(self, campaign: str, folder: str) -> None: ...


class Register(Protocol):
    def transaction(self) -> AbstractContextManager[Transaction]:
        """The register locked for one decision; committed when the block ends, rolled back if it raises."""

    def current(self, campaign: str, code: str) -> Entry | None: ...

    def issued(self, campaign: str) -> dict[str, Entry]: ...

    def entries(self, year: int | None = None) -> list[Entry]: ...

    def files(self, entry_id: int) -> tuple[bytes, bytes | None, bytes]:
        """The .docx, the PDF (if any) and the .json record of an issued document."""

    def entry(self, entry_id: int) -> Entry | None: ...

    def campaign_folder(self, campaign: str) -> str | None: ...


def chain_breaks(entries: list[Entry]) -> list[str]:
    """Where the hash chain of the register's records (in the order they were recorded) does not hold."""
    problems = []
    previous = ""
    for entry in sorted(entries, key=lambda e: e.id):
        if entry.bam_truoc != previous:
            problems.append(f"trước số {entry.so_ky_hieu} có bản ghi đã bị xóa hoặc sửa (chuỗi băm đứt)")
        if chain_hash(entry, entry.bam_truoc) != entry.bam_ban_ghi:
            problems.append(f"bản ghi số {entry.so_ky_hieu} đã bị sửa trong sổ (không khớp chuỗi băm)")
        previous = entry.bam_ban_ghi
    return problems
