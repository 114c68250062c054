"""The clerical office's archive ("Lưu VT", NĐ30 Điều 19): the register and one folder of issued files a year.

Each issued document is filed as `luu_vt/<year>/<number>-<symbol>-<subject>` `.docx`, `.pdf` and a `.json` record
that carries its number. The register is never trusted alone: before a number is taken, the highest number the
archive's records hold for that year and series is checked against the register's, so an emptied or replaced
register cannot give a number twice; `rebuild` makes a new register from the records. `verify` re-hashes every file
against the register, follows its hash chain, and names stray files and edited issued copies.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem, TdktError
from ..fsutil import os_problem, sweep_temporaries, write_atomic
from ..model import Campaign, Issued, Unit
from .history import History, from_records
from .register import Entry, NewEntry, Record, Register, chain_breaks, record_from, record_of
from .sqlite import REBUILD, SqliteRegister

REGISTER_FILE = "so_dang_ky.sqlite"
KINDS = ("docx", "pdf", "json")


@dataclass(frozen=True)
class Finding:
    """Something in the archive that does not match the register."""

    path: Path
    problem: str  # "thieu" (missing), "khac" (changed), "la" (not the register's), "chuoi" (chain broken)
    detail: str = ""
    restored: bool = False


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def archive_record(
    record: Record, names: dict[str, str], replaced: Entry | None, awarded: list[dict] | None = None
) -> bytes:
    """The `.json` filed beside an issued document: its record, its files with their hashes, what it replaces, and
    for a decision who received what (`khen_thuong`: the history later years' conditions read)."""
    files = {"docx": {"ten": names["docx"], "sha256": record.bam_docx}}
    if record.bam_pdf:
        files["pdf"] = {"ten": names["pdf"], "sha256": record.bam_pdf}
    own = {k: v for k, v in record_of(record).items() if k != "bam_json"}  # the hash of this very file
    content = own | {
        "so_ky_hieu": record.so_ky_hieu,
        "tep": files,
        "thay_the": {"so_ky_hieu": replaced.so_ky_hieu, "nam": replaced.nam} if replaced else None,
    }
    if awarded is not None:
        content["khen_thuong"] = awarded
    return (json.dumps(content, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


@dataclass(frozen=True)
class Archive:
    """The archive folder and the register that goes with it (SQLite in the folder unless another is given)."""

    folder: Path
    opener: Callable[..., Register] = SqliteRegister

    @property
    def register_path(self) -> Path:
        return self.folder / REGISTER_FILE

    def exists(self) -> bool:
        return self.register_path.is_file()

    def register(self, create: bool = False) -> Register:
        """The register; `create` makes one where there is none and the archive holds no record (else it must be
        rebuilt from the records, never started again at 01)."""
        if not self.exists() and create:
            held = self.records()
            if held:
                message = f"không có sổ đăng ký nhưng thư mục lưu có {len(held)} văn bản đã phát hành; {REBUILD}"
                raise TdktError(Problem(self.register_path, message))
        return self.opener(self.register_path, create=create)

    def ready(self) -> Register:
        """The register for issuing: present or new, sound, and the archive whole again where a killed run left it
        short (files the register committed but no one placed; temporary files of dead runs)."""
        register = self.register(create=True)
        check = getattr(register, "check_integrity", None)
        if check is not None:
            check()
        for entry in register.entries():
            if any(not path.is_file() for kind, path in self.paths(entry).items() if kind != "pdf" or entry.bam_pdf):
                self.write(entry)
        if self.folder.is_dir():
            for year in self.folder.glob("[0-9][0-9][0-9][0-9]"):
                sweep_temporaries(year, older_than=24 * 3600)
        return register

    def paths(self, record: Record) -> dict[str, Path]:
        base = self.folder / str(record.nam) / record.ten_tep
        return {kind: base.with_name(f"{base.name}.{kind}") for kind in KINDS}

    def entries(self, year: int | None = None) -> list[Entry]:
        return self.register().entries(year) if self.exists() else []

    def current(self, campaign: Campaign) -> dict[str, Entry]:
        """The register's entry for each of the campaign's documents that has been issued."""
        if not self.exists() or not campaign.ma_phong_trao:
            return {}
        return self.register().issued(campaign.ma_phong_trao)

    # --- the records in the folder --------------------------------------------------------------------------------

    def records(self) -> list[tuple[Path, dict]]:
        """Every `.json` record in the year folders, read; an unreadable one is named, never skipped silently."""
        found = []
        if not self.folder.is_dir():
            return found
        for path in sorted(self.folder.glob("[0-9][0-9][0-9][0-9]/*.json")):
            try:
                found.append((path, json.loads(path.read_text(encoding="utf-8"))))
            except (OSError, ValueError) as e:
                raise TdktError(Problem(path, f"không đọc được bản ghi lưu trữ ({e})")) from e
        return found

    def history(self, units: Sequence[Unit] = ()) -> History:
        """Who received what in past years: issued decisions' lists and imported records (archive/history.py)."""
        return from_records(self.records(), self.folder, units)

    def highest_number(self, series: str, year: int) -> int:
        """The highest tdkt number of `series` in `year` that the archive's records hold."""
        best = 0
        for path in self.folder.glob(f"{year}/*.json"):
            try:
                record = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # verify names it; a damaged record cannot lower the bar
            if record.get("so_theo") == series and not record.get("so_ngoai") and isinstance(record.get("so"), int):
                best = max(best, record["so"])
        return best

    # --- writing ----------------------------------------------------------------------------------------------------

    def stage(self, record: Record, contents: dict[str, bytes]) -> list[tuple[Path, Path]]:
        """Write an issued document's files under temporary names beside their places, before its number is
        committed: a full disk or a read-only folder stops the issue while nothing is taken. (temp, final) pairs."""
        staged = []
        try:
            for kind, path in self.paths(record).items():
                if kind not in contents:
                    continue
                path.parent.mkdir(parents=True, exist_ok=True)
                temp = path.with_name(f".~{path.name}.{os.getpid()}.tmp")
                with open(temp, "wb") as f:
                    f.write(contents[kind])
                    f.flush()
                    os.fsync(f.fileno())
                staged.append((temp, path))
        except OSError as e:
            self.discard(staged)
            raise os_problem(e, getattr(e, "filename", None) or self.folder) from e
        return staged

    @staticmethod
    def discard(staged: list[tuple[Path, Path]]) -> None:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)

    @staticmethod
    def place(staged: list[tuple[Path, Path]]) -> list[Path]:
        """Rename staged files into place (after the commit). A failure here loses nothing: the register holds
        every file, and `register verify --khoi-phuc` writes them again."""
        placed = []
        for temp, path in staged:
            try:
                os.replace(temp, path)
            except OSError as e:
                Archive.discard(staged)
                after = "đã vào sổ nhưng chưa ghi được tệp lưu; chạy tdkt register verify --khoi-phuc"
                raise os_problem(e, path, after) from e
            placed.append(path)
        return placed

    def write(self, entry: Entry) -> list[Path]:
        """Write an issued document's files from the register into the archive folder, each atomically."""
        docx, pdf, record = self.register().files(entry.id)
        paths = self.paths(entry)
        written = []
        for kind, data in (("docx", docx), ("pdf", pdf), ("json", record)):
            if data is not None:
                write_atomic(paths[kind], data)
                written.append(paths[kind])
        return written

    # --- checking -------------------------------------------------------------------------------------------------

    def verify(self, restore: bool = False, outputs: Path | None = None) -> list[Finding]:
        """Every file of the archive against the register, the register's chain, files the register does not know,
        and the issued copies among the outputs; with `restore`, the register's copy written back."""
        if not self.exists():
            if self.records():
                return [Finding(self.register_path, "thieu", f"không có sổ đăng ký; {REBUILD}")]
            return []
        register = self.register()
        entries = register.entries()
        findings = [Finding(self.register_path, "chuoi", text) for text in chain_breaks(entries)]
        known: set[Path] = set()
        for entry in entries:
            paths = self.paths(entry)
            known |= set(paths.values())
            expected = {"docx": entry.bam_docx, "pdf": entry.bam_pdf, "json": entry.bam_json}
            broken = []
            for kind, sha in expected.items():
                if not sha:
                    continue
                path = paths[kind]
                if not path.is_file():
                    broken.append(Finding(path, "thieu"))
                elif _sha(path.read_bytes()) != sha:
                    broken.append(Finding(path, "khac"))
            copy = outputs / entry.ban_sao if outputs is not None and entry.ban_sao else None
            if copy is not None and copy.is_file() and _sha(copy.read_bytes()) != entry.bam_docx:
                newer = register.current(entry.phong_trao, entry.ma_van_ban)
                if newer is not None and newer.id == entry.id:  # a replaced document's copy was replaced too
                    broken.append(Finding(copy, "khac", f"bản đã phát hành số {entry.so_ky_hieu}"))
            if broken and restore:
                self.write(entry)
                if copy is not None and any(f.path == copy for f in broken):
                    write_atomic(copy, register.files(entry.id)[0])
                broken = [Finding(f.path, f.problem, f.detail, restored=True) for f in broken]
            findings += broken
        if self.folder.is_dir():
            for path in sorted(self.folder.glob("[0-9][0-9][0-9][0-9]/*")):
                if path.is_file() and path not in known and not path.name.startswith(".~"):
                    findings.append(Finding(path, "la", "tệp không có trong sổ đăng ký"))
        return findings

    def rebuild(self) -> tuple[int, Path | None]:
        """A new register made from the archive's records and files, in number order; the old file, if any, kept
        aside under a dated name. Returns how many documents were recorded and where the old file went."""
        records = self.records()
        problems = []
        rows: list[tuple[dict, dict[str, bytes]]] = []
        for path, values in records:
            try:
                record = record_from(values)
            except (KeyError, ValueError, TypeError) as e:
                problems.append(Problem(path, f"bản ghi lưu trữ thiếu thông tin ({e})"))
                continue
            contents = {"json": path.read_bytes()}
            for kind in ("docx", "pdf"):
                info = (values.get("tep") or {}).get(kind)
                if not info:
                    continue
                target = path.with_name(info["ten"])
                if not target.is_file() or _sha(target.read_bytes()) != info["sha256"]:
                    problems.append(Problem(target, "tệp lưu bị mất hoặc đã bị sửa, không khớp bản ghi .json"))
                    continue
                contents[kind] = target.read_bytes()
            record["bam_json"] = _sha(contents["json"])
            rows.append((record | {"_thay_the": values.get("thay_the")}, contents))
        if problems:
            raise TdktError(problems)
        aside = None
        if self.register_path.exists():
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            aside = self.register_path.with_name(f"{REGISTER_FILE}.cu-{stamp}")
            os.replace(self.register_path, aside)
        register = self.opener(self.register_path, create=True)
        rows.sort(key=lambda item: (item[0]["nam"], item[0]["ngay"], item[0]["so_theo"], item[0]["so"]))
        ids: dict[tuple[int, str], int] = {}
        with register.transaction() as txn:
            for values, contents in rows:
                replaced = values.pop("_thay_the")
                values["thay_the"] = ids.get((replaced["nam"], replaced["so_ky_hieu"])) if replaced else None
                new = NewEntry(**values, docx=contents.get("docx", b""), pdf=contents.get("pdf"), json=contents["json"])
                entry = txn.record(new)
                ids[(entry.nam, entry.so_ky_hieu)] = entry.id
        return len(rows), aside


def issued_numbers(entries: dict[str, Entry]) -> dict[str, Issued]:
    return {code: Issued(entry.so, entry.ngay) for code, entry in entries.items()}
