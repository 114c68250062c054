"""Batch work (issue 7): certificates, worker processes, progress and the closing summary."""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
from pathlib import Path

from click.testing import CliRunner
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from pipeline.build import build
from pipeline.certificates import CertificateReport, certificates
from pipeline.cli import main
from pipeline.issue import issue_document
from tests.documents.kinds.test_reward import giay_khen_nominees

from .conftest import SAMPLE
from .readback import texts
from .test_issue import issue
from .workbooks import HEADER, person, xlsx


def nominees(built_sample) -> list[str]:
    collectives, individuals = giay_khen_nominees(built_sample)
    return collectives + individuals


def names_in(doc) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == "TDKT Giấy khen (họ tên)"]


def test_one_certificate_per_awardee(workspace, built_sample):
    report = certificates(workspace.inputs / SAMPLE, workspace, draft=True)
    names = nominees(built_sample)
    assert report.people == len(names) == 12
    assert len(report.written) == 12
    first = Document(str(report.written[0]))
    got = texts(first)
    assert got[:7] == [
        "BẢN NHÁP",  # the decision is not issued yet: a draft print, marked so
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "GIÁM ĐỐC SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
        "TẶNG",
        "GIẤY KHEN",
        names[0],
    ]
    assert "Quyết định số      /QĐ-SKHĐT" in got
    assert not any(t.startswith("Số sổ vàng") for t in got)  # a draft takes no number
    assert "Bình Định, ngày 20 tháng 11 năm 2021" in got
    assert first.sections[0].orientation == WD_ORIENT.LANDSCAPE
    assert [names_in(Document(str(p))) for p in report.written] == [[n] for n in names]


def test_two_awardees_of_one_name_get_a_certificate_each(workspace):
    """Two Nguyễn Văn Nam in two units: a draft file each, the second one's name told apart, none lost."""
    rows = [
        HEADER,
        person("Nguyễn Văn Nam", unit="Văn phòng"),
        person("Nguyễn Văn Nam", unit="Phòng Tổng hợp, Quy hoạch", n=2),
    ]
    xlsx(workspace.inputs / SAMPLE / "de_nghi" / "them-cung-ten.xlsx", rows)
    report = certificates(workspace.inputs / SAMPLE, workspace, draft=True)
    assert report.people == len(report.written) == 14
    assert len(set(report.written)) == 14 and all(p.is_file() for p in report.written)
    same = [p for p in report.written if p.name.startswith("nhap-nguyen-van-nam")]
    assert [p.name for p in same] == ["nhap-nguyen-van-nam.docx", "nhap-nguyen-van-nam-2.docx"]
    units = [next(t for t in texts(Document(str(p))) if t.startswith("Chuyên viên")) for p in same]
    assert sorted(units) == ["Chuyên viên Phòng Tổng hợp, Quy hoạch", "Chuyên viên Văn phòng"]


def test_one_print_file_with_a_page_per_person(workspace, built_sample):
    report = certificates(workspace.inputs / SAMPLE, workspace, merged=True, draft=True)
    (path,) = report.written
    doc = Document(str(path))
    breaks = [b for b in doc.element.body.iter(qn("w:br")) if b.get(qn("w:type")) == "page"]
    assert len(breaks) == report.people - 1 == 11
    assert names_in(doc) == nominees(built_sample)
    assert texts(doc).count("BẢN NHÁP") == report.people  # on every page


def test_certificates_refuse_an_unissued_decision_unless_a_draft(workspace):
    args = ["certificates", str(workspace.inputs / SAMPLE), "--outputs", str(workspace.outputs)]
    result = CliRunner().invoke(main, [*args, "--templates", str(workspace.templates)])
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "quyết định “quyet_dinh_giay_khen” chưa phát hành (số trống): in giấy khen sau khi phát hành (tdkt issue … "
        "--doc quyet_dinh_giay_khen), hoặc in bản nháp với --nhap\n"
    )
    assert not (workspace.outputs / SAMPLE / "giay_khen").exists()


def test_the_gold_book_number_runs_through_the_year_and_stays_with_each_person(workspace):
    campaign = workspace.inputs / SAMPLE / "phong_trao.toml"
    text = campaign.read_text(encoding="utf-8")
    start = text.index('[[van_ban]]\nma = "quyet_dinh_giay_khen"')
    second = text[start : text.index("# Bằng khen của Chủ tịch", start)]
    second = second.replace('ma = "quyet_dinh_giay_khen"', 'ma = "quyet_dinh_giay_khen_dot_2"').replace(
        'ten_tep = "tang giay khen"', 'ten_tep = "tang giay khen dot 2"'
    )
    campaign.write_text(text + "\n" + second, encoding="utf-8")
    for code, day in (
        ("quyet_dinh_giay_khen", dt.date(2021, 11, 26)),
        ("quyet_dinh_giay_khen_dot_2", dt.date(2021, 12, 1)),
    ):
        issue_document(workspace.inputs / SAMPLE, code, workspace, workspace.archive, day, pdf=False)

    def numbers(code):
        report = certificates(workspace.inputs / SAMPLE, workspace, code=code, merged=True)
        (printed,) = report.written or report.unchanged  # printed again, the same file is left as it is
        return [t.removeprefix("Số sổ vàng: ") for t in texts(Document(str(printed))) if t.startswith("Số sổ vàng")]

    first = numbers("quyet_dinh_giay_khen")
    assert first == [f"{i:03d}" for i in range(1, 13)]
    assert numbers("quyet_dinh_giay_khen_dot_2") == [f"{i:03d}" for i in range(13, 25)]  # the series goes on
    assert numbers("quyet_dinh_giay_khen") == first  # printed again: the same numbers


def test_certificates_show_the_decision_number_once_issued(workspace):
    issue(workspace, "quyet_dinh_giay_khen", dt.date(2021, 11, 26))
    report = certificates(workspace.inputs / SAMPLE, workspace, code="quyet_dinh_giay_khen", merged=True)
    got = texts(Document(str(report.written[0])))
    assert "Quyết định số 01/QĐ-SKHĐT" in got and "ngày 26 tháng 11 năm 2021" in got


def test_certificates_without_a_decision_is_an_error(workspace):
    result = CliRunner().invoke(
        main, ["certificates", str(workspace.inputs / SAMPLE), "--doc", "ke_hoach", "--outputs", str(workspace.outputs)]
    )
    assert result.exit_code == 1
    assert result.stderr.endswith("không có quyết định khen thưởng có ma = “ke_hoach” để in giấy khen\n")


def test_workers_give_the_same_documents_as_one_process(workspace, tmp_path):
    one = build([workspace.inputs / SAMPLE], workspace, jobs=1)
    first = {p.name: p.read_bytes() for p in one.written if p.suffix == ".docx"}
    for p in one.written:
        p.unlink()
    (workspace.outputs / SAMPLE / ".tdkt-ban-dung.json").unlink()
    two = build([workspace.inputs / SAMPLE], workspace, jobs=2)
    second = {p.name: p.read_bytes() for p in two.written if p.suffix == ".docx"}
    assert second == first and len(first) == 5
    cards_one = certificates(workspace.inputs / SAMPLE, workspace, jobs=1, draft=True)
    bytes_one = [p.read_bytes() for p in cards_one.written]
    shutil.rmtree(workspace.outputs / SAMPLE / "giay_khen")  # else the same certificates are left as they are
    cards_two = certificates(workspace.inputs / SAMPLE, workspace, jobs=2, draft=True)
    assert [p.read_bytes() for p in cards_two.written] == bytes_one


def test_progress_bar_and_summary_on_the_error_stream(workspace):
    args = ["--outputs", str(workspace.outputs), "--templates", str(workspace.templates)]
    result = CliRunner().invoke(main, ["certificates", str(workspace.inputs / SAMPLE), *args, "--jobs", "2", "--nhap"])
    assert result.exit_code == 0
    assert "In giấy khen" in result.stderr  # more than a few documents: a progress bar
    (folder,) = {p.parent for p in (workspace.outputs / SAMPLE / "giay_khen").rglob("*.docx")}
    # one line for the award's folder, not a line for each of its certificates
    assert result.stdout.splitlines() == [
        f"Đã ghi: {folder}{os.sep} (12 tệp)",
        "Xong: giấy khen cho 12 người, 12 tệp ghi mới.",
    ]
    assert result.stderr.rstrip().splitlines()[-1].startswith("(") and "giây)" in result.stderr
    built = CliRunner().invoke(main, ["build", str(workspace.inputs / SAMPLE), *args, "--jobs", "1"])
    assert "Dựng văn bản" not in built.stderr  # five documents: no bar
    assert built.stderr.rstrip().splitlines()[-1].startswith("(4 cảnh báo, ")


def test_a_certificate_edited_by_hand_is_kept_before_a_new_print(workspace):
    """A clerk fixed one certificate in Word, then prints again: the edited file is kept beside the new one, and
    said; the others, the same as before, are left as they are."""
    first = certificates(workspace.inputs / SAMPLE, workspace, draft=True)
    edited = first.written[3]
    doc = Document(str(edited))
    doc.add_paragraph("Sửa tay: đúng dấu của tên")
    doc.save(str(edited))
    mine = edited.read_bytes()
    again = certificates(workspace.inputs / SAMPLE, workspace, draft=True)
    assert again.written == (edited,) and again.unchanged == tuple(p for p in first.written if p != edited)
    (kept,) = [p for p in edited.parent.iterdir() if ".sua-tay-" in p.name]
    assert kept.name.startswith(edited.stem + ".sua-tay-") and kept.read_bytes() == mine
    assert "Sửa tay: đúng dấu của tên" not in texts(Document(str(edited)))  # the new one is tdkt's
    assert [(w.file, w.message) for w in again.warnings if "sửa ngoài tdkt" in w.message] == [
        (edited, f"giấy khen đã bị sửa ngoài tdkt; bản sửa tay được giữ lại: {kept.name}")
    ]
    third = certificates(workspace.inputs / SAMPLE, workspace, draft=True)  # nothing edited since: nothing kept
    assert not [w for w in third.warnings if "sửa ngoài tdkt" in w.message]
    assert len([p for p in edited.parent.iterdir() if ".sua-tay-" in p.name]) == 1


def test_a_print_again_leaves_the_same_certificates_alone_and_writes_what_changed(workspace):
    """Printed again after a unit sent one more nominee: the certificates that come out byte for byte the same are
    left as they are (the same files, with their dates: a clerk sees which are new); the new one is written, and one
    deleted by mistake is written back. The run says which is which, a line for each folder."""
    first = certificates(workspace.inputs / SAMPLE, workspace, draft=True)
    before = {p: p.stat() for p in first.written}
    deleted = first.written[5]
    deleted.unlink()
    xlsx(workspace.inputs / SAMPLE / "de_nghi" / "bo-sung.xlsx", [HEADER, person("Đinh Thị Mới")])
    again = certificates(workspace.inputs / SAMPLE, workspace, draft=True)
    (new,) = [p for p in again.written if p.name.startswith("nhap-dinh-thi-moi")]
    assert sorted(again.written) == sorted([deleted, new]) and again.people == 13
    assert sorted(again.unchanged) == sorted(p for p in first.written if p != deleted)
    for path in again.unchanged:
        assert (path.stat().st_ino, path.stat().st_mtime_ns) == (before[path].st_ino, before[path].st_mtime_ns)
    assert names_in(Document(str(new))) == ["Đinh Thị Mới"] and deleted.is_file()

    args = ["--outputs", str(workspace.outputs), "--templates", str(workspace.templates), "--nhap"]
    third = CliRunner().invoke(main, ["certificates", str(workspace.inputs / SAMPLE), *args])
    assert third.exit_code == 0, third.output
    assert third.stdout.splitlines() == [
        f"Không đổi: {new.parent}{os.sep} (13 tệp)",
        "Xong: giấy khen cho 13 người, 0 tệp ghi mới (13 tệp không đổi).",
    ]


def test_the_issued_print_takes_the_place_of_the_draft_print(workspace, monkeypatch):
    """Printed as a draft, then issued and printed again: the award's folder holds the issued certificates, not the
    drafts beside them (a clerk who prints the folder prints no BẢN NHÁP page). A draft edited by hand since is the
    clerk's: kept, and said; one that cannot be removed (open in Word) is said, and removed at the next print."""
    draft = certificates(workspace.inputs / SAMPLE, workspace, draft=True)
    edited, locked = draft.written[0], draft.written[1]
    doc = Document(str(edited))
    doc.add_paragraph("Sửa tay")
    doc.save(str(edited))
    issue(workspace, "quyet_dinh_giay_khen", dt.date(2021, 11, 26))
    real_unlink = Path.unlink

    def in_word(path, *args, **kwargs):
        if path == locked:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(Path, "unlink", in_word)
    issued = certificates(workspace.inputs / SAMPLE, workspace)
    folder = edited.parent
    assert {p.parent for p in issued.written} == {folder} and len(issued.written) == 12
    assert all(p.name[:3].isdigit() for p in issued.written)
    assert sorted(issued.removed) == sorted(draft.written[2:])
    assert sorted(folder.iterdir()) == sorted([*issued.written, edited, locked])
    assert [(w.file, w.message) for w in issued.warnings if "lần in" in w.message] == [
        (edited, "giấy khen của lần in trước, không thuộc lần in này, đã bị sửa ngoài tdkt: giữ nguyên tệp")
    ]
    assert [w.message for w in issued.warnings if w.file == locked] == [
        "không xoá được: không có quyền ghi (hoặc tệp đang mở trong Word/Excel; hãy đóng rồi chạy lại)"
    ]
    monkeypatch.undo()

    args = ["--outputs", str(workspace.outputs), "--templates", str(workspace.templates)]
    again = CliRunner().invoke(main, ["certificates", str(workspace.inputs / SAMPLE), *args])
    assert again.exit_code == 0, again.output
    assert sorted(folder.iterdir()) == sorted([*issued.written, edited])  # the edited draft is no longer tdkt's
    assert again.stdout.splitlines() == [
        f"Không đổi: {folder}{os.sep} (12 tệp)",
        f"Đã xoá bản in trước: {folder}{os.sep} (1 tệp)",
        "Xong: giấy khen cho 12 người, 0 tệp ghi mới (12 tệp không đổi).",
    ]
    assert "sửa ngoài tdkt" not in again.stderr


def test_a_print_says_one_line_for_each_folder_however_its_files_come(workspace, monkeypatch):
    """Files of two awards' folders in any order (an earlier print's record lists them as it met them): one line
    each, with its count."""
    a, b = workspace.outputs / "a", workspace.outputs / "b"
    files = (a / "1.docx", b / "1.docx", a / "2.docx", b / "2.docx", a / "3.docx")
    report = CertificateReport((), 0, (), unchanged=(), removed=files)
    monkeypatch.setattr("pipeline.certificates.certificates", lambda *args, **kwargs: report)
    result = CliRunner().invoke(main, ["certificates", str(workspace.inputs / SAMPLE)])
    assert result.stdout.splitlines()[:2] == [
        f"Đã xoá bản in trước: {a}{os.sep} (3 tệp)",
        f"Đã xoá bản in trước: {b}{os.sep} (2 tệp)",
    ]
