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
from .build import Workspace, build
from .config import campaign_folders
from .errors import TdktError


class TdktGroup(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except TdktError as e:
            for problem in e.problems:
                click.echo(f"Lỗi: {problem}", err=True)
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


@main.command("build", help="Dựng các văn bản của một đợt thi đua (PATH), hoặc của mọi đợt trong thư mục đầu vào.")
@click.argument("path", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--inputs", type=_dir, default=Path("inputs"), show_default=True, help="Thư mục đầu vào.")
@click.option("--templates", type=_dir, default=Path("templates_docx"), show_default=True, help="Thư mục mẫu Word.")
@click.option("--outputs", type=_dir, default=Path("outputs"), show_default=True, help="Thư mục kết quả.")
@click.option("--da-ky", "signed", is_flag=True, help="Ghi “(Đã ký)” vào chỗ ký, cho bản sao lưu hành.")
def build_command(path: Path | None, inputs: Path, templates: Path, outputs: Path, signed: bool) -> None:
    campaigns = [path] if path is not None else campaign_folders(inputs)
    report = build(campaigns, Workspace(inputs, templates, outputs), signed=signed)
    for warning in report.warnings:
        click.echo(f"Cảnh báo: {warning}", err=True)
    for written in report.written:
        click.echo(f"Đã ghi: {written}")
    click.echo(f"Xong: {len(report.written)} văn bản.")
