"""(e) The decision of (a) through docxtemplater (Node), the fastest general engine, against tdkt's engine.

The script installs docxtemplater and pizzip with npm into a scratch folder (it says so, and skips where Node or
npm is absent), converts tdkt's own quyet_dinh.docx to docxtemplater's tags (paragraph loops, conditions,
loops over table rows), renders the same data N times each way — docxtemplater as its users do, a new
PizZip + Docxtemplater per document — and checks that both give the same text. Goal: tdkt ≥ 3× faster.

    python benchmarks/bench_docxtemplater.py [--n 500]
"""

from __future__ import annotations

import argparse
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docx import Document  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402

from benchmarks.bench_render import decision_context  # noqa: E402
from pipeline.render.engine import (
    CompiledTemplate,  # noqa: E402
    jinja_environment,  # noqa: E402
)

NODE_SCRIPT = r"""
const fs = require("fs");
const PizZip = require("pizzip");
const Docxtemplater = require("docxtemplater");
const [template, dataFile, n, out] = process.argv.slice(2);
const content = fs.readFileSync(template);
const data = JSON.parse(fs.readFileSync(dataFile, "utf8"));
let buffer;
const started = process.hrtime.bigint();
for (let i = 0; i < Number(n); i++) {
  const doc = new Docxtemplater(new PizZip(content), { paragraphLoop: true, linebreaks: true });
  doc.render(data);
  buffer = doc.getZip().generate({ type: "nodebuffer", compression: "DEFLATE" });
}
const ms = Number(process.hrtime.bigint() - started) / 1e6 / Number(n);
fs.writeFileSync(out, buffer);
console.log(JSON.stringify({ ms }));
"""


def _texts(element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _set_text(paragraph, text: str) -> None:
    runs = list(paragraph.iter(qn("w:r")))
    for run in runs[1:]:
        run.getparent().remove(run)
    ts = list(runs[0].iter(qn("w:t")))
    for t in ts[1:]:
        t.getparent().remove(t)
    ts[0].text = text


def _edit_cell_text(cell, prefix: str = "", suffix: str = "") -> None:
    ts = list(cell.iter(qn("w:t")))
    ts[0].text = prefix + (ts[0].text or "")
    ts[-1].text = (ts[-1].text or "") + suffix


def _choose_branches(body, context: dict) -> None:
    """Keep only the branch of each `{%p if … %}` / `elif` / `else` that the data takes, where the condition is on
    the document's own fields (docxtemplater's conditions take a bare name only); a condition on `loop.` (first or
    last item) keeps its first branch; one on a loop's item (`g.x`) is left for docxtemplater's `{#x}`."""
    from jinja2 import Environment, meta

    env = Environment()
    frames: list[list[bool] | None] = []  # per open `if`: [this branch kept, a branch already taken], or left as is

    def kept() -> bool:
        return all(frame[0] for frame in frames if frame is not None)

    for child in list(body.iterchildren()):
        text = _texts(child).strip() if child.tag == qn("w:p") else ""
        opening = re.fullmatch(r"\{%p (if|elif) (.+?) %\}", text)
        if opening and opening.group(1) == "if":
            expression = opening.group(2)
            names = meta.find_undeclared_variables(env.parse("{{ " + expression + " }}"))
            if "loop" in names:
                frames.append([True, True])
            elif names <= set(context):
                value = bool(env.compile_expression(expression)(**context))
                frames.append([value, value])
            else:
                frames.append(None)
                continue
            body.remove(child)
        elif opening or text in ("{%p else %}", "{%p endif %}"):
            frame = frames[-1] if frames else None
            if text == "{%p endif %}" and frames:
                frames.pop()
            if frame is None:
                continue
            if opening:
                value = bool(env.compile_expression(opening.group(2))(**context))
                frame[0], frame[1] = value and not frame[1], frame[1] or value
            elif text == "{%p else %}":
                frame[0], frame[1] = not frame[1], True
            body.remove(child)
        elif not kept() and child.tag != qn("w:sectPr"):
            body.remove(child)


def to_docxtemplater(source: Path, target: Path, context: dict | None = None) -> None:
    """Rewrite docxtpl's Jinja tags as docxtemplater's: {x}, {#list}…{/list}, {#flag}…{/flag}{^flag}…{/flag}; with
    `context`, the conditions are decided for that data first (see `_choose_branches`)."""
    doc = Document(str(source))
    body = doc.element.body
    if context is not None:
        _choose_branches(body, context)
    for table in body.iter(qn("w:tbl")):
        opened: list[str] = []
        stack: list[str] = []
        previous = None
        for row in list(table.iterchildren(qn("w:tr"))):
            text = _texts(row).strip()
            loop = re.fullmatch(r"\{%tr for \w+ in ([\w.]+) %\}", text)
            if loop:
                name = loop.group(1).split(".")[-1]
                opened.append(name)
                stack.append(name)
                table.remove(row)
                continue
            if text == "{%tr endfor %}":
                cells = list(previous.iter(qn("w:tc")))
                _edit_cell_text(cells[-1], suffix="{/" + stack.pop() + "}")
                table.remove(row)
                continue
            if opened:
                _edit_cell_text(next(row.iter(qn("w:tc"))), prefix="".join("{#" + n + "}" for n in opened))
                opened = []
            previous = row
    loops: dict[str, str] = {}
    blocks: list[str] = []
    for paragraph in list(body.iter(qn("w:p"))):
        text = _texts(paragraph).strip()
        loop = re.fullmatch(r"\{%p for (\w+) in (\w+) %\}", text)
        condition = re.fullmatch(r"\{%p if [\w]+\.(\w+) %\}|\{%p if (\w+) %\}", text)
        if loop:
            loops[loop.group(1)] = loop.group(2)
            blocks.append(loop.group(2))
            _set_text(paragraph, "{#" + loop.group(2) + "}")
        elif condition:
            name = condition.group(1) or condition.group(2)
            blocks.append(name)
            _set_text(paragraph, "{#" + name + "}")
        elif text == "{%p else %}":
            copy = paragraph.__copy__()
            _set_text(paragraph, "{/" + blocks[-1] + "}")
            paragraph.addnext(copy)
            _set_text(copy, "{^" + blocks[-1] + "}")
        elif text in ("{%p endfor %}", "{%p endif %}"):
            _set_text(paragraph, "{/" + blocks.pop() + "}")
    for t in body.iter(qn("w:t")):
        if t.text and "{{" in t.text:
            t.text = re.sub(
                r"\{\{\s*([\w.]+)\s*\}\}",
                lambda m: "{.}" if m.group(1) in loops else "{" + m.group(1).split(".")[-1] + "}",
                t.text,
            )
    core = doc.core_properties  # tdkt's templates carry tags in the document's title and subject too
    for name in ("title", "subject", "author", "keywords", "comments", "category", "last_modified_by"):
        value = getattr(core, name)
        if value and "{{" in value:
            setattr(core, name, re.sub(r"\{\{\s*([\w.]+)\s*\}\}", lambda m: "{" + m.group(1) + "}", value))
    doc.save(str(target))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500)
    args = parser.parse_args()
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        print("skipped: Node.js and npm are needed for docxtemplater (https://nodejs.org)")
        return
    scratch = Path(tempfile.mkdtemp(prefix="tdkt-docxtemplater-"))
    print(f"installing docxtemplater and pizzip with npm into {scratch} (removed afterwards)")
    root, template, context = decision_context()
    try:
        subprocess.run(
            [npm, "install", "--silent", "--no-audit", "--no-fund", "docxtemplater", "pizzip"],
            cwd=scratch,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        converted = scratch / "quyet_dinh_docxtemplater.docx"
        to_docxtemplater(template, converted, context)
        (scratch / "data.json").write_text(json.dumps(context, ensure_ascii=False), encoding="utf-8")
        (scratch / "bench.js").write_text(NODE_SCRIPT, encoding="utf-8")
        done = subprocess.run(
            [node, "bench.js", str(converted), "data.json", str(args.n), "out.docx"],
            cwd=scratch,
            check=True,
            capture_output=True,
            text=True,
        )
        theirs = json.loads(done.stdout)["ms"]
        started = time.perf_counter()
        engine = CompiledTemplate(template, jinja_environment)
        for _ in range(args.n):
            ours_bytes = engine.render(context)
        ours = (time.perf_counter() - started) / args.n * 1000
        same = [p.text for p in Document(io.BytesIO(ours_bytes)).paragraphs] == [
            p.text for p in Document(str(scratch / "out.docx")).paragraphs
        ]
    finally:
        shutil.rmtree(scratch)
        shutil.rmtree(root)
    print(f"decision with a 50-row list, {args.n} documents each way; same text from both: {'yes' if same else 'NO'}")
    print(f"docxtemplater (Node):      {theirs:7.2f} ms per document")
    print(f"tdkt compile-once engine:  {ours:7.2f} ms per document")
    ratio = theirs / ours
    print(f"ratio: {ratio:.1f}× faster (goal ≥ 3×: {'met' if ratio >= 3 else 'NOT met'})")


if __name__ == "__main__":
    main()
