"""(c) Ingest of 200 evidence files holding 100.000 rows, as a real `tdkt ingest` process, with its peak memory.

Two baselines, in the same run, read the same files with none of tdkt's work (finding the table, decoding,
validating, consolidating): pandas' `read_excel` with the calamine engine (the bare read tdkt is measured against:
goal ≤ 2×) and with the openpyxl engine (pandas' default). Goal: ≤ 20 s.

    python benchmarks/bench_ingest.py [--files 200] [--rows 100000]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402

from benchmarks.sample import CAMPAIGN, evidence_rows, workspace, write_xlsx  # noqa: E402


def peak_memory_of_children_mb() -> float | None:
    try:
        import resource
    except ImportError:  # Windows: no getrusage
        return None
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    root = workspace(decisions=1, rows=1)
    folder = root / "inputs" / CAMPAIGN / "de_nghi"
    for old in folder.iterdir():
        old.unlink()
    per_file = args.rows // args.files
    for i in range(args.files):
        write_xlsx(folder / f"don-vi-{i:03d}.xlsx", evidence_rows(per_file, offset=i * per_file))
    try:
        started = time.perf_counter()
        for path in sorted(folder.iterdir()):
            pd.read_excel(path, header=None, dtype=str, engine="calamine", sheet_name=None)
        bare = time.perf_counter() - started

        started = time.perf_counter()
        for path in sorted(folder.iterdir()):
            pd.read_excel(path, header=None, dtype=str, engine="openpyxl", sheet_name=None)
        baseline = time.perf_counter() - started

        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "pipeline", "ingest", str(Path("inputs") / CAMPAIGN)],
            cwd=root,
            capture_output=True,
            text=True,
            encoding="utf-8",
        )
        elapsed = time.perf_counter() - started
        peak = peak_memory_of_children_mb()
    finally:
        shutil.rmtree(root)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    print(f"{args.files} files, {per_file * args.files} rows")
    print(done.stdout.splitlines()[0])
    print(f"pandas read_excel, calamine: {bare:6.1f} s")
    print(f"pandas read_excel, openpyxl: {baseline:6.1f} s")
    print(f"tdkt ingest (process):       {elapsed:6.1f} s, peak memory {f'{peak:.0f} MB' if peak else 'n/a'}")
    print(f"ratio: {elapsed / bare:.2f}× the bare calamine read, {elapsed / baseline:.2f}× the openpyxl read")
    print(f"(goal ≤ 20 s: {'met' if elapsed <= 20 else 'NOT met'})")


if __name__ == "__main__":
    main()
