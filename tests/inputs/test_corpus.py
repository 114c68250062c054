"""Unit files shaped the way offices really send them (tests/data/don_vi, made by tools/make_ingest_corpus.py):
each ingests to exactly the nominees listed beside it, with the warnings it should give and no error."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.errors import Problems
from pipeline.inputs.agency import load_agency
from pipeline.inputs.awards import load_awards
from pipeline.inputs.ingest import ingest_folder
from tests.conftest import ROOT

CORPUS = Path(__file__).resolve().parent.parent / "data" / "don_vi"
FILES = sorted(p for p in CORPUS.iterdir() if p.suffix != ".json")


def test_the_corpus_is_large_enough():
    assert len(FILES) >= 25
    assert {p.suffix for p in FILES} >= {".xlsx", ".xls", ".csv", ".ods", ".docx"}


def ingest_one(path: Path, tmp_path: Path):
    folder = tmp_path / "de_nghi"
    folder.mkdir()
    shutil.copy(path, folder / path.name)
    problems = Problems()
    agency, _ = load_agency(ROOT / "inputs" / "co_quan.toml", problems)
    evidence = ingest_folder(folder, load_awards(None, problems), agency.units, "nhap", problems)
    return evidence, problems


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_each_unit_file_reads_to_its_nominees(path, tmp_path):
    want = json.loads(Path(f"{path}.json").read_text(encoding="utf-8"))
    evidence, problems = ingest_one(path, tmp_path)
    assert [str(p) for p in problems.errors] == []
    got = [
        {key: getattr(n, key) for key in nominee}
        for n, nominee in zip(evidence.nominations, want["de_nghi"], strict=False)
    ]
    assert got == want["de_nghi"]
    assert len(evidence.nominations) == len(want["de_nghi"])
    warnings = [str(p) for p in problems.warnings]
    for expected in want["canh_bao"]:
        assert any(expected in w for w in warnings), f"no warning says {expected!r}: {warnings}"
