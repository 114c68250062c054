"""Numbers given by the agency's e-office system (`tdkt issue --so N`, issue 16 item 4): recorded as external in the
register and the archive, refused when the year already has that number, tdkt's own series left as it was."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from pipeline.errors import TdktError
from pipeline.issue import issue_document

from .conftest import SAMPLE
from .test_bad_inputs import edit

KH, TTR, QD = "ke_hoach", "to_trinh_giay_khen", "quyet_dinh_giay_khen"


def issue(ws, code, day=dt.date(2021, 11, 20), **kwargs):
    return issue_document(ws.inputs / SAMPLE, code, ws, ws.archive, day, pdf=False, **kwargs)


def test_an_external_number_is_recorded_as_such_and_leaves_the_own_series_alone(workspace):
    outside = issue(workspace, KH, dt.date(2021, 10, 15), external=125)
    assert (outside.entry.so, outside.entry.so_ky_hieu, outside.entry.so_ngoai) == (125, "125/KH-SKHĐT", True)
    assert outside.entry.ghi_chu == "Số do hệ thống quản lý văn bản điện tử cấp"
    record = next(p for p in outside.files if p.suffix == ".json")
    assert record.name.startswith("125n-") and json.loads(record.read_text(encoding="utf-8"))["so_ngoai"] is True
    own = issue(workspace, TTR)  # tdkt's own series still starts at 01, with no gap reported
    assert (own.entry.so, own.entry.so_ngoai) == (1, False)
    decision = issue(workspace, QD)
    assert decision.entry.so == 2


@pytest.mark.parametrize("first_external", [True, False])
def test_a_number_the_year_already_has_is_refused(workspace, first_external):
    issue(workspace, KH, dt.date(2021, 10, 15), external=1 if first_external else None)
    with pytest.raises(TdktError) as refused:
        issue(workspace, TTR, external=1)
    message = str(refused.value.problems[0])
    assert "số 01 năm 2021 đã có trong sổ: 01/KH-SKHĐT ngày 15/10/2021" in message
    assert [e.so_ky_hieu for e in workspace.archive.register().entries()] == ["01/KH-SKHĐT"]


def test_the_agency_may_make_external_numbers_its_rule(workspace):
    edit(workspace.inputs / "co_quan.toml", 'doc_so_linh = "linh"', 'doc_so_linh = "linh"\nso_tu_he_thong = true')
    with pytest.raises(TdktError) as refused:
        issue(workspace, KH, dt.date(2021, 10, 15))
    assert "ghi số đã được cấp bằng --so" in str(refused.value.problems[0])
    assert not workspace.archive.exists() or workspace.archive.register().entries() == []
    assert issue(workspace, KH, dt.date(2021, 10, 15), external=7).entry.so_ky_hieu == "07/KH-SKHĐT"
