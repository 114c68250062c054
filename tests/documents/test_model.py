"""Typed documents: the texts they compose, and the template fields made from them at the render boundary."""

from __future__ import annotations

import pytest

from pipeline.documents.model import Decision, Submission


@pytest.fixture(scope="module")
def documents(planned_sample):
    return {doc.ma: doc for doc in planned_sample}


def test_each_document_is_of_its_kind(documents):
    kinds = {code: type(doc).__name__ for code, doc in documents.items()}
    assert kinds == {
        "ke_hoach": "Document",
        "to_trinh_giay_khen": "Submission",
        "quyet_dinh_giay_khen": "Decision",
        "to_trinh_bang_khen_tinh": "Submission",
        "to_trinh_bang_khen_bo": "Submission",
    }


def test_a_decision_knows_who_gets_what_and_the_money(documents):
    decision = documents["quyet_dinh_giay_khen"]
    assert isinstance(decision, Decision)
    assert (decision.so_tap_the, decision.so_ca_nhan, decision.so_luong) == (4, 8, "04 tập thể và 08 cá nhân")
    assert decision.muc_tien == (
        "Mỗi tập thể được tặng Giấy khen kèm theo tiền thưởng 900.000 đồng; "
        "mỗi cá nhân được tặng Giấy khen kèm theo tiền thưởng 450.000 đồng"
    )
    assert decision.tong_tien == 4 * 900_000 + 8 * 450_000
    assert [g.ten for g in decision.danh_sach.groups] == ["TẬP THỂ", "CÁ NHÂN"]
    assert {row.form.ma for row in decision.danh_sach.rows} == {"giay_khen"}
    assert decision.recipients == [
        "- Như Điều 3;",
        "- Ban TĐ-KT tỉnh (để b/c);",
        "- Lãnh đạo Sở;",
        "- Kế toán Văn phòng;",
    ]
    assert decision.so_ky_hieu == "     /QĐ-SKHĐT"


def test_a_proposal_upward_shows_no_money(documents):
    proposal = documents["to_trinh_bang_khen_tinh"]
    assert isinstance(proposal, Submission)
    assert not proposal.co_tien and proposal.payments == () and proposal.tong_tien == 0
    assert all(row.amount is None for row in proposal.danh_sach.rows)


def test_fields_are_plain_text_for_the_template(documents):
    fields = documents["quyet_dinh_giay_khen"].fields()
    assert fields["tong_tien"] == "7.200.000"
    assert fields["tong_tien_chu"] == "Bảy triệu hai trăm nghìn đồng"
    assert fields["can_cu"][-1].startswith("Theo đề nghị của Chánh Văn phòng Sở tại Tờ trình số      /TTr-VP ngày 15")
    assert fields["can_cu"][-1].endswith(".")
    row = fields["nhom_danh_sach"][1]["dong"][0]
    assert set(row) == {"stt", "ho_ten", "chuc_vu_don_vi", "thanh_tich", "hinh_thuc", "so_tien"}
    assert (row["stt"], row["so_tien"], row["hinh_thuc"]) == ("1", "450.000", "Giấy khen")
