"""The whole job in a real browser (headless Chromium from the system, driven by Playwright): a new user opens a
campaign, drops three unit files, sees one problem at its cell, replaces the file, builds, previews page 1, issues
the decision and downloads the zip, which is read back. Screenshots of each screen go to `$TDKT_ANH` when set."""

from __future__ import annotations

import io
import os
import secrets
import shutil
import threading
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from pipeline.render.office import find_soffice
from pipeline.web.app import create_app
from pipeline.web.serve import listening_socket
from tests.conftest import ROOT, SAMPLE

CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser")) if p), None)
pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed"),
    pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed"),
]
UNITS = ("van-phong.xlsx", "phong-dang-ky-kinh-doanh.xlsx", "trung-tam-xuc-tien-dau-tu.xlsx")


@pytest.fixture
def server(workspace):
    import uvicorn

    shutil.rmtree(workspace.inputs / SAMPLE / "de_nghi")
    (workspace.inputs / SAMPLE / "de_nghi").mkdir()
    sock = listening_socket()
    port = sock.getsockname()[1]
    token = secrets.token_urlsafe(12)
    app = create_app(workspace, token, {f"127.0.0.1:{port}", f"localhost:{port}"})
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", token
    server.should_exit = True
    thread.join(timeout=10)


def _broken_copy(source: Path, target: Path) -> str:
    """The unit's file with one form a decision cannot give; returns the text put there."""
    book = load_workbook(source)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.strip().lower() == "gk":
                    cell.value = "Huân chương Lao động hạng Ba"
                    book.save(target)
                    return cell.value
    raise AssertionError("no form typed GK in the sample file")


def test_from_dropped_files_to_an_issued_decision(server, tmp_path):
    from playwright.sync_api import sync_playwright

    address, token = server
    shots = Path(os.environ["TDKT_ANH"]) if os.environ.get("TDKT_ANH") else tmp_path / "anh"
    shots.mkdir(parents=True, exist_ok=True)
    sample = ROOT / "inputs" / SAMPLE / "de_nghi"
    drop = tmp_path / "tha"
    drop.mkdir()
    for name in UNITS:
        shutil.copyfile(sample / name, drop / name)
    broken = tmp_path / "hong" / "phong-dang-ky-kinh-doanh.xlsx"
    broken.parent.mkdir()
    bad = _broken_copy(sample / "phong-dang-ky-kinh-doanh.xlsx", broken)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        page.goto(f"{address}/?ma={token}")
        page.screenshot(path=shots / "1-dot-thi-dua.png", full_page=True)
        page.click(f"a[href='/dot/{SAMPLE}']")

        # drop three unit files, one with a form no decision can give
        with page.expect_navigation():
            page.set_input_files("form.tha input[type=file]", [drop / UNITS[0], broken, drop / UNITS[2]])
        problem = page.locator(".van-de").first
        assert "phong-dang-ky-kinh-doanh.xlsx" in problem.inner_text() and bad in problem.inner_text()
        assert page.locator("td.o-loi").first.inner_text() == bad
        assert page.locator("#dung").is_disabled()
        page.screenshot(path=shots / "2-de-nghi-loi.png", full_page=True)

        # the corrected file replaces it
        with page.expect_navigation():
            page.set_input_files("form.tha input[type=file]", [drop / UNITS[1]])
        assert page.locator(".van-de").count() == 0
        assert "Danh sách tổng hợp" in page.inner_text("#de-nghi")
        page.screenshot(path=shots / "3-de-nghi.png", full_page=True)

        # build, with the progress shown, and the page reloads with the drafts
        with page.expect_navigation(timeout=120_000):
            page.click("#dung")
        assert page.locator("a[href$='/xem/quyet_dinh_giay_khen']").count() == 1
        page.screenshot(path=shots / "4-van-ban.png", full_page=True)

        # page 1 of the decision, drawn
        page.click("a[href$='/xem/quyet_dinh_giay_khen']")
        image = page.locator("img.trang-in")
        image.wait_for()
        page.wait_for_function("document.querySelector('img.trang-in').naturalWidth > 500", timeout=120_000)
        assert page.inner_text("p.trang").startswith("Trang 1/")
        page.screenshot(path=shots / "5-xem-trang.png", full_page=True)

        # issue it, after the confirmation that shows its number
        page.goto(f"{address}/dot/{SAMPLE}#phat-hanh")
        page.fill("#ngay-phat-hanh input", "2021-11-20")
        page.click("a.phat-hanh[href$='/phat-hanh/quyet_dinh_giay_khen']")
        assert page.inner_text("#so-se-cap") == "01/QĐ-SKHĐT"
        page.screenshot(path=shots / "6-xac-nhan-phat-hanh.png", full_page=True)
        page.click("button[type=submit]")
        assert "Đã phát hành: số 01/QĐ-SKHĐT ngày 20/11/2021" in page.inner_text("main")

        # the register, and everything as one zip
        page.goto(f"{address}/so-dang-ky")
        assert "01/QĐ-SKHĐT" in page.inner_text("table")
        page.screenshot(path=shots / "7-so-dang-ky.png", full_page=True)
        page.goto(f"{address}/dot/{SAMPLE}")
        with page.expect_download() as download:
            page.click(f"a[href='/dot/{SAMPLE}/tai-tat-ca.zip']")
        bundle = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
        browser.close()

    names = set(bundle.namelist())
    assert {"QD-tang-giay-khen.docx", "KH-phong-trao-thi-dua-dac-biet.docx", "tong_hop.xlsx"} <= names
    decision = Document(io.BytesIO(bundle.read("QD-tang-giay-khen.docx")))
    lines = [p.text for table in decision.tables for row in table.rows for cell in row.cells for p in cell.paragraphs]
    assert "Số: 01/QĐ-SKHĐT" in lines  # the issued version, with its number
