"""Property: any printable text in a spreadsheet cell comes out of the Word document as the clerk typed it.

Ingest cleans it (NFC, single spaces, no control characters) and the renderer escapes it; nothing else may change:
no `&` or `<` dropped, no markup interpreted, no character lost.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from docx import Document
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pipeline.errors import Problems
from pipeline.inputs.awards import load_awards
from pipeline.inputs.ingest import ingest_folder, personal_name
from pipeline.inputs.vocabulary import Vocabulary
from pipeline.model import Unit
from pipeline.render.templates import render_docx
from pipeline.text import clean

from .workbooks import HEADER, xlsx

printable = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60)


def _template(folder: Path) -> Path:
    doc = Document()
    doc.add_paragraph("{{ ten }}")
    doc.add_paragraph("{{ thanh_tich }}")
    path = folder / "mau.docx"
    doc.save(str(path))
    return path


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=printable, achievement=printable)
def test_printable_text_survives_ingest_render_and_read_back(name, achievement):
    assume(clean(name) and not re.search(r"_x[0-9A-Fa-f]{4}_", name + achievement))
    # A name that reads as a collective's ("Tập thể …", "Phòng …") with a person's position is refused as
    # contradictory (tested in the ingest's own tests): this test is about text, not about kinds.
    assume(not Vocabulary.load().looks_collective(clean(name)))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "de_nghi"
        xlsx(folder / "a.xlsx", [HEADER, [1, name, "Chuyên viên", "Văn phòng", "Giấy khen", achievement]])
        problems = Problems()
        evidence = ingest_folder(folder, load_awards(None, problems), (Unit("Văn phòng", "VP"),), "nhap", problems)
        assert problems.errors == []
        (nomination,) = evidence.nominations
        assert nomination.ho_ten == personal_name(clean(name))  # a name in capitals is printed in title case
        assert nomination.thanh_tich == clean(achievement)

        rendered = Path(tmp) / "out.docx"
        context = {"ten": nomination.ho_ten, "thanh_tich": nomination.thanh_tich}
        rendered.write_bytes(render_docx(_template(Path(tmp)), context))
        paragraphs = [p.text for p in Document(str(rendered)).paragraphs]
        assert paragraphs == [personal_name(clean(name)), clean(achievement)]
