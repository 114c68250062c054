"""Nothing numbered twice, nothing lost (issue 12): the register, the archive and the drafts under races, kills,
full disks, damaged files and odd paths. Each case of the attack that found the faults is a test here."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from pipeline import fsutil
from pipeline.build import build
from pipeline.certificates import certificates
from pipeline.cli import main
from pipeline.errors import TdktError
from pipeline.issue import issue_document
from tests.conftest import SAMPLE, outputs_of
from tests.test_bad_inputs import edit

TTR = "to_trinh_giay_khen"
QD = "quyet_dinh_giay_khen"
MARK = "tdkt-gia-soffice"  # in the fake LibreOffice's command line, to find any left running

FAKE_SOFFICE = f"""#!{sys.executable}
# {MARK}: a stand-in for LibreOffice that takes its time, then writes a small PDF where it was asked to.
import sys, time, pathlib
args = sys.argv[1:]
out = pathlib.Path(args[args.index("--outdir") + 1])
source = pathlib.Path(args[-1])
time.sleep(float(pathlib.Path(__file__).with_name("delay").read_text()))
out.mkdir(parents=True, exist_ok=True)
(out / (source.stem + ".pdf")).write_bytes(b"%PDF-1.4 gia")
"""


def fake_soffice(tmp_path: Path, delay: float) -> dict[str, str]:
    folder = tmp_path / "gia-bin"
    folder.mkdir(exist_ok=True)
    script = folder / "soffice"
    script.write_text(FAKE_SOFFICE, encoding="utf-8")
    script.chmod(0o755)
    (folder / "delay").write_text(str(delay), encoding="utf-8")
    return {**os.environ, "PATH": f"{folder}{os.pathsep}{os.environ['PATH']}", "PYTHONIOENCODING": "utf-8"}


def start_issue(ws, code, env=None, day="2021-11-22", pdf=False, folder=None) -> subprocess.Popen:
    command = [sys.executable, "-m", "pipeline", "issue", str(folder or Path("inputs") / SAMPLE), "--doc", code]
    command += ["--ngay", day] + ([] if pdf else ["--khong-pdf"])
    return subprocess.Popen(
        command,
        cwd=ws.inputs.parent,
        env=env or {**os.environ, "PYTHONIOENCODING": "utf-8"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        start_new_session=True,
    )


def cli(ws, *args):
    return CliRunner().invoke(main, [*args, "--outputs", str(ws.outputs)])


def numbers(ws) -> list[str]:
    return sorted(e.so_ky_hieu for e in ws.archive.entries())


def issue(ws, code, day=dt.date(2021, 11, 20), folder=None, **kwargs):
    return issue_document(folder or ws.inputs / SAMPLE, code, ws, ws.archive, day, pdf=False, **kwargs)


# --- races --------------------------------------------------------------------------------------------------------


def test_the_same_document_issued_by_three_processes_at_once_gets_one_number(workspace):
    processes = [start_issue(workspace, QD) for _ in range(3)]
    results = [(*p.communicate(timeout=300), p.returncode) for p in processes]  # read to the end, pipes closed
    results = [(code, out, err) for out, err, code in results]
    assert sorted(code for code, _, _ in results) == [0, 1, 1], results
    assert numbers(workspace) == ["01/QĐ-SKHĐT"]
    refusals = [err for code, _, err in results if code == 1]
    for err in refusals:
        assert "đã phát hành số 01/QĐ-SKHĐT ngày 22/11/2021" in err and "Traceback" not in err, err


def test_a_decision_issued_alongside_its_submission_cites_its_number(workspace, tmp_path):
    env = fake_soffice(tmp_path, 2.0)
    submission = start_issue(workspace, TTR, env=env, day="2021-11-15", pdf=True)
    journal = Path(f"{workspace.archive.register_path}-journal")
    deadline = time.monotonic() + 60
    while not journal.exists() and submission.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    decision = start_issue(workspace, QD, day="2021-11-20")
    for process in (submission, decision):
        out, err = process.communicate(timeout=120)  # read to the end, pipes closed
        assert process.returncode == 0, (out, err)
    got = [p.text for p in Document(str(workspace.outputs / SAMPLE / "QD-tang-giay-khen.docx")).paragraphs]
    assert any("tại Tờ trình số 01/TTr-VP ngày 15 tháng 11 năm 2021" in t for t in got)


# --- the register is never trusted alone --------------------------------------------------------------------------


@pytest.mark.parametrize("damage", ["xoa", "rong"])
def test_a_lost_or_emptied_register_stops_issuing_until_rebuilt_from_the_archive(workspace, damage):
    issue(workspace, "ke_hoach", dt.date(2021, 10, 15))
    issue(workspace, TTR, dt.date(2021, 11, 15))
    register = workspace.archive.register_path
    if damage == "xoa":
        register.unlink()
    else:
        register.write_bytes(b"")
    with pytest.raises(TdktError, match="register rebuild"):
        issue(workspace, QD)
    rebuilt = cli(workspace, "register", "rebuild")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "2 văn bản" in rebuilt.output
    assert issue(workspace, QD).entry.so_ky_hieu == "03/QĐ-SKHĐT"
    assert cli(workspace, "register", "verify").exit_code == 0


def test_a_register_behind_the_archive_never_gives_a_number_twice(workspace):
    issue(workspace, "ke_hoach", dt.date(2021, 10, 15))
    keep = workspace.archive.register_path.read_bytes()
    issue(workspace, TTR, dt.date(2021, 11, 15))
    workspace.archive.register_path.write_bytes(keep)  # an old backup put back: it lacks 02
    with pytest.raises(TdktError) as refused:
        issue(workspace, QD)
    assert "sổ đăng ký dừng ở số 01 nhưng thư mục lưu đã có số 02 của năm 2021" in str(refused.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"random bytes, not a database" * 40, "tệp sổ đăng ký bị hỏng hoặc không phải sổ đăng ký"),
        ("truncated", "tệp sổ đăng ký bị hỏng"),
        ("foreign", "tệp không phải sổ đăng ký của phiên bản tdkt này"),
    ],
)
def test_a_damaged_or_foreign_register_is_one_line_never_a_traceback(workspace, content, message):
    issue(workspace, "ke_hoach", dt.date(2021, 10, 15))
    path = workspace.archive.register_path
    if content == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif content == "foreign":
        path.unlink()
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE khach_hang (ten TEXT)")
    else:
        path.write_bytes(content)
    for args in (["issue", str(workspace.inputs / SAMPLE), "--doc", TTR, "--khong-pdf"], ["register", "verify"]):
        result = cli(workspace, *args)
        assert result.exit_code == 1
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output
        (line,) = [line for line in result.stderr.splitlines() if line.startswith("Lỗi:")]
        assert message in line and str(path) in line


# --- names, paths and identities -----------------------------------------------------------------------------------


def test_no_subject_can_make_a_file_name_too_long(workspace):
    edit(
        workspace.inputs / SAMPLE / "phong_trao.toml",
        'ten_tep = "tang giay khen"',
        f'ten_tep = "{"tặng giấy khen " * 40}"',
    )
    entry = issue(workspace, QD).entry
    paths = workspace.archive.paths(entry)
    assert all(len(path.name) <= 110 and path.is_file() for kind, path in paths.items() if kind != "pdf")
    assert paths["docx"].name.startswith("001-QD-SKHDT-tang-giay-khen")
    assert cli(workspace, "register", "verify").exit_code == 0


def test_the_same_campaign_through_a_symlink_a_detour_or_a_new_name_is_still_issued(workspace):
    issue(workspace, QD)
    link = workspace.inputs.parent / "loi-tat"
    link.symlink_to(workspace.inputs / SAMPLE, target_is_directory=True)
    for way in (link, workspace.inputs / SAMPLE / "de_nghi" / ".."):
        with pytest.raises(TdktError, match="đã phát hành số 01/QĐ-SKHĐT"):
            issue(workspace, QD, folder=way)
    renamed = workspace.inputs / "dot-thi-dua-dac-biet"
    (workspace.inputs / SAMPLE).rename(renamed)
    with pytest.raises(TdktError, match="đã phát hành số 01/QĐ-SKHĐT"):
        issue(workspace, QD, folder=renamed)
    status = cli(workspace, "status", str(renamed))
    assert "quyet_dinh_giay_khen\tQĐ" in status.output and "đã phát hành số 01/QĐ-SKHĐT" in status.output
    built = cli(workspace, "build", str(renamed), "--templates", str(workspace.templates))
    assert built.exit_code == 0, built.output
    restored = workspace.outputs / "dot-thi-dua-dac-biet" / "QD-tang-giay-khen.docx"
    assert restored.read_bytes() == workspace.archive.paths(workspace.archive.entries()[0])["docx"].read_bytes()
    assert numbers(workspace) == ["01/QĐ-SKHĐT"]


def test_a_detour_in_the_path_builds_into_the_campaigns_own_outputs(workspace):
    detour = workspace.inputs / SAMPLE / "de_nghi" / ".."
    result = cli(workspace, "build", str(detour), "--templates", str(workspace.templates))
    assert result.exit_code == 0, result.output
    assert (workspace.outputs / SAMPLE / "QD-tang-giay-khen.docx").is_file()
    assert not any(p.parent == workspace.outputs for p in outputs_of(workspace) if p.suffix == ".docx")


def test_a_copied_campaign_is_refused_until_it_has_its_own_identity(workspace):
    issue(workspace, QD)
    import shutil

    copy = workspace.inputs / "dot-2022"
    shutil.copytree(workspace.inputs / SAMPLE, copy)
    with pytest.raises(TdktError) as refused:
        issue(workspace, QD, folder=copy, day=dt.date(2022, 11, 20))
    assert "có cùng mã đợt thi đua" in str(refused.value) and f"tdkt new-id {copy.resolve()}" in str(refused.value)
    assert CliRunner().invoke(main, ["new-id", str(copy)]).exit_code == 0
    assert issue(workspace, QD, folder=copy, day=dt.date(2022, 11, 20)).entry.so_ky_hieu == "01/QĐ-SKHĐT"
    assert numbers(workspace) == ["01/QĐ-SKHĐT", "01/QĐ-SKHĐT"]  # one each year


def test_the_identity_is_written_once_into_the_campaign_file_keeping_the_rest(workspace):
    path = workspace.inputs / SAMPLE / "phong_trao.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("ma_phong_trao")
    path.write_text(text[:start] + text[text.index("\n", start) + 1 :], encoding="utf-8")
    without = path.read_text(encoding="utf-8")
    assert (
        cli(workspace, "build", str(workspace.inputs / SAMPLE), "--templates", str(workspace.templates)).exit_code == 0
    )
    written = path.read_text(encoding="utf-8")
    (line,) = [line for line in written.splitlines() if line.startswith("ma_phong_trao")]
    assert written.replace(line + "\n", "") == without
    assert (
        cli(workspace, "build", str(workspace.inputs / SAMPLE), "--templates", str(workspace.templates)).exit_code == 0
    )
    assert path.read_text(encoding="utf-8") == written


# --- the OS says no ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "cause"),
    [
        (errno.ENOSPC, "ổ đĩa đầy"),
        (errno.EROFS, "ổ đĩa chỉ cho đọc"),
        (errno.ENAMETOOLONG, "tên tệp hoặc đường dẫn quá dài"),
        (errno.EACCES, "không có quyền ghi (hoặc tệp đang mở trong Word/Excel; hãy đóng rồi chạy lại)"),
    ],
)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_build_the_disk_refuses_midway_writes_none_of_its_documents(workspace, monkeypatch, code, cause, jobs):
    """The third document refused, whether this process or a worker writes it (the failing call is inherited)."""
    real = fsutil._write_temp
    refused = "TTr-de-nghi-bang-khen-tinh.docx"

    def failing(path, data, **kwargs):
        if path.name == refused:
            raise OSError(code, os.strerror(code), str(path))
        return real(path, data, **kwargs)

    monkeypatch.setattr(fsutil, "_write_temp", failing)
    args = ("--templates", str(workspace.templates), "--jobs", jobs)
    result = cli(workspace, "build", str(workspace.inputs / SAMPLE), *args)
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line == f"Lỗi: {workspace.outputs / SAMPLE / refused}: không ghi được: {cause}"
    assert [p for p in outputs_of(workspace) if not p.name.endswith(".toml")] == []


def _killed_at_the_third_rename(monkeypatch) -> list[Path]:
    """os.replace stops the process at its third call (two files renamed, the rest waiting); the targets asked."""
    real = os.replace
    calls: list[Path] = []

    def dies(source, target):
        calls.append(Path(target))
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(source, target)

    monkeypatch.setattr(fsutil.os, "replace", dies)
    return calls


def test_a_batch_killed_among_its_renames_is_finished_by_the_next_run(workspace, monkeypatch):
    _killed_at_the_third_rename(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        build([workspace.inputs / SAMPLE], workspace)
    monkeypatch.undo()
    assert _journals(workspace.outputs)
    finished = fsutil.finish_unfinished(workspace.outputs)
    assert len(finished) >= 5 and not _journals(workspace.outputs)
    assert not list((workspace.outputs / SAMPLE).glob(".~*"))


def test_certificates_killed_among_their_renames_are_finished_and_swept_by_the_next_run(workspace, monkeypatch):
    calls = _killed_at_the_third_rename(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        certificates(workspace.inputs / SAMPLE, workspace, draft=True)
    monkeypatch.undo()
    assert _journals(workspace.outputs)
    cards = workspace.outputs / SAMPLE / "giay_khen"
    (folder,) = {target.parent for target in calls if cards in target.parents}
    stray = folder / f".~nhap-khong-ai.{_dead_pid()}.abcd1234.tmp"  # a worker killed before the commit left this
    stray.write_bytes(b"half")

    report = certificates(workspace.inputs / SAMPLE, workspace, draft=True)
    assert not _journals(workspace.outputs)
    assert not list((workspace.outputs / SAMPLE).rglob(".~*"))
    made = sorted(cards.rglob("*.docx"))
    assert made == sorted(report.written) and len(made) == report.people


def _journals(folder: Path) -> list[Path]:
    return list(folder.glob(f"{fsutil.JOURNAL}*.json"))


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(done.stdout)


# --- tamper evidence -----------------------------------------------------------------------------------------------


def test_verify_names_an_edited_record_a_deleted_row_a_stray_file_and_an_edited_issued_copy(workspace):
    for code, day in (("ke_hoach", dt.date(2021, 10, 15)), (TTR, dt.date(2021, 11, 15)), (QD, dt.date(2021, 11, 20))):
        issue(workspace, code, day)
    archive = workspace.archive
    entries = {e.ma_van_ban: e for e in archive.entries()}
    record = archive.paths(entries[QD])["json"]
    record.write_text(record.read_text(encoding="utf-8").replace('"so": 3', '"so": 99'), encoding="utf-8")
    stray = archive.folder / "2021" / "ghi-chu.txt"
    stray.write_text("ai đó để vào", encoding="utf-8")
    copy = workspace.outputs / entries[TTR].ban_sao
    copy.write_bytes(copy.read_bytes() + b"\0")
    with sqlite3.connect(archive.register_path) as db:
        db.execute("DELETE FROM van_ban_di WHERE ma_van_ban = 'ke_hoach'")
    result = cli(workspace, "register", "verify")
    assert result.exit_code == 1
    said = result.stderr
    assert f"{record}: bị sửa (khác bản trong sổ)" in said
    assert f"{stray}: lạ — tệp không có trong sổ đăng ký" in said
    assert f"{copy}: bị sửa (khác bản trong sổ) — bản đã phát hành số 02/TTr-VP" in said
    assert "sổ đăng ký bị sửa — trước số 02/TTr-VP có bản ghi đã bị xóa hoặc sửa (chuỗi băm đứt)" in said
    assert "001-KH-SKHDT" in said  # the archive files of the deleted row are no longer the register's


# --- kills ----------------------------------------------------------------------------------------------------------


def _fake_soffice_running() -> list[str]:
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            except OSError:
                continue
            if "gia-bin/soffice" in command:
                found.append(command)
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="kills processes and reads /proc (Linux)")
def test_issue_killed_at_random_points_loses_nothing_and_leaves_nothing(workspace, tmp_path):
    env = fake_soffice(tmp_path, 0.6)
    rng = random.Random(12)
    codes = ["ke_hoach", TTR, "to_trinh_bang_khen_tinh", "to_trinh_bang_khen_bo"]
    for attempt in range(10):
        code = codes[attempt % len(codes)]
        process = start_issue(workspace, code, env=env, day="2021-11-22", pdf=True)
        time.sleep(rng.uniform(0.2, 2.2))
        os.kill(process.pid, signal.SIGKILL)  # the parent only: its LibreOffice must die with it
        process.wait(timeout=30)
        process.communicate()
    deadline = time.monotonic() + 10
    while _fake_soffice_running() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _fake_soffice_running() == []
    for code in codes:  # the next runs: each document issued once, whatever the kills left
        done = start_issue(workspace, code, env=env, day="2021-11-22", pdf=True)
        out, err = done.communicate(timeout=120)
        assert done.returncode == 0 or "đã phát hành số" in err, err
    entries = workspace.archive.entries()
    assert sorted(e.so for e in entries) == list(range(1, len(entries) + 1))  # gap-free and unique
    assert sorted(e.ma_van_ban for e in entries) == sorted(codes)
    for entry in entries:
        assert all(path.is_file() for path in workspace.archive.paths(entry).values())
    assert cli(workspace, "register", "verify").exit_code == 0
    assert not (workspace.outputs / fsutil.WORK).exists() or not any((workspace.outputs / fsutil.WORK).iterdir())
    assert not list(workspace.archive.folder.rglob(".~*"))


def test_a_batch_is_made_durable_before_its_journal_names_it(workspace, monkeypatch):
    """Drafts are flushed to disk as a batch (one syncfs per file system on Linux, else file by file) before the
    journal that lets the next run finish the renames, and the folders after the renames."""
    order = []
    real_durable, real_atomic = fsutil._make_durable, fsutil.write_atomic
    monkeypatch.setattr(
        fsutil, "_make_durable", lambda paths: (order.append(("durable", len(paths))), real_durable(paths))
    )
    monkeypatch.setattr(
        fsutil,
        "write_atomic",
        lambda path, data: (order.append(("journal", path.name.startswith(fsutil.JOURNAL))), real_atomic(path, data)),
    )
    build([workspace.inputs / SAMPLE], workspace)
    assert order[:2] == [("durable", 6), ("journal", True)]  # five documents and tong_hop.xlsx, then the journal


# --- staging ------------------------------------------------------------------------------------------------------


def test_each_process_stages_in_a_folder_of_its_own_that_a_batch_leaves_empty_and_gone(tmp_path):
    """Files are staged in `.~tdkt-<pid>` beside their final place (processes creating files in one folder take
    turns; in folders of their own they do not); committing or giving up the batch removes the folder."""
    target = tmp_path / "giay_khen"
    staged = [fsutil.stage(target / f"{i}.docx", b"x" * i) for i in range(1, 4)]
    assert {Path(tmp).parent for tmp, _ in staged} == {target / f"{fsutil.STAGING}{os.getpid()}"}
    assert fsutil.commit(staged, tmp_path) == tuple(target / f"{i}.docx" for i in range(1, 4))
    assert sorted(p.name for p in target.iterdir()) == ["1.docx", "2.docx", "3.docx"]
    assert (target / "2.docx").read_bytes() == b"xx"
    given_up = [fsutil.stage(target / "4.docx", b"y")]
    fsutil.discard(given_up)
    assert sorted(p.name for p in target.iterdir()) == ["1.docx", "2.docx", "3.docx"]


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_a_new_file_gets_the_umasks_mode_and_a_replaced_one_keeps_its_own(tmp_path):
    """Temporary files are opened with the mode a plain new file would get, and take the old file's when they replace
    one (a clerk's read-only-for-others draft stays so)."""
    umask = os.umask(0o027)
    try:
        fsutil.write_atomic(tmp_path / "moi.txt", b"a")
        assert (tmp_path / "moi.txt").stat().st_mode & 0o777 == 0o640
        kept = tmp_path / "cu.docx"
        kept.write_bytes(b"old")
        kept.chmod(0o604)
        fsutil.write_atomic(kept, b"new")
        staged = [fsutil.stage(tmp_path / "nhap.docx", b"n"), fsutil.stage(kept, b"newer")]
        fsutil.commit(staged, tmp_path)
    finally:
        os.umask(umask)
    assert (kept.read_bytes(), kept.stat().st_mode & 0o777) == (b"newer", 0o604)
    assert (tmp_path / "nhap.docx").stat().st_mode & 0o777 == 0o640


def test_a_file_is_written_whole_through_short_writes_and_small_pieces(tmp_path, monkeypatch):
    """Written through the descriptor: a write the system takes only part of is continued, an encoder's many small
    pieces arrive whole and in order (joined into few writes), and a disk that fills midway leaves no file."""
    real, sizes = os.write, []

    def short(fd, data):
        sizes.append(len(data))
        return real(fd, bytes(data[:7000]))

    monkeypatch.setattr(fsutil.os, "write", short)
    pieces = [f"{i},".encode() for i in range(30_000)]
    fsutil.write_atomic(tmp_path / "manh.json", iter(pieces))
    assert (tmp_path / "manh.json").read_bytes() == b"".join(pieces)
    assert len(sizes) < len(pieces) / 100  # joined into chunks, not a system call per piece
    blob = bytes(range(256)) * 1000
    fsutil.write_atomic(tmp_path / "lon.bin", blob)
    assert (tmp_path / "lon.bin").read_bytes() == blob

    def full(fd, data):
        if sizes.append(len(data)) or len(sizes) > 60:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd, bytes(data[:7000]))

    monkeypatch.setattr(fsutil.os, "write", full)
    with pytest.raises(TdktError, match="ổ đĩa đầy"):
        fsutil.write_atomic(tmp_path / "lon.bin", blob * 2)
    assert (tmp_path / "lon.bin").read_bytes() == blob  # the old file whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lon.bin", "manh.json"]  # no temporary left


def test_a_temporary_name_an_earlier_process_of_the_same_id_left_is_passed_over(tmp_path, monkeypatch):
    """Staging names are the process id and a counter: a file left under the next name (a process of the same id,
    before a restart) is neither overwritten nor a failure."""
    monkeypatch.setattr(fsutil, "_numbers", iter(range(5)))
    folder = tmp_path / f"{fsutil.STAGING}{os.getpid()}"
    folder.mkdir()
    left = folder / f".~a.{os.getpid()}.0.tmp"
    left.write_bytes(b"left")
    tmp, _ = fsutil.stage(tmp_path / "a.docx", b"mine")
    assert Path(tmp) != left and Path(tmp).read_bytes() == b"mine" and left.read_bytes() == b"left"


def test_a_staging_folder_of_a_process_that_is_gone_is_swept_a_live_ones_is_kept(tmp_path):
    dead = tmp_path / f"{fsutil.STAGING}{_dead_pid()}"
    live = tmp_path / f"{fsutil.STAGING}{os.getpid()}"
    for folder in (dead, live):
        folder.mkdir()
        (folder / ".~a.123.x.tmp").write_bytes(b"half")
    fsutil.sweep_temporaries(tmp_path)
    assert not dead.exists()
    assert (live / ".~a.123.x.tmp").is_file()
    old = time.time() - 7200
    os.utime(live, (old, old))
    fsutil.sweep_temporaries(tmp_path)  # older than an hour: a run that is over (where a process cannot be asked)
    assert not live.exists()


def test_a_batch_naming_one_file_twice_writes_nothing(tmp_path):
    """A batch's two files for one name would leave only the later: refused whole, its temporary files removed."""
    target = tmp_path / "QD-x.docx"
    staged = [fsutil.stage(target, b"first"), fsutil.stage(tmp_path / "KH-y.docx", b"plan"), fsutil.stage(target, b"2")]
    with pytest.raises(TdktError) as raised:
        fsutil.commit(staged, tmp_path)
    assert [str(p) for p in raised.value.problems] == [f"{target}: hai tệp của một lần ghi cùng tên này; chưa ghi gì"]
    assert list(tmp_path.rglob("*")) == []


def test_two_batches_committed_side_by_side_keep_their_journals_apart(tmp_path, monkeypatch):
    """The page commits a build and a print of certificates in threads of one process: each batch has its own
    journal; a batch committed meanwhile neither removes the other's journal nor finishes its renames under it."""
    real, entered, go = os.replace, threading.Event(), threading.Event()

    def slow(source, target):
        if os.fspath(target).endswith("a1.docx"):
            entered.set()
            go.wait(10)
        return real(source, target)

    monkeypatch.setattr(fsutil.os, "replace", slow)
    first = [fsutil.stage(tmp_path / "a1.docx", b"1"), fsutil.stage(tmp_path / "a2.docx", b"2")]
    committing = threading.Thread(target=fsutil.commit, args=(first, tmp_path))
    committing.start()
    assert entered.wait(10)
    assert fsutil.finish_unfinished(tmp_path) == []  # the other batch is being committed: left to it
    assert fsutil.commit([fsutil.stage(tmp_path / "b.docx", b"b")], tmp_path) == (tmp_path / "b.docx",)
    assert len(_journals(tmp_path)) == 1  # the first batch's, still needed
    go.set()
    committing.join(10)
    assert not _journals(tmp_path)
    assert [(p.name, p.read_bytes()) for p in sorted(tmp_path.glob("*.docx"))] == [
        ("a1.docx", b"1"),
        ("a2.docx", b"2"),
        ("b.docx", b"b"),
    ]


def test_a_journal_of_a_run_that_still_runs_is_left_to_it_and_finished_once_it_is_gone(tmp_path):
    """Another tdkt, committing in the same outputs folder, is not overtaken by this run's recovery; once that
    process is gone (killed among its renames), its batch is finished."""
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        staging = tmp_path / f"{fsutil.STAGING}{other.pid}"
        staging.mkdir()
        (staging / ".~a.tmp").write_bytes(b"whole")
        journal = tmp_path / f"{fsutil.JOURNAL}.{other.pid}.0.json"
        journal.write_text(json.dumps([[str(staging / ".~a.tmp"), str(tmp_path / "a.docx")]]), encoding="utf-8")
        assert fsutil.finish_unfinished(tmp_path) == [] and journal.is_file()
    finally:
        other.kill()
        other.wait()
    assert fsutil.finish_unfinished(tmp_path) == [tmp_path / "a.docx"]
    assert (tmp_path / "a.docx").read_bytes() == b"whole" and not journal.exists() and not staging.exists()


class _Kernel32:
    """What `fsutil._windows_process_alive` asks of Windows: a process handle (0: none) and its exit code."""

    class Call:
        def __init__(self, answer):
            self.answer = answer

        def __call__(self, *args):
            return self.answer(*args)

    def __init__(self, handle: int, code: int):
        self.OpenProcess = self.Call(lambda access, inherit, pid: handle)
        self.GetExitCodeProcess = self.Call(lambda h, code_ref: (setattr(code_ref._obj, "value", code), 1)[1])
        self.CloseHandle = self.Call(lambda h: 1)


@pytest.mark.parametrize(
    ("handle", "code", "last_error", "alive"),
    [(7, 259, 0, True), (7, 0, 0, False), (0, 0, 87, False), (0, 0, 5, True)],
    ids=["still-active", "exited", "no-such-process", "access-denied"],
)
def test_on_windows_a_process_is_alive_while_the_system_says_still_active(monkeypatch, handle, code, last_error, alive):
    """Windows has no `kill(pid, 0)`: the process is opened and its exit code read (STILL_ACTIVE, 259); one the
    system does not know (ERROR_INVALID_PARAMETER) is gone, one it will not open to us (denied) is alive."""
    import ctypes

    monkeypatch.setattr(ctypes, "WinDLL", lambda name, use_last_error: _Kernel32(handle, code), raising=False)
    monkeypatch.setattr(ctypes, "get_last_error", lambda: last_error, raising=False)
    assert fsutil._windows_process_alive(4321) is alive
