"""`.csv` → one sheet of cells, in the encodings and separators Excel writes.

UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode Text"), else Windows-1258 as Excel saves CSV on a
Vietnamese Windows, or Windows-1252 when the file holds legacy TCVN3/VNI text. The separator is `;` (Excel on
Vietnamese Windows), `,` or a tab, or the one a `sep=;` first line names; quoted cells may hold line breaks.
Text is taken as typed: `_x0041_` in a CSV is seven characters, not an Excel escape.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

from . import legacy
from .grid import Cell, RawSheet


def decode_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates = [data.decode("cp1258", errors="replace"), data.decode("cp1252", errors="replace")]

    def readability(text: str) -> float:
        text = unicodedata.normalize("NFC", text)
        return legacy.syllable_share(legacy.convert(text, legacy.guess_encoding([text])))

    return max(candidates, key=readability)  # on a tie, Windows-1258


def _delimiter(text: str) -> tuple[str, str]:
    """The separator, and the text without a `sep=` line: the one a `sep=` line names, else the candidate found the
    same number of times on most lines (a title line with a comma does not fool it)."""
    first, _, rest = text.partition("\n")
    if first.strip().lower().startswith("sep=") and len(first.strip()) == 5:
        return first.strip()[4], rest
    lines = [line for line in text.splitlines()[:60] if line.strip()]
    best, best_score = ",", 0
    for candidate in (";", ",", "\t"):
        counts = [line.count(candidate) for line in lines]
        used = [c for c in counts if c]
        if not used:
            continue
        mode = max(set(used), key=used.count)
        score = sum(1 for c in counts if c == mode)
        if score > best_score:
            best, best_score = candidate, score
    return best, text


def read_csv(path: Path, data: bytes) -> list[RawSheet]:
    text = decode_text(data)
    delimiter, text = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = tuple(tuple(Cell(value) for value in record) for record in reader)
    return [RawSheet(path, "", rows, has_fonts=False)]
