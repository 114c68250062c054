"""No English reaches the clerk (issue 13, item 7): Click's own usage errors and every `--help` are Vietnamese, and
usage errors keep Click's exit status 2."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from pipeline.cli import main

COMMANDS = [
    [],
    ["build"],
    ["ingest"],
    ["issue"],
    ["status"],
    ["check"],
    ["words"],
    ["certificates"],
    ["new-id"],
    ["register"],
    ["register", "list"],
    ["register", "export"],
    ["register", "verify"],
    ["register", "rebuild"],
]
ENGLISH = re.compile(
    r"(?<!-)\b(Usage|Options|Commands|Show|Error|Try|Missing|Invalid|default|required|the|and|exit|No such|TEXT|INTEGER|"
    r"RANGE|DIRECTORY|FILE|FILES|PATH\.\.\.|OPTIONS|COMMAND|ARGS)\b"
)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "tdkt")
def test_help_is_vietnamese(command):
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert result.output.startswith("Cách dùng: ")
    assert ENGLISH.findall(result.output) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["build", "--khong-co"], "Lỗi: Không có tùy chọn “--khong-co”."),
        (["issue"], "Lỗi: Thiếu tham số 'PATH'."),
        (["buid"], "Lỗi: Không có lệnh “buid”. Có phải là 'build'?"),
        (["issue", ".", "--doc", "x", "--ngay", "2021-13-01"], "không đúng dạng"),
        (["build", "--jobs", "0"], "Lỗi: Giá trị không hợp lệ cho '--jobs': 0 nằm ngoài khoảng x>=1."),
        (["words"], "Lỗi: Thiếu tham số 'SỐ_TIỀN'."),
    ],
)
def test_usage_errors_are_vietnamese_and_exit_2(args, message):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.splitlines()[0].startswith("Cách dùng: ")
    assert ENGLISH.findall(result.stderr.replace("'PATH'", "")) == []


def test_the_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.output.startswith("tdkt, phiên bản ")
