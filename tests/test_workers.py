"""Work spread over processes (pipeline/workers.py): results in order, set up once per worker, and a worker the
system kills reported in Vietnamese with nothing written."""

from __future__ import annotations

import os
import signal

import pytest
from click.testing import CliRunner

from pipeline import build as build_module
from pipeline.cli import main
from pipeline.errors import TdktError
from pipeline.workers import LOST_WORKER, results

from .conftest import SAMPLE, outputs_of

_given: list[int] = []


def _set_up(setting: int) -> None:
    _given.append(setting)


def _square_with_setting(n: int) -> tuple[int, int, list[int]]:
    return n * n, os.getpid(), list(_given)


def _die(task):
    os.kill(os.getpid(), signal.SIGKILL)


def test_results_come_in_order_from_each_worker_set_up_once():
    found = list(results(list(range(40)), _square_with_setting, jobs=2, set_up=_set_up, setting=7))
    assert [square for square, _, _ in found] == [n * n for n in range(40)]
    workers = {pid for _, pid, _ in found}
    assert os.getpid() not in workers and 1 <= len(workers) <= 2
    assert all(given == [7] for _, _, given in found)  # set_up ran once in each worker, before its first task


def test_alone_when_there_is_too_little_to_share():
    done = []
    found = list(results([1, 2, 3], _square_with_setting, jobs=4, meanwhile=lambda: done.append("meanwhile")))
    assert [square for square, _, _ in found] == [1, 4, 9]
    assert {pid for _, pid, _ in found} == {os.getpid()} and done == ["meanwhile"]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
def test_a_worker_the_system_kills_is_a_message_not_a_traceback():
    with pytest.raises(TdktError) as caught:
        list(results(list(range(8)), _die, jobs=2))
    assert str(caught.value) == f"tdkt: {LOST_WORKER}"


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
def test_a_build_whose_worker_is_killed_says_so_and_writes_nothing(workspace, monkeypatch):
    monkeypatch.setattr(build_module, "make", _die)
    args = ["build", str(workspace.inputs / SAMPLE), "--outputs", str(workspace.outputs), "--jobs", "2"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert LOST_WORKER in result.output
    made = [p.name for p in outputs_of(workspace) if p.suffix in (".docx", ".xlsx") and not p.name.startswith(".~")]
    assert made == []
