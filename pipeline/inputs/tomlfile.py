"""Reading the TOML files a clerk writes, with every mistake reported by file and key, all at once."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem, Problems
from ..text import clean

try:  # tomli is the parser the standard library's tomllib was made from, published compiled (mypyc): the same
    import tomli as tomllib  # answers and messages, about three times faster on a campaign of a thousand documents
except ImportError:  # pragma: no cover - where no compiled wheel was installed
    import tomllib


def load_toml(path: Path) -> dict[str, Any]:
    """The file's table; a missing or malformed file is an InputError naming it and the line."""
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise InputError(Problem(path, "không tìm thấy tệp")) from None
    except tomllib.TOMLDecodeError as e:
        found = re.search(r"line (\d+), column (\d+)", str(e))
        place = f" ở dòng {found.group(1)}, cột {found.group(2)}" if found else ""
        hint = "thường do thiếu dấu ngoặc kép, dấu phẩy hay dấu ngoặc vuông, hoặc một khóa ghi hai lần"
        raise InputError(Problem(path, f"sai cú pháp TOML{place} ({hint})")) from e
    except UnicodeDecodeError as e:
        raise InputError(Problem(path, "tệp không phải UTF-8")) from e


class TableReader:
    """Typed access to one TOML table; each missing or ill-typed key becomes a Problem, never an exception."""

    def __init__(self, table: dict[str, Any], file: Path, problems: Problems, prefix: str = ""):
        self.table = table
        self.file = file
        self.problems = problems
        self.prefix = prefix

    def where(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def _missing(self, key: str) -> None:
        self.problems.error(self.file, self.where(key), "thiếu khóa bắt buộc")

    def _wrong(self, key: str, expected: str) -> None:
        self.problems.error(self.file, self.where(key), f"giá trị phải là {expected}")

    def text(self, key: str, default: str | None = None) -> str:
        value = self.table.get(key)
        if value is None:
            if default is None:
                self._missing(key)
            return default or ""
        if not isinstance(value, str):
            self._wrong(key, "một chuỗi văn bản trong dấu ngoặc kép")
            return ""
        value = clean(value)
        if not value and default is None:
            self.problems.error(self.file, self.where(key), "không được để trống")
        return value

    def lines(self, key: str, required: bool = False) -> tuple[str, ...]:
        value = self.table.get(key)
        if value is None:
            if required:
                self._missing(key)
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self._wrong(key, 'một danh sách chuỗi, ví dụ ["dòng 1", "dòng 2"]')
            return ()
        kept = tuple(line for line in (clean(v) for v in value) if line)
        if required and not kept:
            self.problems.error(self.file, self.where(key), "danh sách không được để trống")
        return kept

    def date(self, key: str) -> dt.date:
        value = self.table.get(key)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if value is None:
            self._missing(key)
        elif isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                self._wrong(key, "một ngày dạng NNNN-TT-NN, ví dụ 2021-10-15")
        else:
            self._wrong(key, "một ngày dạng NNNN-TT-NN, ví dụ 2021-10-15")
        return dt.date.min

    def integer(self, key: str) -> int | None:
        value = self.table.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self._wrong(key, "một số nguyên dương")
            return None
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.table.get(key, default)
        if not isinstance(value, bool):
            self._wrong(key, "true hoặc false")
            return default
        return value

    def tables(self, key: str, required: bool = False) -> list[TableReader]:
        value = self.table.get(key)
        if value is None:
            if required:
                self._missing(key)
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self._wrong(key, f"các bảng [[{key}]]")
            return []
        return [
            TableReader(item, self.file, self.problems, f"{self.prefix}{key}[{i + 1}].") for i, item in enumerate(value)
        ]


def no_duplicates(path: Path, table: str, values: list[str], key: str, problems: Problems) -> None:
    """Each value of `key` across the `[[table]]` entries appears once."""
    seen: set[str] = set()
    for i, value in enumerate(values):
        if value and value in seen:
            problems.error(path, f"{table}[{i + 1}].{key}", f"trùng giá trị “{value}”")
        seen.add(value)
