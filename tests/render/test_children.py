"""LibreOffice as a child that cannot outlive tdkt: killed with its parent, killed with everything it started."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
import textwrap
import time

import pytest

from pipeline.render.children import ExtendedLimits, kill_on_close_limits, start

SLEEPER = [sys.executable, "-c", "import time; time.sleep(120)"]


def alive(pid: int) -> bool:
    if os.name == "nt":
        listed = subprocess.run(["tasklist", "/FI", f"PID eq {pid}", "/NH"], capture_output=True, text=True).stdout
        return str(pid) in listed
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") if os.path.exists(f"/proc/{pid}/stat") else open(os.devnull) as stat:
        return ") Z " not in stat.read()  # a zombie waiting for its reaper is gone already


def gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not alive(pid)


def test_the_job_limits_have_the_windows_sdk_layout():
    """JOBOBJECT_EXTENDED_LIMIT_INFORMATION as winnt.h lays it out: a wrong size makes Windows refuse it silently."""
    pointer = ctypes.sizeof(ctypes.c_void_p)
    assert ctypes.sizeof(ExtendedLimits) == {8: 144, 4: 112}[pointer]
    assert ExtendedLimits.BasicLimitInformation.offset == 0
    from pipeline.render.children import BasicLimits

    assert BasicLimits.LimitFlags.offset == 16
    assert BasicLimits.ActiveProcessLimit.offset == (40 if pointer == 8 else 32)
    assert kill_on_close_limits().BasicLimitInformation.LimitFlags == 0x2000


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS has no parent-death signal or job object")
def test_a_child_dies_when_its_parent_is_killed_outright(tmp_path):
    parent = textwrap.dedent(
        f"""
        import sys, time
        sys.path.insert(0, {os.getcwd()!r})
        from pipeline.render.children import start
        child = start({SLEEPER!r})
        print(child.process.pid, flush=True)
        time.sleep(120)
        """
    )
    process = subprocess.Popen([sys.executable, "-c", parent], stdout=subprocess.PIPE, text=True)
    try:
        pid = int(process.stdout.readline())
        assert alive(pid)
        process.kill()  # SIGKILL, TerminateProcess: no cleanup of the parent's runs
        process.wait(timeout=10)
        assert gone_within(pid, 10)
    finally:
        process.kill()
        process.stdout.close()


def test_killing_a_child_kills_what_it_started():
    spawner = textwrap.dedent(
        f"""
        import subprocess, time
        grandchild = subprocess.Popen({SLEEPER!r})
        print(grandchild.pid, flush=True)
        time.sleep(120)
        """
    )
    child = start([sys.executable, "-c", spawner], stdout=subprocess.PIPE, text=True)
    try:
        grandchild = int(child.process.stdout.readline())
        assert alive(grandchild)
        child.kill()
        assert not child.running()
        assert gone_within(grandchild, 10)
    finally:
        child.kill()
        child.close()
        child.process.stdout.close()
