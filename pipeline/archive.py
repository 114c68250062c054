"""The clerical office's archive ("Lưu VT"): the register and one folder of issued files a year."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import Campaign
from .plan import Issued
from .register import Entry, SqliteRegister

REGISTER_FILE = "so_dang_ky.sqlite"


@dataclass(frozen=True)
class Archive:
    folder: Path

    @property
    def register_path(self) -> Path:
        return self.folder / REGISTER_FILE

    def register(self) -> SqliteRegister:
        return SqliteRegister(self.register_path)

    def exists(self) -> bool:
        return self.register_path.is_file()

    def paths(self, entry: Entry) -> dict[str, Path]:
        base = self.folder / str(entry.nam) / entry.ten_tep
        return {"docx": base.with_suffix(".docx"), "pdf": base.with_suffix(".pdf"), "json": base.with_suffix(".json")}

    def current(self, campaign: Campaign) -> dict[str, Entry]:
        """The register's entry for each of the campaign's documents that has been issued."""
        if not self.exists():
            return {}
        register = self.register()
        found = {}
        for spec in campaign.documents:
            entry = register.current(campaign.ma, spec.ma)
            if entry is not None:
                found[spec.ma] = entry
        return found


def issued_numbers(entries: dict[str, Entry]) -> dict[str, Issued]:
    return {code: Issued(entry.so, entry.ngay) for code, entry in entries.items()}
