"""`tdkt check FILE`: the NĐ30 rules on any Word file, and with `render` on its pages laid out by LibreOffice."""

from __future__ import annotations

from pathlib import Path

from .rendered import check_rendered
from .rules import CheckReport, check_document, open_document


def check_file(path: Path, render: bool = False) -> CheckReport:
    doc = open_document(path)
    verdicts = check_document(doc)
    if render:
        verdicts += check_rendered(path, sections=len(doc.sections))
    return CheckReport(path, tuple(verdicts))
