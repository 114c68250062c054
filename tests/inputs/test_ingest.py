"""Evidence ingest (issue 3): each layout of SPEC.md §8 reads without hand editing; each bad file gets a message."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from pipeline.cli import main
from pipeline.errors import Problems
from pipeline.inputs.awards import load_awards
from pipeline.inputs.ingest import ALIAS_HINT, LOOKED_FOR, ingest_folder
from pipeline.model import Unit
from tests.conftest import ROOT, SAMPLE, outputs_of
from tests.workbooks import HEADER, person, xlsx

SAMPLE_EVIDENCE = ROOT / "inputs" / SAMPLE / "de_nghi"
UNITS = (
    Unit("Văn phòng", "VP"),
    Unit("Phòng Tổng hợp, Quy hoạch", "THQH"),
    Unit("Phòng Đăng ký kinh doanh", "ĐKKD"),
    Unit("Trung tâm Xúc tiến đầu tư", "TTXTĐT"),
)


def read(folder: Path, order: str = "nhap"):
    problems = Problems()
    evidence = ingest_folder(folder, load_awards(None, problems), UNITS, order, problems)
    return evidence.nominations, problems


def only(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / "de_nghi"
    folder.mkdir()
    shutil.copy(SAMPLE_EVIDENCE / name, folder / name)
    return folder


def rows_of(nominations):
    return [(n.ho_ten, n.tap_the, n.chuc_vu_va_don_vi, n.don_vi, n.hinh_thuc, n.o) for n in nominations]


# --- the sample layouts -------------------------------------------------------------------------------------------


def test_title_rows_merged_two_row_header_marks_sections_and_footer(tmp_path):
    nominations, problems = read(only(tmp_path, "van-phong.xlsx"))
    assert problems.items == ()
    assert rows_of(nominations) == [
        ("Văn phòng Sở", True, "Văn phòng", "Văn phòng", "giay_khen", "Đề nghị!B11"),
        ("Phạm Ngọc Ánh", False, "Chánh Văn phòng, Văn phòng", "Văn phòng", "bang_khen_tinh", "Đề nghị!B13"),
        ("Nguyễn Thị Thu Hà", False, "Phó Chánh Văn phòng, Văn phòng", "Văn phòng", "giay_khen", "Đề nghị!B14"),
        ("Võ Văn Dũng", False, "Chuyên viên, Văn phòng", "Văn phòng", "giay_khen", "Đề nghị!B15"),
        ("Đặng Thị Ơn", False, "Văn thư, Văn phòng", "Văn phòng", "giay_khen", "Đề nghị!B16"),
    ]
    assert nominations[1].thanh_tich.startswith("Chỉ đạo xây dựng phương án phòng, chống dịch COVID-19")


def test_free_typed_forms_kind_column_and_dirty_text(tmp_path):
    nominations, problems = read(only(tmp_path, "phong-dang-ky-kinh-doanh.xlsx"))
    assert problems.items == ()
    assert rows_of(nominations) == [
        (
            "Phòng Đăng ký kinh doanh",
            True,
            "Sở Kế hoạch và Đầu tư",
            "Phòng Đăng ký kinh doanh",
            "giay_khen",
            "Sheet1!B2",
        ),
        (
            "Trần Quốc Bảo",
            False,
            "Trưởng phòng Đăng ký kinh doanh",
            "Phòng Đăng ký kinh doanh",
            "bang_khen_tinh",
            "Sheet1!B3",
        ),
        (
            "Lê Thị Hồng Nhung",
            False,
            "Chuyên viên Phòng Đăng ký kinh doanh",
            "Phòng Đăng ký kinh doanh",
            "giay_khen",
            "Sheet1!B4",
        ),
        (
            "Huỳnh Tấn Lực",
            False,
            "Chuyên viên Phòng Đăng ký kinh doanh",
            "Phòng Đăng ký kinh doanh",
            "giay_khen",
            "Sheet1!B5",
        ),
    ]
    assert unicodedata.is_normalized("NFC", nominations[2].ho_ten)
    assert (
        nominations[0].thanh_tich == "Giải quyết hồ sơ đăng ký doanh nghiệp trực tuyến 100% trong thời gian giãn cách."
    )
    assert nominations[1].thanh_tich.endswith("sang trực tuyến trong đợt dịch.")


def test_tcvn3_by_font_with_upper_case_font(tmp_path):
    nominations, problems = read(only(tmp_path, "trung-tam-xuc-tien-dau-tu.xlsx"))
    assert [str(p) for p in problems.items] == [
        f"{tmp_path / 'de_nghi' / 'trung-tam-xuc-tien-dau-tu.xlsx'}:DS: văn bản gõ bằng bảng mã cũ "
        "(TCVN3 (ABC), phông .VnTime, phông .VnTimeH); đã chuyển sang Unicode"
    ]
    assert all(p.warning for p in problems.items)
    assert rows_of(nominations) == [
        (
            "Phòng Xúc tiến và Hỗ trợ đầu tư",
            True,
            "Trung tâm Xúc tiến đầu tư",
            "Trung tâm Xúc tiến đầu tư",
            "giay_khen",
            "DS!B6",
        ),
        (
            "Nguyễn Văn Hướng",
            False,
            "Giám đốc Trung tâm, Trung tâm Xúc tiến đầu tư",
            "Trung tâm Xúc tiến đầu tư",
            "bang_khen_bo",
            "DS!B8",
        ),
        (
            "Lương Thị Diễm",
            False,
            "Chuyên viên, Trung tâm Xúc tiến đầu tư",
            "Trung tâm Xúc tiến đầu tư",
            "giay_khen",
            "DS!B9",
        ),
    ]


def test_windows_1258_csv_with_combining_tones_and_inferred_kinds(tmp_path):
    nominations, problems = read(only(tmp_path, "phong-tong-hop-quy-hoach.csv"))
    assert [n.ho_ten for n in nominations] == ["Phòng Tổng hợp, Quy hoạch", "Lê Văn Bình", "Trương Thị Yến"]
    assert all(unicodedata.is_normalized("NFC", n.ho_ten) for n in nominations)
    assert [n.tap_the for n in nominations] == [True, False, False]
    assert [p.where for p in problems.warnings] == ["A2", "A3", "A4"]
    assert str(problems.warnings[0]).endswith(
        "A2: không rõ “Phòng Tổng hợp, Quy hoạch” là tập thể hay cá nhân; đã coi là tập thể "
        "(thêm cột “Tập thể/Cá nhân” hoặc dòng “I. TẬP THỂ”, “II. CÁ NHÂN” để nói rõ)"
    )
    assert problems.errors == []


def test_old_xls_typed_in_tcvn3(tmp_path):
    folder = tmp_path / "de_nghi"
    folder.mkdir()
    shutil.copy(ROOT / "tests" / "data" / "tcvn3-vntime.xls", folder / "tcvn3-vntime.xls")
    nominations, problems = read(folder)
    assert [(n.ho_ten, n.chuc_vu, n.hinh_thuc, n.o) for n in nominations] == [
        ("Nguyễn Thị Hường", "Kế toán", "giay_khen", "Danh sach!B2"),
        ("Đỗ Minh Trí", "Chuyên viên", "lao_dong_tien_tien", "Danh sach!B3"),
    ]
    assert [p.message for p in problems.warnings][0] == (
        "văn bản gõ bằng bảng mã cũ (TCVN3 (ABC), phông .VnTime); đã chuyển sang Unicode"
    )


@pytest.mark.parametrize(
    ("encoding", "name_in_file", "marker"),
    [
        ("utf-8-sig", "Nguyễn Văn Lâm", None),
        ("utf-8", "Nguyễn Văn Lâm", None),
        ("latin-1", "Nguyeãn Vaên Laâm", "VNI, nhận ra từ chữ"),
        ("latin-1", "NguyÔn V¨n L©m", "TCVN3 (ABC), nhận ra từ chữ"),
    ],
)
def test_csv_encodings(tmp_path, encoding, name_in_file, marker):
    folder = tmp_path / "de_nghi"
    folder.mkdir()
    header = (
        "Họ và tên,Chức vụ,Đơn vị,Hình thức khen thưởng" if marker is None else "STT,Ho va ten,Chuc vu,Don vi,Hinh thuc"
    )
    body = f"{name_in_file},Chuyên viên,Văn phòng,Giấy khen" if marker is None else f"1,{name_in_file},,Van phong,GK"
    (folder / "a.csv").write_bytes(f"{header}\r\n{body}\r\n".encode(encoding))
    nominations, problems = read(folder)
    assert [n.ho_ten for n in nominations] == ["Nguyễn Văn Lâm"]
    legacy = [p.message for p in problems.warnings if "bảng mã" in p.message]
    assert legacy == ([] if marker is None else [f"văn bản gõ bằng bảng mã cũ ({marker}); đã chuyển sang Unicode"])


def test_header_aliases_are_insensitive_to_case_accents_and_spacing(tmp_path):
    folder = tmp_path / "de_nghi"
    xlsx(
        folder / "a.xlsx",
        [
            ["DANH SÁCH ĐỀ NGHỊ"],
            [],
            [
                "Số TT",
                "HỌ  VÀ TÊN",
                "chuc vu",
                "ĐƠN VỊ CÔNG TÁC",
                "Hình thức khen thưởng đề nghị",
                "Tóm tắt thành tích đạt được",
            ],
            [1, "Ngô Bảo Châu", "Chuyên viên", "Văn phòng", "GK", "Tốt."],
        ],
    )
    nominations, problems = read(folder)
    assert [(n.ho_ten, n.chuc_vu, n.don_vi, n.thanh_tich) for n in nominations] == [
        ("Ngô Bảo Châu", "Chuyên viên", "Văn phòng", "Tốt.")
    ]


# --- bad inputs: the exact message, and nothing written -----------------------------------------------------------


def campaign_with(workspace, files: dict[str, list[list[object]]]) -> Path:
    folder = workspace.inputs / SAMPLE / "de_nghi"
    shutil.rmtree(folder)
    for name, rows in files.items():
        xlsx(folder / name, rows)
    return folder


def run(workspace, *extra):
    args = ["ingest", str(workspace.inputs / SAMPLE), "--outputs", str(workspace.outputs), *extra]
    return CliRunner().invoke(main, args)


FORMS = "Giấy khen, Bằng khen UBND tỉnh, Bằng khen Bộ, Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể lao động tiên tiến, Tập thể lao động xuất sắc, Chiến sĩ thi đua cấp tỉnh"


@pytest.mark.parametrize(
    ("rows", "where", "message"),
    [
        (
            [["STT", "Tên", "Hình thức khen thưởng"], [1, "Nguyễn Văn A", "Giấy khen"]],
            "",
            LOOKED_FOR,
        ),
        (
            [HEADER, person("Nguyễn Văn A"), [2, "", "Chuyên viên", "Văn phòng", "Giấy khen", "Tốt."]],
            "Sheet1!B3",
            "thiếu họ tên hoặc tên tập thể",
        ),
        (
            [HEADER, person("Nguyễn Văn A", form="Bằng khen Thủ tướng")],
            "Sheet1!E2",
            f"không nhận ra hình thức khen thưởng “Bằng khen Thủ tướng” (có: {FORMS}); {ALIAS_HINT}",
        ),
        (
            [
                ["Họ và tên", "Loại", "Chức vụ", "Hình thức khen thưởng"],
                ["Phòng Tài chính", "Tập thể", "Trưởng phòng", "Giấy khen"],
            ],
            "Sheet1!C2",
            "tập thể “Phòng Tài chính” không có chức vụ cá nhân (“Trưởng phòng”)",
        ),
        (
            [["Họ và tên", "Loại", "Hình thức khen thưởng"], ["Phòng Tài chính", "Tập thể", "Lao động tiên tiến"]],
            "Sheet1!A2",
            "“Lao động tiên tiến” chỉ dành cho cá nhân, không dành cho “Phòng Tài chính”",
        ),
        (
            [HEADER, person("Nguyễn Văn A")[:4] + ["", "Tốt."]],
            "Sheet1!E2",
            "“Nguyễn Văn A” chưa có hình thức khen thưởng",
        ),
        (
            [["STT", "Họ và tên", "Chức vụ"], [1, "Nguyễn Văn A", "Chuyên viên"], [2, "Lê Thị B", "Kế toán"]],
            "Sheet1!B1",
            "không tìm thấy cột hình thức khen thưởng (ví dụ “Hình thức khen thưởng”, hoặc một cột cho mỗi hình thức "
            "với dấu x), dòng đề mục nêu hình thức (“A. GIẤY KHEN”) hay tên trang tính nêu hình thức",
        ),
    ],
)
def test_bad_sheet(workspace, rows, where, message):
    folder = campaign_with(workspace, {"a.xlsx": rows})
    result = run(workspace)
    assert result.exit_code == 1
    place = f"{folder / 'a.xlsx'}:{where}" if where else f"{folder / 'a.xlsx'}"
    assert result.stderr.splitlines() == [f"Lỗi: {place}: {message}"]
    assert outputs_of(workspace) == []


def test_same_person_in_two_files(workspace):
    folder = campaign_with(
        workspace, {"a.xlsx": [HEADER, person("Lê Thị Cúc")], "b.xlsx": [HEADER, person("Lê  Thị cúc")]}
    )
    result = run(workspace)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Lỗi: {folder / 'b.xlsx'}:Sheet1!B2: “Lê Thị cúc” (Văn phòng) được đề nghị hai lần (cùng hình thức); "
        "đã có ở a.xlsx:Sheet1!B2\n"
    )
    assert outputs_of(workspace) == []


def test_namesakes_in_different_units_are_not_duplicates(workspace):
    campaign_with(
        workspace, {"a.xlsx": [HEADER, person("Lê Thị Cúc"), person("Lê Thị Cúc", unit="Phòng Đăng ký kinh doanh")]}
    )
    assert run(workspace).exit_code == 0


def test_unreadable_file(workspace):
    folder = campaign_with(workspace, {"a.xlsx": [HEADER, person("Lê Thị Cúc")]})
    (folder / "hong.xlsx").write_bytes(b"not a workbook")
    result = run(workspace)
    assert result.exit_code == 1
    assert result.stderr == f"Lỗi: {folder / 'hong.xlsx'}: tệp .xlsx bị hỏng hoặc không phải .xlsx (không mở được)\n"
    assert outputs_of(workspace) == []


def test_every_problem_of_the_run_at_once(workspace):
    campaign_with(
        workspace,
        {
            "a.xlsx": [HEADER, person("Nguyễn Văn A", form="Huân chương"), [2, "", "", "Văn phòng", "GK", ""]],
            "b.xlsx": [["Tên"], ["Ai đó"]],
            "c.xlsx": [HEADER, person("Trần B", unit="Văn phòng", n=1)],
            "d.xlsx": [HEADER, person("Trần B", unit="Văn phòng", n=1)],
        },
    )
    result = run(workspace)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 4
    assert [line.split(": ", 2)[1].rsplit("/", 1)[-1] for line in lines] == [
        "a.xlsx:Sheet1!E2",
        "a.xlsx:Sheet1!B3",
        "b.xlsx",
        "d.xlsx:Sheet1!B2",
    ]


def test_warnings_print_and_strict_makes_them_errors(workspace):
    campaign_with(workspace, {"a.xlsx": [["Họ và tên", "Hình thức"], ["Phòng Tài chính", "Giấy khen"]]})
    relaxed = run(workspace)
    assert relaxed.exit_code == 0
    assert "Cảnh báo:" in relaxed.stderr and "đã coi là tập thể" in relaxed.stderr
    shutil.rmtree(workspace.outputs)
    strict = run(workspace, "--strict")
    assert strict.exit_code == 1
    assert strict.stderr.startswith("Lỗi: ") and strict.stderr.rstrip().endswith("(cảnh báo, dừng vì --strict)")
    assert outputs_of(workspace) == []


def test_build_stops_on_evidence_errors_before_writing_documents(workspace):
    campaign_with(workspace, {"a.xlsx": [HEADER, person("Nguyễn Văn A", form="Huân chương")]})
    result = CliRunner().invoke(
        main,
        [
            "build",
            str(workspace.inputs / SAMPLE),
            "--outputs",
            str(workspace.outputs),
            "--templates",
            str(workspace.templates),
        ],
    )
    assert result.exit_code == 1
    assert outputs_of(workspace) == []


# --- order and the consolidated workbook --------------------------------------------------------------------------


def test_orders(tmp_path):
    folder = tmp_path / "de_nghi"
    xlsx(
        folder / "a.xlsx",
        [
            ["Họ và tên", "Loại", "Chức vụ", "Đơn vị", "Hình thức"],
            ["Đỗ Văn Ánh", "CN", "Chuyên viên", "Phòng Đăng ký kinh doanh", "GK"],
            ["Vũ Thị Anh", "CN", "Trưởng phòng", "Phòng Đăng ký kinh doanh", "GK"],
            ["Lê Ân", "CN", "Chuyên viên", "Văn phòng", "GK"],
            ["Phòng Đăng ký kinh doanh", "TT", "", "Phòng Đăng ký kinh doanh", "GK"],
            ["Bùi Văn Ăn", "CN", "Phó Chánh Văn phòng", "Văn phòng", "GK"],
        ],
    )
    by_input = [n.ho_ten for n in read(folder)[0]]
    assert by_input == ["Đỗ Văn Ánh", "Vũ Thị Anh", "Lê Ân", "Phòng Đăng ký kinh doanh", "Bùi Văn Ăn"]
    by_name = [n.ho_ten for n in read(folder, "ten")[0]]
    assert by_name == ["Phòng Đăng ký kinh doanh", "Vũ Thị Anh", "Đỗ Văn Ánh", "Bùi Văn Ăn", "Lê Ân"]
    by_unit = [n.ho_ten for n in read(folder, "don_vi")[0]]
    assert by_unit == ["Bùi Văn Ăn", "Lê Ân", "Phòng Đăng ký kinh doanh", "Vũ Thị Anh", "Đỗ Văn Ánh"]


def test_tong_hop_rows_sources_counts_and_no_formulas(workspace):
    campaign_with(
        workspace,
        {
            "a.xlsx": [
                HEADER,
                person('=HYPERLINK("http://x","y")', n=1),
                person("+Trần Văn C", n=2, unit="Phòng Đăng ký kinh doanh"),
                person("@Lê D", n=3, form="Bằng khen UBND tỉnh"),
                person("-Võ E", n=4),
            ]
        },
    )
    assert run(workspace).exit_code == 0
    book = load_workbook(workspace.outputs / SAMPLE / "tong_hop.xlsx")
    ws = book["Tổng hợp"]
    names = [ws.cell(r, 2) for r in range(2, 6)]
    assert [c.value for c in names] == ['=HYPERLINK("http://x","y")', "+Trần Văn C", "@Lê D", "-Võ E"]
    assert {c.data_type for c in names} == {"s"}
    assert [ws.cell(2, c).value for c in (8, 9, 10)] == ["de_nghi/a.xlsx", "Sheet1", 2]
    assert [c.quotePrefix for c in names] == [True, True, True, True]  # Excel shows them as typed
    assert ws.cell(1, 1).font.b and ws.freeze_panes == "A2" and ws.print_title_rows.replace("$", "") == "1:1"
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
    import pandas as pd

    frame = pd.read_excel(
        workspace.outputs / SAMPLE / "tong_hop.xlsx", sheet_name="Tổng hợp", dtype=str, engine="calamine"
    )
    assert frame["Họ và tên / Tên tập thể"].tolist()[:2] == ['=HYPERLINK("http://x","y")', "+Trần Văn C"]
    counts = [list(r) for r in book["Thống kê"].iter_rows(values_only=True)]
    assert counts == [
        ["Đơn vị", "Giấy khen", "Bằng khen UBND tỉnh", "Tổng cộng"],
        ["Văn phòng", 2, 1, 3],
        ["Phòng Đăng ký kinh doanh", 1, 0, 1],
        ["Tổng cộng", 3, 1, 4],
    ]


def test_order_is_chosen_in_the_campaign_file(workspace):
    campaign = workspace.inputs / SAMPLE / "phong_trao.toml"
    campaign.write_text(campaign.read_text(encoding="utf-8") + '\n[de_nghi]\nthu_tu = "ten"\n', encoding="utf-8")
    assert run(workspace).exit_code == 0
    ws = load_workbook(workspace.outputs / SAMPLE / "tong_hop.xlsx")["Tổng hợp"]
    names = [ws.cell(r, 2).value for r in range(2, ws.max_row + 1)]
    assert names[:6] == [
        "Phòng Đăng ký kinh doanh",
        "Phòng Tổng hợp, Quy hoạch",
        "Phòng Xúc tiến và Hỗ trợ đầu tư",
        "Văn phòng Sở",
        "Phạm Ngọc Ánh",
        "Trần Quốc Bảo",
    ]
    assert len(names) == 18


@pytest.mark.parametrize(
    ("table", "where", "message"),
    [
        ('thu_tu = "abc"', "de_nghi.thu_tu", "phải là một trong: nhap, don_vi, ten"),
        ('thu_muc = "khong_co"', "de_nghi.thu_muc", "không tìm thấy thư mục {folder}/khong_co"),
    ],
)
def test_bad_evidence_settings(workspace, table, where, message):
    campaign = workspace.inputs / SAMPLE / "phong_trao.toml"
    campaign.write_text(campaign.read_text(encoding="utf-8") + f"\n[de_nghi]\n{table}\n", encoding="utf-8")
    result = run(workspace)
    assert result.exit_code == 1
    expected = message.format(folder=workspace.inputs / SAMPLE)
    assert result.stderr == f"Lỗi: {campaign}:{where}: {expected}\n"


def test_the_agency_teaches_tdkt_its_own_column_names(workspace):
    rows = [["Người được đề nghị", "Đơn vị", "Hình thức"], ["Trần Thị Mai", "Văn phòng", "GK"]]
    campaign_with(workspace, {"a.xlsx": rows})
    unknown = run(workspace)
    assert unknown.exit_code == 1 and "không tìm thấy bảng đề nghị" in unknown.stderr
    agency = workspace.inputs / "co_quan.toml"
    agency.write_text(
        agency.read_text(encoding="utf-8") + '\n[bang_de_nghi.cot]\nho_ten = ["Người được đề nghị"]\n', encoding="utf-8"
    )
    assert run(workspace).exit_code == 0
    ws = load_workbook(workspace.outputs / SAMPLE / "tong_hop.xlsx")["Tổng hợp"]
    assert ws.cell(2, 2).value == "Trần Thị Mai"


def test_agency_column_names_must_be_lists_of_text(workspace):
    campaign_with(workspace, {"a.xlsx": [HEADER, person("Trần Thị Mai")]})
    agency = workspace.inputs / "co_quan.toml"
    agency.write_text(agency.read_text(encoding="utf-8") + '\n[bang_de_nghi.cot]\nho_ten = "Tên"\n', encoding="utf-8")
    result = run(workspace)
    assert result.exit_code == 1
    assert result.stderr == f'Lỗi: {agency}:bang_de_nghi.cot: phải là danh sách chuỗi, ví dụ ["Người được đề nghị"]\n'


# --- read by several processes ------------------------------------------------------------------------------------


def test_workers_read_a_folder_as_this_process_does(tmp_path, monkeypatch):
    """A large folder is read by worker processes file by file: the same nominations in the same order, and the same
    problems (errors, warnings, and a file that cannot be read) in the same order, as when this process reads it."""
    from pipeline.inputs import ingest

    folder = tmp_path / "de_nghi"
    shutil.copytree(SAMPLE_EVIDENCE, folder)
    xlsx(folder / "z-loi.xlsx", [HEADER, person("Lê Văn Tám", "Huân chương vũ trụ"), person("", n=2)])
    (folder / "zz-hong.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    xlsx(folder / "a-trung.xlsx", [HEADER, person("Võ Văn Dũng")])

    shares = []
    spread = ingest.results

    def spy(tasks, worker, jobs=1, *rest, **named):
        shares.append(jobs)
        return spread(tasks, worker, jobs, *rest, **named)

    monkeypatch.setattr(ingest, "results", spy)

    def read_with(jobs: int, share_from: int):
        monkeypatch.setattr(ingest, "SHARE_FROM_BYTES", share_from)
        problems = Problems()
        arrived: list = []  # what the caller is told as each file's nominations come (the list's rows are made then)
        evidence = ingest_folder(
            folder, load_awards(None, problems), UNITS, "don_vi", problems, jobs=jobs, arrived=arrived.extend
        )
        assert [n.tep for n in arrived] == sorted(n.tep for n in arrived)  # in the files' order
        told = {id(n) for n in arrived}
        assert all(id(n) in told for n in evidence.nominations)  # the very objects the evidence keeps
        assert len(arrived) == len(evidence.nominations) + 1  # and the duplicate the check then drops
        return evidence, problems.items

    alone, alone_problems = read_with(1, 0)
    shared, shared_problems = read_with(2, 0)
    assert shared == alone
    assert shared_problems == alone_problems
    assert shares == [1, 2]
    assert len(alone.nominations) > 15
    messages = [str(p) for p in alone_problems]
    assert any("z-loi.xlsx:Sheet1!E2: không nhận ra hình thức khen thưởng" in m for m in messages)
    assert any("z-loi.xlsx:Sheet1!B3: thiếu họ tên" in m for m in messages)
    assert any("zz-hong.xlsx" in m and "hỏng" in m for m in messages)
    assert any("hai lần" in m for m in messages)  # the same person in two files: found across the workers' shares
    files = [p.file.name for p in alone_problems]
    assert files == sorted(files)  # file by file, a file's duplicates of earlier files with its own problems
    assert read_with(2, 10**12) == (alone, alone_problems)
    assert shares[-1] == 1  # a small folder is read by this process alone


def test_a_row_read_by_index_reads_what_each_cell_reads():
    """A row's texts as the reader takes its fields (`_Rows.texts`: one empty text more than the widest row, which
    stands for a column the table lacks) are each cell's text, merged cells applied, short rows included."""
    from pipeline.inputs.grid import Cell, RawSheet
    from pipeline.inputs.ingest import _Columns, _Rows

    header = (Cell("STT"), Cell("Họ và tên"), Cell("Đơn vị"))
    rows = (header, (Cell("1"), Cell("An"), Cell("Phòng A")), (Cell("2"),), ())
    width = 3
    columns = _Columns({"stt": 0, "ho_ten": 1, "don_vi": 2}, ["ho_ten", "chuc_vu"], width)
    for merged in ((), ((1, 2, 3, 2),)):  # the unit written once beside three rows
        reading = _Rows(RawSheet(Path("x.xlsx"), "Danh sách", rows, False, merged=merged), 1, width)
        for r in range(1, len(rows)):
            texts = reading.texts(r)
            assert len(texts) == width + 1 and texts[-1] == ""
            assert texts[:width] == [reading.text(r, c) for c in range(width)]
            assert texts[columns["chuc_vu"]] == texts[columns["ghi_chu"]] == ""  # known and unknown fields alike
        units = [reading.texts(r)[columns["don_vi"]] for r in (1, 2, 3)]
        assert units == (["Phòng A"] * 3 if merged else ["Phòng A", "", ""])
