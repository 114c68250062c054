"""The outgoing register (Sổ đăng ký văn bản đi, NĐ30 Điều 15–16, Phụ lục IV): what it records, and the interface.

The register is the source of truth for what was issued: each record holds the number, the metadata of the ten
columns, and the issued .docx and PDF themselves, so the archive folder can always be rebuilt from it.
`Register` is the interface the rest of tdkt uses; `sqlite.SqliteRegister` implements it, so that a server
database can follow.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True, kw_only=True)
class Record:
    """What the register says of an issued document, besides its number: the ten columns and the fingerprints."""

    ky_hieu: str
    ngay: dt.date
    loai: str
    ten_loai: str
    trich_yeu: str
    nguoi_ky: str
    noi_nhan: tuple[str, ...]
    don_vi_luu: str
    so_ban: int
    phong_trao: str
    ma_van_ban: str
    thay_the: int | None
    bam_dau_vao: str
    dau_vao: dict[str, str] = field(default_factory=dict)
    ten_tep: str = ""
    bam_docx: str = ""
    bam_pdf: str | None = None
    ghi_chu: str = ""


@dataclass(frozen=True, kw_only=True)
class Entry(Record):
    """One issued document as the register holds it (without its file contents)."""

    id: int
    so_theo: str
    nam: int
    so: int

    @property
    def so_ky_hieu(self) -> str:
        return f"{self.so:02d}/{self.ky_hieu}"


@dataclass(frozen=True, kw_only=True)
class NewEntry(Record):
    """What `issue` records once it has a number: the record and the files themselves."""

    docx: bytes
    pdf: bytes | None


class Register(Protocol):
    def issue(self, series: str, year: int, make: Callable[[int], NewEntry]) -> Entry:
        """Take the next number of `series` in `year`, let `make` build the document with it, and record it."""

    def current(self, campaign: str, code: str) -> Entry | None:
        """The issued document a campaign's document code stands for now (the latest, replacements included)."""

    def entries(self, year: int | None = None) -> list[Entry]: ...

    def files(self, entry_id: int) -> tuple[bytes, bytes | None]: ...

    def entry(self, entry_id: int) -> Entry | None: ...
