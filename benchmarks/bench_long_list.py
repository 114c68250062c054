"""One decision whose attached list grows: the time per row of planning, rendering and checking it, for a short list
and one ten times as long, in one process. A step whose time per row grows with the list has work that grows with
the square of its length somewhere (a province's year-end decision may list a few thousand people).
Goal: the long list's time per row within 1.5× of the short one's, for each step.

    python benchmarks/bench_long_list.py [--rows 500] [--times 10] [--rounds 3]

CPU time of this process, the best of each step over the rounds (the short list several times a round).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.sample import CAMPAIGN, workspace  # noqa: E402
from pipeline.build import plan  # noqa: E402
from pipeline.check.rules import check_document  # noqa: E402
from pipeline.render.templates import render_with_document  # noqa: E402
from pipeline.workspace import Workspace  # noqa: E402

GOAL = 1.5


class Case:
    """A workspace with one decision of `rows` rows, planned and rendered once before anything is timed."""

    def __init__(self, rows: int):
        self.rows = rows
        self.root = workspace(decisions=1, rows=rows)
        self.ws = Workspace.at(self.root)
        self.best = {"plan (evidence read included)": float("inf"), "render": float("inf"), "check": float("inf")}
        document = self.document()
        self.template, self.fields = document.template, document.fields()
        render_with_document(self.template, self.fields)  # the template compiled, untimed

    def document(self):
        _, planned, _ = plan([self.ws.inputs / CAMPAIGN], self.ws)
        (item,) = planned
        assert len(item.document.danh_sach.rows) == self.rows
        return item.document

    def once(self) -> None:
        """Each step once; the best time of each kept."""
        started = time.process_time()
        self.document()
        planned = time.process_time()
        _, document = render_with_document(self.template, self.fields)
        rendered = time.process_time()
        assert check_document(document)
        checked = time.process_time()
        for step, took in zip(self.best, (planned - started, rendered - planned, checked - rendered), strict=True):
            self.best[step] = min(self.best[step], took)

    def per_row(self) -> dict[str, float]:
        return {step: took / self.rows for step, took in self.best.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--times", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    cases: list[Case] = []
    try:
        for rows in (args.rows, args.rows * args.times):
            cases.append(Case(rows))
        for _ in range(args.rounds):  # the two lists in turn, each round: a slow spell of the machine falls on both
            for case in cases:
                for _ in range(max(1, args.times // 2) if case is cases[0] else 1):
                    case.once()
    finally:
        for case in cases:
            shutil.rmtree(case.root)
    short_times, long_times = (case.per_row() for case in cases)
    long = cases[1].rows
    print(f"one decision, {args.rows} rows against {long} rows: microseconds per row")
    for step, short in short_times.items():
        ratio = long_times[step] / short
        print(
            f"{step:30s} {short * 1e6:8.1f} µs  {long_times[step] * 1e6:8.1f} µs  ratio {ratio:5.2f} "
            f"(goal ≤ {GOAL}: {'met' if ratio <= GOAL else 'NOT met'})"
        )


if __name__ == "__main__":
    main()
