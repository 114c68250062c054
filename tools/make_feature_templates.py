"""Write one small template per feature a clerk may put in a Word template (tests/data/mau_tinh_nang/), for the test
that renders each with tdkt's compile-once engine and with plain docxtpl and compares them (issue 13, item 9).

Developer tool (overwrites the folder). Run: `python tools/make_feature_templates.py`.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "mau_tinh_nang"


def _png() -> bytes:
    """A 4 × 4 red picture, made here (no file to carry)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))
    header = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def _save(doc, name: str) -> None:
    doc.save(str(OUT / name))


def headers_and_footers() -> None:
    doc = Document()
    doc.add_paragraph("Nội dung {{ ten }}")
    doc.sections[0].header.paragraphs[0].text = "Đầu trang {{ ten }}"
    doc.sections[0].footer.paragraphs[0].text = "Chân trang {{ ten }}"
    _save(doc, "dau-trang-chan-trang.docx")


def table_grid_repair() -> None:
    """A table without tags whose grid (2 columns) disagrees with its cells (3): docxtpl's repair changes it."""
    doc = Document()
    doc.add_paragraph("{{ ten }}")
    table = doc.add_table(rows=2, cols=3)
    for r in range(2):
        for c in range(3):
            table.cell(r, c).text = f"ô {r}{c}"
    grid = table._tbl.tblGrid
    grid.remove(grid.findall(qn("w:gridCol"))[-1])
    _save(doc, "bang-luoi-lech.docx")


def static_picture() -> None:
    doc = Document()
    doc.add_paragraph("Hình: {{ ten }}")
    doc.add_picture(io.BytesIO(_png()), width=Mm(10))
    doc.add_picture(io.BytesIO(_png()), width=Mm(5))
    _save(doc, "hinh-tinh.docx")


def static_hyperlink() -> None:
    doc = Document()
    paragraph = doc.add_paragraph("Xem {{ ten }} tại ")
    r_id = paragraph.part.relate_to("https://thuvienphapluat.vn", RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "cổng văn bản"
    run.append(text)
    link.append(run)
    paragraph._p.append(link)
    _save(doc, "lien-ket-tinh.docx")


def comments() -> None:
    doc = Document()
    paragraph = doc.add_paragraph("Trích yếu: {{ ten }}")
    doc.add_comment(paragraph.runs, text="Văn thư: kiểm tra lại trích yếu", author="Văn thư")
    _save(doc, "ghi-chu.docx")


def loops() -> None:
    """{%p %}, {%r %}, {%tr %} and {%tc %}."""
    doc = Document()
    doc.add_paragraph("{%p if co %}")
    doc.add_paragraph("Có: {{ ten }}")
    doc.add_paragraph("{%p endif %}")
    paragraph = doc.add_paragraph("Câu ")
    paragraph.add_run("{%r if co %}")
    paragraph.add_run("đậm").bold = True
    paragraph.add_run("{%r endif %}")
    rows = doc.add_table(rows=3, cols=1)
    rows.cell(0, 0).text = "{%tr for d in dong %}"
    rows.cell(1, 0).text = "{{ d.a }}"
    rows.cell(2, 0).text = "{%tr endfor %}"
    cols = doc.add_table(rows=1, cols=3)
    cols.cell(0, 0).text = "{%tc for c in cot %}"
    cols.cell(0, 1).text = "{{ c }}"
    cols.cell(0, 2).text = "{%tc endfor %}"
    _save(doc, "vong-lap.docx")


def merges() -> None:
    doc = Document()
    table = doc.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "Gộp ngang {{ ten }}"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "Gộp dọc {{ ten }}"
    table.cell(1, 1).text = "{{ ten }}"
    _save(doc, "gop-o.docx")


FOOTNOTES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote>"
    '<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">Chú thích: {{ ten }}</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


def footnotes() -> None:
    """A footnote holding a tag (python-docx has no footnote API: the part is added to the package by hand)."""
    doc = Document()
    paragraph = doc.add_paragraph("Văn bản có chú thích")
    run = OxmlElement("w:r")
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), "1")
    run.append(reference)
    paragraph._p.append(run)
    source = io.BytesIO()
    doc.save(source)
    archive = zipfile.ZipFile(io.BytesIO(source.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in archive.infolist():
            data = archive.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
                    b'officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
            elif info.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdChuThich" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/footnotes" Target="footnotes.xml"/></Relationships>',
                )
            target.writestr(info.filename, data)
        target.writestr("word/footnotes.xml", FOOTNOTES)
    (OUT / "chu-thich.docx").write_bytes(out.getvalue())


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for make in (headers_and_footers, table_grid_repair, static_picture, static_hyperlink, comments, loops, merges):
        make()
    footnotes()
    print(f"đã ghi {len(list(OUT.glob('*.docx')))} mẫu vào {OUT}")


if __name__ == "__main__":
    main()
