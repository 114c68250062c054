"""Issue, register and archive (issue 6): numbers never collide, nothing issued is lost or overwritten."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from pipeline import issue as issue_module
from pipeline.archive.store import Archive
from pipeline.build import OBSOLETE_EDITED, build
from pipeline.cli import main
from pipeline.errors import TdktError, TemplateFileError
from pipeline.fsutil import os_problem
from pipeline.issue import issue_document
from pipeline.render.office import find_soffice

from .conftest import SAMPLE
from .readback import texts
from .test_bad_inputs import edit

TTR = "to_trinh_giay_khen"
QD = "quyet_dinh_giay_khen"


def issue(ws, code, day=dt.date(2021, 11, 20), **kwargs):
    return issue_document(ws.inputs / SAMPLE, code, ws, ws.archive, day, pdf=kwargs.pop("pdf", False), **kwargs)


def archive_files(ws) -> list[Path]:
    folder = ws.archive.folder
    if not folder.exists():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "so_dang_ky.sqlite")


def numbers(ws) -> list[str]:
    return [e.so_ky_hieu for e in ws.archive.register().entries()] if ws.archive.exists() else []


def cli(ws, *args, **kwargs):
    return CliRunner().invoke(main, [*args, "--outputs", str(ws.outputs)], **kwargs)


# --- numbering ----------------------------------------------------------------------------------------------------


def test_issue_numbers_dates_and_archives(workspace):
    result = issue(workspace, TTR, dt.date(2021, 11, 15))
    entry = result.entry
    assert (entry.so_ky_hieu, entry.ngay, entry.so_theo, entry.nam) == (
        "01/TTr-VP",
        dt.date(2021, 11, 15),
        "chung",
        2021,
    )
    paths = workspace.archive.paths(entry)
    assert paths["docx"] == workspace.archive.folder / "2021" / "001-TTr-VP-de-nghi-giay-khen.docx"
    doc = Document(str(paths["docx"]))
    assert doc.tables[0].cell(1, 0).text == "Số: 01/TTr-VP"
    assert doc.tables[0].cell(1, 1).text == "Bình Định, ngày 15 tháng 11 năm 2021"
    record = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert record["so_ky_hieu"] == "01/TTr-VP" and record["ngay"] == "2021-11-15" and record["ten_loai"] == "Tờ trình"
    assert record["nguoi_ky"] == "Phạm Ngọc Ánh" and record["noi_nhan"] == ["- Như trên;", "- Lưu: VT, VP."]
    assert record["so_ban"] == 3  # one recipient, and the copies of the clerical office and the unit
    assert record["tep"]["docx"]["sha256"] == hashlib.sha256(paths["docx"].read_bytes()).hexdigest()
    assert len(record["bam_dau_vao"]) == 64 and set(record["dau_vao"]) >= {"mau", "de_nghi", "co_quan", "phap_ly"}
    # The issued version takes the draft's place among the campaign's outputs.
    assert (workspace.outputs / SAMPLE / "TTr-de-nghi-giay-khen.docx").read_bytes() == paths["docx"].read_bytes()


def test_one_series_for_the_agency_restarting_each_year(workspace):
    issue(workspace, TTR, dt.date(2021, 11, 15))
    issue(workspace, QD, dt.date(2021, 11, 20))
    issue(workspace, "ke_hoach", dt.date(2022, 1, 5))
    assert numbers(workspace) == ["01/TTr-VP", "02/QĐ-SKHĐT", "01/KH-SKHĐT"]


def test_separate_series_per_type_and_a_council_of_its_own(workspace):
    edit(workspace.inputs / "co_quan.toml", 'doc_so_linh = "linh"', 'doc_so_linh = "linh"\nso_rieng_theo_loai = true')
    edit(
        workspace.inputs / SAMPLE / "phong_trao.toml",
        'ma = "to_trinh_bang_khen_bo"',
        'ma = "to_trinh_bang_khen_bo"\nso_theo = "HĐTĐKT"',
    )
    issue(workspace, TTR)
    issue(workspace, "to_trinh_bang_khen_tinh")
    issue(workspace, QD)
    issue(workspace, "to_trinh_bang_khen_bo")
    entries = workspace.archive.register().entries()
    assert [(e.so_theo, e.so_ky_hieu) for e in entries] == [
        ("TTr", "01/TTr-VP"),
        ("TTr", "02/TTr-SKHĐT"),
        ("QĐ", "01/QĐ-SKHĐT"),
        ("HĐTĐKT", "01/TTr-SKHĐT"),
    ]


def test_parallel_processes_get_consecutive_different_numbers(workspace):
    root = workspace.inputs.parent
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    codes = ["ke_hoach", TTR, "to_trinh_bang_khen_tinh"]
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pipeline",
                "issue",
                str(Path("inputs") / SAMPLE),
                "--doc",
                code,
                "--ngay",
                "2021-11-22",
                "--khong-pdf",
            ],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        for code in codes
    ]
    outputs = [p.communicate(timeout=300) for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0], outputs
    entries = workspace.archive.register().entries()
    assert sorted(e.so for e in entries) == [1, 2, 3]
    assert sorted(e.ma_van_ban for e in entries) == sorted(codes)
    assert len(archive_files(workspace)) == 6  # .docx and .json each; no PDF asked for


# --- failures take no number and leave no file --------------------------------------------------------------------


@pytest.mark.parametrize(
    "where",
    ["render_with_document", "convert_to_pdf", "archive_record"],
)
def test_a_failure_before_the_commit_takes_no_number(workspace, monkeypatch, where):
    def broken(*args, **kwargs):
        raise TemplateFileError(f"hỏng giả ở {where}")

    monkeypatch.setattr(issue_module, where, broken)
    with pytest.raises(TdktError):
        issue(workspace, TTR, pdf=True)
    assert numbers(workspace) == []
    assert archive_files(workspace) == []
    monkeypatch.undo()
    assert issue(workspace, TTR).entry.so_ky_hieu == "01/TTr-VP"  # the number was not consumed


def test_a_failure_writing_the_archive_keeps_the_issue_and_verify_restores_it(workspace, monkeypatch):
    def disk_full(staged):
        for temp, _ in staged:
            temp.write_bytes(b"")  # the disk filled up: the rename never happens
        Archive.discard(staged)
        raise os_problem(OSError(28, "No space left on device"), workspace.archive.folder, "verify --khoi-phuc")

    monkeypatch.setattr(Archive, "place", staticmethod(disk_full))
    with pytest.raises(TdktError, match="ổ đĩa đầy"):
        issue(workspace, TTR)
    monkeypatch.undo()
    assert numbers(workspace) == ["01/TTr-VP"]  # committed: it is issued, and the register holds the files
    assert archive_files(workspace) == []
    broken = cli(workspace, "register", "verify")
    assert broken.exit_code == 1
    restored = cli(workspace, "register", "verify", "--khoi-phuc")
    assert restored.exit_code == 0
    assert [p.name for p in archive_files(workspace)] == [
        "001-TTr-VP-de-nghi-giay-khen.docx",
        "001-TTr-VP-de-nghi-giay-khen.json",
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="kills a process group (POSIX)")
def test_killing_the_process_while_issuing_takes_no_number(workspace, tmp_path):
    # A stand-in for LibreOffice that hangs, so the kill lands inside the register transaction.
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    fake = fake_bin / "soffice"
    fake.write_text("#!/bin/sh\nsleep 60\n", encoding="utf-8")
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{fake_bin}{os.pathsep}{os.environ['PATH']}", "PYTHONIOENCODING": "utf-8"}
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "issue", str(Path("inputs") / SAMPLE), "--doc", TTR, "--ngay", "2021-11-15"],
        cwd=workspace.inputs.parent,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not (workspace.archive.register_path.exists() and _holds_lock(workspace)) and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert numbers(workspace) == []
    assert archive_files(workspace) == []
    assert issue(workspace, TTR).entry.so_ky_hieu == "01/TTr-VP"


def _holds_lock(ws) -> bool:
    """True once another process has begun its write transaction (the rollback journal exists)."""
    return Path(str(ws.archive.register_path) + "-journal").exists()


# --- issued documents are frozen ----------------------------------------------------------------------------------


def test_build_never_overwrites_an_issued_document_and_says_when_its_inputs_change(workspace):
    issue(workspace, TTR, dt.date(2021, 11, 15))
    issued = workspace.outputs / SAMPLE / "TTr-de-nghi-giay-khen.docx"
    before = issued.read_bytes()
    edit(
        workspace.inputs / SAMPLE / "phong_trao.toml",
        'nguoi_quyet_dinh = "Giám đốc Sở"',
        'nguoi_quyet_dinh = "Giám đốc"',
    )
    result = cli(workspace, "build", str(workspace.inputs / SAMPLE), "--templates", str(workspace.templates))
    assert result.exit_code == 0
    assert issued.read_bytes() == before
    assert f"Giữ nguyên: {issued} (đã phát hành số 01/TTr-VP ngày 15/11/2021)" in result.stdout
    assert (
        f"Cảnh báo: {issued}: đã phát hành số 01/TTr-VP ngày 15/11/2021; đầu vào đã đổi (tệp đợt thi đua) nhưng văn "
        "bản đã phát hành giữ nguyên — nếu cần, ban hành văn bản thay thế (tdkt issue … --doc to_trinh_giay_khen "
        "--thay-the)"
    ) in result.stderr
    state = cli(workspace, "status", str(workspace.inputs / SAMPLE), "--templates", str(workspace.templates))
    line = next(x for x in state.stdout.splitlines() if x.startswith(TTR))
    assert line.endswith(
        "đã phát hành số 01/TTr-VP ngày 15/11/2021; đầu vào đã đổi sau khi phát hành (tệp đợt thi đua)"
    )


def test_issuing_again_is_refused_unless_it_is_a_replacement(workspace):
    issue(workspace, QD, dt.date(2021, 11, 20))
    with pytest.raises(TdktError) as refused:
        issue(workspace, QD, dt.date(2021, 11, 25))
    assert str(refused.value).endswith(
        ":quyet_dinh_giay_khen: đã phát hành số 01/QĐ-SKHĐT ngày 20/11/2021; văn bản đã phát hành không sửa được — "
        "muốn ban hành văn bản thay thế, thêm --thay-the"
    )
    first = workspace.archive.paths(workspace.archive.register().entries()[0])["docx"].read_bytes()
    replacement = issue(workspace, QD, dt.date(2021, 11, 25), replacement=True).entry
    assert replacement.so_ky_hieu == "02/QĐ-SKHĐT"
    assert replacement.ghi_chu == "Thay thế văn bản số 01/QĐ-SKHĐT ngày 20/11/2021"
    assert workspace.archive.paths(workspace.archive.register().entries()[0])["docx"].read_bytes() == first
    record = json.loads(workspace.archive.paths(replacement)["json"].read_text(encoding="utf-8"))
    assert record["thay_the"] == {"nam": 2021, "so_ky_hieu": "01/QĐ-SKHĐT"}


def test_replacing_what_was_never_issued_is_refused(workspace):
    with pytest.raises(TdktError) as refused:
        issue(workspace, QD, replacement=True)
    assert str(refused.value).endswith(":quyet_dinh_giay_khen: chưa phát hành nên không có văn bản nào để thay thế")


# --- regeneration -------------------------------------------------------------------------------------------------


def _build_lines(workspace) -> list[str]:
    result = cli(workspace, "build", str(workspace.inputs / SAMPLE), "--templates", str(workspace.templates))
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_rebuild_only_what_changed_and_say_why(workspace):
    first = _build_lines(workspace)
    assert first[-1] == "Xong: 5 văn bản được dựng, 0 giữ nguyên."
    assert _build_lines(workspace)[-1] == "Xong: 0 văn bản được dựng, 5 giữ nguyên."

    template = workspace.templates / "to_trinh.docx"
    doc = Document(str(template))
    doc.core_properties.title = "Mẫu tờ trình của Sở"
    doc.save(str(template))
    out = workspace.outputs / SAMPLE
    lines = _build_lines(workspace)
    assert f"Dựng lại: {out / 'TTr-de-nghi-giay-khen.docx'} (đã đổi: mẫu Word)" in lines
    assert f"Không đổi: {out / 'QD-tang-giay-khen.docx'}" in lines
    assert lines[-1] == "Xong: 3 văn bản được dựng, 2 giữ nguyên."

    (workspace.inputs / SAMPLE / "de_nghi" / "phong-tong-hop-quy-hoach.csv").unlink()
    lines = _build_lines(workspace)
    assert f"Dựng lại: {out / 'QD-tang-giay-khen.docx'} (đã đổi: bảng đề nghị)" in lines
    assert f"Không đổi: {out / 'TTr-de-nghi-bang-khen-tinh.docx'}" in lines
    assert f"Không đổi: {out / 'KH-phong-trao-thi-dua-dac-biet.docx'}" in lines


def test_a_hand_edited_draft_is_kept_aside_before_the_rebuild(workspace):
    _build_lines(workspace)
    draft = workspace.outputs / SAMPLE / "KH-phong-trao-thi-dua-dac-biet.docx"
    draft.write_bytes(draft.read_bytes() + b"")  # same bytes: still unchanged
    assert f"Không đổi: {draft}" in _build_lines(workspace)
    doc = Document(str(draft))
    doc.add_paragraph("sửa tay")
    doc.save(str(draft))
    edited = draft.read_bytes()
    (line,) = [line for line in _build_lines(workspace) if line.startswith(f"Dựng lại: {draft}")]
    assert line.startswith(
        f"Dựng lại: {draft} (đã đổi: tệp nháp đã bị sửa hoặc thay ngoài tdkt, bản sửa tay được giữ lại: "
    )
    kept = Path(line.split("bản sửa tay được giữ lại: ", 1)[1].rstrip(")"))
    assert kept.parent == draft.parent and kept.name.startswith("KH-phong-trao-thi-dua-dac-biet.sua-tay-")
    assert kept.read_bytes() == edited  # the clerk's edit is never lost
    assert "sửa tay" not in texts(Document(str(draft)))


def test_a_draft_the_campaign_no_longer_makes_is_removed_unless_edited_or_issued(workspace):
    """Files renamed in the campaign file (`ten_tep`): the old drafts go after the build (two Tờ trình side by side,
    a clerk might send the stale one); an old draft edited by hand since is the clerk's, kept and said; an issued
    document's file is never touched, whatever its name becomes."""
    _build_lines(workspace)
    out = workspace.outputs / SAMPLE
    issue(workspace, QD, dt.date(2021, 11, 26))
    issued = (out / "QD-tang-giay-khen.docx").read_bytes()
    edited = out / "TTr-de-nghi-bang-khen-tinh.docx"
    doc = Document(str(edited))
    doc.add_paragraph("sửa tay")
    doc.save(str(edited))
    campaign = workspace.inputs / SAMPLE / "phong_trao.toml"
    for old in ("de nghi bang khen bo", "de nghi bang khen tinh", "tang giay khen"):
        edit(campaign, f'ten_tep = "{old}"', f'ten_tep = "{old} (ban moi)"')

    result = cli(workspace, "build", str(workspace.inputs / SAMPLE), "--templates", str(workspace.templates))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert f"Cảnh báo: {edited}: {OBSOLETE_EDITED}" in result.stderr.splitlines()
    gone = out / "TTr-de-nghi-bang-khen-bo.docx"
    assert f"Đã xoá bản nháp cũ: {gone} (văn bản không còn trong đợt, hoặc đã đổi tên tệp)" in lines
    assert [line for line in lines if line.startswith("Đã xoá")] == [line for line in lines if str(gone) in line]
    assert not gone.exists() and (out / "TTr-de-nghi-bang-khen-bo-ban-moi.docx").is_file()
    assert "sửa tay" in texts(Document(str(edited)))  # kept as the clerk left it
    assert (out / "QD-tang-giay-khen.docx").read_bytes() == issued
    again = cli(workspace, "build", str(workspace.inputs / SAMPLE), "--templates", str(workspace.templates))
    assert "Đã xoá" not in again.stdout and "không còn trong đợt" not in again.stderr  # said once, then forgotten


def test_the_decision_picks_up_the_submission_number_once_issued(workspace):
    _build_lines(workspace)
    decision = workspace.outputs / SAMPLE / "QD-tang-giay-khen.docx"
    assert "Theo đề nghị của Chánh Văn phòng Sở tại Tờ trình số      /TTr-VP ngày 15 tháng 11 năm 2021." in texts(
        Document(str(decision))
    )
    issue(workspace, TTR, dt.date(2021, 11, 16))
    lines = _build_lines(workspace)
    assert f"Dựng lại: {decision} (đã đổi: số, ngày văn bản)" in lines
    assert "Theo đề nghị của Chánh Văn phòng Sở tại Tờ trình số 01/TTr-VP ngày 16 tháng 11 năm 2021." in texts(
        Document(str(decision))
    )


def test_status_lists_every_document(workspace):
    _build_lines(workspace)
    issue(workspace, TTR, dt.date(2021, 11, 15))
    (workspace.outputs / SAMPLE / "KH-phong-trao-thi-dua-dac-biet.docx").unlink()
    edit(
        workspace.inputs / SAMPLE / "phong_trao.toml",
        'ten_tep = "de nghi bang khen bo"',
        'ten_tep = "de nghi bang khen bo"\nso_ban_luu = 3',
    )
    result = cli(workspace, "status", str(workspace.inputs / SAMPLE), "--templates", str(workspace.templates))
    states = {line.split("\t")[0]: line.split("\t")[-1] for line in result.stdout.splitlines()}
    assert states == {
        "ke_hoach": "nháp, chưa dựng",
        TTR: "đã phát hành số 01/TTr-VP ngày 15/11/2021",
        QD: "nháp, cần dựng lại (đã đổi: số, ngày văn bản)",
        "to_trinh_bang_khen_tinh": "nháp, đã cập nhật",
        "to_trinh_bang_khen_bo": "nháp, cần dựng lại (đã đổi: tệp đợt thi đua)",
    }


# --- the register -------------------------------------------------------------------------------------------------


def export_register(workspace, target: Path):
    co_quan = str(workspace.inputs / "co_quan.toml")
    return cli(workspace, "register", "export", "--nam", "2021", "--out", str(target), "--co-quan", co_quan)


def test_register_export_prints_the_cover_and_ten_columns(workspace):
    issue(workspace, TTR, dt.date(2021, 11, 15))
    issue(workspace, QD, dt.date(2021, 11, 20))
    target = workspace.outputs / "so.xlsx"
    result = export_register(workspace, target)
    assert result.exit_code == 0
    assert result.stdout == f"Đã ghi: {target} (2 văn bản)\n"
    book = load_workbook(target)
    cover = [c.value for c in book["Bìa sổ"]["A"] if c.value]
    assert cover == [
        "UBND TỈNH BÌNH ĐỊNH",
        "SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
        "SỔ ĐĂNG KÝ VĂN BẢN ĐI",
        "Năm: 2021",
        "Từ ngày 15/11/2021 đến ngày 20/11/2021",
        "Từ số 01 đến số 02",
        "Quyển số: 01",
    ]
    ws = book["Sổ đăng ký"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == [
        "Số, ký hiệu văn bản",
        "Ngày tháng văn bản",
        "Tên loại và trích yếu nội dung",
        "Người ký",
        "Nơi nhận văn bản",
        "Đơn vị, người nhận bản lưu",
        "Số lượng bản",
        "Ngày chuyển",
        "Ký nhận",
        "Ghi chú",
    ]
    assert rows[1] == [f"({i})" for i in range(1, 11)]
    assert rows[3][:7] == [
        "02/QĐ-SKHĐT",
        "20/11/2021",
        "Quyết định về việc tặng Giấy khen cho các tập thể, cá nhân có thành tích xuất sắc trong "
        "Phong trào thi đua đặc biệt phòng, chống dịch COVID-19",
        "Nguyễn Thành Hải",
        "Như Điều 3\nBan TĐ-KT tỉnh (để b/c)\nLãnh đạo Sở\nKế toán Văn phòng",
        "VP",
        6,
    ]
    assert {ws.cell(r, c).data_type for r in range(3, 5) for c in (1, 2, 3, 4, 5)} == {"s"}
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows.replace("$", "") == "1:2"
    assert str(ws.page_setup.paperSize) == str(ws.PAPERSIZE_A4)


def test_register_list_and_verify(workspace):
    issue(workspace, TTR, dt.date(2021, 11, 15))
    listed = cli(workspace, "register", "list", "--nam", "2021")
    assert listed.stdout.splitlines()[0].startswith("01/TTr-VP\t15/11/2021\tTờ trình về việc đề nghị tặng Giấy khen")
    assert listed.stdout.splitlines()[-1] == "Tổng: 1 văn bản."
    assert cli(workspace, "register", "verify").stdout == "Khớp: 1 văn bản trong sổ đăng ký.\n"
    archived = workspace.archive.paths(workspace.archive.register().entries()[0])["docx"]
    original = archived.read_bytes()
    doc = Document(str(archived))
    doc.add_paragraph("sửa sau khi phát hành")
    doc.save(str(archived))
    changed = cli(workspace, "register", "verify")
    assert changed.exit_code == 1
    assert changed.stderr == f"{archived}: bị sửa (khác bản trong sổ)\n"
    restored = cli(workspace, "register", "verify", "--khoi-phuc")
    assert restored.exit_code == 0
    assert archived.read_bytes() == original


@pytest.mark.libreoffice
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_issue_with_pdf_through_the_command(workspace):
    result = cli(
        workspace,
        "issue",
        str(workspace.inputs / SAMPLE),
        "--doc",
        QD,
        "--ngay",
        "2021-11-20",
        "--inputs",
        str(workspace.inputs),
        "--templates",
        str(workspace.templates),
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Đã phát hành: số 01/QĐ-SKHĐT ngày 20/11/2021 — Quyết định Về việc tặng Giấy khen")
    entry = workspace.archive.register().entries()[0]
    pdf = workspace.archive.paths(entry)["pdf"]
    assert pdf.read_bytes().startswith(b"%PDF")
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() == entry.bam_pdf
    assert b"pdfaid" in pdf.read_bytes()  # PDF/A, as this LibreOffice can make it
    # What a PDF reader shows: the trích yếu as the title, the agency as the author, in Vietnamese (issue 13, item 8)
    reader = PdfReader(str(pdf))
    assert reader.metadata.title == entry.trich_yeu
    assert reader.metadata.author == "Sở Kế hoạch và Đầu tư"
    assert reader.trailer["/Root"]["/Lang"] == "vi-VN"
    assert reader.xmp_metadata.dc_title["x-default"] == entry.trich_yeu  # the PDF/A identification agrees
    assert build([workspace.inputs / SAMPLE], workspace).outcomes  # the archive and the build live together


def test_a_submission_cites_the_plan_by_number_and_date_once_issued(workspace):
    """Cross-references by data (issue 13, item 3): `can_cu_van_ban = ["ke_hoach"]` on the Tờ trình."""
    draft = workspace.outputs / SAMPLE / "TTr-de-nghi-giay-khen.docx"
    build([workspace.inputs / SAMPLE], workspace)
    cited = "Căn cứ Kế hoạch số      /KH-SKHĐT ngày 15 tháng 10 năm 2021 của Sở Kế hoạch và Đầu tư thực hiện Phong trào"
    assert any(t.startswith(cited) for t in texts(Document(str(draft))))
    issue(workspace, "ke_hoach", dt.date(2021, 10, 16))
    lines = _build_lines(workspace)
    assert f"Dựng lại: {draft} (đã đổi: số, ngày văn bản)" in lines
    got = texts(Document(str(draft)))
    assert any(t.startswith("Căn cứ Kế hoạch số 01/KH-SKHĐT ngày 16 tháng 10 năm 2021 của Sở Kế hoạch") for t in got)


def test_citing_a_document_the_campaign_does_not_have_is_refused(workspace):
    path = workspace.inputs / SAMPLE / "phong_trao.toml"
    edit(path, 'can_cu_van_ban = ["ke_hoach"]', 'can_cu_van_ban = ["ke_hoach_2020"]')
    result = cli(workspace, "build", str(workspace.inputs / SAMPLE), "--templates", str(workspace.templates))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Lỗi: {path}:van_ban[2].can_cu_van_ban[1]: không có văn bản nào khác có ma = “ke_hoach_2020” (có: "
        "ke_hoach, quyet_dinh_giay_khen, to_trinh_bang_khen_bo, to_trinh_bang_khen_tinh)"
    ]


def test_a_draft_edited_by_hand_is_not_issued_without_its_edits_unless_asked(workspace):
    """The issued version is made from the inputs: a draft edited in Word since its build would lose its edits in the
    register. Refused with no number taken; with `--bo-sua-tay` issued from the inputs, the edited draft kept."""
    _build_lines(workspace)
    draft = workspace.outputs / SAMPLE / "TTr-de-nghi-giay-khen.docx"
    doc = Document(str(draft))
    doc.add_paragraph("Giám đốc dặn thêm: sửa tay")
    doc.save(str(draft))
    edited = draft.read_bytes()
    args = ["issue", str(workspace.inputs / SAMPLE), "--doc", TTR, "--ngay", "2021-11-15", "--khong-pdf"]
    args += ["--templates", str(workspace.templates), "--outputs", str(workspace.outputs)]
    refused = CliRunner().invoke(main, args)
    assert refused.exit_code == 1
    assert refused.stderr.strip() == f"Lỗi: {draft}: {issue_module.EDITED_DRAFT}"
    assert draft.read_bytes() == edited
    assert not workspace.archive.exists() or workspace.archive.entries() == []
    done = CliRunner().invoke(main, [*args, "--bo-sua-tay"])
    assert done.exit_code == 0, done.output
    assert "Đã phát hành: số 01/TTr-VP ngày 15/11/2021" in done.stdout  # the number the refusal did not take
    (kept,) = [p for p in draft.parent.iterdir() if ".sua-tay-" in p.name]
    assert kept.read_bytes() == edited and kept.name.startswith("TTr-de-nghi-giay-khen.sua-tay-")
    assert f"được giữ lại: {kept.name}" in done.stderr
    assert "Giám đốc dặn thêm: sửa tay" not in texts(Document(str(draft)))  # the issued copy, from the inputs


def test_a_consolidated_list_edited_by_hand_is_kept_before_it_is_written_again(workspace):
    """The office marks tong_hop.xlsx up for the council; the next ingest (or a build after the evidence changed)
    keeps that copy beside the new list and says so. A list tdkt wrote itself is simply replaced."""
    from openpyxl import load_workbook

    from tests.workbooks import HEADER, person, xlsx

    _build_lines(workspace)
    path = workspace.outputs / SAMPLE / "tong_hop.xlsx"
    args = ["--templates", str(workspace.templates)]
    again = cli(workspace, "ingest", str(workspace.inputs / SAMPLE), *args)
    assert again.exit_code == 0 and "sửa ngoài tdkt" not in again.output
    book = load_workbook(path)
    book.active["K2"] = "Hội đồng: đồng ý"
    book.save(path)
    marked = path.read_bytes()
    again = cli(workspace, "ingest", str(workspace.inputs / SAMPLE), *args)
    (kept,) = [p for p in path.parent.iterdir() if p.name.startswith("tong_hop.sua-tay-")]
    assert kept.read_bytes() == marked and path.read_bytes() != marked
    assert (
        f"Cảnh báo: {path}: bảng tổng hợp đã bị sửa ngoài tdkt; bản sửa tay được giữ lại: {kept.name}" in again.stderr
    )
    kept.unlink()
    book = load_workbook(path)
    book.active["K2"] = "Hội đồng: đồng ý"
    book.save(path)
    marked = path.read_bytes()
    _build_lines(workspace)  # the evidence did not change: the list is not written again
    assert path.read_bytes() == marked and not [p for p in path.parent.iterdir() if ".sua-tay-" in p.name]
    xlsx(workspace.inputs / SAMPLE / "de_nghi" / "them.xlsx", [HEADER, person("Phan Văn Mới")])
    built = cli(workspace, "build", str(workspace.inputs / SAMPLE), *args)
    (kept,) = [p for p in path.parent.iterdir() if p.name.startswith("tong_hop.sua-tay-")]
    assert kept.read_bytes() == marked and "Phan Văn Mới" in [c.value for c in load_workbook(path).active["B"]]
    assert f"bảng tổng hợp đã bị sửa ngoài tdkt; bản sửa tay được giữ lại: {kept.name}" in built.stderr


def test_register_export_keeps_what_the_clerk_typed_into_the_last_one(workspace):
    """The văn thư types the date each document went out (and who signed for it) into the exported register; the
    next export, with one more document, carries those cells over. A file at that path that is no register is kept."""
    issue(workspace, TTR, dt.date(2021, 11, 15))
    target = workspace.outputs / "so.xlsx"
    assert export_register(workspace, target).exit_code == 0
    book = load_workbook(target)
    ws = book["Sổ đăng ký"]
    ws["H3"], ws["I3"], ws["J3"] = "16/11/2021", "Lan (VP)", "Gửi bưu điện"
    book.save(target)
    issue(workspace, QD, dt.date(2021, 11, 20))
    again = export_register(workspace, target)
    assert again.exit_code == 0 and again.stdout == f"Đã ghi: {target} (2 văn bản)\n"
    rows = [[c.value for c in row] for row in load_workbook(target)["Sổ đăng ký"].iter_rows(min_row=3)]
    assert [r[0] for r in rows] == ["01/TTr-VP", "02/QĐ-SKHĐT"]
    assert rows[0][7:10] == ["16/11/2021", "Lan (VP)", "Gửi bưu điện"]
    assert rows[1][7:9] == [None, None]
    target.write_bytes(b"not a workbook")
    kept_run = export_register(workspace, target)
    (kept,) = [p for p in target.parent.iterdir() if p.name.startswith("so.sua-tay-")]
    assert kept.read_bytes() == b"not a workbook" and f"được giữ lại: {kept.name}" in kept_run.stderr


def test_a_number_is_never_dated_before_the_one_before_it(workspace):
    """Numbers run in time order through a series: a document dated before the last one issued would take a higher
    number with an earlier date (what an inspector reads as back-dating) — refused, no number taken."""
    issue(workspace, QD, dt.date(2021, 11, 20))
    with pytest.raises(TdktError) as refused:
        issue(workspace, "ke_hoach", dt.date(2021, 10, 15))
    (problem,) = refused.value.problems
    assert problem.message == (
        "số 02 sẽ mang ngày 15/10/2021, trước ngày của số 01/QĐ-SKHĐT (20/11/2021) trong cùng sổ: số văn bản đi cấp "
        "theo thứ tự thời gian — phát hành với ngày từ 20/11/2021; chưa cấp số"
    )
    assert [e.so_ky_hieu for e in workspace.archive.entries()] == ["01/QĐ-SKHĐT"]
    assert issue(workspace, "ke_hoach", dt.date(2021, 11, 20)).entry.so_ky_hieu == "02/KH-SKHĐT"  # the same day is fine
    later = dt.date.today() + dt.timedelta(days=1)  # a date not yet come (a month typed wrong) would hold the series
    with pytest.raises(TdktError) as refused:
        issue(workspace, TTR, later)
    assert refused.value.problems[0].message.startswith(f"ngày {later:%d/%m/%Y} chưa tới: văn bản đi được cấp số")
    assert len(workspace.archive.entries()) == 2
