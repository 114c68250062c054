"""Click's own messages in Vietnamese: usage errors, `--help` headings, `--version` (issue 13, item 7).

Click looks its texts up through `gettext` bound as `_` (and `ngettext`) in each of its modules; tdkt replaces
those names with lookups in the table below, so that a clerk never reads English, whatever the machine's locale.
A text the table does not know is shown as Click wrote it. Exit codes are Click's own (2 for usage errors).
"""

from __future__ import annotations

import importlib

VI = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: {command} {option}",
    "No such option {name!r}.": "Không có tùy chọn “{name}”.",
    "No such command {name!r}.": "Không có lệnh “{name}”.",
    "Missing command.": "Thiếu lệnh.",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Option {name!r} does not take a value.": "Tùy chọn “{name}” không nhận giá trị.",
    "Option {name!r} requires an argument.": "Tùy chọn “{name}” cần một giá trị.",
    "Option {name!r} requires {nargs} arguments.": "Tùy chọn “{name}” cần {nargs} giá trị.",
    "Argument {name!r} takes {nargs} values.": "Tham số “{name}” cần {nargs} giá trị.",
    "Got unexpected extra argument ({args})": "Thừa tham số ({args})",
    "Got unexpected extra arguments ({args})": "Thừa tham số ({args})",
    "Takes {nargs} values but 1 was given.": "Cần {nargs} giá trị nhưng chỉ có 1.",
    "Takes {nargs} values but {len} were given.": "Cần {nargs} giá trị nhưng có {len}.",
    "{len_type} values are required, but {len_value} was given.": "Cần {len_type} giá trị nhưng có {len_value}.",
    "{len_type} values are required, but {len_value} were given.": "Cần {len_type} giá trị nhưng có {len_value}.",
    "Value must be an iterable.": "Giá trị phải là một danh sách.",
    "Did you mean {possibility}?": "Có phải là {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Có phải là một trong: {possibilities}?)",
    "{value!r} is not {choice}.": "“{value}” không phải {choice}.",
    "{value!r} is not one of {choices}.": "“{value}” không thuộc: {choices}.",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "“{value}” không phải một số hợp lệ.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    "{value!r} does not match the format {format}.": "“{value}” không đúng dạng {format}.",
    "{value!r} does not match the formats {formats}.": "“{value}” không đúng dạng nào trong {formats}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "“{value}” không phải đúng/sai (dùng: {states}).",
    "{value!r} is not a valid UUID.": "“{value}” không phải mã UUID hợp lệ.",
    "{name} {filename!r} does not exist.": "“{filename}” không tồn tại.",
    "{name} {filename!r} is a file.": "“{filename}” là một tệp, không phải thư mục.",
    "{name} {filename!r} is a directory.": "“{filename}” là một thư mục, không phải tệp.",
    "{name} {filename!r} is not readable.": "“{filename}” không đọc được.",
    "{name} {filename!r} is not writable.": "“{filename}” không ghi được.",
    "{name} {filename!r} is not executable.": "“{filename}” không chạy được.",
    "Could not open file {filename!r}: {message}": "Không mở được tệp “{filename}”: {message}",
    "Aborted!": "Đã dừng.",
    "default: {default}": "mặc định: {default}",
    "env var: {var}": "biến môi trường: {var}",
    "required": "bắt buộc",
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
}
_MODULES = ("core", "exceptions", "parser", "types", "decorators", "termui", "utils", "formatting", "_termui_impl")


def vietnamese(message: str) -> str:
    return VI.get(message, message)


def vietnamese_plural(singular: str, plural: str, n: int) -> str:
    return VI.get(singular if n == 1 else plural, singular if n == 1 else plural)


def install() -> None:
    """Point Click's message lookups at the Vietnamese table."""
    for name in _MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:
            continue
        if hasattr(module, "_"):
            module._ = vietnamese
        if hasattr(module, "ngettext"):
            module.ngettext = vietnamese_plural
