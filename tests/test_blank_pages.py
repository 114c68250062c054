"""No blank page, ever (issue 13, item 1): decisions whose first page ends at every position — about forty body
lengths, with lists of 1 to 60 rows — laid out by LibreOffice in one batch, and no page holds nothing but its
number. Before the fix, the empty paragraph carrying the section break before the list spilled onto a page of its
own whenever the signature block ended the first page."""

from __future__ import annotations

import copy
import re
import subprocess

import pytest
from pypdf import PdfReader

from pipeline.documents.model import Decision
from pipeline.render.office import find_soffice
from pipeline.render.templates import render_docx

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed"),
]


def variants(decision: Decision) -> list[dict]:
    base = decision.fields()
    row = base["nhom_danh_sach"][-1]["dong"][0]
    found = []
    for i in range(40):
        fields = copy.deepcopy(base)
        extra = [
            f"Căn cứ văn bản số {k} về việc thực hiện nhiệm vụ"
            + (" trong năm, bảo đảm đúng quy định" if k % 3 else "")
            + ";"
            for k in range(i // 3)
        ]
        fields["can_cu"] = extra + fields["can_cu"]
        fields["dieu"][-1]["noi_dung"] += " Giao Văn phòng theo dõi." * (i % 3)  # the article before the signature
        rows = (i * 7) % 60 + 1
        fields["nhom_danh_sach"] = [
            {"so_la_ma": "I", "ten": "CÁ NHÂN", "dong": [dict(row, stt=str(j + 1)) for j in range(rows)]}
        ]
        found.append(fields)
    return found


def test_no_decision_has_a_blank_page_wherever_its_first_page_ends(planned_sample, tmp_path):
    decision = next(doc for doc in planned_sample if isinstance(doc, Decision))
    sources = []
    for i, fields in enumerate(variants(decision)):
        path = tmp_path / f"qd-{i:02d}.docx"
        path.write_bytes(render_docx(decision.template, fields))
        sources.append(str(path))
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [str(find_soffice()), f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf"]
        + ["--outdir", str(tmp_path / "pdf"), *sources],
        capture_output=True,
        timeout=600,
        check=False,
    )
    pdfs = sorted((tmp_path / "pdf").glob("*.pdf"))
    assert len(pdfs) == len(sources)
    endings = set()
    for pdf in pdfs:
        pages = [page.extract_text() or "" for page in PdfReader(str(pdf)).pages]
        for number, text in enumerate(pages, start=1):
            body = [line for line in text.splitlines() if line.strip() and not re.fullmatch(r"\s*\d+\s*", line)]
            assert body, f"{pdf.name}: page {number} of {len(pages)} is blank"
        endings.add(pages[0].strip().splitlines()[-1])
    assert decision.signature.name in endings  # one of them ends its first page with the signer's name
