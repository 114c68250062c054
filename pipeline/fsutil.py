"""Writing files so that nothing is ever half-written, and saying in one line why a write failed.

One file: a temporary name in the same folder, then an atomic rename. A batch (all the drafts of a build): every
file is written and flushed under a temporary name first (in a staging folder of the writing process, beside the
file), the list of renames is recorded in a journal, then the renames are done and the journal removed; a run that
dies in between leaves the journal, and the next run finishes the renames (every temporary file it names is
complete). Failures the OS causes become one Vietnamese line naming the path and the cause: a full disk, a read-only
folder, a name too long, a file locked by Word.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import itertools
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

from .errors import Problem, Problems, TdktError

JOURNAL = ".tdkt-dang-ghi"  # + `.<pid>.<n>.json`: a batch's journal, one for each batch being committed
MAX_NAME = 120  # characters of a file name tdkt makes: well under every file system's limit, with room for paths

_CAUSES = {
    errno.ENOSPC: "ổ đĩa đầy",
    errno.EDQUOT: "hết dung lượng được cấp trên ổ đĩa",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.EACCES: "không có quyền ghi (hoặc tệp đang mở trong Word/Excel; hãy đóng rồi chạy lại)",
    errno.EPERM: "không có quyền ghi (hoặc tệp đang mở trong Word/Excel; hãy đóng rồi chạy lại)",
    errno.ENAMETOOLONG: "tên tệp hoặc đường dẫn quá dài",
    errno.ENOENT: "không tìm thấy thư mục",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EISDIR: "đường dẫn là một thư mục",
    errno.EIO: "lỗi đọc ghi của ổ đĩa",
}


def os_problem(error: OSError, path: Path | str | None = None, after: str = "", doing: str = "ghi") -> TdktError:
    """An OSError as one clerk's line: the path, what failed (`doing`: writing, or deleting), the cause, and what to
    do if there is something."""
    cause = _CAUSES.get(error.errno or 0) or f"lỗi hệ thống ({error.strerror or error})"
    if isinstance(error, PermissionError) and error.errno is None:
        cause = _CAUSES[errno.EACCES]
    where = path or error.filename or "tdkt"
    return TdktError(Problem(where, f"không {doing} được: {cause}" + (f"; {after}" if after else "")))


_OPEN_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0)
_numbers = itertools.count()  # temporary names are told apart by the process id and this counter


def _create(folder: str, stem: str) -> tuple[int, str]:
    """A new file of this process in `folder` (made if missing): its descriptor and its path. Opened exclusively,
    with the mode a plain new file gets (0o666 less the umask); a name already taken (a folder left by an earlier
    process of the same id) is passed over."""
    pid = os.getpid()
    for _ in range(1000):
        tmp = os.path.join(folder, f".~{stem}.{pid}.{next(_numbers)}.tmp")
        try:
            return os.open(tmp, _OPEN_NEW, 0o666), tmp
        except FileExistsError:
            continue
        except FileNotFoundError:
            os.makedirs(folder, exist_ok=True)
    raise FileExistsError(errno.EEXIST, "no free temporary name", folder)


def _write_temp(path: Path, data: bytes | Iterable[bytes], durable: bool = True, folder: str | None = None) -> str:
    """`data` (bytes, or pieces of them written as they come) under a temporary name beside `path` (or in `folder`,
    on the same file system); a file replacing another gets the other's mode."""
    fd, tmp = _create(folder or os.fspath(path.parent), path.stem[:40])
    try:
        try:  # written through the descriptor: a file object would add its own calls (fstat, isatty, lseek)
            for chunk in (data,) if isinstance(data, bytes) else _chunks(data):
                _write_all(fd, chunk)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        with suppress(FileNotFoundError, NotADirectoryError):  # a new file: the mode it was opened with
            os.chmod(tmp, os.stat(path).st_mode & 0o777)
    except BaseException:
        _remove(tmp)
        raise
    return tmp


def _remove(path: str) -> None:
    with suppress(FileNotFoundError):
        os.unlink(path)


_CHUNK = 1 << 16


def _chunks(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """Pieces (an encoder's, a few bytes each) joined into chunks of at least 64 KiB, and the rest."""
    held: list[bytes] = []
    size = 0
    for piece in pieces:
        held.append(piece)
        size += len(piece)
        if size >= _CHUNK:
            yield b"".join(held)
            held, size = [], 0
    if held:
        yield b"".join(held)


def _write_all(fd: int, data: bytes) -> None:
    """All of `data` to `fd` (a write may take only part of it)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def write_atomic(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Replace `path` with `data` (bytes, or pieces written as they come) in one step; on any failure the old file (or
    no file) stays."""
    try:
        tmp = _write_temp(path, data)
        try:
            os.replace(tmp, path)
        except BaseException:
            _remove(tmp)
            raise
    except OSError as e:
        raise os_problem(e, path) from e


# (the temporary file, the path it will be renamed to), as strings: a batch's workers hand thousands of them to the
# main process, and a string costs a tenth of a Path to pass between processes (and to rename by).
Staged = tuple[str, str]


STAGING = ".~tdkt-"  # + a process id: the folder beside its files where that process stages them


def stage(path: Path, data: bytes) -> Staged:
    """`data` written under a temporary name, not yet flushed: one file of a batch (see `commit`). Each process
    stages in a folder of its own beside `path` (`.~tdkt-<pid>`): processes creating files in one folder take turns,
    in folders of their own they do not. A folder whose process is gone is swept by the next run
    (`sweep_temporaries`)."""
    folder = os.path.join(path.parent, f"{STAGING}{os.getpid()}")
    try:
        return _write_temp(path, data, durable=False, folder=folder), os.fspath(path)
    except OSError as e:
        raise os_problem(e, path) from e


def discard(staged: Sequence[Staged]) -> None:
    """A batch given up: its temporary files removed, nothing renamed."""
    for tmp, _ in staged:
        _remove(tmp)
    _remove_staging(tmp for tmp, _ in staged)


def _remove_staging(temporaries: Iterable[str]) -> None:
    """The staging folders of these temporary files, once empty (another batch of the process may still use one)."""
    for folder in {os.path.dirname(tmp) for tmp in temporaries}:
        if os.path.basename(folder).startswith(STAGING):
            with suppress(OSError):
                os.rmdir(folder)


# The journals (by name: process and number) of this process's batches being committed; the page commits in threads.
_committing: set[str] = set()


def commit(staged: Sequence[Staged], journal_folder: Path) -> tuple[Path, ...]:
    """Every staged file in place, or none: all flushed to disk (one `syncfs` per file system on Linux), the list of
    renames recorded in a journal, then the renames, so that a run killed among them is finished by the next
    (`finish_unfinished`). On failure before the journal, the temporary files are removed."""
    if not staged:
        return ()
    journal = journal_folder / f"{JOURNAL}.{os.getpid()}.{next(_numbers)}.json"
    _committing.add(journal.name)
    try:
        targets = [path for _, path in staged]
        if len(set(targets)) < len(targets):  # the later file would silently replace the earlier one
            twice = next(path for path in targets if targets.count(path) > 1)
            raise TdktError(Problem(twice, "hai tệp của một lần ghi cùng tên này; chưa ghi gì"))
        _make_durable([tmp for tmp, _ in staged])  # every file on disk before the journal names it
        journal_folder.mkdir(parents=True, exist_ok=True)
        write_atomic(journal, json.dumps(staged, ensure_ascii=False).encode("utf-8"))
    except BaseException as e:
        _committing.discard(journal.name)
        discard(staged)
        if isinstance(e, OSError):
            raise os_problem(e, getattr(e, "filename", None) or journal_folder) from e
        raise
    try:
        try:
            for tmp, path in staged:
                os.replace(tmp, path)
        except OSError as e:
            raise os_problem(e, path, "chạy lại lệnh để ghi nốt") from e
        _sync_folders({os.path.dirname(path) for path in targets})
        journal.unlink(missing_ok=True)
    finally:
        _committing.discard(journal.name)  # a journal left now is an interrupted batch's, for the next run to finish
    _remove_staging(tmp for tmp, _ in staged)
    return tuple(map(Path, targets))


def write_all(files: Sequence[tuple[Path, bytes]], journal_folder: Path) -> tuple[Path, ...]:
    """Write every file or none: all under temporary names first, then `commit`."""
    staged: list[Staged] = []
    try:
        for path, data in files:
            staged.append(stage(path, data))
    except BaseException:
        discard(staged)
        raise
    return commit(staged, journal_folder)


def _make_durable(paths: Sequence[str]) -> None:
    """A batch's files on disk: with one `syncfs` per file system on Linux (a thousand drafts, one call), else
    file by file."""
    if not paths:
        return
    if sys.platform.startswith("linux"):
        folders = {}
        for parent in {os.path.dirname(path) for path in paths}:  # a batch's files sit in a few folders
            folders.setdefault(os.stat(parent).st_dev, parent)
        if all(_syncfs(folder) for folder in folders.values()):
            return
    for path in paths:
        with open(path, "rb+") as f:
            os.fsync(f.fileno())


def _syncfs(folder: str) -> bool:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        fd = os.open(folder, os.O_RDONLY)
        try:
            return libc.syncfs(fd) == 0
        finally:
            os.close(fd)
    except (OSError, AttributeError):
        return False


def _sync_folders(folders: set[str]) -> None:
    """The renames on disk too (POSIX: a folder's entries are made durable by fsyncing the folder)."""
    if os.name != "posix":
        return
    for folder in folders:
        try:
            fd = os.open(folder, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)


def finish_unfinished(journal_folder: Path) -> list[Path]:
    """Complete the renames of the batches killed runs left: every temporary file a journal names is whole. The
    journal of a batch another run is committing at this moment is left to it (it would fail halfway through renames
    done under it): one whose process still runs, unless it is an hour old (its number taken by another process)."""
    done: list[Path] = []
    for journal in sorted(journal_folder.glob(f"{JOURNAL}*.json")):
        if journal.name in _committing or _in_use(journal):
            continue
        try:
            pairs = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            journal.unlink(missing_ok=True)
            continue
        for tmp, path in pairs:
            if Path(tmp).is_file():
                try:
                    os.replace(tmp, path)
                except OSError as e:
                    raise os_problem(e, path) from e
                done.append(Path(path))
        journal.unlink(missing_ok=True)
        _remove_staging(tmp for tmp, _ in pairs)
    return done


def _in_use(journal: Path) -> bool:
    """Whether another process that still runs is committing the batch of this journal (`.<pid>.<n>.json`)."""
    parts = journal.name[len(JOURNAL) :].split(".")
    pid = int(parts[1]) if len(parts) == 4 and parts[1].isdigit() else None
    if pid is None or pid == os.getpid():
        return False  # the name of an older tdkt, or this process's own batch, interrupted
    return _left_behind(journal, pid) is False


LEFT_FOR = 3600.0  # seconds after which what a run left is left over, whatever its process id says (ids are reused)


def _left_behind(path: Path, pid: int | None, older_than: float = LEFT_FOR) -> bool | None:
    """Whether what a run left at `path` is left over: its process (`pid`, where the name gives one) no longer
    runs, or it is older than `older_than` seconds. None when it is gone."""
    try:
        old = time.time() - path.stat().st_mtime > older_than
    except OSError:
        return None
    return old or (pid is not None and not process_alive(pid))


def recover(journal_folder: Path, folders: Iterable[Path]) -> None:
    """Before a batch: the one a killed run left half-renamed finished, then what killed runs left in `folders`
    and every folder below them swept (`sweep_temporaries`)."""
    finish_unfinished(journal_folder)
    for folder in folders:
        for each, _, _ in os.walk(folder):  # listed folder by folder, not looked at file by file
            sweep_temporaries(Path(each))


def process_alive(pid: int) -> bool:
    """Whether a process of this machine still runs (a temporary file of a live run is not swept)."""
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _windows_process_alive(pid: int) -> bool:
    """Windows: the process opened for its exit code (`os.kill` would end it). Alive when in doubt: what is left
    of a run is then swept once it is an hour old."""
    try:
        import ctypes
        from ctypes import wintypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
        kernel32.OpenProcess.restype = wintypes.HANDLE  # pointer-sized: not the default int
        kernel32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
        kernel32.GetExitCodeProcess.restype = wintypes.BOOL
        kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() != 87  # ERROR_INVALID_PARAMETER: no such process; else (denied) alive
        try:
            code = wintypes.DWORD()
            return not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)) or code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    except (OSError, AttributeError, ValueError, ImportError):
        return True


def sweep_temporaries(folder: Path, older_than: float = LEFT_FOR) -> None:
    """Remove the temporary files (`.~<name>.<pid>.….tmp`) and staging folders (`.~tdkt-<pid>`) a killed run left in
    a folder: those of a process that no longer runs, or older than `older_than` seconds; never while a journal
    still needs them."""
    if not folder.is_dir() or any(folder.glob(f"{JOURNAL}*.json")):
        return
    for staging in folder.glob(f"{STAGING}*"):
        pid = staging.name[len(STAGING) :]
        if staging.is_dir() and _left_behind(staging, int(pid) if pid.isdigit() else None, older_than):
            shutil.rmtree(staging, ignore_errors=True)
    for leftover in folder.glob(".~*.tmp"):
        pid = next((int(p) for p in leftover.name.split(".")[2:-1] if p.isdigit()), None)
        if _left_behind(leftover, pid, older_than):
            leftover.unlink(missing_ok=True)


def aside(path: Path) -> Path:
    """`QD-x.docx` → `QD-x.sua-tay-20261128-153000.docx`: where a file edited by hand is kept before tdkt writes a new
    one in its place."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.sua-tay-{stamp}{path.suffix}")


def recorded_file(path: Path, recorded: str | None) -> tuple[bytes, str] | None:
    """A file tdkt recorded writing (`recorded`: its SHA-256 then) as it is now: its bytes and their SHA-256; None
    when nothing was recorded (the file is not read) or the file is gone."""
    if recorded is None:
        return None
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as e:
        raise os_problem(e, path) from e
    return data, hashlib.sha256(data).hexdigest()


def remove_own(path: Path, recorded: str, problems: Problems, edited: str) -> bool | None:
    """Remove a file tdkt wrote (`recorded`: its SHA-256 then) that no run makes any more, if it is still byte for
    byte tdkt's: True. False when it is not there to remove: gone, or changed since (someone's now: kept, and
    `edited` said of it). None when it could not be read or removed (open in Word): said, to be tried again. What
    goes wrong is a warning: the batch this follows is in place."""
    try:
        found = recorded_file(path, recorded)
        if found is None:
            return False
        if found[1] != recorded:
            problems.warn(path, "", edited)
            return False
        path.unlink(missing_ok=True)
        return True
    except (OSError, TdktError) as e:
        error = e if isinstance(e, TdktError) else os_problem(e, path, doing="xoá")
        for problem in error.problems:
            problems.warn(problem.file, problem.where, problem.message)
        return None


def edited_copy(path: Path, recorded: str | None) -> tuple[Path, bytes] | None:
    """A file changed since tdkt wrote it (`recorded`: its SHA-256 then), to be kept beside the new one: the name to
    keep it under and its bytes; None when it is tdkt's own, is gone, or was never recorded."""
    found = recorded_file(path, recorded)
    return None if found is None or found[1] == recorded else (aside(path), found[0])


def bounded(stem: str, limit: int = MAX_NAME) -> str:
    """A file name's stem cut to `limit` characters at a hyphen where it can be, so that no input makes a name the
    file system refuses."""
    if len(stem) <= limit:
        return stem
    cut = stem[:limit]
    return cut[: cut.rfind("-")] if "-" in cut[limit // 2 :] else cut


WORK = ".tdkt-tam"


@contextmanager
def work_folder(outputs: Path) -> Iterator[Path]:
    """A private folder for one run's temporary work (copies of documents, LibreOffice's profile), under the outputs
    folder: removed when the run ends, however it ends short of SIGKILL; and what a killed run left there is
    swept by the next (folders named for a process that no longer runs)."""
    base = outputs / WORK
    try:
        base.mkdir(parents=True, exist_ok=True)
        for old in base.iterdir():
            pid = old.name.split("-", 1)[0]
            if pid.isdigit() and not process_alive(int(pid)):
                shutil.rmtree(old, ignore_errors=True)
        folder = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=base))
    except OSError as e:
        raise os_problem(e, base) from e
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # the base stays: another run may be starting in it
