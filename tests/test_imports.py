"""Each command loads what it uses (issue 19, start-up): the command line alone loads no library, reading evidence
never loads the renderer or the NĐ30 rules, printing certificates never loads the rules. Checked in a fresh
interpreter, where nothing else has been imported."""

from __future__ import annotations

import subprocess
import sys

import pytest

RENDERER = ("docxtpl", "docx", "jinja2")
RULES = ("pipeline.check.rules", "pipeline.check.content")


def _loaded_by(module: str, watched: tuple[str, ...]) -> list[str]:
    code = f"import sys, {module}; print(' '.join(m for m in {watched!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.split()


@pytest.mark.parametrize(
    ("module", "not_loaded"),
    [
        ("pipeline.cli", ("pandas", "lxml", *RENDERER, *RULES, "pipeline.build")),  # `tdkt --help`, `tdkt words`
        ("pipeline.consolidate", ("pandas", *RENDERER, *RULES)),  # `tdkt ingest`: pandas only for the counts
        ("pipeline.certificates", RULES),
    ],
)
def test_a_command_loads_only_what_it_uses(module, not_loaded):
    assert _loaded_by(module, not_loaded) == []


def test_a_build_loads_the_renderer_and_the_rules_it_runs():
    """The guard above could pass by watching the wrong names: a build does load them."""
    assert _loaded_by("pipeline.build", (*RENDERER, *RULES)) == [*RENDERER, *RULES]
