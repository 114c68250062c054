"""Empty PDF signature fields where NĐ30 puts the signature and the seal, for any tool that signs PDF fields.

NĐ30 Phụ lục I (SPEC.md §3): the signer's signature image goes centred between the title line of the signature block
and the signer's name; the agency's seal image overlaps about a third of it, on the left. The places are found on
the laid-out PDF — where LibreOffice actually put the title line and the name (pypdfium2 reads the text's boxes) —
never guessed from the template. The fields are added by pyHanko as an incremental update, so the PDF/A the
conversion made stays as it was, and signing them later is another incremental update.

Field names: `tdkt_chu_ky` (the signer), `tdkt_con_dau` (the agency's seal), and `tdkt_chu_ky_<role>` for another
signer of the same document (the secretary of a biên bản: `tdkt_chu_ky_thu_ky`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

MM = 72 / 25.4  # PDF points per millimetre
SIGNER_FIELD, SEAL_FIELD = "tdkt_chu_ky", "tdkt_con_dau"

Box = tuple[float, float, float, float]  # left, bottom, right, top, in PDF points


class UnreadablePdf(Exception):
    """The PDF the conversion made cannot be read by the PDF libraries (a damaged file)."""


@dataclass(frozen=True)
class Sizes:
    """The sizes of the fields, in millimetres (`[chu_ky_so]` in co_quan.toml)."""

    rong_mm: float = 40.0  # the signature image's width
    cao_mm: float = 20.0  # its height, at most the space between title and name
    con_dau_mm: float = 36.0  # the seal's diameter (the seals of a Sở are 35–42 mm)

    @classmethod
    def of(cls, settings: dict) -> Sizes:
        values = {k: float(v) for k, v in settings.items() if k in ("rong_mm", "cao_mm", "con_dau_mm")}
        return cls(**values)


@dataclass(frozen=True)
class Signer:
    """Who signs one block of the document: its title lines and name as printed, and the field's role."""

    titles: tuple[str, ...]
    name: str
    role: str = ""  # "" for the document's signer; `thu_ky` for a biên bản's secretary
    seal: bool = True  # the agency's seal goes over this signature

    @property
    def field(self) -> str:
        return f"{SIGNER_FIELD}_{self.role}" if self.role else SIGNER_FIELD


@dataclass(frozen=True)
class Placement:
    signer: Signer
    page: int
    title: Box  # the title line's box, as laid out
    name: Box  # the name's box
    signature: Box
    seal: Box | None


def _boxes(textpage, text: str) -> list[Box]:
    """The box of each occurrence of `text` on a page (several rectangles of one occurrence joined)."""
    found = []
    searcher = textpage.search(text, match_case=True, match_whole_word=False)
    while (hit := searcher.get_next()) is not None:
        index, count = hit
        rects = [textpage.get_rect(i) for i in range(textpage.count_rects(index, count))]
        if rects:
            found.append(
                (min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects), max(r[3] for r in rects))
            )
    return found


def place(pdf: bytes, signers: Sequence[Signer], sizes: Sizes) -> list[Placement]:
    """Where each signer's fields go: under the last title line, above the name right below it, on the same page
    and the same column."""
    import pypdfium2 as pdfium  # imported where used: a native library the rest of tdkt never needs

    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as e:
        raise UnreadablePdf(str(e)) from e
    found: list[Placement] = []
    try:
        for signer in signers:
            spot = _find(document, signer)
            if spot is None:
                continue
            page, title, name = spot
            found.append(_fields(signer, page, title, name, sizes))
    finally:
        document.close()
    return found


def _find(document, signer: Signer) -> tuple[int, Box, Box] | None:
    for number in range(len(document)):
        textpage = document[number].get_textpage()
        names = _boxes(textpage, signer.name)
        titles = _boxes(textpage, signer.titles[-1]) if signer.titles else []
        for name in names:
            centre = (name[0] + name[2]) / 2
            above = [
                t for t in titles if 0 < t[1] - name[3] < 200 and t[0] - 40 <= centre <= t[2] + 40
            ]  # the title line just above, in the same column
            if above:
                return number, min(above, key=lambda t: t[1] - name[3]), name
    return None


def _fields(signer: Signer, page: int, title: Box, name: Box, sizes: Sizes) -> Placement:
    gap_bottom, gap_top = name[3] + 2, title[1] - 2
    height = min(sizes.cao_mm * MM, max(gap_top - gap_bottom, 10.0))
    centre_y = (gap_bottom + gap_top) / 2
    centre_x = ((title[0] + title[2]) / 2 + (name[0] + name[2]) / 2) / 2
    width = sizes.rong_mm * MM
    signature = (centre_x - width / 2, centre_y - height / 2, centre_x + width / 2, centre_y + height / 2)
    seal = None
    if signer.seal:
        diameter = sizes.con_dau_mm * MM
        right = signature[0] + width / 3  # the seal covers about a third of the signature, on its left
        seal = (right - diameter, centre_y - diameter / 2, right, centre_y + diameter / 2)
    return Placement(signer, page, title, name, signature, seal)


def add_fields(pdf: bytes, placements: Sequence[Placement]) -> bytes:
    """The PDF with an empty, printable signature field for each placement (the seal's first, under the signer's),
    appended as an incremental update."""
    from pyhanko.pdf_utils.misc import PdfError  # pyHanko is imported where used: `tdkt --help` needs none of it

    if not placements:
        return pdf
    try:
        return _append(pdf, placements)
    except (PdfError, ValueError, KeyError) as e:
        raise UnreadablePdf(str(e)) from e


def _append(pdf: bytes, placements: Sequence[Placement]) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    for spot in placements:
        if spot.seal is not None:
            append_signature_field(
                writer,
                SigFieldSpec(
                    SEAL_FIELD,
                    on_page=spot.page,
                    box=tuple(round(v) for v in spot.seal),
                    empty_field_appearance=False,  # an empty, transparent appearance: the text under it shows
                    readable_field_name="Con dấu của cơ quan",
                ),
            )
        append_signature_field(
            writer,
            SigFieldSpec(
                spot.signer.field,
                on_page=spot.page,
                box=tuple(round(v) for v in spot.signature),
                empty_field_appearance=False,
                readable_field_name=f"Chữ ký của {spot.signer.name}",
            ),
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdfa_problems(pdf: bytes) -> list[str]:
    """What an archival PDF must keep (PDF/A, the rules that matter here): no encryption, every font embedded, the
    PDF/A identification in its metadata. Empty when it keeps them, or when the file never claimed PDF/A."""
    import pikepdf

    try:
        return _pdfa_problems(pikepdf.open(io.BytesIO(pdf)))
    except pikepdf.PdfError as e:
        raise UnreadablePdf(str(e)) from e


def _pdfa_problems(opened) -> list[str]:
    problems = []
    with opened as document:
        if document.is_encrypted:
            problems.append("tệp PDF bị mã hóa")
        with document.open_metadata() as meta:
            part = meta.get("pdfaid:part")
        if part is None:
            return problems
        for page in document.pages:
            for font in _fonts(page):
                descriptor = font.get("/FontDescriptor")
                if font.get("/Subtype") == "/Type3":
                    continue
                if descriptor is None and "/DescendantFonts" in font:
                    descriptor = font.DescendantFonts[0].get("/FontDescriptor")
                if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    problems.append(f"phông {font.get('/BaseFont')} không được nhúng")
    return sorted(set(problems))


def _fonts(page) -> list:
    resources = page.obj.get("/Resources") or {}
    fonts = resources.get("/Font") or {}
    return [font for _, font in fonts.items()]
