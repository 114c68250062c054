"""The whole job in a real browser (headless Chromium from the system, driven by Playwright): a new user opens a
campaign, drops three unit files, sees one problem at its cell, replaces the file, builds, previews page 1, issues
the decision and downloads the zip, which is read back. Screenshots of each screen go to `$TDKT_ANH` when set."""

from __future__ import annotations

import contextlib
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

from pipeline.inputs.tomlfile import load_toml
from pipeline.render.office import find_soffice
from pipeline.web.app import create_app
from pipeline.web.serve import listening_socket
from tests.conftest import ROOT, SAMPLE
from tests.readback import texts

CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser")) if p), None)
pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed"),
    pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed"),
]
UNITS = ("van-phong.xlsx", "phong-dang-ky-kinh-doanh.xlsx", "trung-tam-xuc-tien-dau-tu.xlsx")


@contextlib.contextmanager
def serving(workspace):
    """The page on its own port in a thread, as `tdkt web` serves it: (address, token)."""
    import uvicorn

    sock = listening_socket()
    port = sock.getsockname()[1]
    token = secrets.token_urlsafe(12)
    app = create_app(workspace, token, {f"127.0.0.1:{port}", f"localhost:{port}"})
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", token
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def server(workspace):
    shutil.rmtree(workspace.inputs / SAMPLE / "de_nghi")
    (workspace.inputs / SAMPLE / "de_nghi").mkdir()
    with serving(workspace) as served:
        yield served


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

        # the corrected file, of the same name: kept beside the first until the clerk says it replaces it
        with page.expect_navigation():
            page.set_input_files("form.tha input[type=file]", [drop / UNITS[1]])
        assert page.locator(".cung-ten").count() == 1
        page.screenshot(path=shots / "2b-cung-ten.png", full_page=True)
        with page.expect_navigation():
            page.click(".cung-ten button")
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

        # the issued decision's certificates, one print file
        page.goto(f"{address}/dot/{SAMPLE}#giay-khen")
        page.locator("#giay-khen").screenshot(path=shots / "7b-giay-khen.png")
        with page.expect_download() as download:
            page.click(f"form[action='/dot/{SAMPLE}/giay-khen/quyet_dinh_giay_khen'] button")
        printed = Document(io.BytesIO(Path(download.value.path()).read_bytes()))
        browser.close()

    cards = texts(printed)
    assert "BẢN NHÁP" not in cards and "Quyết định số 01/QĐ-SKHĐT" in cards and "Số sổ vàng: 001" in cards

    names = set(bundle.namelist())
    assert {"QD-tang-giay-khen.docx", "KH-phong-trao-thi-dua-dac-biet.docx", "tong_hop.xlsx"} <= names
    decision = Document(io.BytesIO(bundle.read("QD-tang-giay-khen.docx")))
    lines = [p.text for table in decision.tables for row in table.rows for cell in row.cells for p in cell.paragraphs]
    assert "Số: 01/QĐ-SKHĐT" in lines  # the issued version, with its number


@pytest.fixture
def empty_server(tmp_path):
    """The page on empty folders: no agency, no campaign, only the templates that ship with tdkt."""
    from pipeline.workspace import Workspace

    (tmp_path / "inputs").mkdir()
    shutil.copytree(ROOT / "templates_docx", tmp_path / "templates_docx")
    workspace = Workspace.at(tmp_path)
    with serving(workspace) as (address, token):
        yield address, token, workspace


def test_a_new_user_goes_from_empty_folders_to_an_issued_decision_without_typing_toml(empty_server, tmp_path):
    from playwright.sync_api import sync_playwright

    address, token, workspace = empty_server
    shots = Path(os.environ["TDKT_ANH"]) if os.environ.get("TDKT_ANH") else tmp_path / "anh"
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        page.goto(f"{address}/?ma={token}")
        page.click("main a[href='/co-quan']")
        for name, value in {
            "co_quan_chu_quan": "UBND tỉnh Bình Định", "ten": "Sở Kế hoạch và Đầu tư", "viet_tat": "SKHĐT",
            "dia_danh": "Bình Định", "thu_truong": "Giám đốc", "don_vi-0-ten": "Văn phòng", "don_vi-0-viet_tat": "VP",
            "nguoi_ky-0-ma": "giam_doc", "nguoi_ky-0-ho_ten": "Nguyễn Thành Hải", "nguoi_ky-0-chuc_vu": "Giám đốc",
        }.items():  # fmt: skip
            page.fill(f"[name='{name}']", value)
        page.screenshot(path=shots / "8-co-quan.png", full_page=True)
        page.click("button[type=submit]")
        assert "Đã lưu vào co_quan.toml." in page.inner_text("main")

        page.goto(f"{address}/dot-moi")
        page.fill("[name=ten]", "Khen thưởng chuyên đề năm 2021")
        page.fill("[name=thu_muc]", "chuyen-de-2021")
        page.fill("[name=nam]", "2021")
        page.click("button[type=submit]")
        page.click("a[href='/dot/chuyen-de-2021/van-ban/moi']")
        for name, value in {
            "ma": "quyet_dinh", "trich_yeu": "Về việc tặng Giấy khen cho các cá nhân có thành tích xuất sắc năm 2021",
            "ngay": "2021-11-20", "noi_nhan": "Lãnh đạo Sở", "theo_de_nghi": "Chánh Văn phòng Sở",
            "nguon_kinh_phi": "Quỹ thi đua, khen thưởng của Sở năm 2021",
            "dieu_3": "Chánh Văn phòng Sở và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
        }.items():  # fmt: skip
            page.fill(f"[name='{name}']", value)
        page.select_option("[name=loai]", "QĐ")
        page.check("input[name=hinh_thuc][value=giay_khen]")
        page.screenshot(path=shots / "9-van-ban-moi.png", full_page=True)
        page.click("form.bieu-mau button[type=submit]")
        assert page.url.endswith("/dot/chuyen-de-2021#van-ban"), page.inner_text("main")[:500]

        with page.expect_navigation():
            page.set_input_files("form.tha input[type=file]", [ROOT / "inputs" / SAMPLE / "de_nghi" / "van-phong.xlsx"])
        assert page.locator(".van-de").count() == 0
        with page.expect_navigation(timeout=120_000):
            page.click("#dung")
        page.fill("#ngay-phat-hanh input", "2021-11-20")
        page.click("a.phat-hanh[href$='/phat-hanh/quyet_dinh']")
        assert page.inner_text("#so-se-cap") == "01/QĐ-SKHĐT"
        page.click("button[type=submit]")
        assert "Đã phát hành: số 01/QĐ-SKHĐT ngày 20/11/2021" in page.inner_text("main")
        browser.close()

    agency = load_toml(workspace.inputs / "co_quan.toml")
    assert agency["ten"] == "Sở Kế hoạch và Đầu tư" and agency["nguoi_ky"][0]["ma"] == "giam_doc"
    campaign = load_toml(workspace.inputs / "chuyen-de-2021" / "phong_trao.toml")
    (document,) = campaign["van_ban"]
    assert document["hinh_thuc"] == ["giay_khen"] and str(document["ngay"]) == "2021-11-20"
    assert "gop" not in document and "ky_hieu_don_vi" not in document  # only what the clerk chose is written
