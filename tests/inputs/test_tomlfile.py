"""Reading the clerk's TOML: every missing or ill-typed key becomes a located problem, never an exception."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.errors import InputError, Problems
from pipeline.inputs.tomlfile import TableReader, load_toml, no_duplicates


def messages(problems: Problems) -> list[str]:
    return [f"{p.where}: {p.message}" for p in problems.errors]


def test_typed_access_collects_every_problem():
    problems = Problems()
    table = {"ten": 5, "ngay": "15/10/2021", "so": 0, "co": "có", "ds": ["a", 1], "rong": "  "}
    reader = TableReader(table, "x.toml", problems)
    assert reader.text("ten") == ""
    assert reader.date("ngay") == dt.date.min
    assert reader.integer("so") is None
    assert reader.flag("co") is False
    assert reader.lines("ds") == ()
    assert reader.text("rong") == ""
    assert reader.text("thieu") == ""
    assert messages(problems) == [
        "ten: giá trị phải là một chuỗi văn bản trong dấu ngoặc kép",
        "ngay: giá trị phải là một ngày dạng NNNN-TT-NN, ví dụ 2021-10-15",
        "so: giá trị phải là một số nguyên dương",
        "co: giá trị phải là true hoặc false",
        'ds: giá trị phải là một danh sách chuỗi, ví dụ ["dòng 1", "dòng 2"]',
        "rong: không được để trống",
        "thieu: thiếu khóa bắt buộc",
    ]


def test_text_is_cleaned_and_dates_are_read_in_both_forms():
    problems = Problems()
    reader = TableReader(
        {"a": " Sở  Kế hoạch\u00a0và Đầu tư ", "d": dt.date(2021, 1, 2), "s": "2021-03-04"}, "x", problems
    )
    assert reader.text("a") == "Sở Kế hoạch và Đầu tư"
    assert (reader.date("d"), reader.date("s")) == (dt.date(2021, 1, 2), dt.date(2021, 3, 4))
    assert problems.errors == []


def test_tables_are_numbered_from_one_in_messages():
    problems = Problems()
    reader = TableReader({"van_ban": [{"ma": "a"}, {}]}, "p.toml", problems)
    tables = reader.tables("van_ban")
    tables[1].text("ma")
    assert messages(problems) == ["van_ban[2].ma: thiếu khóa bắt buộc"]


def test_duplicates_are_named_at_the_second():
    problems = Problems()
    no_duplicates("p.toml", "van_ban", ["a", "b", "a"], "ma", problems)
    assert messages(problems) == ["van_ban[3].ma: trùng giá trị “a”"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'ten = "thi\n', "sai cú pháp TOML ở dòng 1, cột"),
        (b'ten = "\xff"\n', "tệp không phải UTF-8"),
    ],
)
def test_a_broken_file_is_one_located_problem(tmp_path, content, message):
    path = tmp_path / "co_quan.toml"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        load_toml(path)
    (problem,) = caught.value.problems
    assert problem.file == path and message in problem.message


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(InputError) as caught:
        load_toml(tmp_path / "khong_co.toml")
    assert str(caught.value) == f"{tmp_path / 'khong_co.toml'}: không tìm thấy tệp"
