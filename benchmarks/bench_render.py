"""(a) One decision with a 50-row list, rendered N times: plain docxtpl against tdkt's compile-once engine.

Plain docxtpl does, per document, what a straightforward program would: load the template, render with
autoescape, save. tdkt compiles the template once (counted in its time) and renders from it.
Goal: tdkt at least 10× faster per document.

    python benchmarks/bench_render.py [--n 500]
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docxtpl import DocxTemplate  # noqa: E402

from benchmarks.sample import CAMPAIGN, workspace  # noqa: E402
from pipeline.build import plan  # noqa: E402
from pipeline.render.engine import CompiledTemplate, jinja_environment  # noqa: E402
from pipeline.workspace import Workspace  # noqa: E402


def decision_context(rows: int = 50):
    root = workspace(decisions=1, rows=rows)
    ws = Workspace.at(root)
    _, planned, _ = plan([ws.inputs / CAMPAIGN], ws)
    (item,) = planned
    doc = item.document
    assert len(doc.danh_sach.rows) == rows
    return root, doc.template, doc.fields()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500)
    args = parser.parse_args()
    root, template, context = decision_context()
    try:
        started = time.perf_counter()
        for _ in range(args.n):
            plain = DocxTemplate(template)
            plain.render(context, jinja_env=jinja_environment(), autoescape=True)
            plain.save(io.BytesIO())
        baseline = (time.perf_counter() - started) / args.n

        started = time.perf_counter()
        engine = CompiledTemplate(template, jinja_environment)
        for _ in range(args.n):
            engine.render(context)
        fast = (time.perf_counter() - started) / args.n
    finally:
        shutil.rmtree(root)
    ratio = baseline / fast
    print(f"decision with a 50-row list, {args.n} documents each way")
    print(f"plain docxtpl (load, render, save): {baseline * 1000:7.2f} ms per document")
    print(f"tdkt compile-once engine:           {fast * 1000:7.2f} ms per document")
    print(f"ratio: {ratio:.1f}× faster (goal ≥ 10×: {'met' if ratio >= 10 else 'NOT met'})")


if __name__ == "__main__":
    main()
