"""End to end, whole processes, in one run: `tdkt build` of 1.000 decisions with a 50-row list and `tdkt certificates`
of 5.000 certificates (each with 2 workers and with one) against a plain docxtpl loop and docxtemplater given the
same templates and the same data; `tdkt ingest` of 100.000 rows against the bare read of the same files; tdkt's peak
memory at 200 and at 2.000 decisions.

Each contender is a whole process, started and timed as a clerk would run it, writing one .docx per decision:

- `tdkt build --jobs 2` / `--jobs 1`: everything — reading the evidence, planning, rendering, the NĐ30 check of every
  document, staging and committing the batch;
- a plain docxtpl loop (one Python process: load the template, render with autoescape, save — per decision), given
  each decision's fields ready-made by tdkt's planning (not timed);
- docxtemplater 3 (one Node process: a new PizZip + Docxtemplater per decision, as its users do), given the same
  fields, on tdkt's template converted to its tags. Installed with npm into a scratch folder; skipped without Node.

- the bare read (one Python process: pandas' `read_excel` with the calamine engine over every file, every sheet),
  against `tdkt ingest`, which also finds each table, decodes, validates and writes the consolidated list.

The contenders of each race run interleaved, in a different order each round; the script prints each one's minimum
and median and the ratios of the medians. Goals (issue 19): tdkt --jobs 2 ≥ 10× the docxtpl loop, ≥ 3× docxtemplater
and ≥ 1.8× its own --jobs 1; ingest ≤ 2× the bare read; peak memory at 2.000 decisions within 20 % of that at 200.

    python benchmarks/bench_end_to_end.py [--decisions 1000] [--certificates 5000] [--rows 100000] [--rounds 3]
                                          [--only ceiling decisions certificates ingest memory]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_docxtemplater import to_docxtemplater  # noqa: E402
from benchmarks.sample import CAMPAIGN, evidence_rows, workspace, write_xlsx  # noqa: E402

DOCXTPL_LOOP = r"""
import json, sys
from pathlib import Path
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

template, data, out = sys.argv[1:]  # each document's file name and fields, in a JSON list
env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
for name, context in json.loads(Path(data).read_text(encoding="utf-8")):
    document = DocxTemplate(template)
    document.render(context, jinja_env=env, autoescape=True)
    document.save(str(Path(out) / name))
"""

DOCXTEMPLATER_LOOP = r"""
const fs = require("fs");
const path = require("path");
const PizZip = require("pizzip");
const Docxtemplater = require("docxtemplater");
const [template, dataFile, out] = process.argv.slice(2);
const content = fs.readFileSync(template);
for (const [name, data] of JSON.parse(fs.readFileSync(dataFile, "utf8"))) {
  const doc = new Docxtemplater(new PizZip(content), { paragraphLoop: true, linebreaks: true });
  doc.render(data);
  fs.writeFileSync(path.join(out, name), doc.getZip().generate({ type: "nodebuffer", compression: "DEFLATE" }));
}
"""

# Runs a command and prints the peak resident memory of the largest process it started (itself or a worker), in kB.
PEAK = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


BARE_READ = r"""
import sys
from pathlib import Path
import pandas as pd

for path in sorted(Path(sys.argv[1]).glob("*.xlsx")):
    pd.read_excel(path, header=None, dtype=str, engine="calamine", sheet_name=None)
"""

Contender = tuple[list[str], Path, Path]  # the command, where it runs, the folder it writes (emptied before each run)


def race(contenders: dict[str, Contender], rounds: int, check=None) -> dict[str, list[float]]:
    """Every contender run `rounds` times, interleaved, each round in another order: the times of each."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    names = list(contenders)
    for round_no in range(rounds):
        for name in names[round_no % len(names) :] + names[: round_no % len(names)]:
            command, cwd, clear = contenders[name]
            shutil.rmtree(clear, ignore_errors=True)
            clear.mkdir(parents=True)
            started = time.perf_counter()
            subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[name].append(time.perf_counter() - started)
            if check is not None:
                check(name)
    return times


def report(title: str, n: int, what: str, times: dict[str, list[float]], ours: str, goals: dict[str, float]) -> None:
    median = {name: statistics.median(found) for name, found in times.items()}
    print(f"\n{title}")
    print(f"{'':28s} {'min':>8s} {'median':>8s}  per {what} (median)  every run")
    for name, found in times.items():
        runs = " ".join(f"{t:.2f}" for t in found)
        print(f"{name:28s} {min(found):7.2f}s {median[name]:7.2f}s  {median[name] / n * 1000:6.2f} ms  {runs}")
    for name, goal in goals.items():
        if name in median:
            ratio = median[name] / median[ours]
            best = min(times[name]) / min(times[ours])  # each one's least disturbed run
            verdict = "met" if ratio >= goal else "NOT met"
            print(f"{ours} against {name}: {ratio:.2f}× (goal ≥ {goal:g}×: {verdict}); minimums {best:.2f}×")


class Docxtemplater:
    """docxtemplater and pizzip installed with npm into a scratch folder, if Node.js and npm are here."""

    def __init__(self, scratch: Path):
        self.scratch = scratch
        node, npm = shutil.which("node"), shutil.which("npm")
        self.node = node
        if node is None or npm is None:
            print("docxtemplater skipped: Node.js and npm are needed (https://nodejs.org)")
            return
        subprocess.run(
            [npm, "install", "--silent", "--no-audit", "--no-fund", "docxtemplater@3", "pizzip"],
            cwd=scratch,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        (scratch / "loop.js").write_text(DOCXTEMPLATER_LOOP, encoding="utf-8")

    def contender(self, template: Path, context: dict, data: Path, out: Path) -> Contender | None:
        if self.node is None:
            return None
        converted = self.scratch / f"{template.stem}_docxtemplater.docx"
        to_docxtemplater(template, converted, context)
        return [self.node, "loop.js", str(converted), str(data), str(out)], self.scratch, out


def _others(scratch: Path, tag: str, template: Path, data: list, node: Docxtemplater) -> dict[str, Contender]:
    """The plain docxtpl loop and docxtemplater, given `data`: [[file name, fields], …]."""
    data_file = scratch / f"{tag}.json"
    data_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = scratch / f"out-{tag}"
    found = {
        "plain docxtpl loop": (
            [sys.executable, "docxtpl_loop.py", str(template), str(data_file), str(out)],
            scratch,
            out,
        )
    }
    theirs = node.contender(template, data[0][1], data_file, out)
    if theirs is not None:
        found["docxtemplater (Node)"] = theirs
    return found


def tdkt(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", *args, str(Path("inputs") / CAMPAIGN)]


GOALS = {"plain docxtpl loop": 10.0, "docxtemplater (Node)": 3.0}


def _tdkt_race(
    command: str,
    extra: tuple[str, ...],
    n: int,
    what: str,
    title: str,
    root: Path,
    made: Path,
    rounds: int,
    others,
    pairs: int,
) -> None:
    """tdkt with 2 workers and with one against the others; each tdkt run must have made `n` files."""
    ours = f"tdkt {command} --jobs 2"
    contenders = {
        ours: (tdkt(command, *extra, "--jobs", "2"), root, made),
        f"tdkt {command} --jobs 1": (tdkt(command, *extra, "--jobs", "1"), root, made),
    } | others

    def check(name: str) -> None:
        if name.startswith("tdkt"):
            assert len(list(made.rglob("*.docx"))) == n, name

    times = race(contenders, rounds, check)
    report(
        f"{title}, whole processes, {rounds} rounds", n, what, times, ours, GOALS | {f"tdkt {command} --jobs 1": 1.8}
    )
    if pairs:
        second_worker(pairs, {name: contenders[name] for name in list(contenders)[:2]}, check)


def second_worker(pairs: int, both: dict[str, Contender], check) -> None:
    """tdkt with 2 workers and with one, run back to back `pairs` times (which goes first alternates): each pair's
    ratio compares two runs seconds apart, where the race's medians compare runs minutes apart, so a slow spell of
    the machine falls on both runs of a pair, not on one contender."""
    two, one = list(both)
    ratios = []
    for i in range(pairs):
        times = race(both if i % 2 == 0 else dict(reversed(both.items())), 1, check)
        ratios.append(times[one][0] / times[two][0])
    median = statistics.median(ratios)
    print(
        f"{two} against {one}, {pairs} pairs run back to back: median {median:.2f}× (goal ≥ 1.8×: "
        f"{'met' if median >= 1.8 else 'NOT met'}); every pair: {' '.join(f'{r:.2f}' for r in ratios)}"
    )


def decisions(n: int, rounds: int, scratch: Path, node: Docxtemplater, pairs: int) -> None:
    from pipeline.build import plan
    from pipeline.workspace import Workspace

    root = workspace(decisions=n, rows=50)
    try:
        ws = Workspace.at(root)
        _, planned, _ = plan([ws.inputs / CAMPAIGN], ws)
        (template,) = {item.document.template for item in planned}
        data = [[item.document.output.name, item.document.fields()] for item in planned]
        others = _others(scratch, "decisions", template, data, node)
        title = f"{n} decisions with a 50-row list"
        _tdkt_race("build", (), n, "decision", title, root, root / "outputs" / CAMPAIGN, rounds, others, pairs)
    finally:
        shutil.rmtree(root)


def certificates(n: int, rounds: int, scratch: Path, node: Docxtemplater, pairs: int) -> None:
    from pipeline.build import plan
    from pipeline.certificates import card_fields, certificate_fields
    from pipeline.workspace import Workspace

    root = workspace(decisions=1, rows=n)
    try:
        ws = Workspace.at(root)
        _, planned, _ = plan([ws.inputs / CAMPAIGN], ws)
        decision = planned[0].document
        (form,) = decision.forms
        common = certificate_fields(decision, form, draft=True)
        data = [
            [f"{i:05d}.docx", common | {"giay_khen": [card_fields(row, None)]}]
            for i, row in enumerate(decision.danh_sach.rows)
        ]
        others = _others(scratch, "certificates", ws.templates / form.mau_in, data, node)
        made = root / "outputs" / CAMPAIGN / "giay_khen"
        title = f"{n} certificates, one file each"
        _tdkt_race("certificates", ("--nhap",), n, "certificate", title, root, made, rounds, others, pairs)
    finally:
        shutil.rmtree(root)


def ingest(rows: int, files: int, rounds: int, scratch: Path) -> None:
    root = workspace(decisions=1, rows=1)
    folder = root / "inputs" / CAMPAIGN / "de_nghi"
    try:
        for old in folder.iterdir():
            old.unlink()
        per_file = rows // files
        for i in range(files):
            write_xlsx(folder / f"don-vi-{i:03d}.xlsx", evidence_rows(per_file, offset=i * per_file))
        (scratch / "bare_read.py").write_text(BARE_READ, encoding="utf-8")
        contenders = {
            "tdkt ingest": (tdkt("ingest"), root, root / "outputs"),
            "bare read (calamine)": ([sys.executable, "bare_read.py", str(folder)], scratch, scratch / "out-ingest"),
        }
        times = race(contenders, rounds)
    finally:
        shutil.rmtree(root)
    title = f"ingest of {files} files, {per_file * files} rows, whole processes, {rounds} rounds"
    report(title, per_file * files // 1000, "1.000 rows", times, "tdkt ingest", {})
    median = {name: statistics.median(found) for name, found in times.items()}
    ratio = median["tdkt ingest"] / median["bare read (calamine)"]
    print(f"tdkt ingest: {ratio:.2f}× the bare read (goal ≤ 2×: {'met' if ratio <= 2 else 'NOT met'})")


def peak_memory(decisions: int, jobs: int) -> int | None:
    """Peak resident memory (kB) of the largest process of a build of `decisions` decisions."""
    try:
        import resource  # noqa: F401  (POSIX only)
    except ImportError:
        return None
    root = workspace(decisions=decisions, rows=50)
    try:
        command = [sys.executable, "-c", PEAK, *tdkt("build", "--jobs", str(jobs))]
        done = subprocess.run(command, cwd=root, check=True, capture_output=True, text=True)
        return int(done.stdout.split()[-1])
    finally:
        shutil.rmtree(root)


def memory(small: int, large: int) -> None:
    print()
    for jobs in (2, 1):
        low, high = peak_memory(small, jobs), peak_memory(large, jobs)
        if low is None or high is None:
            print("peak memory: not measured here (POSIX only)")
            return
        growth = high / low - 1
        verdict = "met" if growth <= 0.2 else "NOT met"
        print(
            f"peak memory, tdkt build --jobs {jobs}: {low / 1024:.0f} MB at {small}, {high / 1024:.0f} MB at {large} "
            f"decisions ({growth:+.0%}; goal within 20 %: {verdict})"
        )


def _busy(_: int) -> float:
    """Pure Python work, nothing shared: how long this process takes for it."""
    started = time.perf_counter()
    total = 0
    for i in range(5_000_000):
        total += i * i
    return time.perf_counter() - started


FILES = 2000


def _create_files(folder: str) -> float:
    """New empty files made one after another in a folder of this process's own, as a worker stages its
    certificates: how long this process takes for them."""
    started = time.perf_counter()
    for i in range(FILES):
        os.close(os.open(os.path.join(folder, f"{i}.docx"), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
    return time.perf_counter() - started


def _side_by_side(pool, work, arguments) -> tuple[float, float]:
    """The median time of `work` in one process alone, and in each of two processes side by side (`arguments`: for
    each round, the lone run's and the pair's)."""
    alone, together = [], []
    for lone, pair in arguments:
        alone.append(pool.apply(work, (lone,)))
        together += pool.map(work, pair, chunksize=1)
    return statistics.median(alone), statistics.median(together)


def parallel_ceiling(rounds: int) -> None:
    """What a second process can give on this machine at best: the same pure Python work, one process alone and
    two side by side (cores that share a physical core or a host's quota give less than two); and the same for
    creating files, which a file system may do one at a time (5.000 certificates are 5.000 new files)."""
    import multiprocessing

    scratch = Path(tempfile.mkdtemp(prefix="tdkt-files-"))  # where the races' workspaces are made
    try:
        with multiprocessing.Pool(2) as pool:
            cpu = _side_by_side(pool, _busy, [(0, (0, 1))] * rounds)
            folders = [[str(scratch / f"{i}-{k}") for k in range(3)] for i in range(rounds)]
            for folder in (f for three in folders for f in three):
                os.mkdir(folder)
            files = _side_by_side(pool, _create_files, [(lone, (a, b)) for lone, a, b in folders])
    finally:
        shutil.rmtree(scratch)
    print(
        f"\nthis machine: one process {cpu[0]:.2f} s alone, {cpu[1]:.2f} s each when two run side by side: two "
        f"processes do at most {2 * cpu[0] / cpu[1]:.2f}× the work of one"
    )
    each = files[0] / FILES * 1e6
    print(
        f"creating {FILES} new files: {files[0]:.3f} s alone ({each:.0f} µs a file), {files[1]:.3f} s each when two "
        f"processes do it side by side, each in a folder of its own: at most {2 * files[0] / files[1]:.2f}×"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=1000)
    parser.add_argument("--certificates", type=int, default=5000)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pairs", type=int, default=8, help="tdkt --jobs 2 and --jobs 1 back to back, this often")
    parser.add_argument("--only", nargs="*", default=["ceiling", "decisions", "certificates", "ingest", "memory"])
    args = parser.parse_args()
    # tdkt as installed: its modules' bytecode cached, as pip leaves an installed package and Python leaves any after
    # its first run (the libraries it races are installed so). Where PYTHONDONTWRITEBYTECODE is set, every run would
    # otherwise compile tdkt's own modules again.
    compileall.compile_dir(Path(__file__).resolve().parent.parent / "pipeline", quiet=1)
    scratch = Path(tempfile.mkdtemp(prefix="tdkt-e2e-"))
    try:
        (scratch / "docxtpl_loop.py").write_text(DOCXTPL_LOOP, encoding="utf-8")
        if "ceiling" in args.only:
            parallel_ceiling(args.rounds * 2)
        node = Docxtemplater(scratch) if {"decisions", "certificates"} & set(args.only) else None
        if "decisions" in args.only:
            decisions(args.decisions, args.rounds, scratch, node, args.pairs)
        if "certificates" in args.only:
            certificates(args.certificates, args.rounds, scratch, node, args.pairs)
        if "ingest" in args.only:
            ingest(args.rows, args.files, args.rounds, scratch)
        if "memory" in args.only:
            memory(200, 2000)
    finally:
        shutil.rmtree(scratch)


if __name__ == "__main__":
    main()
