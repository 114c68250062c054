"""The format rules of SPEC.md §1 that every document tdkt makes must pass, as test assertions."""

from __future__ import annotations

from docx.oxml.ns import qn

from pipeline.render.formatting import run_format

from .readback import alignment, paragraphs, single_format, twips

TNR = "Times New Roman"


def mm(emu: int) -> float:
    """A length in millimetres, to 0.1 mm: Word stores twips, so 15 mm reads back as 14.99."""
    return round(emu / 36000, 1)


def assert_page(doc) -> None:
    for section in doc.sections:
        assert (mm(section.page_width), mm(section.page_height)) == (210.0, 297.0)
        assert 20 <= mm(section.top_margin) <= 25 and 20 <= mm(section.bottom_margin) <= 25
        assert 30 <= mm(section.left_margin) <= 35 and 15 <= mm(section.right_margin) <= 20
        # Page numbers in the header, but not on the first page of the document or of an appendix.
        assert section.different_first_page_header_footer
        instructions = "".join(t.text for t in section.header._element.iter(qn("w:instrText")))
        assert instructions.strip() == "PAGE"
        assert not any(section.first_page_header._element.iter(qn("w:instrText")))


def assert_fonts(doc) -> None:
    for p in paragraphs(doc):
        for run in p.runs:
            if run.text.strip():
                assert run_format(run, p).font == TNR, p.text
    assert "Theme" not in "".join(doc.styles.element.xpath("//w:rFonts/@*"))


def assert_header(doc, agency_lines: tuple[str, str], number: str, date_line: str) -> None:
    cells = doc.tables[0]
    left = [p for p in cells.cell(0, 0).paragraphs if p.text]
    assert [p.text for p in left] == list(agency_lines)
    assert single_format(left[0])[:3] == (TNR, 13, False) and single_format(left[1])[:3] == (TNR, 13, True)
    right = [p for p in cells.cell(0, 1).paragraphs if p.text]
    assert [p.text for p in right] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert single_format(right[0]) == (TNR, 12, True, False)
    assert single_format(right[1]) == (TNR, 13, True, False)
    (so,) = [p for p in cells.cell(1, 0).paragraphs if p.text]
    assert so.text == f"Số: {number}" and single_format(so) == (TNR, 13, False, False)
    (date,) = [p for p in cells.cell(1, 1).paragraphs if p.text]
    assert date.text == date_line and single_format(date) == (TNR, 13, False, True)


def assert_body(doc) -> None:
    body = [p for p in paragraphs(doc) if p.style.name in ("TDKT Nội dung", "TDKT Căn cứ", "TDKT Mục")]
    assert body
    for p in body:
        assert alignment(p) == "both", p.text
        assert {f[1] for f in _formats(p)} <= {14}
        assert twips(p, "ind", "firstLine") in (567, 720, 722)
        assert twips(p, "spacing", "before") >= 120
        assert 240 <= twips(p, "spacing", "line") <= 360
    closing = [p for p in body if p.style.name == "TDKT Nội dung"][-1]
    assert closing.text.endswith("./."), closing.text


def assert_can_cu(doc) -> list[str]:
    lines = [p for p in paragraphs(doc) if p.style.name == "TDKT Căn cứ"]
    for p in lines:
        assert single_format(p) == (TNR, 14, False, True)
    texts = [p.text for p in lines]
    assert all(t.endswith(";") for t in texts[:-1]) and (not texts or texts[-1].endswith("."))
    return texts


def assert_signature(doc, noi_nhan: list[str], titles: list[str], name: str) -> None:
    table = next(t for t in doc.tables if t.cell(0, 0).paragraphs[0].text == "Nơi nhận:")
    left = [p for p in table.cell(0, 0).paragraphs if p.text]
    assert single_format(left[0]) == (TNR, 12, True, True)
    assert [p.text for p in left[1:]] == noi_nhan
    assert {single_format(p) for p in left[1:]} == {(TNR, 11, False, False)}
    right = [p for p in table.cell(0, 1).paragraphs if p.text]
    assert [p.text for p in right] == [*titles, name]
    assert {single_format(p) for p in right} == {(TNR, 14, True, False)}
    assert len([p for p in table.cell(0, 1).paragraphs if p.style.name == "TDKT Chỗ ký"]) >= 3
    names = {b.get(qn("w:name")) for b in table._tbl.iter(qn("w:bookmarkStart"))}
    assert {"tdkt_chu_ky", "tdkt_con_dau"} <= names


def _formats(p):
    return {(f.font, f.size_pt, f.bold, f.italic) for f in (run_format(r, p) for r in p.runs if r.text.strip())}


def assert_nd30(doc) -> None:
    assert_page(doc)
    assert_fonts(doc)
    assert_body(doc)
