"""Settings as forms (issue 18): the files the command line reads, written by the page with comments and order kept;
the same messages as the command line; a file changed on disk meanwhile never overwritten silently."""

from __future__ import annotations

import re

import pytest
import tomlkit
from starlette.testclient import TestClient

from pipeline.build import plan
from pipeline.web.app import create_app
from tests.conftest import REVIEW, SAMPLE

TOKEN = "ma"


@pytest.fixture
def client(workspace):
    with TestClient(create_app(workspace, TOKEN, {"testserver"})) as browser:
        browser.get(f"/?ma={TOKEN}")
        yield browser


def fingerprints(ws, campaign=SAMPLE) -> dict[str, str]:
    _, planned, _ = plan([ws.inputs / campaign], ws)
    return {item.document.ma: item.document.fingerprint for item in planned}


def agency_form(ws) -> dict[str, str]:
    """What the agency form sends back when the clerk saves it unchanged."""
    values = tomlkit.parse((ws.inputs / "co_quan.toml").read_text(encoding="utf-8")).unwrap()
    form = {k: str(values.get(k, "")) for k in ("co_quan_chu_quan", "ten", "viet_tat", "dia_danh", "thu_truong",
                                                  "bo_chu_quan", "lam_tron_tien_thuong", "doc_so_linh")}  # fmt: skip
    for i, unit in enumerate(values["don_vi"]):
        form |= {f"don_vi-{i}-ten": unit["ten"], f"don_vi-{i}-viet_tat": unit["viet_tat"],
                 f"don_vi-{i}-ten_cu": ", ".join(unit.get("ten_cu", [])), f"don_vi-{i}-so_nguoi": str(unit.get("so_nguoi", ""))}  # fmt: skip
    for i, signer in enumerate(values["nguoi_ky"]):
        form |= {f"nguoi_ky-{i}-{k}": signer.get(k, "") for k in ("ma", "ho_ten", "chuc_vu", "ky_thay")}
    return form


def seen(page: str) -> str:
    return re.search(r'name="phien_ban" value="([0-9a-f]*)"', page).group(1)


def test_the_agency_form_round_trip_keeps_comments_and_the_documents(client, workspace):
    path = workspace.inputs / "co_quan.toml"
    before_text, before = path.read_text(encoding="utf-8"), fingerprints(workspace)
    page = client.get("/co-quan").text
    assert 'value="Sở Kế hoạch và Đầu tư"' in page and "Phòng Đăng ký doanh nghiệp" in page
    saved = client.post("/co-quan", data=agency_form(workspace) | {"phien_ban": seen(page)}, follow_redirects=False)
    assert saved.status_code == 303
    after_text = path.read_text(encoding="utf-8")
    comments = [line for line in before_text.splitlines() if line.lstrip().startswith("#")]
    assert comments and all(line in after_text for line in comments)  # every comment kept
    assert fingerprints(workspace) == before  # the command line builds the same documents
    edited = agency_form(workspace) | {"dia_danh": "Quy Nhơn", "phien_ban": seen(client.get("/co-quan").text)}
    client.post("/co-quan", data=edited)
    assert 'dia_danh = "Quy Nhơn"' in path.read_text(encoding="utf-8")


def test_the_agency_form_says_what_the_command_line_says(client, workspace):
    bad = agency_form(workspace) | {"nguoi_ky-0-ma": "pho_giam_doc_1", "phien_ban": seen(client.get("/co-quan").text)}
    page = client.post("/co-quan", data=bad).text
    assert "nguoi_ky" in page and "trùng" in page  # the two signers now share a code: refused, nothing written
    assert 'ma = "giam_doc"' in (workspace.inputs / "co_quan.toml").read_text(encoding="utf-8")


def test_a_file_changed_on_disk_meanwhile_is_not_overwritten(client, workspace):
    path = workspace.inputs / "co_quan.toml"
    version = seen(client.get("/co-quan").text)
    path.write_text(path.read_text(encoding="utf-8") + "\n# sửa tay trong lúc trang đang mở\n", encoding="utf-8")
    edited = agency_form(workspace) | {"dia_danh": "Quy Nhơn", "phien_ban": version}
    page = client.post("/co-quan", data=edited).text
    assert "Tệp đã được sửa ở nơi khác" in page and "sửa tay trong lúc trang đang mở" in page
    assert 'dia_danh = "Bình Định"' in path.read_text(encoding="utf-8")  # nothing overwritten yet
    proposed = re.search(r'name="noi_dung" value="([^"]*)"', page, re.S).group(1)
    import html

    client.post(
        "/chon-ban", data={"tep": str(path), "ban": "cua_toi", "noi_dung": html.unescape(proposed), "xong": "/"}
    )
    assert 'dia_danh = "Quy Nhơn"' in path.read_text(encoding="utf-8")


def test_a_document_form_round_trip_builds_the_same_documents(client, workspace):
    path = workspace.inputs / SAMPLE / "phong_trao.toml"
    before_text, before = path.read_text(encoding="utf-8"), fingerprints(workspace)
    tables = tomlkit.parse(before_text).unwrap()["van_ban"]
    index = next(i for i, t in enumerate(tables) if t["ma"] == "quyet_dinh_giay_khen")
    page = client.get(f"/dot/{SAMPLE}/van-ban/{index}").text
    assert "Căn cứ Luật Thi đua" in page or "Căn cứ" in page
    t = tables[index]
    form = {
        "phien_ban": seen(page), "ma": t["ma"], "loai": t["loai"], "trich_yeu": t["trich_yeu"], "ngay": t["ngay"].isoformat(),
        "nguoi_ky": t["nguoi_ky"], "don_vi_soan_thao": t["don_vi_soan_thao"], "noi_nhan": "\n".join(t["noi_nhan"]),
        "can_cu": "\n".join(t["can_cu"]), "hinh_thuc": t["hinh_thuc"], "theo_to_trinh": t["theo_to_trinh"],
        "theo_de_nghi": t["theo_de_nghi"], "nguon_kinh_phi": t["nguon_kinh_phi"], "dieu_3": t["dieu_3"],
        "ten_tep": t["ten_tep"],
    }  # fmt: skip
    saved = client.post(f"/dot/{SAMPLE}/van-ban/{index}", data=form, follow_redirects=False)
    assert saved.status_code == 303, saved.text[:2000]
    after_text = path.read_text(encoding="utf-8")
    assert all(line in after_text for line in before_text.splitlines() if line.lstrip().startswith("#"))
    assert fingerprints(workspace) == before


def test_a_new_campaign_and_last_years_copied(client, workspace):
    created = client.post("/dot-moi", data={"ten": "Đợt thi đua chuyên đề 2026", "thu_muc": "Chuyên đề 2026", "nam": "2026"},
                          follow_redirects=False)  # fmt: skip
    assert created.headers["location"] == "/dot/chuyen-de-2026"
    made = tomlkit.parse((workspace.inputs / "chuyen-de-2026" / "phong_trao.toml").read_text(encoding="utf-8"))
    assert made["ten"] == "Đợt thi đua chuyên đề 2026" and made["nam"] == 2026 and made["ma_phong_trao"]
    copied = client.post("/dot-moi", data={"thu_muc": "tong-ket-nam-2025", "sao_chep": REVIEW, "so_nam": "1"},
                         follow_redirects=False)  # fmt: skip
    assert copied.status_code == 303
    folder = workspace.inputs / "tong-ket-nam-2025"
    text = (folder / "phong_trao.toml").read_text(encoding="utf-8")
    new, old = (
        tomlkit.parse(text),
        tomlkit.parse((workspace.inputs / REVIEW / "phong_trao.toml").read_text(encoding="utf-8")),
    )
    assert new["nam"] == 2025 and new["ma_phong_trao"] != old.get("ma_phong_trao")
    assert [t["ngay"].year for t in new["van_ban"]] == [2025] * len(old["van_ban"])
    assert list((folder / "de_nghi").iterdir()) == [] and "ket_qua" not in next(
        t for t in new["van_ban"] if t["loai"] == "BB"
    )
    assert len(new["lich_su"]) == 3 and (folder / new["lich_su"][0]["tep"]).is_file()  # the past comes along
    assert "# ---- Hội đồng Thi đua - Khen thưởng họp" in text  # the copy keeps the comments
    again = client.post("/dot-moi", data={"ten": "x", "thu_muc": "tong-ket-nam-2025"}).text
    assert "đã có thư mục đợt thi đua tên này" in again


def test_the_body_text_preview_reads_lines_as_the_build_will(client):
    got = client.post(
        "/xem-noi-dung", data={"than": "I. MỤC ĐÍCH\n1. Tiêu chí thi đua\na) Một điểm;\n- Một gạch.\nĐoạn văn."}
    ).json()
    assert [p["loai"] for p in got] == ["muc", "tieu_muc", "diem", "gach", "doan"]


def test_the_forms_are_checked_as_typed(client, workspace):
    typed = agency_form(workspace) | {"nguoi_ky-0-ky_thay": "XYZ"}
    said = client.post("/co-quan/kiem", data=typed).json()
    assert len(said) == 1 and "ky_thay" in said[0] and "phải là một trong" in said[0]
    assert client.post("/co-quan/kiem", data=agency_form(workspace)).json() == []
    document = {"ma": "thong_bao", "loai": "QĐ", "trich_yeu": "Về việc x", "ngay": "2021-11-20", "nguoi_ky": "giam_doc",
                "don_vi_soan_thao": "VP", "noi_nhan": "Lãnh đạo Sở"}  # fmt: skip
    said = client.post(f"/dot/{SAMPLE}/van-ban/moi/kiem", data=document).json()
    assert any("hinh_thuc" in line for line in said)  # a decision needs its awards: the message build gives
    assert "thong_bao" not in (workspace.inputs / SAMPLE / "phong_trao.toml").read_text(encoding="utf-8")


def ke_hoach_form(page: str, **changes) -> dict[str, str]:
    form = {"phien_ban": seen(page), "ma": "ke_hoach", "loai": "KH", "trich_yeu": "Thực hiện phong trào thi đua",
            "ngay": "2021-10-15", "nguoi_ky": "giam_doc", "don_vi_soan_thao": "VP", "noi_nhan": "Lãnh đạo Sở",
            "noi_dung": "ke_hoach.txt", "than": "I. MỤC ĐÍCH\nMột đoạn mới của kế hoạch."}  # fmt: skip
    return form | changes


def test_a_refused_document_form_writes_no_body_text_and_nothing_outside_the_campaign(client, workspace):
    folder, root = workspace.inputs / SAMPLE, workspace.inputs.parent
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    page = client.get(f"/dot/{SAMPLE}/van-ban/0").text
    refused = client.post(f"/dot/{SAMPLE}/van-ban/0", data=ke_hoach_form(page, trich_yeu=""))
    assert refused.status_code == 200 and "van_ban[1].trich_yeu: thiếu khóa bắt buộc" in refused.text
    outside = root.parent / "ngoai.txt"
    for name in ("../../ngoai.txt", str(outside), ".an.txt", "ke_hoach.toml"):
        refused = client.post(f"/dot/{SAMPLE}/van-ban/0", data=ke_hoach_form(page, noi_dung=name))
        assert refused.status_code == 200 and "noi_dung: tên tệp nội dung" in refused.text, name
    said = client.post(f"/dot/{SAMPLE}/van-ban/0/kiem", data=ke_hoach_form(page, noi_dung="../ngoai.txt")).json()
    assert len(said) == 1 and ":noi_dung: tên tệp nội dung “../ngoai.txt” phải là tên một tệp .txt" in said[0]
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert after == before and not outside.exists()
    saved = client.post(f"/dot/{SAMPLE}/van-ban/0", data=ke_hoach_form(page), follow_redirects=False)
    assert saved.status_code == 303, saved.text[:2000]
    assert (folder / "ke_hoach.txt").read_text(encoding="utf-8") == "I. MỤC ĐÍCH\nMột đoạn mới của kế hoạch."
