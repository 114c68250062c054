"""Writing files so that nothing is ever half-written: a temporary name in the same folder, then an atomic rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import Problem, TdktError


def _new_file_mode(path: Path) -> int:
    """The mode the file would have had if opened plainly: the old file's, or 0o666 less the umask."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step; on any failure the old file (or no file) stays."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".~{path.stem}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _new_file_mode(path))  # mkstemp makes files private (0600)
        os.replace(tmp, path)
    except PermissionError as e:
        tmp.unlink(missing_ok=True)
        # On Windows a document open in Word cannot be replaced.
        message = "không ghi được tệp (có thể tệp đang mở trong Word; hãy đóng rồi chạy lại)"
        raise TdktError(Problem(path, message)) from e
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
