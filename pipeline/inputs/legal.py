"""Legal documents as data (`data/van_ban_phap_ly.toml`, overridable beside `co_quan.toml`): what each is cited as,
how a căn cứ line names it, and when it is in force. The căn cứ of a document are chosen, or checked, by its date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..datafiles import data_file
from ..errors import Problems
from .tomlfile import TableReader, load_toml

LEGAL_FILE = "van_ban_phap_ly.toml"


@dataclass(frozen=True)
class LegalDocument:
    ma: str
    loai: str  # "Luật", "Nghị định", "Thông tư" …
    ten: str  # its title (a law's name)
    ngay: dt.date  # the day it was issued (a law: passed)
    co_quan: str  # who issued it
    so: str = ""  # number and symbol (a law is cited without it)
    nhan_dien: tuple[str, ...] = ()  # texts that name it in a căn cứ line (its number; a law's name and date)
    hieu_luc_tu: dt.date = dt.date.min
    hieu_luc_den: dt.date | None = None
    thay_bang: str = ""  # the document that replaced it
    cho: tuple[str, ...] = ()  # the document kinds that cite it by default

    def in_force(self, day: dt.date) -> bool:
        return self.hieu_luc_tu <= day and (self.hieu_luc_den is None or day <= self.hieu_luc_den)


@dataclass(frozen=True)
class LegalData:
    documents: tuple[LegalDocument, ...]

    def get(self, code: str) -> LegalDocument | None:
        return next((d for d in self.documents if d.ma == code), None)

    def defaults(self, kind: str, day: dt.date) -> list[LegalDocument]:
        """The documents a kind cites by default on a date: those for it that are in force then."""
        return [d for d in self.documents if kind in d.cho and d.in_force(day)]

    def cited_in(self, line: str) -> list[LegalDocument]:
        return [d for d in self.documents if any(mark in line for mark in d.nhan_dien)]


def load_legal(agency_folder: Path | None, problems: Problems) -> LegalData:
    """The shipped table, with `van_ban_phap_ly.toml` beside `co_quan.toml` replacing entries of the same `ma`."""
    path = data_file(LEGAL_FILE)
    entries = {item.get("ma"): (path, item) for item in load_toml(path).get("van_ban", [])}
    override = agency_folder / LEGAL_FILE if agency_folder is not None else None
    if override is not None and override.is_file():
        for item in load_toml(override).get("van_ban", []):
            entries[item.get("ma")] = (override, item)
    documents = []
    for i, (file, item) in enumerate(entries.values(), start=1):
        reader = TableReader(item, file, problems, f"van_ban[{i}].")
        documents.append(
            LegalDocument(
                ma=reader.text("ma"),
                loai=reader.text("loai"),
                ten=reader.text("ten"),
                ngay=reader.date("ngay"),
                co_quan=reader.text("co_quan"),
                so=reader.text("so", default=""),
                nhan_dien=reader.lines("nhan_dien", required=True),
                hieu_luc_tu=reader.date("hieu_luc_tu"),
                hieu_luc_den=reader.date("hieu_luc_den") if "hieu_luc_den" in item else None,
                thay_bang=reader.text("thay_bang", default=""),
                cho=reader.lines("cho"),
            )
        )
    return LegalData(tuple(documents))
