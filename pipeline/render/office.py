"""LibreOffice, found where it is usually installed, to turn .docx into PDF.

Each conversion runs with a private profile (so that runs never collide), as a child that cannot outlive tdkt
(`children`: the kernel's parent-death signal on Linux, a Job object on Windows): a killed `tdkt issue` leaves no
LibreOffice behind. If tdkt is stopped any other way (an error, Ctrl+C, SIGTERM), the conversion and everything it
started are killed before the error goes on.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import Problem, TdktError
from .children import start

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
    child = start(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        child.wait(timeout=timeout)
    except subprocess.TimeoutExpired as e:
        raise TdktError(Problem(docx, f"LibreOffice không chuyển xong sau {timeout} giây")) from e
    finally:
        if child.running():
            child.kill()
        child.close()
        shutil.rmtree(profile, ignore_errors=True)
    pdf = out_dir / f"{docx.stem}.pdf"
    if not pdf.is_file():
        raise TdktError(Problem(docx, "LibreOffice không tạo được tệp PDF"))
    return pdf
