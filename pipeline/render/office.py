"""LibreOffice, found where it is usually installed, to turn .docx into PDF.

Each conversion runs with a private profile (so that runs never collide), in its own process group, and on Linux
with the kernel told to kill it if tdkt dies: a killed `tdkt issue` leaves no LibreOffice behind. If tdkt is stopped
any other way (an error, Ctrl+C, SIGTERM), the conversion's whole process group is killed before the error goes on.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from ..errors import Problem, TdktError

# Usual install folders (Windows, macOS) for when `soffice` is not on PATH.
_CANDIDATES = [
    Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "LibreOffice" / "program" / "soffice.exe",
    Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")) / "LibreOffice" / "program" / "soffice.exe",
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
    Path("/usr/lib/libreoffice/program/soffice"),
    Path("/opt/libreoffice/program/soffice"),
]


def find_soffice() -> Path | None:
    for name in ("soffice", "soffice.exe", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    return next((p for p in _CANDIDATES if p.is_file()), None)


# PDF/A-2b, for archiving (LibreOffice 7.4 and later read export options written as JSON).
PDF_A = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'


def convert_to_pdf(docx: Path, out_dir: Path, timeout: int = 180, archival: bool = False) -> Path:
    """Render `docx` to `out_dir/<stem>.pdf` with a private LibreOffice profile, so runs never collide.

    With `archival`, PDF/A is asked for first and a plain PDF made if this LibreOffice cannot.
    """
    if archival:
        try:
            return _convert(docx, out_dir, timeout, PDF_A)
        except TdktError:
            pass
    return _convert(docx, out_dir, timeout, "pdf")


def _die_with_parent() -> None:  # pragma: no cover - runs in the child, between fork and exec
    """Linux: ask the kernel to kill this child when its parent dies (prctl PR_SET_PDEATHSIG)."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)


def _convert(docx: Path, out_dir: Path, timeout: int, target: str) -> Path:
    soffice = find_soffice()
    if soffice is None:
        raise TdktError(Problem(docx, "không tìm thấy LibreOffice (soffice) để chuyển sang PDF"))
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="lo-", dir=out_dir.parent)).resolve()
    command = [
        str(soffice),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        target,
        "--outdir",
        str(out_dir),
        str(docx),
    ]
    options: dict = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    if sys.platform.startswith("linux"):
        options |= {"start_new_session": True, "preexec_fn": _die_with_parent}
    elif os.name == "posix":
        options |= {"start_new_session": True}
    else:
        options |= {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    process = subprocess.Popen(command, **options)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired as e:
        raise TdktError(Problem(docx, f"LibreOffice không chuyển xong sau {timeout} giây")) from e
    finally:
        if process.poll() is None:
            _kill(process)
        shutil.rmtree(profile, ignore_errors=True)
    pdf = out_dir / f"{docx.stem}.pdf"
    if not pdf.is_file():
        raise TdktError(Problem(docx, "LibreOffice không tạo được tệp PDF"))
    return pdf


def _kill(process: subprocess.Popen) -> None:
    """The conversion and everything it started."""
    with contextlib.suppress(OSError):
        if os.name == "posix":
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)
