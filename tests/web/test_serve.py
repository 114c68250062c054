"""`tdkt web` as a real process: it prints an address on 127.0.0.1 with its token, answers there with the token
and refuses without it, and stops on Ctrl+C (SIGINT) or when terminated."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.request

from tests.conftest import SAMPLE


def test_the_page_serves_this_computer_with_its_token(workspace):
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "web", "--khong-mo"],
        cwd=workspace.inputs.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    try:
        line = process.stdout.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+)/\?ma=(\S+)", line)
        assert found, line
        address, token = found.groups()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        page = opener.open(f"{address}/?ma={token}", timeout=30).read().decode("utf-8")
        assert SAMPLE in page and "Đợt thi đua" in page
        try:
            urllib.request.urlopen(f"{address}/", timeout=30)
            raise AssertionError("answered without the token")
        except urllib.error.HTTPError as refused:
            assert refused.code == 403
    finally:
        process.send_signal(signal.SIGINT if os.name == "posix" else signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
        process.stdout.close()
        process.stderr.close()
