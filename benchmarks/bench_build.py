"""(b) 1.000 decisions, each with a 50-row list, built end to end by `tdkt build` as a real process.

The same build with one worker is the baseline, measured in the same run. Goal: ≤ 15 s with `--jobs 2` on 2 cores.

    python benchmarks/bench_build.py [--decisions 1000] [--jobs 2]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.sample import CAMPAIGN, workspace  # noqa: E402


def timed_build(root: Path, jobs: int) -> float:
    shutil.rmtree(root / "outputs", ignore_errors=True)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pipeline", "build", str(Path("inputs") / CAMPAIGN), "--jobs", str(jobs)],
        cwd=root,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    root = workspace(decisions=args.decisions, rows=50)
    try:
        parallel = timed_build(root, args.jobs)
        written = len(list((root / "outputs" / CAMPAIGN).glob("QD-*.docx")))
        single = timed_build(root, 1)
    finally:
        shutil.rmtree(root)
    assert written == args.decisions, written
    print(f"{args.decisions} decisions with a 50-row list, end to end (ingest, plan, render, check, write)")
    print(f"--jobs 1:  {single:6.1f} s  ({single / args.decisions * 1000:.1f} ms per decision)")
    print(f"--jobs {args.jobs}:  {parallel:6.1f} s  ({parallel / args.decisions * 1000:.1f} ms per decision)")
    verdict = "met" if parallel <= 15 else "NOT met"
    print(f"ratio: {single / parallel:.2f}× from {args.jobs} workers (goal ≤ 15 s: {verdict})")


if __name__ == "__main__":
    main()
