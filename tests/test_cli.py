"""`tdkt build` through Click's runner and as a real process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import main

from .conftest import REVIEW, SAMPLE
from .readback import open_docx, texts
from .test_bad_inputs import edit

PLAN = Path("outputs") / SAMPLE / "KH-phong-trao-thi-dua-dac-biet.docx"
REWARD_DOCUMENTS = (
    "TTr-de-nghi-giay-khen.docx",
    "QD-tang-giay-khen.docx",
    "TTr-de-nghi-bang-khen-tinh.docx",
    "TTr-de-nghi-bang-khen-bo.docx",
)


def test_build_without_argument_builds_every_campaign_under_inputs(workspace, monkeypatch):
    monkeypatch.chdir(workspace.inputs.parent)
    shutil.rmtree(workspace.inputs / REVIEW)  # two campaigns are enough here; the review has tests of its own
    second = workspace.inputs / "dot-2"
    second.mkdir()
    plan_only = (workspace.inputs / SAMPLE / "phong_trao.toml").read_text(encoding="utf-8").split("# ---- Khen")[0]
    (second / "phong_trao.toml").write_text(plan_only, encoding="utf-8")
    (second / "ke_hoach.txt").write_text("I. MỤC ĐÍCH\n1. Một.\n", encoding="utf-8")
    twins = CliRunner().invoke(main, ["build"])  # a copy carries its original's identity: refused, and said how
    assert twins.exit_code == 1
    assert "có cùng mã đợt thi đua" in twins.stderr and "tdkt new-id" in twins.stderr
    assert CliRunner().invoke(main, ["new-id", str(second)]).exit_code == 0
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{SAMPLE}: 18 đề nghị từ 6 tệp (4 tập thể, 14 cá nhân)",
        f"Đã ghi: {Path('outputs') / SAMPLE / 'tong_hop.xlsx'}",
        f"Đã ghi: {Path('outputs') / 'dot-2' / 'KH-phong-trao-thi-dua-dac-biet.docx'}",
        f"Đã ghi: {PLAN}",
        *(f"Đã ghi: {Path('outputs') / SAMPLE / name}" for name in REWARD_DOCUMENTS),
        "Xong: 6 văn bản được dựng, 0 giữ nguyên.",
    ]
    assert "I. MỤC ĐÍCH" in texts(open_docx(Path("outputs/dot-2/KH-phong-trao-thi-dua-dac-biet.docx")))


def test_deputy_signs_for_the_director(workspace, monkeypatch):
    monkeypatch.chdir(workspace.inputs.parent)
    edit(workspace.inputs / SAMPLE / "phong_trao.toml", 'nguoi_ky = "giam_doc"', 'nguoi_ky = "pho_giam_doc_1"')
    assert CliRunner().invoke(main, ["build", str(Path("inputs") / SAMPLE)]).exit_code == 0
    cell = open_docx(PLAN).tables[-1].cell(0, 1)
    assert [p.text for p in cell.paragraphs if p.text] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Minh"]


def test_da_ky_fills_the_signature_space(workspace, monkeypatch):
    monkeypatch.chdir(workspace.inputs.parent)
    assert CliRunner().invoke(main, ["build", "--da-ky"]).exit_code == 0
    cell = open_docx(PLAN).tables[-1].cell(0, 1)
    assert [p.text for p in cell.paragraphs if p.text] == ["GIÁM ĐỐC", "(Đã ký)", "Nguyễn Thành Hải"]


def test_no_campaign_folder_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "inputs").mkdir()
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert result.output == "Lỗi: inputs: không có thư mục đợt thi đua nào chứa phong_trao.toml\n"


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", env=env
    )


def test_python_dash_m_pipeline_as_a_real_process(workspace):
    root = workspace.inputs.parent
    done = _run(root, "build")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "Xong: 12 văn bản được dựng, 0 giữ nguyên."  # both samples: 5 and 7
    assert "KẾ HOẠCH" in texts(open_docx(root / PLAN))

    edit(workspace.inputs / SAMPLE / "phong_trao.toml", 'nguoi_ky = "giam_doc"', 'nguoi_ky = "khong_ai"')
    failed = _run(root, "build")
    assert failed.returncode == 1
    assert failed.stderr.startswith(f"Lỗi: {Path('inputs') / SAMPLE / 'phong_trao.toml'}:van_ban[1].nguoi_ky:")
    assert "Traceback" not in failed.stderr


def test_the_program_sets_what_it_made_aside_from_pythons_last_collection(monkeypatch):
    """`tdkt` as a process (`run`, the console script and `python -m pipeline`) freezes its objects as it exits, so
    that the interpreter's last collection does not walk them; the command line inside a test process does not."""
    import atexit
    import gc

    from pipeline import cli

    registered = []
    monkeypatch.setattr(atexit, "register", registered.append)
    monkeypatch.setattr(cli, "main", lambda: registered.append("main"))
    cli.run()
    assert registered == [gc.freeze, "main"]
