from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.build import build
from pipeline.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "phong-trao-thi-dua-dac-biet-2021"
REVIEW = "tong-ket-nam-2024"  # the year-end review sample (SPEC.md §10)
SEED = Path(__file__).resolve().parent / "data" / "seed-ke-hoach-2021.txt"  # copy of shared/seed


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """A copy of the bundled sample agency, campaign and templates, free to edit."""
    shutil.copytree(ROOT / "inputs", tmp_path / "inputs")
    shutil.copytree(ROOT / "templates_docx", tmp_path / "templates_docx")
    return Workspace.at(tmp_path)


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory) -> dict[str, Path]:
    """The sample campaign, built once for the tests that only read it: file name → path."""
    root = tmp_path_factory.mktemp("built")
    shutil.copytree(ROOT / "inputs", root / "inputs")
    shutil.copytree(ROOT / "templates_docx", root / "templates_docx")
    ws = Workspace.at(root)
    report = build([ws.inputs / SAMPLE], ws)
    return {p.name: p for p in report.written}


def _planned(root: Path, campaigns: list[str]) -> list:
    from pipeline.build import plan

    shutil.copytree(ROOT / "inputs", root / "inputs")
    shutil.copytree(ROOT / "templates_docx", root / "templates_docx")
    ws = Workspace.at(root)
    _, planned, _ = plan([ws.inputs / c for c in campaigns], ws)
    return [item.document for item in planned]


@pytest.fixture(scope="session")
def planned_sample(tmp_path_factory) -> list:
    """The sample campaign's documents as planned (typed, not rendered), for the tests that only read them."""
    return _planned(tmp_path_factory.mktemp("planned"), [SAMPLE])


@pytest.fixture(scope="session")
def planned_both(tmp_path_factory) -> list:
    """The documents of both samples (the special campaign and the year-end review) as planned."""
    return _planned(tmp_path_factory.mktemp("planned-both"), [SAMPLE, REVIEW])


@pytest.fixture(scope="session")
def built_plan(built_sample) -> Path:
    return built_sample["KH-phong-trao-thi-dua-dac-biet.docx"]


def outputs_of(ws: Workspace) -> list[Path]:
    return sorted(p for p in ws.outputs.rglob("*") if p.is_file()) if ws.outputs.exists() else []
