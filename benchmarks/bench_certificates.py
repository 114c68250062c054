"""(d) 5.000 certificates, one file each, by `tdkt certificates --jobs 2` as a real process.

The baseline, in the same run: plain docxtpl (load, render with autoescape, save) on a sample of the same
certificates, per certificate, scaled to the whole batch. Goal: ≤ 30 s.

    python benchmarks/bench_certificates.py [--people 5000] [--jobs 2] [--sample 100]
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docxtpl import DocxTemplate  # noqa: E402

from benchmarks.sample import CAMPAIGN, workspace  # noqa: E402
from pipeline.render.engine import jinja_environment  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--sample", type=int, default=100)
    args = parser.parse_args()
    root = workspace(decisions=1, rows=args.people)
    try:
        started = time.perf_counter()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pipeline",
                "certificates",
                str(Path("inputs") / CAMPAIGN),
                "--jobs",
                str(args.jobs),
            ],
            cwd=root,
            capture_output=True,
            text=True,
            encoding="utf-8",
        )
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(done.stderr)
        made = sorted((root / "outputs" / CAMPAIGN / "giay_khen").rglob("*.docx"))
        template = root / "templates_docx" / "giay_khen.docx"
        context = {
            "nguoi_tang": "GIÁM ĐỐC SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
            "ten_hinh_thuc": "GIẤY KHEN",
            "ten_phong_trao": "Đợt thi đua",
            "so_quyet_dinh": "     /QĐ-SKHĐT",
            "ngay_quyet_dinh": "ngày 15 tháng 8 năm 2024",
            "dia_danh_ngay": "Bình Định, ngày 15 tháng 8 năm 2024",
            "chuc_vu_ky": ["GIÁM ĐỐC"],
            "nguoi_ky": "Nguyễn Văn A",
        }
        started = time.perf_counter()
        for i in range(args.sample):
            card = {
                "ho_ten": f"Nguyễn Văn {i}",
                "chuc_vu_don_vi": "Chuyên viên, Văn phòng",
                "thanh_tich": "Xuất sắc.",
                "so_so_vang": f"{i:03d}",
            }
            plain = DocxTemplate(template)
            plain.render(context | {"giay_khen": [card]}, jinja_env=jinja_environment(), autoescape=True)
            plain.save(io.BytesIO())
        baseline = (time.perf_counter() - started) / args.sample * args.people
    finally:
        shutil.rmtree(root)
    assert len(made) == args.people, len(made)
    print(f"{args.people} certificates, one file each (ingest, plan, render, write)")
    print(f"plain docxtpl, per certificate × {args.people}: {baseline:6.1f} s (from a sample of {args.sample})")
    print(f"tdkt certificates --jobs {args.jobs}:           {elapsed:6.1f} s")
    verdict = "met" if elapsed <= 30 else "NOT met"
    print(f"ratio: {baseline / elapsed:.1f}× faster (goal ≤ 30 s: {verdict})")


if __name__ == "__main__":
    main()
