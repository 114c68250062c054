"""Legal data shipped with tdkt (pipeline/data/*.toml), each table with its source, overridable by the agency."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from .errors import Problems
from .model import DocumentType
from .tomlfile import TableReader, load_toml


def data_file(name: str) -> Path:
    return Path(str(resources.files("pipeline") / "data" / name))


def document_types(overrides: list[dict[str, Any]] | None, source: Path, problems: Problems) -> dict[str, DocumentType]:
    """The document types of NĐ30 Phụ lục III, with the agency's own entries (same `ma`) taking precedence."""
    path = data_file("loai_van_ban.toml")
    shipped = load_toml(path)
    types: dict[str, DocumentType] = {}
    for file, table in ((path, shipped), (source, {"loai_van_ban": overrides or []})):
        for item in TableReader(table, file, problems).tables("loai_van_ban"):
            code = item.text("ma")
            types[code] = DocumentType(
                ma=code,
                ten=item.text("ten"),
                mau=item.text("mau"),
                can_noi_dung=item.flag("can_noi_dung"),
                noi_nhan_dau=item.text("noi_nhan_dau", default=""),
                nguon=item.text("nguon", default=str(shipped.get("nguon", ""))),
            )
    return types
