"""The one error channel: problems are collected by the stages that validate and raised once, all together."""

from __future__ import annotations

import pytest

from pipeline.errors import InputError, Problem, Problems, TdktError, TemplateFileError


def test_problems_are_raised_together_errors_first_and_warnings_only_when_strict():
    problems = Problems()
    problems.warn("a.toml", "x", "cảnh báo")
    problems.error("a.toml", "y", "lỗi một")
    problems.error("b.toml", "", "lỗi hai")
    with pytest.raises(InputError) as caught:
        problems.raise_if_errors()
    assert [str(p) for p in caught.value.problems] == ["a.toml:y: lỗi một", "b.toml: lỗi hai"]
    with pytest.raises(InputError) as caught:
        problems.raise_if_errors(strict=True)
    assert [p.warning for p in caught.value.problems] == [False, False, True]


def test_only_warnings_raise_nothing_unless_strict():
    problems = Problems()
    problems.warn("a.toml", "", "cảnh báo")
    problems.raise_if_errors()
    with pytest.raises(TemplateFileError):
        problems.raise_if_errors(TemplateFileError, strict=True)


def test_gathering_keeps_a_lower_stage_error_with_the_others_and_goes_on():
    problems = Problems()
    problems.error("a.toml", "", "trước")
    for name in ("b.xlsx", "c.xlsx"):
        with problems.gathering():
            raise InputError(Problem(name, "không đọc được tệp"))
    assert [str(p) for p in problems.errors] == [
        "a.toml: trước",
        "b.xlsx: không đọc được tệp",
        "c.xlsx: không đọc được tệp",
    ]


def test_gathering_lets_a_bug_through():
    problems = Problems()
    with pytest.raises(ZeroDivisionError), problems.gathering():
        1 / 0  # noqa: B018
    assert len(problems) == 0


def test_the_collector_is_read_only_from_outside():
    problems = Problems()
    problems.add([Problem("a", "x", warning=True)])
    assert isinstance(problems.items, tuple)
    assert problems.warnings == [Problem("a", "x", warning=True)]


def test_a_plain_message_becomes_one_problem():
    error = TdktError("hỏng")
    assert [str(p) for p in error.problems] == ["tdkt: hỏng"]
