"""End to end, whole processes, in one run: `tdkt build` of N decisions with a 50-row list (with 2 workers and with
one) against a plain docxtpl loop and docxtemplater given the same template and the same data; then tdkt's peak
memory at N and at N/10 decisions.

Each contender is a whole process, started and timed as a clerk would run it, writing one .docx per decision:

- `tdkt build --jobs 2` / `--jobs 1`: everything — reading the evidence, planning, rendering, the NĐ30 check of every
  document, staging and committing the batch;
- a plain docxtpl loop (one Python process: load the template, render with autoescape, save — per decision), given
  each decision's fields ready-made by tdkt's planning (not timed);
- docxtemplater 3 (one Node process: a new PizZip + Docxtemplater per decision, as its users do), given the same
  fields, on tdkt's template converted to its tags. Installed with npm into a scratch folder; skipped without Node.

The contenders run interleaved, in a different order each round; the script prints each one's minimum and median
and the ratios of the medians. Goals (issue 19): tdkt --jobs 2 ≥ 10× the docxtpl loop, ≥ 3× docxtemplater, ≥ 1.8× its
own --jobs 1; peak memory at N within 20 % of that at N/10.

    python benchmarks/bench_end_to_end.py [--decisions 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_docxtemplater import to_docxtemplater  # noqa: E402
from benchmarks.sample import CAMPAIGN, workspace  # noqa: E402

DOCXTPL_LOOP = r"""
import json, sys
from pathlib import Path
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

template, data, out = sys.argv[1:]
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


def contexts(root: Path) -> tuple[Path, list]:
    """Each decision's output name and fields, as tdkt plans them: the data the other contenders are given."""
    from pipeline.build import plan
    from pipeline.workspace import Workspace

    ws = Workspace.at(root)
    _, planned, _ = plan([ws.inputs / CAMPAIGN], ws)
    templates = {item.document.template for item in planned}
    assert len(templates) == 1, templates
    return templates.pop(), [[item.document.output.name, item.document.fields()] for item in planned]


def timed(command: list[str], cwd: Path, clear: Path) -> float:
    shutil.rmtree(clear, ignore_errors=True)
    clear.mkdir(parents=True)
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def build_command(jobs: int) -> list[str]:
    return [sys.executable, "-m", "pipeline", "build", str(Path("inputs") / CAMPAIGN), "--jobs", str(jobs)]


def peak_memory(decisions: int, jobs: int) -> int | None:
    """Peak resident memory (kB) of the largest process of a build of `decisions` decisions."""
    try:
        import resource  # noqa: F401  (POSIX only)
    except ImportError:
        return None
    root = workspace(decisions=decisions, rows=50)
    try:
        done = subprocess.run(
            [sys.executable, "-c", PEAK, *build_command(jobs)], cwd=root, check=True, capture_output=True, text=True
        )
        return int(done.stdout.split()[-1])
    finally:
        shutil.rmtree(root)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    root = workspace(decisions=args.decisions, rows=50)
    scratch = Path(tempfile.mkdtemp(prefix="tdkt-e2e-"))
    try:
        template, data = contexts(root)
        (scratch / "data.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        (scratch / "docxtpl_loop.py").write_text(DOCXTPL_LOOP, encoding="utf-8")
        out = scratch / "out"
        outputs = root / "outputs"
        contenders = {
            "tdkt build --jobs 2": (build_command(2), root, outputs),
            "tdkt build --jobs 1": (build_command(1), root, outputs),
            "plain docxtpl loop": (
                [sys.executable, "docxtpl_loop.py", str(template), "data.json", str(out)],
                scratch,
                out,
            ),
        }
        node, npm = shutil.which("node"), shutil.which("npm")
        if node and npm:
            subprocess.run(
                [npm, "install", "--silent", "--no-audit", "--no-fund", "docxtemplater@3", "pizzip"],
                cwd=scratch,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            to_docxtemplater(template, scratch / "quyet_dinh_docxtemplater.docx", data[0][1])
            (scratch / "loop.js").write_text(DOCXTEMPLATER_LOOP, encoding="utf-8")
            command = [node, "loop.js", "quyet_dinh_docxtemplater.docx", "data.json", str(out)]
            contenders["docxtemplater (Node)"] = (command, scratch, out)
        else:
            print("docxtemplater skipped: Node.js and npm are needed (https://nodejs.org)")
        times: dict[str, list[float]] = {name: [] for name in contenders}
        names = list(contenders)
        for round_no in range(args.rounds):
            order = names[round_no % len(names) :] + names[: round_no % len(names)]
            for name in order:
                times[name].append(timed(*contenders[name]))
            written = len(list((outputs / CAMPAIGN).glob("QD-*.docx")))
            assert written == args.decisions, written
    finally:
        shutil.rmtree(root)
        shutil.rmtree(scratch)
    n = args.decisions
    print(f"{n} decisions with a 50-row list, whole processes, {args.rounds} rounds interleaved")
    print(f"{'':24s} {'min':>8s} {'median':>8s}  per decision")
    median = {name: statistics.median(found) for name, found in times.items()}
    for name, found in times.items():
        print(f"{name:24s} {min(found):7.2f}s {median[name]:7.2f}s  {median[name] / n * 1000:6.2f} ms")
    ours = median["tdkt build --jobs 2"]
    goals = [("plain docxtpl loop", 10.0), ("docxtemplater (Node)", 3.0), ("tdkt build --jobs 1", 1.8)]
    for name, goal in goals:
        if name in median:
            ratio = median[name] / ours
            verdict = "met" if ratio >= goal else "NOT met"
            print(f"tdkt --jobs 2 against {name}: {ratio:.2f}× (goal ≥ {goal:g}×: {verdict})")
    small, large = max(1, n // 10), n
    for jobs in (2, 1):
        low, high = peak_memory(small, jobs), peak_memory(large, jobs)
        if low is None or high is None:
            print("peak memory: not measured here (POSIX only)")
            break
        growth = high / low - 1
        verdict = "met" if growth <= 0.2 else "NOT met"
        print(
            f"peak memory --jobs {jobs}: {low / 1024:.0f} MB at {small}, {high / 1024:.0f} MB at {large} decisions "
            f"({growth:+.0%}; goal within 20 %: {verdict})"
        )


if __name__ == "__main__":
    main()
