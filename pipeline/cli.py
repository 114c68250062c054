"""The `tdkt` command: a thin Click skin over the library, and the only module that prints.

Every error a clerk can cause is a TdktError; it is translated here, once, into one Vietnamese line per problem
and exit status 1. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from . import __version__
from .build import Report, Workspace, build, ingest
from .config import campaign_folders
from .errors import Problem, TdktError
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
