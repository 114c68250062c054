"""Pages of a document as images, for a preview on screen: LibreOffice lays it out, pypdfium2 draws each page.

Images are cached by the document's own hash, so a page is drawn once per version of the document; pypdfium2 has
wheels for Windows, so nothing else needs installing.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import tempfile
from pathlib import Path

from .office import convert_to_pdf


def page_images(docx: Path, cache: Path, scale: float = 1.2) -> list[Path]:
    """PNG images of every page of `docx`, made once per version of the file."""
    import pypdfium2 as pdfium  # a native library only the preview needs

    digest = hashlib.sha256(docx.read_bytes()).hexdigest()[:20]
    folder = cache / digest
    done = folder / "xong"
    if done.is_file():
        return sorted(folder.glob("trang-*.png"))
    work = Path(tempfile.mkdtemp(prefix="xem-", dir=cache.parent if cache.parent.is_dir() else None))
    try:
        source = work / "van-ban.docx"
        shutil.copyfile(docx, source)
        pdf = convert_to_pdf(source, work / "pdf")
        document = pdfium.PdfDocument(pdf.read_bytes())
        folder.mkdir(parents=True, exist_ok=True)
        try:
            for number in range(len(document)):
                image = document[number].render(scale=scale).to_pil()
                out = io.BytesIO()
                image.save(out, format="PNG")
                (folder / f"trang-{number + 1:03d}.png").write_bytes(out.getvalue())
        finally:
            document.close()
        done.write_text("", encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return sorted(folder.glob("trang-*.png"))
