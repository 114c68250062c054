"""One decision of whether a document is up to date, shared by `build` and `status` (draft_state)."""

from __future__ import annotations

import hashlib

import pytest

from pipeline.build import plan
from pipeline.manifest import EDITED, MANIFEST, DraftRecord, DraftState, Manifest, draft_state
from tests.conftest import SAMPLE


@pytest.fixture
def plan_doc(workspace):
    """The sample's plan (Kế hoạch) as planned, written to its output path as the build would."""
    _, planned, _ = plan([workspace.inputs / SAMPLE], workspace)
    doc = next(p.document for p in planned if p.document.ma == "ke_hoach")
    doc.output.parent.mkdir(parents=True)
    doc.output.write_bytes(b"ban nhap")
    return doc


def record_for(doc, data=b"ban nhap", inputs=None):
    inputs = dict(doc.inputs) if inputs is None else inputs
    from pipeline.documents.model import digest

    return DraftRecord(doc.output.name, digest(inputs), inputs, hashlib.sha256(data).hexdigest())


def test_never_built_is_new(plan_doc):
    assert draft_state(plan_doc, None) == (DraftState.NEW, ())


def test_a_lost_file_is_new(plan_doc):
    record = record_for(plan_doc)
    plan_doc.output.unlink()
    assert draft_state(plan_doc, record) == (DraftState.NEW, ())


def test_same_inputs_and_file_is_up_to_date(plan_doc):
    assert draft_state(plan_doc, record_for(plan_doc)) == (DraftState.UP_TO_DATE, ())


def test_changed_inputs_are_named(plan_doc):
    before = dict(plan_doc.inputs) | {"noi_dung": "khac", "mau": "khac"}
    assert draft_state(plan_doc, record_for(plan_doc, inputs=before)) == (
        DraftState.CHANGED,
        ("mẫu Word", "tệp nội dung"),
    )


def test_an_edited_file_is_edited_and_says_which_inputs_changed_too(plan_doc):
    before = dict(plan_doc.inputs) | {"co_quan": "khac"}
    record = record_for(plan_doc, data=b"ban khac", inputs=before)
    assert draft_state(plan_doc, record) == (DraftState.EDITED, (EDITED, "hồ sơ cơ quan"))


def test_build_and_status_agree_when_inputs_changed_and_the_draft_was_edited(workspace):
    from click.testing import CliRunner

    from pipeline.build import build, status
    from pipeline.cli import main

    build([workspace.inputs / SAMPLE], workspace)
    plan_file = workspace.outputs / SAMPLE / "KH-phong-trao-thi-dua-dac-biet.docx"
    plan_file.write_bytes(plan_file.read_bytes() + b"\0")
    body = workspace.inputs / SAMPLE / "ke_hoach.txt"
    body.write_text(body.read_text(encoding="utf-8") + "\nThêm một đoạn.\n", encoding="utf-8")
    (state,) = [s for s in status([workspace.inputs / SAMPLE], workspace) if s.ma == "ke_hoach"]
    assert (state.state, state.reasons) == (DraftState.EDITED, (EDITED, "tệp nội dung"))
    args = ["build", str(workspace.inputs / SAMPLE), "--outputs", str(workspace.outputs)]
    result = CliRunner().invoke(main, [*args, "--templates", str(workspace.templates)])
    assert f"Dựng lại: {plan_file} (đã đổi: {EDITED}, tệp nội dung, bản sửa tay được giữ lại: " in result.output


@pytest.mark.parametrize("content", ["", "{không phải json", '{"van_ban": {"x": {"tep": 1}}}', "[1, 2]"])
def test_an_unreadable_manifest_counts_as_none(tmp_path, content):
    (tmp_path / MANIFEST).write_text(content, encoding="utf-8")
    manifest = Manifest.read(tmp_path)
    assert manifest.drafts == {} and manifest.tong_hop is None


def test_the_manifest_round_trips(tmp_path):
    manifest = Manifest(tmp_path, {"a": DraftRecord("A.docx", "f", {"mau": "m"}, "s")}, "t")
    manifest.write()
    again = Manifest.read(tmp_path)
    assert (again.drafts, again.tong_hop) == (manifest.drafts, "t")


def test_another_campaigns_manifest_counts_as_none(tmp_path):
    Manifest(tmp_path, {"a": DraftRecord("A.docx", "f", {}, "s")}, None, "dot-a-1234").write()
    assert Manifest.read(tmp_path, "dot-a-1234").drafts != {}
    assert Manifest.read(tmp_path, "dot-b-5678").drafts == {}


def test_a_change_in_the_legal_data_makes_a_reward_decision_to_rebuild(workspace):
    """The căn cứ of a decision come from the legal data: its fingerprint covers them (it once covered only the
    reward data, so a corrected law left the decision marked up to date)."""
    from pipeline.build import build, status

    build([workspace.inputs / SAMPLE], workspace)
    (workspace.inputs / "van_ban_phap_ly.toml").write_text(
        '[[van_ban]]\nma = "nd-91-2017"\nloai = "Nghị định"\nso = "91/2017/NĐ-CP"\nngay = 2017-07-31\n'
        'co_quan = "Chính phủ"\nten = "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng (đã sửa)"\n'
        'hieu_luc_tu = 2017-10-01\nhieu_luc_den = 2023-12-31\nnhan_dien = ["91/2017/NĐ-CP"]\ncho = ["quyet_dinh_khen_thuong"]\n',
        encoding="utf-8",
    )
    states = {s.ma: s for s in status([workspace.inputs / SAMPLE], workspace)}
    decision = states["quyet_dinh_giay_khen"]
    assert decision.state is DraftState.CHANGED and "dữ liệu pháp lý" in decision.reasons


def test_a_manifest_is_written_as_it_is_encoded_and_reads_back(tmp_path):
    """Streamed piece by piece (issue 19: memory flat in the number of documents), the same JSON as in one go."""
    import json
    from dataclasses import asdict

    from pipeline.manifest import MANIFEST, DraftRecord, Manifest

    drafts = {
        f"quyet_dinh_{i}": DraftRecord(f"QD-{i}.docx", f"{i:064x}", {"mau": "a" * 64, "de_nghi": f"{i:064x}"}, "b" * 64)
        for i in range(300)
    }
    manifest = Manifest(tmp_path, dict(drafts), "c" * 64, "dot-1")
    manifest.write()
    text = (tmp_path / MANIFEST).read_text(encoding="utf-8")
    content = {"van_ban": {k: asdict(v) for k, v in drafts.items()}, "ma_phong_trao": "dot-1", "tong_hop": "c" * 64}
    assert text == json.dumps(content, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    again = Manifest.read(tmp_path, "dot-1")
    assert again.drafts == drafts and again.tong_hop == "c" * 64


def test_status_reads_a_folders_manifest_once_for_all_its_documents(workspace, monkeypatch):
    """A campaign of a thousand decisions has one manifest; read for each document it made `tdkt status` (and the
    page's list of campaigns) 6.8 s where planning them takes 1.5 s."""
    from pipeline import build as build_module
    from pipeline.build import build, status

    build([workspace.inputs / SAMPLE], workspace)
    reads = []
    real = Manifest.read.__func__
    monkeypatch.setattr(
        build_module.Manifest, "read", classmethod(lambda cls, *args: (reads.append(args[0]), real(cls, *args))[1])
    )
    states = status([workspace.inputs / SAMPLE], workspace)
    assert len(states) == 5 and {s.state for s in states} == {DraftState.UP_TO_DATE}
    assert reads == [workspace.outputs / SAMPLE]
