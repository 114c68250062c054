"""The clerk's page, route by route (Starlette's test client): the guard, the uploads, escaping, the screens."""

from __future__ import annotations

import shutil

import pytest
from openpyxl import Workbook
from starlette.testclient import TestClient

from pipeline.web.app import MAX_UPLOAD, create_app, safe_name
from tests.conftest import SAMPLE

TOKEN = "ma-thu-nghiem"


@pytest.fixture
def client(workspace):
    app = create_app(workspace, TOKEN, {"testserver"})
    with TestClient(app) as browser:
        browser.get(f"/?ma={TOKEN}")  # the address printed by `tdkt web`: the token becomes a cookie
        yield browser


def test_every_request_needs_the_token_and_this_host(workspace):
    app = create_app(workspace, TOKEN, {"testserver"})
    with TestClient(app) as stranger:
        assert stranger.get("/").status_code == 403
        assert stranger.get("/?ma=sai").status_code == 403
        entered = stranger.get(f"/?ma={TOKEN}", follow_redirects=False)
        assert entered.status_code == 303 and entered.headers["location"] == "/"
        cookie = entered.headers["set-cookie"]
        assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()
        assert stranger.get("/").status_code == 200
        assert stranger.get("/", headers={"host": "ke-xau.example"}).status_code == 400  # DNS rebinding
        posted = stranger.post(f"/dot/{SAMPLE}/dung", headers={"origin": "https://ke-xau.example"})
        assert posted.status_code == 403


def test_dropped_file_names_are_made_safe():
    assert safe_name("../../co_quan.xlsx") == "co_quan.xlsx"
    assert safe_name("C:\\Users\\vt\\Đề nghị: VP.xlsx") == "Đề nghị- VP.xlsx"
    assert safe_name("bao-cao.pdf") is None and safe_name(".xlsx") is None and safe_name("") is None


def _sheet(rows) -> bytes:
    import io

    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_uploads_land_in_the_evidence_folder_and_bad_ones_are_refused(client, workspace):
    folder = workspace.inputs / SAMPLE / "de_nghi"
    data = _sheet(
        [["STT", "Họ và tên", "Chức vụ", "Hình thức khen thưởng"], [1, "Lê Văn A", "Chuyên viên", "Giấy khen"]]
    )
    sent = client.post(f"/dot/{SAMPLE}/tep", files=[("tep", ("../../moi.xlsx", data))])
    assert sent.status_code == 200 and (folder / "moi.xlsx").read_bytes() == data
    assert not (workspace.inputs / "moi.xlsx").exists()
    refused = client.post(f"/dot/{SAMPLE}/tep", files=[("tep", ("virus.exe", b"MZ"))])
    assert "không phải bảng đề nghị" in refused.text and not (folder / "virus.exe").exists()
    big = client.post(f"/dot/{SAMPLE}/tep", files=[("tep", ("to.xlsx", b"0" * (MAX_UPLOAD + 10)))])
    assert big.status_code in (200, 400, 413) and not (folder / "to.xlsx").exists()


def test_an_upload_leaves_no_file_open(client, workspace):
    """Starlette holds each upload in a spooled temporary file; the page closes it when the request ends instead of
    leaving it to the collector (a long-running page would hold one per upload until then)."""
    import gc
    import warnings

    data = _sheet([["STT", "Họ và tên", "Hình thức khen thưởng"], [1, "Lê Văn A", "Giấy khen"]])
    gc.collect()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        sent = client.post(f"/dot/{SAMPLE}/tep", files=[("tep", ("mot.xlsx", data)), ("tep", ("hai.exe", b"MZ"))])
        gc.collect()
    assert sent.status_code == 200 and (workspace.inputs / SAMPLE / "de_nghi" / "mot.xlsx").read_bytes() == data
    assert [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)] == []


def test_text_from_files_is_shown_escaped(client, workspace):
    folder = workspace.inputs / SAMPLE / "de_nghi"
    shutil.rmtree(folder)
    folder.mkdir()
    rows = [
        ["STT", "Họ và tên", "Chức vụ", "Hình thức khen thưởng"],
        [1, "<script>alert(1)</script>", "CV", "Giấy khen"],
    ]
    (folder / "vp.xlsx").write_bytes(_sheet(rows))
    page = client.get(f"/dot/{SAMPLE}").text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_problem_is_shown_at_its_cell_with_the_rows_around_it(client, workspace):
    folder = workspace.inputs / SAMPLE / "de_nghi"
    shutil.rmtree(folder)
    folder.mkdir()
    rows = [["STT", "Họ và tên", "Chức vụ", "Hình thức khen thưởng"], [1, "Lê Văn A", "CV", "Giấy khen"],
            [2, "Trần Thị B", "CV", "Huân chương Lao động"]]  # fmt: skip
    (folder / "vp.xlsx").write_bytes(_sheet(rows))
    page = client.get(f"/dot/{SAMPLE}").text
    assert "vp.xlsx:Sheet!D3" in page and "Huân chương Lao động" in page
    assert '<td class="o-loi">Huân chương Lao động</td>' in page
    assert 'id="dung" data-dot="' in page and "disabled" in page.split('id="dung"')[1].split(">")[0]


def test_the_screens_answer(client):
    assert "Đợt thi đua" in client.get("/").text
    page = client.get(f"/dot/{SAMPLE}").text
    assert "Danh sách tổng hợp (18 đề nghị)" in page
    assert "Chưa có văn bản nào được phát hành." in client.get("/so-dang-ky").text
    assert client.get("/dot/khong-co").status_code == 200 and "không có đợt thi đua" in client.get("/dot/khong-co").text


def test_the_register_is_shown_and_exported(client, workspace):
    import datetime as dt
    import io

    from openpyxl import load_workbook

    from pipeline.issue import issue_document

    issue_document(
        workspace.inputs / SAMPLE, "ke_hoach", workspace, workspace.archive, dt.date(2021, 10, 15), pdf=False
    )
    page = client.get("/so-dang-ky").text
    assert "01/KH-SKHĐT" in page and 'href="/so-dang-ky/2021.xlsx"' in page
    exported = client.get("/so-dang-ky/2021.xlsx")
    assert exported.status_code == 200 and "so-dang-ky-van-ban-di-2021.xlsx" in exported.headers["content-disposition"]
    book = load_workbook(io.BytesIO(exported.content))
    cells = [str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "01/KH-SKHĐT" in cells and "15/10/2021" in cells
    checked = client.get("/so-dang-ky?kiem=1").text
    assert "Khớp: mọi tệp lưu trữ đúng với sổ đăng ký." in checked


def test_issuing_a_draft_edited_by_hand_asks_first(client, workspace):
    """The page says the draft was edited by hand and asks before issuing it from the inputs; without the tick the
    issue is refused and no number is taken."""
    from docx import Document

    from pipeline.build import build
    from pipeline.issue import EDITED_DRAFT

    build([workspace.inputs / SAMPLE], workspace)
    draft = workspace.outputs / SAMPLE / "KH-phong-trao-thi-dua-dac-biet.docx"
    doc = Document(str(draft))
    doc.add_paragraph("sửa tay")
    doc.save(str(draft))
    page = client.get(f"/dot/{SAMPLE}/phat-hanh/ke_hoach?ngay=2021-10-15").text
    assert 'id="da-sua-tay"' in page and 'name="bo_sua_tay"' in page
    refused = client.post(f"/dot/{SAMPLE}/phat-hanh/ke_hoach", data={"ngay": "2021-10-15"})
    assert EDITED_DRAFT.split(";")[0] in refused.text
    assert not workspace.archive.exists() or workspace.archive.entries() == []
    done = client.post(f"/dot/{SAMPLE}/phat-hanh/ke_hoach", data={"ngay": "2021-10-15", "bo_sua_tay": "1"})
    assert "Đã phát hành: số 01/KH-SKHĐT ngày 15/10/2021" in done.text and "được giữ lại: " in done.text
    assert 'id="da-sua-tay"' not in client.get(f"/dot/{SAMPLE}/phat-hanh/to_trinh_giay_khen").text


def test_a_dropped_file_never_replaces_another_of_the_same_name(client, workspace):
    """Two units both send `Danh sach de nghi.xlsx`: the second is saved beside the first and the page asks whether it
    is a correction (then it replaces the first, in one click); the same file dropped twice is saved once."""
    folder = workspace.inputs / SAMPLE / "de_nghi"
    first = _sheet(
        [["STT", "Họ và tên", "Chức vụ", "Hình thức khen thưởng"], [1, "Lê Văn A", "Chuyên viên", "Giấy khen"]]
    )
    second = _sheet(
        [["STT", "Họ và tên", "Chức vụ", "Hình thức khen thưởng"], [1, "Trần Thị B", "Kế toán", "Giấy khen"]]
    )
    client.post(f"/dot/{SAMPLE}/tep", files=[("tep", ("Danh sach de nghi.xlsx", first))])
    sent = client.post(f"/dot/{SAMPLE}/tep", files=[("tep", ("Danh sach de nghi.xlsx", second))])
    assert (folder / "Danh sach de nghi.xlsx").read_bytes() == first
    assert (folder / "Danh sach de nghi (2).xlsx").read_bytes() == second
    assert "được lưu thành\n    <strong>Danh sach de nghi (2).xlsx</strong>; không tệp nào bị thay" in sent.text
    again = client.post(f"/dot/{SAMPLE}/tep", files=[("tep", ("Danh sach de nghi.xlsx", second))])
    assert (
        "Danh sach de nghi.xlsx: đã có tệp này (Danh sach de nghi (2).xlsx, cùng nội dung), không lưu lại" in again.text
    )
    assert sorted(p.name for p in folder.glob("Danh sach*")) == ["Danh sach de nghi (2).xlsx", "Danh sach de nghi.xlsx"]
    answer = {"cu": "Danh sach de nghi.xlsx", "moi": "Danh sach de nghi (2).xlsx"}
    replaced = client.post(f"/dot/{SAMPLE}/tep/thay", data=answer, follow_redirects=False)
    assert replaced.status_code == 303
    assert [p.name for p in folder.glob("Danh sach*")] == ["Danh sach de nghi.xlsx"]
    assert (folder / "Danh sach de nghi.xlsx").read_bytes() == second
    outside = client.post(f"/dot/{SAMPLE}/tep/thay", data={"cu": "../../co_quan.toml", "moi": "x.xlsx"})
    assert outside.status_code == 200 and (workspace.inputs / "co_quan.toml").is_file()


def test_a_removed_file_is_set_aside_not_deleted(client, workspace):
    folder = workspace.inputs / SAMPLE / "de_nghi"
    data = _sheet(
        [["STT", "Họ và tên", "Chức vụ", "Hình thức khen thưởng"], [1, "Lê Văn A", "Chuyên viên", "Giấy khen"]]
    )
    client.post(f"/dot/{SAMPLE}/tep", files=[("tep", ("them.xlsx", data))])
    assert "them.xlsx" in client.get(f"/dot/{SAMPLE}").text
    client.post(f"/dot/{SAMPLE}/xoa/them.xlsx")
    assert not (folder / "them.xlsx").exists() and "them.xlsx" not in client.get(f"/dot/{SAMPLE}").text
    (kept,) = (folder / ".da-xoa").iterdir()
    assert kept.name.startswith("them.") and kept.suffix == ".xlsx" and kept.read_bytes() == data


def test_the_confirmation_says_why_a_date_cannot_be_given(client, workspace):
    """A date before the last number's, or one not yet come, is refused on the confirmation, the button off."""
    import datetime as dt

    from pipeline.issue import issue_document

    day = dt.date(2021, 11, 20)
    issue_document(workspace.inputs / SAMPLE, "quyet_dinh_giay_khen", workspace, workspace.archive, day, pdf=False)
    page = client.get(f"/dot/{SAMPLE}/phat-hanh/ke_hoach?ngay=2021-10-15").text
    assert 'id="khong-the"' in page and "trước ngày của số 01/QĐ-SKHĐT (20/11/2021)" in page
    assert 'type="submit" disabled>Phát hành số 02/KH-SKHĐT' in page
    later = dt.date.today() + dt.timedelta(days=3)
    assert "chưa tới" in client.get(f"/dot/{SAMPLE}/phat-hanh/ke_hoach?ngay={later.isoformat()}").text
    fine = client.get(f"/dot/{SAMPLE}/phat-hanh/ke_hoach?ngay=2021-11-20").text
    assert 'id="khong-the"' not in fine and "disabled" not in fine


def test_a_decisions_certificates_are_printed_from_the_page(client, workspace):
    """One Word file, a page per person: a draft before the decision is issued (BẢN NHÁP on every page, no number),
    the real print after it (the decision's number, the sổ vàng numbers). A document that is not a reward decision
    is said in one line."""
    import datetime as dt
    import io

    from docx import Document

    from tests.readback import texts
    from tests.test_issue import issue

    page = client.get(f"/dot/{SAMPLE}").text
    assert f'action="/dot/{SAMPLE}/giay-khen/quyet_dinh_giay_khen"' in page and "In bản nháp giấy khen" in page
    draft = client.post(f"/dot/{SAMPLE}/giay-khen/quyet_dinh_giay_khen")
    assert draft.status_code == 200 and "in-gop.docx" in draft.headers["content-disposition"]
    got = texts(Document(io.BytesIO(draft.content)))
    assert got.count("BẢN NHÁP") == 12 and not any(t.startswith("Số sổ vàng") for t in got)

    issue(workspace, "quyet_dinh_giay_khen", dt.date(2021, 11, 26))
    assert "In giấy khen</button>" in client.get(f"/dot/{SAMPLE}").text
    issued = texts(Document(io.BytesIO(client.post(f"/dot/{SAMPLE}/giay-khen/quyet_dinh_giay_khen").content)))
    assert "BẢN NHÁP" not in issued and "Quyết định số 01/QĐ-SKHĐT" in issued
    assert [t for t in issued if t.startswith("Số sổ vàng")] == [f"Số sổ vàng: {i:03d}" for i in range(1, 13)]

    refused = client.post(f"/dot/{SAMPLE}/giay-khen/ke_hoach")
    assert "không có quyết định khen thưởng có ma = “ke_hoach” để in giấy khen" in refused.text


def test_a_visit_to_the_campaign_page_writes_nothing(client, workspace):
    """The page shows the consolidated list made from the evidence, and every problem, without writing
    tong_hop.xlsx: a visit must neither replace the list a clerk has open in Excel nor set aside the notes the
    council marked on it."""
    from openpyxl import load_workbook

    from pipeline.consolidate import ingest

    ingest([workspace.inputs / SAMPLE], workspace)
    listed = workspace.outputs / SAMPLE / "tong_hop.xlsx"
    book = load_workbook(listed)
    book.worksheets[0]["A1"] = "Ghi chú của Hội đồng"
    book.save(listed)
    before = {p: p.read_bytes() for p in workspace.outputs.rglob("*") if p.is_file()}
    assert "Danh sách tổng hợp (18 đề nghị)" in client.get(f"/dot/{SAMPLE}").text
    assert {p: p.read_bytes() for p in workspace.outputs.rglob("*") if p.is_file()} == before


def test_the_page_runs_one_build_at_a_time(client, monkeypatch):
    """Builds started together (two tabs, two campaigns) run one after the other: with one process doing the work a
    worker's setting is the module's, and two at once would build each other's documents with the wrong campaign."""
    import threading
    import time

    from pipeline.errors import Problem, TdktError
    from pipeline.web import app as app_module

    guard, running, most = threading.Lock(), [0], [0]

    def slow_build(*args, **kwargs):
        with guard:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.2)
        with guard:
            running[0] -= 1
        raise TdktError(Problem("thử", "dừng"))

    monkeypatch.setattr(app_module, "build", slow_build)
    jobs = [client.post(f"/dot/{SAMPLE}/dung").json()["viec"] for _ in range(3)]
    deadline = time.monotonic() + 10
    while not all(client.get(f"/viec/{job}").json()["het"] for job in jobs) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [client.get(f"/viec/{job}").json()["loi"] for job in jobs] == [["thử: dừng"]] * 3
    assert most[0] == 1
