"""The `tdkt` command: a thin Click skin over the library, and the only module that prints.

Every error a clerk can cause is a TdktError; it is translated here, once, into one Vietnamese line per problem
and exit status 1. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import contextlib
import json
import re
import sys
from pathlib import Path

import click

from . import __version__
from .build import Report, Workspace, build, ingest
from .check import STATUS_TEXT, CheckReport, check_file
from .config import campaign_folders
from .errors import Problem, TdktError
from .office import find_soffice
from .words import MAX_AMOUNT, so_thanh_chu, so_tien


class TdktGroup(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except TdktError as e:
            for problem in e.problems:
                promoted = " (cảnh báo, dừng vì --strict)" if problem.warning else ""
                click.echo(f"Lỗi: {problem}{promoted}", err=True)
            sys.exit(1)


def _utf8_console() -> None:
    # A Windows console may still use a legacy code page; Vietnamese needs UTF-8.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            with contextlib.suppress(ValueError, OSError):  # a stream that cannot change keeps its encoding
                stream.reconfigure(encoding="utf-8")


@click.group(cls=TdktGroup, help="tdkt — soạn văn bản thi đua - khen thưởng đúng thể thức Nghị định 30/2020.")
@click.version_option(__version__, prog_name="tdkt")
def main() -> None:
    _utf8_console()


_dir = click.Path(file_okay=False, path_type=Path)


_path = click.argument("path", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
_inputs = click.option("--inputs", type=_dir, default=Path("inputs"), show_default=True, help="Thư mục đầu vào.")
_outputs = click.option("--outputs", type=_dir, default=Path("outputs"), show_default=True, help="Thư mục kết quả.")
_strict = click.option("--strict", is_flag=True, help="Coi cảnh báo là lỗi: dừng lại, không ghi gì.")


def _print(report: Report) -> None:
    for warning in report.warnings:
        click.echo(f"Cảnh báo: {warning}", err=True)
    for campaign, evidence in report.evidence:
        collectives = sum(1 for n in evidence.nominations if n.tap_the)
        click.echo(
            f"{campaign.ma}: {len(evidence.nominations)} đề nghị từ {len(evidence.files)} tệp "
            f"({collectives} tập thể, {len(evidence.nominations) - collectives} cá nhân)"
        )
    for written in report.written:
        click.echo(f"Đã ghi: {written}")


@main.command("ingest", help="Đọc các bảng đề nghị của một đợt (PATH), hoặc mọi đợt, và ghi tong_hop.xlsx.")
@_path
@_inputs
@_outputs
@_strict
def ingest_command(path: Path | None, inputs: Path, outputs: Path, strict: bool) -> None:
    campaigns = [path] if path is not None else campaign_folders(inputs)
    report = ingest(campaigns, Workspace(inputs, Path("templates_docx"), outputs), strict=strict)
    _print(report)
    click.echo(f"Xong: {len(report.written)} tệp tổng hợp.")


@main.command("build", help="Dựng các văn bản của một đợt thi đua (PATH), hoặc của mọi đợt trong thư mục đầu vào.")
@_path
@_inputs
@click.option("--templates", type=_dir, default=Path("templates_docx"), show_default=True, help="Thư mục mẫu Word.")
@_outputs
@_strict
@click.option("--da-ky", "signed", is_flag=True, help="Ghi “(Đã ký)” vào chỗ ký, cho bản sao lưu hành.")
def build_command(path: Path | None, inputs: Path, templates: Path, outputs: Path, strict: bool, signed: bool) -> None:
    campaigns = [path] if path is not None else campaign_folders(inputs)
    report = build(campaigns, Workspace(inputs, templates, outputs), signed=signed, strict=strict)
    _print(report)
    documents = sum(1 for p in report.written if p.suffix == ".docx")
    click.echo(f"Xong: {documents} văn bản.")


@main.command("words", help="Đọc số tiền thành chữ, ví dụ: tdkt words 1050000")
@click.argument("amount")
@click.option("--le", is_flag=True, help="Đọc “lẻ” thay cho “linh” (1.005: một nghìn không trăm lẻ năm).")
@click.option("--tu", is_flag=True, help="Đọc “tư” cho số 4 sau hàng chục từ 2 trở lên (hai mươi tư).")
def words_command(amount: str, le: bool, tu: bool) -> None:
    digits = amount.replace(".", "").replace(",", "").replace(" ", "")
    if not digits.isdigit() or int(digits) > MAX_AMOUNT:
        raise TdktError(Problem(amount, "không phải số tiền (ví dụ 1050000 hoặc 1.050.000)"))
    value = int(digits)
    click.echo(f"{so_tien(value)}: {so_thanh_chu(value, linh='lẻ' if le else 'linh', tu=tu)}")


def _table(report: CheckReport) -> None:
    click.echo(str(report.file))
    rows = [(v.title, STATUS_TEXT[v.status], v.where, v.detail) for v in report.verdicts]
    width = max((len(r[0]) for r in rows), default=10)
    click.echo(f"  {'Quy tắc':<{width}}  {'Kết quả':<10}  Vị trí")
    for title, status, where, detail in rows:
        plain = not where or re.fullmatch(r"(phần|trang) \d+|\d+ trang", where)
        place = where if plain else f"“{where[:70]}”"
        note = f" — {detail}" if detail and status != "đạt" else ""
        click.echo(f"  {title:<{width}}  {status:<10}  {place}{note}")
    counts = {key: sum(1 for v in report.verdicts if v.status == key) for key in STATUS_TEXT}
    click.echo("  Kết quả: " + ", ".join(f"{n} {STATUS_TEXT[key]}" for key, n in counts.items()))


@main.command("check", help="Kiểm tra thể thức Nghị định 30/2020 của các tệp .docx.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON cho máy đọc.")
@click.option("--render", is_flag=True, help="Dàn trang bằng LibreOffice và kiểm tra cả những gì chỉ thấy khi in.")
def check_command(files: tuple[Path, ...], as_json: bool, render: bool) -> None:
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
