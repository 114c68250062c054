"""History across years: old lists imported into the archive, issued decisions recorded there, one person's
record shown, and a 2025 review reading what issuing the 2024 decisions left (issue 15)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from openpyxl import Workbook

from pipeline.cli import main
from tests.conftest import REVIEW

HISTORY = Path("inputs") / REVIEW / "lich_su"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_an_old_list_is_imported_and_a_person_shown_across_years(workspace, monkeypatch):
    monkeypatch.chdir(workspace.inputs.parent)
    imported = run(
        "history", "import", str(HISTORY / "quyet-dinh-2023-chien-si-thi-dua-co-so.xlsx"),
        "--nam", "2023", "--so", "48/QĐ-SKHĐT", "--ngay", "2023-12-20",
    )  # fmt: skip
    assert imported.exit_code == 0, imported.output
    assert "Đã nhập 2 khen thưởng năm 2023" in imported.stdout
    record = json.loads(next(Path("outputs/luu_vt/lich_su").glob("2023-*.json")).read_text(encoding="utf-8"))
    assert {row["ho_ten"] for row in record["khen_thuong"]} == {"Đặng Minh Khoa", "Nguyễn Hữu Thắng"}
    evaluations = run("history", "import", str(HISTORY / "danh-gia-2023.xlsx"), "--nam", "2023", "--danh-gia")
    assert evaluations.exit_code == 0, evaluations.output
    assert "Đã nhập 4 kết quả đánh giá năm 2023" in evaluations.stdout
    shown = run("history", "Đặng Minh Khoa")
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    # 2022 comes from the list the review campaign carries, under the unit's former name (`ten_cu`)
    assert lines[0].startswith("2022\tChiến sĩ thi đua cơ sở\tĐặng Minh Khoa (Phòng Đăng ký doanh nghiệp)")
    assert (
        "2023\tChiến sĩ thi đua cơ sở\tĐặng Minh Khoa (Phòng Đăng ký kinh doanh)\tQuyết định số 48/QĐ-SKHĐT ngày 20/12/2023"
        in lines
    )
    assert "2023\tĐánh giá: Hoàn thành xuất sắc nhiệm vụ\tĐặng Minh Khoa (Phòng Đăng ký kinh doanh)" in lines
    again = run(
        "history", "import", str(HISTORY / "quyet-dinh-2023-chien-si-thi-dua-co-so.xlsx"), "--nam", "2023",
        "--so", "48/QĐ-SKHĐT",
    )  # fmt: skip
    assert again.exit_code == 0 and len(list(Path("outputs/luu_vt/lich_su").glob("2023-quyet*.json"))) == 1
    assert run("history", "Không Ai").stdout.strip() == "Không có lịch sử nào của “Không Ai”."


def test_a_list_without_its_column_is_refused_with_the_reason(workspace, monkeypatch):
    monkeypatch.chdir(workspace.inputs.parent)
    result = run("history", "import", str(HISTORY / "quyet-dinh-2023-chien-si-thi-dua-co-so.xlsx"), "--nam", "2023",
                 "--danh-gia")  # fmt: skip
    assert result.exit_code == 1
    assert "không có dòng nào có kết quả xếp loại" in result.stderr
    assert not Path("outputs/luu_vt/lich_su").exists()


def _proposal_2025(root: Path) -> Path:
    """A 2025 review proposing a Bằng khen of the province for two people."""
    folder = root / "inputs" / "tong-ket-nam-2025"
    (folder / "de_nghi").mkdir(parents=True)
    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Hình thức khen thưởng"])
    ws.append(
        [1, "Nguyễn Hữu Thắng", "Trưởng phòng", "Phòng Đấu thầu, Thẩm định và Giám sát đầu tư", "Bằng khen UBND tỉnh"]
    )
    ws.append([2, "Huỳnh Thị Ngọc Lan", "Phó Trưởng phòng", "Phòng Đăng ký kinh doanh", "Bằng khen UBND tỉnh"])
    wb.save(folder / "de_nghi" / "de-nghi.xlsx")
    (folder / "phong_trao.toml").write_text(
        """ten = "Tổng kết công tác thi đua, khen thưởng năm 2025"
nam = 2025

[[van_ban]]
ma = "to_trinh_tinh"
loai = "TTr"
trich_yeu = "Về việc đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm {nam}"
ngay = 2025-12-22
nguoi_ky = "giam_doc"
don_vi_soan_thao = "VP"
kinh_gui = ["Chủ tịch Ủy ban nhân dân tỉnh"]
hinh_thuc = ["bang_khen_tinh"]
nguoi_quyet_dinh = "Chủ tịch Ủy ban nhân dân tỉnh"
loi_trinh = "Sở Kế hoạch và Đầu tư kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, quyết định."
noi_nhan = ["Lãnh đạo Sở"]
""",
        encoding="utf-8",
    )
    return folder


def test_issuing_the_2024_decisions_fills_the_history_a_2025_review_reads(workspace, monkeypatch):
    monkeypatch.chdir(workspace.inputs.parent)
    issued = run("issue", str(Path("inputs") / REVIEW), "--doc", "quyet_dinh.chien_si_thi_dua_co_so",
                 "--ngay", "2024-12-20", "--khong-pdf")  # fmt: skip
    assert issued.exit_code == 0, issued.output
    record = json.loads(next(Path("outputs/luu_vt/2024").glob("*.json")).read_text(encoding="utf-8"))
    assert {(r["ho_ten"], r["hinh_thuc"], r["nam"]) for r in record["khen_thuong"]} >= {
        ("Nguyễn Hữu Thắng", "chien_si_thi_dua_co_so", 2024),
        ("Huỳnh Thị Ngọc Lan", "chien_si_thi_dua_co_so", 2024),
    }
    assert run("history", "import", str(HISTORY / "quyet-dinh-2023-chien-si-thi-dua-co-so.xlsx"), "--nam", "2023",
               "--so", "48/QĐ-SKHĐT").exit_code == 0  # fmt: skip
    folder = _proposal_2025(workspace.inputs.parent)
    built = run("build", str(folder))
    assert built.exit_code == 1
    errors = [line for line in built.stderr.splitlines() if line.startswith("Lỗi:")]
    assert len(errors) == 1  # Thắng: 2023 (imported) and 2024 (issued) are two consecutive years
    assert "“Huỳnh Thị Ngọc Lan”" in errors[0] and "các năm: 2024 — chưa đủ 02 năm liên tục" in errors[0]
    assert "Điều 74 khoản 1 điểm d" in errors[0]
    rebuilt = run("register", "rebuild")  # the register made again from the archive keeps the history
    assert rebuilt.exit_code == 0, rebuilt.output
    again = run("build", str(folder))
    assert [line for line in again.stderr.splitlines() if line.startswith("Lỗi:")] == errors


def test_the_failing_example_is_left_alone_by_build_and_fails_when_named(workspace, monkeypatch):
    monkeypatch.chdir(workspace.inputs.parent)
    everything = run("build")
    assert everything.exit_code == 0, everything.output
    assert "_vi-du-loi-bang-khen" not in everything.output
    named = run("build", str(Path("inputs") / "_vi-du-loi-bang-khen"))
    assert named.exit_code == 1
    assert "“Hồ Thị Xuân”" in named.stderr and "chưa đủ 02 năm liên tục" in named.stderr


def test_another_list_of_the_same_file_name_is_kept_beside_not_over(workspace, monkeypatch):
    """Two decisions of 2023 both saved as the same file name, and an evaluation list of that name: three records;
    importing one of them again replaces only its own, and says so."""
    monkeypatch.chdir(workspace.inputs.parent)
    source = str(HISTORY / "quyet-dinh-2023-chien-si-thi-dua-co-so.xlsx")
    assert run("history", "import", source, "--nam", "2023", "--so", "48/QĐ-SKHĐT").exit_code == 0
    other = run("history", "import", source, "--nam", "2023", "--so", "52/QĐ-SKHĐT")
    assert other.exit_code == 0, other.output
    assert "đã có một danh sách khác năm 2023 cùng tên tệp; lưu riêng thành " in other.stderr
    records = sorted(Path("outputs/luu_vt/lich_su").glob("2023-*.json"))
    numbers = [json.loads(p.read_text(encoding="utf-8"))["so_ky_hieu"] for p in records]
    assert sorted(numbers) == ["48/QĐ-SKHĐT", "52/QĐ-SKHĐT"]
    again = run("history", "import", source, "--nam", "2023", "--so", "52/QĐ-SKHĐT")
    assert again.exit_code == 0 and "thay bản đã nhập lúc " in again.stderr
    assert sorted(Path("outputs/luu_vt/lich_su").glob("2023-*.json")) == records
    shown = run("history", "Nguyễn Hữu Thắng").stdout
    assert "Quyết định số 48/QĐ-SKHĐT" in shown and "Quyết định số 52/QĐ-SKHĐT" in shown
