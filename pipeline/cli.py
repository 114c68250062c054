"""The `tdkt` command: a thin Click skin over the library, and the only module that prints.

Every error a clerk can cause is a TdktError; it is translated here, once, into one Vietnamese line per problem
and exit status 1. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import atexit
import collections
import contextlib
import datetime as dt
import gc
import json
import os
import re
import signal
import sqlite3
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__, cli_messages
from .errors import Problem, TdktError
from .fsutil import os_problem

if TYPE_CHECKING:
    from .archive.store import Archive
    from .check.rules import CheckReport
    from .consolidate import Report
    from .workspace import Workspace

# The library is imported inside each command, for what that command uses: `tdkt --help` or `tdkt words` should
# not pay for LibreOffice, PDF and spreadsheet libraries it never touches.

cli_messages.install()  # Click's own texts (usage errors, --help headings) in Vietnamese


class TdktCommand(click.Command):
    """A command whose usage line reads in Vietnamese."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[TÙY CHỌN]")
        super().__init__(*args, **kwargs)


class TdktGroup(click.Group):
    command_class = TdktCommand

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[TÙY CHỌN]")
        kwargs.setdefault("subcommand_metavar", "LỆNH [THAM SỐ]...")
        super().__init__(*args, **kwargs)

    def invoke(self, ctx: click.Context):
        ctx.meta[STARTED] = time.perf_counter()  # before a command imports what it needs: the wait a clerk has
        try:
            return super().invoke(ctx)
        except TdktError as e:
            _print_problems(e)
        except OSError as e:  # what the OS refuses where no stage said it better: still one line, no traceback
            _print_problems(os_problem(e))
        except sqlite3.Error as e:
            _print_problems(TdktError(f"lỗi sổ đăng ký ({e})"))


STARTED = "tdkt.started"


def _seconds() -> float:
    """Seconds since the command started, its imports included (the summary line's figure)."""
    return time.perf_counter() - click.get_current_context().meta[STARTED]


def _print_problems(error: TdktError) -> None:
    for problem in error.problems:
        promoted = " (cảnh báo, dừng vì --strict)" if problem.warning else ""
        click.echo(f"Lỗi: {problem}{promoted}", err=True)
    sys.exit(1)


def _stop_on_sigterm() -> None:
    """SIGTERM ends tdkt as Ctrl+C does, so that its `finally` blocks remove temporary work and child processes."""

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    with contextlib.suppress(ValueError, OSError, AttributeError):  # not the main thread, or no such signal
        signal.signal(signal.SIGTERM, stop)


def _utf8_console() -> None:
    # A Windows console may still use a legacy code page; Vietnamese needs UTF-8.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            with contextlib.suppress(ValueError, OSError):  # a stream that cannot change keeps its encoding
                stream.reconfigure(encoding="utf-8")


@click.group(
    cls=TdktGroup,
    help="tdkt — soạn văn bản thi đua - khen thưởng đúng thể thức Nghị định 30/2020.",
    context_settings={"help_option_names": ["--help", "-h"]},
)
@click.version_option(__version__, prog_name="tdkt")
def main() -> None:
    _utf8_console()
    _stop_on_sigterm()


_dir = click.Path(file_okay=False, path_type=Path)


_path = click.argument(
    "path", required=False, metavar="[PATH]", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
_inputs = click.option(
    "--inputs", type=_dir, metavar="THƯ_MỤC", default=Path("inputs"), show_default=True, help="Thư mục đầu vào."
)
_templates = click.option(
    "--templates",
    type=_dir,
    metavar="THƯ_MỤC",
    default=Path("templates_docx"),
    show_default=True,
    help="Thư mục mẫu Word.",
)
_outputs = click.option(
    "--outputs", type=_dir, metavar="THƯ_MỤC", default=Path("outputs"), show_default=True, help="Thư mục kết quả."
)
_archive = click.option(
    "--luu-tru",
    "archive",
    type=_dir,
    metavar="THƯ_MỤC",
    default=None,
    help="Thư mục lưu văn bản đã phát hành [mặc định: OUTPUTS/luu_vt].",
)
_jobs = click.option(
    "--jobs",
    type=click.IntRange(min=1),
    metavar="SỐ",
    default=lambda: os.cpu_count() or 1,
    show_default="số lõi CPU",
    help="Số tiến trình làm song song (đọc hồ sơ đề nghị, dựng văn bản).",
)


def _progress(label: str):
    """A progress bar on the error stream, so that standard output stays a clean list of what was written."""

    def bar(total: int):
        return click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True)

    return bar


def _workspace(inputs: Path, templates: Path, outputs: Path, archive: Path | None = None) -> Workspace:
    from .workspace import Workspace

    return Workspace(inputs, templates, outputs, archive)


def _agency_option(help_text: str):
    """`--co-quan TỆP`: the agency profile, for commands that need it without a campaign."""
    return click.option(
        "--co-quan",
        "agency_file",
        type=click.Path(dir_okay=False, path_type=Path),
        metavar="TỆP",
        default=Path("inputs") / "co_quan.toml",
        show_default=True,
        help=help_text,
    )


_strict = click.option("--strict", is_flag=True, help="Coi cảnh báo là lỗi: dừng lại, không ghi gì.")


def _print_evidence(report: Report) -> None:
    for campaign, evidence in report.evidence:
        collectives = sum(1 for n in evidence.nominations if n.tap_the)
        click.echo(
            f"{campaign.ma}: {len(evidence.nominations)} đề nghị từ {len(evidence.files)} tệp "
            f"({collectives} tập thể, {len(evidence.nominations) - collectives} cá nhân)"
        )


@main.command("ingest", help="Đọc các bảng đề nghị của một đợt (PATH), hoặc mọi đợt, và ghi tong_hop.xlsx.")
@_path
@_inputs
@_templates
@_outputs
@_strict
@_jobs
def ingest_command(path: Path | None, inputs: Path, templates: Path, outputs: Path, strict: bool, jobs: int) -> None:
    from .consolidate import ingest

    report = ingest(_campaigns(path, inputs), _workspace(inputs, templates, outputs), strict=strict, jobs=jobs)
    for warning in report.warnings:
        click.echo(f"Cảnh báo: {warning}", err=True)
    _print_evidence(report)
    for written in report.written:
        click.echo(f"Đã ghi: {written}")
    click.echo(f"Xong: {len(report.written)} tệp tổng hợp.")


@main.command("build", help="Dựng các văn bản của một đợt thi đua (PATH), hoặc của mọi đợt trong thư mục đầu vào.")
@_path
@_inputs
@_templates
@_outputs
@_archive
@_strict
@click.option("--da-ky", "signed", is_flag=True, help="Ghi “(Đã ký)” vào chỗ ký, cho bản sao lưu hành.")
@_jobs
def build_command(
    path: Path | None,
    inputs: Path,
    templates: Path,
    outputs: Path,
    archive: Path | None,
    strict: bool,
    signed: bool,
    jobs: int,
) -> None:
    from .build import Action, build
    from .consolidate import CONSOLIDATED

    workspace = _workspace(inputs, templates, outputs, archive)
    report = build(
        _campaigns(path, inputs), workspace, signed=signed, strict=strict, jobs=jobs, progress=_progress("Dựng văn bản")
    )
    for warning in report.warnings:
        click.echo(f"Cảnh báo: {warning}", err=True)
    _print_evidence(report)
    if any(p.name == CONSOLIDATED for p in report.written):
        for path in (p for p in report.written if p.name == CONSOLIDATED):
            click.echo(f"Đã ghi: {path}")
    for outcome in report.outcomes:
        if outcome.action is Action.NEW:
            click.echo(f"Đã ghi: {outcome.path}")
        elif outcome.action is Action.REBUILT:
            click.echo(f"Dựng lại: {outcome.path} (đã đổi: {', '.join(outcome.reasons)})")
        elif outcome.action is Action.UNCHANGED:
            click.echo(f"Không đổi: {outcome.path}")
        else:
            entry = outcome.entry
            click.echo(f"Giữ nguyên: {outcome.path} (đã phát hành số {entry.so_ky_hieu} ngày {entry.ngay:%d/%m/%Y})")
    for path in report.removed:
        click.echo(f"Đã xoá bản nháp cũ: {path} (văn bản không còn trong đợt, hoặc đã đổi tên tệp)")
    made = sum(1 for o in report.outcomes if o.action in (Action.NEW, Action.REBUILT))
    seconds = _seconds()
    click.echo(f"Xong: {made} văn bản được dựng, {len(report.outcomes) - made} giữ nguyên.")
    click.echo(f"({len(report.warnings)} cảnh báo, {seconds:.1f} giây)", err=True)


@main.command("words", help="Đọc số tiền thành chữ, ví dụ: tdkt words 1050000")
@click.argument("amount", metavar="SỐ_TIỀN")
@click.option("--le", is_flag=True, help="Đọc “lẻ” thay cho “linh” (1.005: một nghìn không trăm lẻ năm).")
@click.option("--tu", is_flag=True, help="Đọc “tư” cho số 4 sau hàng chục từ 2 trở lên (hai mươi tư).")
def words_command(amount: str, le: bool, tu: bool) -> None:
    from .documents.words import MAX_AMOUNT, so_thanh_chu, so_tien

    digits = amount.replace(".", "").replace(",", "").replace(" ", "")
    if not digits.isdigit() or int(digits) > MAX_AMOUNT:
        raise TdktError(Problem(amount, "không phải số tiền (ví dụ 1050000 hoặc 1.050.000)"))
    value = int(digits)
    click.echo(f"{so_tien(value)}: {so_thanh_chu(value, linh='lẻ' if le else 'linh', tu=tu)}")


def _table(report: CheckReport) -> None:
    from .check.rules import STATUS_TEXT

    click.echo(str(report.file))
    rows = [(v.title, STATUS_TEXT[v.status], v.where, v.detail) for v in report.verdicts]
    width = max((len(r[0]) for r in rows), default=10)
    click.echo(f"  {'Quy tắc':<{width}}  {'Kết quả':<10}  Vị trí")
    for title, verdict, where, detail in rows:
        plain = not where or re.fullmatch(r"(phần|trang) \d+|\d+ trang", where)
        place = where if plain else f"“{where[:70]}”"
        note = f" — {detail}" if detail and verdict != "đạt" else ""
        click.echo(f"  {title:<{width}}  {verdict:<10}  {place}{note}")
    counts = {key: sum(1 for v in report.verdicts if v.status == key) for key in STATUS_TEXT}
    click.echo("  Kết quả: " + ", ".join(f"{n} {STATUS_TEXT[key]}" for key, n in counts.items()))


@main.command("check", help="Kiểm tra thể thức Nghị định 30/2020 của các tệp .docx.")
@click.argument("files", nargs=-1, required=True, metavar="TỆP...", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON cho máy đọc.")
@click.option("--render", is_flag=True, help="Dàn trang bằng LibreOffice và kiểm tra cả những gì chỉ thấy khi in.")
def check_command(files: tuple[Path, ...], as_json: bool, render: bool) -> None:
    from .check.files import check_file
    from .render.office import find_soffice

    if render and find_soffice() is None:
        click.echo("Cảnh báo: không tìm thấy LibreOffice (soffice); bỏ qua --render.", err=True)
        render = False
    reports, unreadable = [], False
    for path in files:
        try:
            reports.append(check_file(path, render=render))
        except TdktError as e:
            unreadable = True
            for problem in e.problems:
                click.echo(f"Lỗi: {problem}", err=True)
    if as_json:
        data = [
            {
                "tep": str(r.file),
                "dat": r.ok,
                "ket_qua": [
                    {"quy_tac": v.rule, "ten": v.title, "ket_qua": v.status, "vi_tri": v.where, "chi_tiet": v.detail}
                    for v in r.verdicts
                ],
            }
            for r in reports
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for report in reports:
            _table(report)
    if unreadable:
        sys.exit(2)
    if not all(r.ok for r in reports):
        sys.exit(1)


def _campaigns(path: Path | None, inputs: Path) -> list[Path]:
    """The campaign named, or every campaign under the inputs folder."""
    from .campaign import campaign_folders

    return [path] if path is not None else campaign_folders(inputs)


@main.command("issue", help="Phát hành một văn bản: cấp số, ghi ngày, lưu bản gốc (Lưu VT) và vào sổ đăng ký.")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--doc", "code", required=True, metavar="MÃ", help="Mã văn bản (khóa ma trong phong_trao.toml).")
@click.option(
    "--ngay",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="NĂM-THÁNG-NGÀY",
    default=None,
    help="Ngày văn bản, mặc định hôm nay.",
)
@click.option(
    "--thay-the", "replacement", is_flag=True, help="Ban hành văn bản thay thế văn bản đã phát hành (số mới)."
)
@click.option("--khong-pdf", "no_pdf", is_flag=True, help="Không tạo bản PDF (chỉ lưu bản Word).")
@click.option(
    "--bo-sua-tay",
    "drop_edits",
    is_flag=True,
    help="Phát hành dù bản nháp đã bị sửa tay: bản phát hành dựng từ dữ liệu, bản sửa tay được giữ lại bên cạnh.",
)
@click.option(
    "--so",
    "external",
    type=click.IntRange(min=1),
    default=None,
    metavar="SỐ",
    help="Số do hệ thống quản lý văn bản điện tử của cơ quan cấp (ghi vào sổ là số ngoài, không theo dãy số của tdkt).",
)
@_inputs
@_templates
@_outputs
@_archive
def issue_command(
    path: Path,
    code: str,
    day: dt.datetime | None,
    replacement: bool,
    no_pdf: bool,
    drop_edits: bool,
    external: int | None,
    inputs: Path,
    templates: Path,
    outputs: Path,
    archive: Path | None,
) -> None:
    from .issue import issue_document

    workspace = _workspace(inputs, templates, outputs, archive)
    when = day.date() if day is not None else dt.date.today()
    result = issue_document(
        path,
        code,
        workspace,
        workspace.archive,
        when,
        replacement=replacement,
        pdf=not no_pdf,
        external=external,
        drop_edits=drop_edits,
    )
    for warning in result.warnings:
        click.echo(f"Cảnh báo: {warning}", err=True)
    entry = result.entry
    click.echo(f"Đã phát hành: số {entry.so_ky_hieu} ngày {entry.ngay:%d/%m/%Y} — {entry.ten_loai} {entry.trich_yeu}")
    if entry.ghi_chu:
        click.echo(f"  {entry.ghi_chu}")
    for written in result.files:
        click.echo(f"Đã ghi: {written}")


@main.command("status", help="Liệt kê các văn bản của đợt thi đua: nháp hay đã phát hành, và có cần dựng lại không.")
@_path
@_inputs
@_templates
@_outputs
@_archive
def status_command(path: Path | None, inputs: Path, templates: Path, outputs: Path, archive: Path | None) -> None:
    from .build import status
    from .manifest import DraftState

    state_text = {
        DraftState.ISSUED: "đã phát hành",
        DraftState.UP_TO_DATE: "nháp, đã cập nhật",
        DraftState.CHANGED: "nháp, cần dựng lại",
        DraftState.EDITED: "nháp, cần dựng lại",
        DraftState.NEW: "nháp, chưa dựng",
    }
    for state in status(_campaigns(path, inputs), _workspace(inputs, templates, outputs, archive)):
        text = state_text[state.state]
        if state.entry is not None:
            text += f" số {state.entry.so_ky_hieu} ngày {state.entry.ngay:%d/%m/%Y}"
            if state.reasons:
                text += f"; đầu vào đã đổi sau khi phát hành ({', '.join(state.reasons)})"
        elif state.reasons:
            text += f" (đã đổi: {', '.join(state.reasons)})"
        summary = state.trich_yeu if len(state.trich_yeu) <= 60 else state.trich_yeu[:59] + "…"
        click.echo(f"{state.ma}\t{state.loai}\t{summary}\t{text}")


@main.group("register", cls=TdktGroup, help="Sổ đăng ký văn bản đi.")
def register_group() -> None:
    pass


def _archive_of(outputs: Path, archive: Path | None) -> Archive:
    return _workspace(Path("inputs"), Path("templates_docx"), outputs, archive).archive


@register_group.command("list", help="In sổ đăng ký văn bản đi.")
@click.option("--nam", "year", type=int, default=None, metavar="NĂM", help="Chỉ năm này.")
@_outputs
@_archive
def register_list(year: int | None, outputs: Path, archive: Path | None) -> None:
    from .archive.book import listing

    entries = _archive_of(outputs, archive).entries(year)
    for row in listing(entries):
        click.echo("\t".join(value.replace("\n", "; ") for value in row))
    click.echo(f"Tổng: {len(entries)} văn bản.")


@register_group.command("export", help="Ghi sổ đăng ký văn bản đi của một năm ra tệp Excel để in.")
@click.option("--nam", "year", type=int, required=True, metavar="NĂM", help="Năm của sổ.")
@click.option(
    "--out", "target", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="TỆP", help="Tệp .xlsx."
)
@_agency_option("Hồ sơ cơ quan (cho bìa sổ).")
@_outputs
@_archive
def register_export(year: int, target: Path | None, agency_file: Path, outputs: Path, archive: Path | None) -> None:
    from .archive.book import export
    from .campaign import load_agency_only

    agency = load_agency_only(agency_file)
    store = _archive_of(outputs, archive)
    target = target or store.folder / str(year) / f"so-dang-ky-van-ban-di-{year}.xlsx"
    path, count, kept = export(store, agency, year, target)
    if kept is not None:
        click.echo(
            f"Cảnh báo: {path}: tệp có sẵn không phải sổ đăng ký do tdkt ghi; được giữ lại: {kept.name}", err=True
        )
    click.echo(f"Đã ghi: {path} ({count} văn bản)")


@register_group.command("verify", help="Băm lại các tệp đã lưu và báo tệp nào bị sửa hoặc mất.")
@click.option("--khoi-phuc", "restore", is_flag=True, help="Ghi lại bản gốc từ sổ đăng ký cho tệp bị sửa hoặc mất.")
@_outputs
@_archive
def register_verify(restore: bool, outputs: Path, archive: Path | None) -> None:
    store = _archive_of(outputs, archive)
    findings = store.verify(restore=restore, outputs=outputs)
    labels = {
        "thieu": "mất",
        "khac": "bị sửa (khác bản trong sổ)",
        "la": "lạ",
        "chuoi": "sổ đăng ký bị sửa",
    }
    for finding in findings:
        done = "; đã khôi phục từ sổ đăng ký" if finding.restored else ""
        detail = f" — {finding.detail}" if finding.detail else ""
        click.echo(f"{finding.path}: {labels[finding.problem]}{detail}{done}", err=True)
    count = len(store.entries())
    left = [f for f in findings if not f.restored]
    if left:
        hint = " Chạy lại với --khoi-phuc." if any(f.problem in ("thieu", "khac") for f in left) else ""
        click.echo(f"Có {len(left)} điểm không khớp sổ đăng ký ({count} văn bản).{hint}")
        sys.exit(1)
    click.echo(f"Khớp: {count} văn bản trong sổ đăng ký." if not findings else f"Đã khôi phục {len(findings)} tệp.")


@register_group.command(
    "rebuild", help="Lập lại sổ đăng ký từ các bản ghi trong thư mục lưu (khi sổ bị mất hoặc hỏng)."
)
@_outputs
@_archive
def register_rebuild(outputs: Path, archive: Path | None) -> None:
    store = _archive_of(outputs, archive)
    count, aside = store.rebuild()
    if aside is not None:
        click.echo(f"Sổ cũ được giữ lại: {aside}")
    click.echo(f"Đã lập lại sổ đăng ký từ thư mục lưu: {count} văn bản ({store.register_path}).")


@main.command("web", help="Mở trang làm việc trên trình duyệt (chỉ máy này): đợt thi đua, đề nghị, văn bản, phát hành.")
@click.option(
    "--cong", "port", type=click.IntRange(0, 65535), default=0, metavar="CỔNG", help="Cổng (mặc định: một cổng trống)."
)
@click.option("--khong-mo", "no_browser", is_flag=True, help="Không tự mở trình duyệt.")
@_inputs
@_templates
@_outputs
@_archive
def web_command(
    port: int, no_browser: bool, inputs: Path, templates: Path, outputs: Path, archive: Path | None
) -> None:
    from .web.serve import serve

    def announce(address: str) -> None:
        click.echo(f"Trang làm việc: {address}")
        click.echo("Giữ cửa sổ này mở khi làm việc; nhấn Ctrl+C để dừng.")

    serve(_workspace(inputs, templates, outputs, archive), port, not no_browser, announce)


class HistoryGroup(TdktGroup):
    """`tdkt history "Tên"` shows a person; `tdkt history import …` brings an old list in."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["xem", *args]
        return super().parse_args(ctx, args)


_agency_file = _agency_option("Hồ sơ cơ quan (đơn vị, tên cũ của đơn vị).")


@main.group(
    "history",
    cls=HistoryGroup,
    help='Lịch sử khen thưởng và đánh giá các năm: tdkt history "Họ tên" để xem; tdkt history import … để nhập.',
)
def history_group() -> None:
    pass


@history_group.command(
    "xem", help="Các danh hiệu, hình thức khen thưởng và kết quả đánh giá của một người qua các năm."
)
@click.argument("name", metavar="HỌ_TÊN")
@_inputs
@_outputs
@_archive
@_agency_file
def history_show(name: str, inputs: Path, outputs: Path, archive: Path | None, agency_file: Path) -> None:
    from .history_import import person_history

    past, evaluations, awards = person_history(
        name, _workspace(inputs, Path("templates_docx"), outputs, archive), agency_file
    )
    if not past and not evaluations:
        click.echo(f"Không có lịch sử nào của “{name}”.")
        return
    for award in past:
        form = awards.form(award.hinh_thuc)
        decided = f"Quyết định số {award.so_ky_hieu}" if award.so_ky_hieu else "(không rõ số quyết định)"
        if award.ngay:
            decided += f" ngày {dt.date.fromisoformat(award.ngay):%d/%m/%Y}"
        shown = form.ten_ngan if form is not None else award.hinh_thuc
        click.echo(f"{award.nam}\t{shown}\t{award.ho_ten} ({award.don_vi})\t{decided}")
    for evaluation in evaluations:
        click.echo(f"{evaluation.nam}\tĐánh giá: {evaluation.xep_loai}\t{evaluation.ho_ten} ({evaluation.don_vi})")


@history_group.command(
    "import", help="Nhập danh sách khen thưởng hoặc kết quả đánh giá của một năm cũ (TỆP) vào lưu trữ."
)
@click.argument("source", metavar="TỆP", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--nam", "year", type=int, required=True, metavar="NĂM", help="Năm của danh sách.")
@click.option("--so", "number", default="", metavar="SỐ", help="Số, ký hiệu quyết định: 15/QĐ-SKHĐT.")
@click.option(
    "--ngay",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="NĂM-THÁNG-NGÀY",
    help="Ngày của quyết định.",
)
@click.option("--danh-gia", "evaluations", is_flag=True, help="Tệp là kết quả đánh giá, xếp loại (cột “Xếp loại”).")
@_inputs
@_outputs
@_archive
@_agency_file
def history_import_command(
    source: Path,
    year: int,
    number: str,
    day: dt.datetime | None,
    evaluations: bool,
    inputs: Path,
    outputs: Path,
    archive: Path | None,
    agency_file: Path,
) -> None:
    from .history_import import import_history

    workspace = _workspace(inputs, Path("templates_docx"), outputs, archive)
    result = import_history(source, year, number, day.date() if day else None, evaluations, workspace, agency_file)
    for warning in result.warnings:
        click.echo(f"Cảnh báo: {warning}", err=True)
    what = f"{result.evaluations} kết quả đánh giá" if evaluations else f"{result.awards} khen thưởng"
    click.echo(f"Đã nhập {what} năm {year}: {result.record}")


@main.command("new-id", help="Cấp mã đợt thi đua mới cho một thư mục (PATH) chép từ đợt khác.")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
def new_id_command(path: Path) -> None:
    from .campaign import CAMPAIGN_FILE, ensure_identity

    identity = ensure_identity(path, renew=True)
    if not identity:
        raise TdktError(Problem(path / CAMPAIGN_FILE, "không đọc được tệp đợt thi đua"))
    click.echo(f"Mã đợt thi đua mới: {identity} (ghi trong {path / CAMPAIGN_FILE})")


@main.command("certificates", help="In nội dung giấy khen cho từng người được khen trong quyết định của đợt (PATH).")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--doc", "code", default=None, metavar="MÃ", help="Chỉ quyết định có mã này (mặc định: mọi quyết định khen thưởng)."
)
@click.option("--gop", "merged", is_flag=True, help="Gộp thành một tệp in, mỗi người một trang.")
@click.option(
    "--nhap", "draft", is_flag=True, help="In bản nháp (mỗi trang ghi BẢN NHÁP), kể cả từ quyết định chưa phát hành."
)
@_inputs
@_templates
@_outputs
@_archive
@_jobs
def certificates_command(
    path: Path,
    code: str | None,
    merged: bool,
    draft: bool,
    inputs: Path,
    templates: Path,
    outputs: Path,
    archive: Path | None,
    jobs: int,
) -> None:
    from .certificates import certificates

    workspace = _workspace(inputs, templates, outputs, archive)
    report = certificates(path, workspace, code, merged, jobs, _progress("In giấy khen"), draft=draft)
    for warning in report.warnings:
        click.echo(f"Cảnh báo: {warning}", err=True)
    done = (("Đã ghi", report.written), ("Không đổi", report.unchanged), ("Đã xoá bản in trước", report.removed))
    for said, files in done:
        if merged:
            for file in files:
                click.echo(f"{said}: {file}")
        else:  # a file each: thousands of lines would hide the few that matter; a line for each award's folder
            for folder, count in collections.Counter(file.parent for file in files).items():
                click.echo(f"{said}: {folder}{os.sep} ({count} tệp)")
    same = f" ({len(report.unchanged)} tệp không đổi)" if report.unchanged else ""
    click.echo(f"Xong: giấy khen cho {report.people} người, {len(report.written)} tệp ghi mới{same}.")
    click.echo(f"({len(report.warnings)} cảnh báo, {_seconds():.1f} giây)", err=True)


def run() -> None:
    """`tdkt` as a program of its own (the console script, `python -m pipeline`). When it ends, what it made is set
    aside from the collector (`gc.freeze`): Python's last collection would walk every object still alive only to
    free them all anyway (0.1–0.2 s after a build of a thousand documents)."""
    atexit.register(gc.freeze)
    main()
