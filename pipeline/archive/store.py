"""The clerical office's archive ("Lưu VT", NĐ30 Điều 19): the register and one folder of issued files a year.

Each issued document is filed as `luu_vt/<year>/<number>-<symbol>-<subject>` `.docx`, `.pdf` and a `.json` record.
The files are written from the register, each atomically, so that they can always be written again: `verify`
re-hashes them against the register and, asked to, restores what is missing or changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..fsutil import write_atomic
from ..model import Campaign, Issued
from .register import Entry, Register
from .sqlite import SqliteRegister

REGISTER_FILE = "so_dang_ky.sqlite"


@dataclass(frozen=True)
class Archive:
    """The archive folder and the register that goes with it (SQLite in the folder unless another is given)."""

    folder: Path
    opener: Callable[[Path], Register] = SqliteRegister

    @property
    def register_path(self) -> Path:
        return self.folder / REGISTER_FILE

    def register(self) -> Register:
        return self.opener(self.register_path)

    def exists(self) -> bool:
        return self.register_path.is_file()

    def paths(self, entry: Entry) -> dict[str, Path]:
        base = self.folder / str(entry.nam) / entry.ten_tep
        return {"docx": base.with_suffix(".docx"), "pdf": base.with_suffix(".pdf"), "json": base.with_suffix(".json")}

    def entries(self, year: int | None = None) -> list[Entry]:
        return self.register().entries(year) if self.exists() else []

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

    def write(self, entry: Entry) -> list[Path]:
        """Write an issued document's files from the register into the archive folder, each atomically."""
        register = self.register()
        docx, pdf = register.files(entry.id)
        paths = self.paths(entry)
        replaced = register.entry(entry.thay_the) if entry.thay_the else None
        written = []
        write_atomic(paths["docx"], docx)
        written.append(paths["docx"])
        if pdf is not None:
            write_atomic(paths["pdf"], pdf)
            written.append(paths["pdf"])
        record = json.dumps(metadata(entry, paths, replaced), ensure_ascii=False, indent=2) + "\n"
        write_atomic(paths["json"], record.encode("utf-8"))
        written.append(paths["json"])
        return written

    def verify(self, restore: bool = False) -> list[Finding]:
        """Re-hash every archived file against the register; with `restore`, write the register's copy back."""
        findings = []
        for entry in self.entries():
            paths = self.paths(entry)
            expected = {"docx": entry.bam_docx, "pdf": entry.bam_pdf}
            broken = []
            for kind, sha in expected.items():
                if sha is None:
                    continue
                path = paths[kind]
                if not path.is_file():
                    broken.append(Finding(path, "thieu"))
                elif hashlib.sha256(path.read_bytes()).hexdigest() != sha:
                    broken.append(Finding(path, "khac"))
            if not paths["json"].is_file():
                broken.append(Finding(paths["json"], "thieu"))
            if broken and restore:
                self.write(entry)
                broken = [Finding(f.path, f.problem, restored=True) for f in broken]
            findings += broken
        return findings


@dataclass(frozen=True)
class Finding:
    """A file of the archive that does not match the register."""

    path: Path
    problem: str  # "thieu" (missing) or "khac" (changed)
    restored: bool = False


def metadata(entry: Entry, paths: dict[str, Path], replaced: Entry | None) -> dict:
    """The `.json` record filed beside an issued document."""
    files = {"docx": {"ten": paths["docx"].name, "sha256": entry.bam_docx}}
    if entry.bam_pdf:
        files["pdf"] = {"ten": paths["pdf"].name, "sha256": entry.bam_pdf}
    return {
        "so": entry.so,
        "ky_hieu": entry.ky_hieu,
        "so_ky_hieu": entry.so_ky_hieu,
        "so_theo": entry.so_theo,
        "ngay": entry.ngay.isoformat(),
        "loai": entry.loai,
        "ten_loai": entry.ten_loai,
        "trich_yeu": entry.trich_yeu,
        "nguoi_ky": entry.nguoi_ky,
        "noi_nhan": list(entry.noi_nhan),
        "so_ban": entry.so_ban,
        "don_vi_luu": entry.don_vi_luu,
        "thay_the": replaced.so_ky_hieu if replaced is not None else None,
        "phong_trao": entry.phong_trao,
        "ma_van_ban": entry.ma_van_ban,
        "tep": files,
        "bam_dau_vao": entry.bam_dau_vao,
        "dau_vao": entry.dau_vao,
    }


def issued_numbers(entries: dict[str, Entry]) -> dict[str, Issued]:
    return {code: Issued(entry.so, entry.ngay) for code, entry in entries.items()}
