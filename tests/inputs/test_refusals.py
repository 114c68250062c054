"""Files that must be refused, each with one line naming the real cause, exit 1 and nothing written; and hostile
files that end in a clear message or are read, never in a crash."""

from __future__ import annotations

import io
import re
import shutil
import zipfile

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.inputs import read_xlsx
from pipeline.inputs.ingest import ALIAS_HINT, LOOKED_FOR
from tests.conftest import SAMPLE, outputs_of
from tests.workbooks import HEADER, person, xlsx

FORMS = (
    "Giấy khen, Bằng khen UBND tỉnh, Bằng khen Bộ, Lao động tiên tiến, Chiến sĩ thi đua cơ sở, "
    "Tập thể lao động tiên tiến, Tập thể lao động xuất sắc, Chiến sĩ thi đua cấp tỉnh"
)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def unit_folder(workspace):
    folder = workspace.inputs / SAMPLE / "de_nghi"
    shutil.rmtree(folder)
    folder.mkdir()
    return folder


def ingest(workspace):
    args = ["ingest", str(workspace.inputs / SAMPLE), "--outputs", str(workspace.outputs)]
    return CliRunner().invoke(main, args)


def xlsx_bytes(rows, **kwargs) -> bytes:
    out = io.BytesIO()
    xlsx(out, rows, **kwargs)
    return out.getvalue()


def patched(data: bytes, part: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info.filename, change(content) if info.filename == part else content)
    return out.getvalue()


def _three_row_header_with_an_unknown_form():
    return [
        ["STT", "Họ và tên", "Chức vụ", "Hình thức đề nghị khen thưởng"],
        [None, None, None, "Giấy khen", "Huân chương Lao động"],
        [1, "Lê Văn A", "Chuyên viên", None, "x"],
        [2, "Lê Văn B", "Chuyên viên", None, "x"],
        [3, "Lê Văn C", "Chuyên viên", "x", None],
    ]


SHEET = "xl/worksheets/sheet1.xml"
CASES = {
    "mat-khau": (
        "a.xlsx",
        lambda: OLE + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64,
        "",
        "tệp có mật khẩu; hãy mở bằng Excel, gỡ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc) rồi lưu lại",
    ),
    "chi-co-tieu-de": ("a.xlsx", lambda: xlsx_bytes([HEADER]), "", "có bảng đề nghị nhưng không có đề nghị nào"),
    "khong-co-bang": (
        "a.xlsx",
        lambda: xlsx_bytes([["BÁO CÁO THÀNH TÍCH"], ["- Họ và tên: ghi đầy đủ, có dấu."], ["Năm 2024 đơn vị …"]]),
        "",
        LOOKED_FOR,
    ),
    "tieu-de-la-mot-loi": (
        "a.xlsx",
        lambda: xlsx_bytes(_three_row_header_with_an_unknown_form(), merges=["A1:A2", "B1:B2", "C1:C2", "D1:E1"]),
        "Sheet1!E1",
        f"không nhận ra hình thức khen thưởng “Huân chương Lao động” ở tiêu đề cột (có: {FORMS}); {ALIAS_HINT}",
    ),
    "hinh-thuc-la": (
        "a.xlsx",
        lambda: xlsx_bytes([HEADER, person("Lê Văn A", form="Kỷ niệm chương")]),
        "Sheet1!E2",
        f"không nhận ra hình thức khen thưởng “Kỷ niệm chương” (có: {FORMS}); {ALIAS_HINT}",
    ),
    "thieu-ten": (
        "a.xlsx",
        lambda: xlsx_bytes([HEADER, person("Lê Văn A"), [2, " ", "Chuyên viên", "Văn phòng", "Giấy khen"]]),
        "Sheet1!B3",
        "thiếu họ tên hoặc tên tập thể",
    ),
    "trung-cung-hinh-thuc": (
        "a.xlsx",
        lambda: xlsx_bytes([HEADER, person("Lê Văn A"), person("LÊ VĂN A", n=2)]),
        "Sheet1!B3",
        "“Lê Văn A” (Văn phòng) được đề nghị hai lần (cùng hình thức); đã có ở a.xlsx:Sheet1!B2",
    ),
    "cong-thuc-khong-gia-tri": (
        "a.xlsx",
        lambda: patched(
            xlsx_bytes([HEADER, person("Lê Văn A")]),
            SHEET,
            lambda xml: re.sub(rb'<c r="B2".*?</c>', b'<c r="B2"><f>Sheet2!A1</f></c>', xml),
        ),
        "Sheet1!B2",
        "ô có công thức nhưng tệp không lưu kết quả (tệp do chương trình khác tạo); hãy mở bằng Excel hoặc "
        "LibreOffice rồi lưu lại",
    ),
    "bom-xml": (
        "a.xlsx",
        lambda: patched(
            xlsx_bytes([HEADER, person("Lê Văn A")]),
            SHEET,
            lambda xml: (
                b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
                + xml.split(b"?>", 1)[-1]
            ),
        ),
        "",
        f"tệp có khai báo XML không an toàn trong “{SHEET}” (DOCTYPE/ENTITY); không đọc",
    ),
    "tep-hong": (
        "a.xlsx",
        lambda: xlsx_bytes([HEADER, person("Lê Văn A")])[:300],
        "",
        "tệp bị hỏng, không đọc được",
    ),
    "word-cu-doi-ten": (
        "a.docx",
        lambda: OLE + b"\0" * 504 + "WordDocument".encode("utf-16-le"),
        "",
        "văn bản Word cũ (.doc); hãy mở bằng Word và lưu lại thành .docx",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_refused_with_its_real_cause_and_nothing_written(workspace, case):
    name, make, where, message = CASES[case]
    folder = unit_folder(workspace)
    (folder / name).write_bytes(make())
    result = ingest(workspace)
    assert result.exit_code == 1, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("Lỗi: ")]
    place = f"{folder / name}:{where}" if where else f"{folder / name}"
    if case == "tep-hong":
        assert len(lines) == 1 and lines[0].startswith(f"Lỗi: {place}: {message}")
    else:
        assert lines == [f"Lỗi: {place}: {message}"]
    assert "Traceback" not in result.output
    assert outputs_of(workspace) == []


def test_an_unrecognised_section_row_is_a_warning_not_a_missing_form(workspace):
    folder = unit_folder(workspace)
    xlsx(
        folder / "a.xlsx",
        [
            HEADER,
            ["I.", "TẬP THỂ"],
            [1, "Tổ Một cửa", None, "Văn phòng", "Giấy khen"],
            ["III", "KHỐI KHÁC"],
            [1, "Lê Văn A", "Chuyên viên", "Văn phòng", "Giấy khen"],
        ],
    )
    result = ingest(workspace)
    assert result.exit_code == 0, result.stderr
    assert "chưa có hình thức" not in result.stderr
    assert "“III KHỐI KHÁC” trông như dòng đề mục" in result.stderr


def test_a_file_of_another_kind_is_named_not_skipped_silently(workspace):
    folder = unit_folder(workspace)
    xlsx(folder / "a.xlsx", [HEADER, person("Lê Văn A")])
    (folder / "cong-van.pdf").write_bytes(b"%PDF-1.4")
    (folder / "danh-sach-cu.doc").write_bytes(OLE + b"\0" * 504 + "WordDocument".encode("utf-16-le"))
    result = ingest(workspace)
    assert result.exit_code == 0
    assert f"Cảnh báo: {folder / 'cong-van.pdf'}: bỏ qua tệp (không phải bảng đề nghị" in result.stderr
    assert f"Cảnh báo: {folder / 'danh-sach-cu.doc'}: bỏ qua tệp (Word cũ: hãy lưu lại thành .docx" in result.stderr


def test_a_zip_bomb_is_refused_before_it_is_unpacked(workspace, monkeypatch):
    monkeypatch.setattr(read_xlsx, "MAX_PART_BYTES", 2000)  # the real limit is 256 MB; the rule is the same
    folder = unit_folder(workspace)
    xlsx(folder / "a.xlsx", [HEADER] + [person(f"Lê Văn {i}") for i in range(40)])
    result = ingest(workspace)
    assert result.exit_code == 1
    assert "lớn bất thường khi giải nén; không đọc (có thể là bom nén)" in result.stderr


def test_a_million_empty_rows_are_read_without_harm(workspace):
    folder = unit_folder(workspace)
    data = xlsx_bytes([HEADER, person("Lê Văn A")])
    empty = b"".join(b'<row r="%d"><c r="A%d" s="1"/></row>' % (r, r) for r in range(3, 1_000_001))
    (folder / "a.xlsx").write_bytes(
        patched(data, SHEET, lambda xml: xml.replace(b"</sheetData>", empty + b"</sheetData>"))
    )
    result = ingest(workspace)
    assert result.exit_code == 0, result.stderr
    assert "1 đề nghị từ 1 tệp" in result.output


def test_several_awards_for_one_nominee_in_one_cell_and_on_two_rows(workspace):
    """The annual review's usual case: Lao động tiên tiến and Chiến sĩ thi đua cơ sở for one person (issue 14, item 1)."""
    folder = unit_folder(workspace)
    xlsx(
        folder / "a.xlsx",
        [
            HEADER,
            person("Lê Văn A", form="LĐTT, CSTĐCS"),
            person("Lê Văn B", form="LĐTT", n=2),
            person("Lê Văn B", form="Giấy khen", n=3),
        ],
    )
    result = ingest(workspace)
    assert result.exit_code == 0, result.stderr
    assert "4 đề nghị từ 1 tệp (0 tập thể, 4 cá nhân)" in result.stdout
    assert "Điều 5.2" not in result.stderr  # a title and a reward form may go together


def test_two_reward_forms_for_one_nominee_is_a_warning_citing_the_law(workspace):
    folder = unit_folder(workspace)
    xlsx(
        folder / "a.xlsx",
        [HEADER, person("Lê Văn A", form="Giấy khen"), person("Lê Văn A", form="Bằng khen UBND tỉnh", n=2)],
    )
    result = ingest(workspace)
    assert result.exit_code == 0, result.stderr
    assert (
        f"Cảnh báo: {folder / 'a.xlsx'}:Sheet1!B3: “Lê Văn A” (Văn phòng) được đề nghị “Bằng khen UBND tỉnh” và cả "
        "“Giấy khen”: một thành tích chỉ được khen một hình thức (Luật Thi đua, khen thưởng Điều 5.2); giữ cả hai nếu là "
        "hai thành tích khác nhau"
    ) in result.stderr
    strict = CliRunner().invoke(
        main, ["ingest", str(workspace.inputs / SAMPLE), "--outputs", str(workspace.outputs), "--strict"]
    )
    assert strict.exit_code == 1
