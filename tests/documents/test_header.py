"""The parts every document shares: file names, symbols and Nơi nhận."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipeline.documents.header import file_digest, output_name, recipients, symbol_of
from pipeline.model import Agency, Campaign, DocumentSpec, DocumentType, Signer, Unit

AGENCY = Agency(
    co_quan_chu_quan="UBND tỉnh Bình Định",
    ten="Sở Kế hoạch và Đầu tư",
    viet_tat="SKHĐT",
    dia_danh="Bình Định",
    thu_truong="Giám đốc",
    units=(Unit("Văn phòng", "VP"),),
    signers=(Signer("gd", "Nguyễn Văn A", "Giám đốc"),),
    source=Path("co_quan.toml"),
)
DECISION = DocumentType("QĐ", "QUYẾT ĐỊNH", "quyet_dinh.docx", noi_nhan_dau="Như Điều 3")


def spec(**changes) -> DocumentSpec:
    values = dict(
        ma="qd",
        loai="QĐ",
        trich_yeu="Về việc tặng Giấy khen",
        ngay=dt.date(2021, 11, 20),
        nguoi_ky="gd",
        don_vi_soan_thao="VP",
        noi_nhan=("Lãnh đạo Sở",),
    )
    return DocumentSpec(**(values | changes))


def test_file_names_are_ascii_from_the_subject_or_the_campaign():
    campaign = Campaign("thi-dua-2021", "Thi đua", Path("."), Path("phong_trao.toml"))
    assert output_name(campaign, spec(ten_tep="tặng giấy khen")) == "QD-tang-giay-khen.docx"
    assert output_name(campaign, spec()) == "QD-thi-dua-2021.docx"


def test_symbol_in_the_agency_or_the_units_name():
    assert symbol_of(AGENCY, spec(), DECISION) == "QĐ-SKHĐT"
    assert symbol_of(AGENCY, spec(ky_hieu_don_vi=True), DECISION) == "QĐ-VP"


def test_the_types_first_recipient_is_added_once():
    assert recipients(spec(), DECISION) == ["- Như Điều 3;", "- Lãnh đạo Sở;", "- Lưu: VT, VP."]
    typed = spec(noi_nhan=("như điều 3", "Lãnh đạo Sở", "Lưu VT"), so_ban_luu=2)
    assert recipients(typed, DECISION) == ["- như điều 3;", "- Lãnh đạo Sở;", "- Lưu: VT, VP (02)."]


def test_a_files_digest_follows_its_content(tmp_path):
    path = tmp_path / "mau.docx"
    path.write_bytes(b"a")
    first = file_digest(path)
    path.write_bytes(b"bb")
    assert file_digest(path) != first
    assert file_digest(tmp_path / "khong_co.docx") == ""
