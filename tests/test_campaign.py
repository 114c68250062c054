"""Loading a campaign: each document's kind reads and checks its own keys (pipeline/documents/kinds)."""

from __future__ import annotations

import pytest

from pipeline.campaign import load
from pipeline.documents.kinds.reward import RewardSpec
from pipeline.errors import Problems
from tests.conftest import SAMPLE
from tests.test_bad_inputs import edit


def loaded(workspace):
    problems = Problems()
    items = load([workspace.inputs / SAMPLE], problems)
    return items, problems


def test_each_kind_reads_its_own_keys(workspace):
    (item,), problems = loaded(workspace)
    assert problems.errors == []
    by_code = {spec.ma: spec for spec in item.campaign.documents}
    assert by_code["ke_hoach"].rieng is None
    decision = by_code["quyet_dinh_giay_khen"].rieng
    assert isinstance(decision, RewardSpec) and decision.quyet_dinh
    assert (decision.hinh_thuc, decision.theo_to_trinh) == (("giay_khen",), "to_trinh_giay_khen")
    assert by_code["to_trinh_bang_khen_tinh"].rieng.nguoi_quyet_dinh == "Chủ tịch Ủy ban nhân dân tỉnh"


def test_an_unknown_kind_in_the_agency_types_is_named(workspace):
    agency = workspace.inputs / "co_quan.toml"
    agency.write_text(
        agency.read_text(encoding="utf-8") + '\n[[loai_van_ban]]\nma = "BC"\nten = "BÁO CÁO"\nmau = "bc.docx"\n'
        'kieu = "bao_cao_dac_biet"\n',
        encoding="utf-8",
    )
    items, problems = loaded(workspace)
    assert items == []
    assert [str(p) for p in problems.errors] == [
        f"{agency}:loai_van_ban[1].kieu: kiểu văn bản “bao_cao_dac_biet” không có "
        "(có: van_ban, to_trinh_khen_thuong, quyet_dinh_khen_thuong, bien_ban)"
    ]


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        ('hinh_thuc = ["bang_khen_bo"]\n', "", "van_ban[5].hinh_thuc", "thiếu khóa bắt buộc"),
        (
            'theo_to_trinh = "to_trinh_giay_khen"',
            'theo_to_trinh = "ke_hoach"',
            "van_ban[3].theo_to_trinh",
            "không có tờ trình nào có ma = “ke_hoach”",
        ),
    ],
)
def test_a_reward_kind_checks_its_keys(workspace, old, new, where, message):
    path = workspace.inputs / SAMPLE / "phong_trao.toml"
    edit(path, old, new)
    _, problems = loaded(workspace)
    assert [str(p) for p in problems.errors] == [f"{path}:{where}: {message}"]
