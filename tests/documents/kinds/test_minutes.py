"""The minutes of the Hội đồng Thi đua - Khen thưởng (issue 15 item 3): the meeting, the vote on each nominee and
award from the secretary's tally, the two signatures; decisions cite them; the built minutes pass `tdkt check`."""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.build import build, plan
from pipeline.check.files import check_file
from pipeline.documents.model import Minutes
from pipeline.workspace import Workspace
from tests.conftest import REVIEW, ROOT
from tests.readback import open_docx, texts
from tests.test_bad_inputs import edit


def _workspace(root: Path) -> Workspace:
    shutil.copytree(ROOT / "inputs", root / "inputs")
    shutil.copytree(ROOT / "templates_docx", root / "templates_docx")
    return Workspace.at(root)


def _plan(ws: Workspace):
    _, planned, problems = plan([ws.inputs / REVIEW], ws)
    return {item.document.ma: item.document for item in planned}, problems


def test_the_minutes_carry_the_vote_on_each_nominee_and_award(tmp_path):
    documents, _ = _plan(_workspace(tmp_path))
    minutes = documents["bien_ban"]
    assert isinstance(minutes, Minutes)
    assert len(minutes.ket_qua) == 32  # every nomination of the six awards voted on, a person once per award
    first = minutes.ket_qua[0]
    assert (first.ho_ten, first.hinh_thuc, first.so_phieu, first.ty_le, first.ket_qua) == (
        "Phạm Ngọc Ánh", "Lao động tiên tiến", "7", "100%", "Đạt",
    )  # fmt: skip
    assert {(r.ho_ten, r.ty_le) for r in minutes.ket_qua if r.so_phieu == "6"} >= {("Nguyễn Thị Thu Hằng", "85,7%")}
    assert minutes.so_ky_hieu == "     /BB-HĐTĐKT" and minutes.co_mat == "07/07"
    assert minutes.signature.titles == ("CHỦ TRÌ",) and minutes.signature.name == "Nguyễn Thành Hải"
    assert minutes.thu_ky.name == "Phạm Ngọc Ánh"


def test_the_threshold_is_the_provinces_setting(tmp_path):
    ws = _workspace(tmp_path)
    edit(ws.inputs / REVIEW / "phong_trao.toml", "ty_le_dat = 0.5", "ty_le_dat = 0.9")
    minutes = _plan(ws)[0]["bien_ban"]
    results = {(r.ho_ten, r.hinh_thuc): r.ket_qua for r in minutes.ket_qua}
    assert results[("Võ Văn Tài", "Lao động tiên tiến")] == "Không đạt"  # 5 of 7
    assert results[("Phạm Ngọc Ánh", "Lao động tiên tiến")] == "Đạt"
    edit(ws.inputs / REVIEW / "phong_trao.toml", "ty_le_dat = 0.9", "")
    assert {r.ket_qua for r in _plan(ws)[0]["bien_ban"].ket_qua} == {""}  # no rule set: the vote alone is shown


def test_votes_missing_are_named(tmp_path):
    ws = _workspace(tmp_path)
    edit(ws.inputs / REVIEW / "phong_trao.toml", 'ket_qua = "bien_ban/ket-qua-bo-phieu.xlsx"', "")
    _, problems = _plan(ws)
    (warning,) = [str(p) for p in problems.warnings if "số phiếu" in str(p)]
    assert "chưa có số phiếu của 32 đề nghị" in warning and "cột “Số phiếu”" in warning


def test_the_decisions_cite_the_minutes(tmp_path):
    documents, _ = _plan(_workspace(tmp_path))
    decision = documents["quyet_dinh.giay_khen"]
    assert (
        "Căn cứ Biên bản số      /BB-HĐTĐKT ngày 13 tháng 12 năm 2024 của Hội đồng Thi đua - Khen thưởng Sở Kế hoạch "
        "và Đầu tư họp xét công nhận danh hiệu thi đua và khen thưởng năm 2024"
    ) in decision.can_cu


def test_the_built_minutes_read_as_minutes_and_pass_the_check(tmp_path):
    ws = _workspace(tmp_path)
    report = build([ws.inputs / REVIEW], ws)
    path = next(p for p in report.written if p.name.startswith("BB-"))
    doc = open_docx(path)
    lines = texts(doc)
    assert "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in lines and "BIÊN BẢN" in lines
    assert "Thời gian: Vào lúc 08 giờ 00, ngày 13 tháng 12 năm 2024." in lines
    assert "- Có mặt 07/07 thành viên Hội đồng: chủ trì, thư ký và" in lines
    signatures = doc.tables[-1]
    assert signatures.rows[0].cells[0].text == "Cuộc họp kết thúc vào lúc 10 giờ 30 cùng ngày./."
    left, right = (cell.text.split() for cell in signatures.rows[1].cells)
    assert left[:2] == ["THƯ", "KÝ"] and left[-3:] == ["Phạm", "Ngọc", "Ánh"]
    assert right[:2] == ["CHỦ", "TRÌ"] and right[-3:] == ["Nguyễn", "Thành", "Hải"]
    assert [c.text for c in doc.tables[1].rows[1].cells] == [
        "1", "Phạm Ngọc Ánh", "Chánh Văn phòng", "Lao động tiên tiến", "7", "100%", "Đạt",
    ]  # fmt: skip
    verdict = check_file(path)
    assert verdict.ok, [(v.title, v.detail) for v in verdict.verdicts if v.status != "dat"]
