"""Regenerate pipeline/data/times_metrics.json: advance widths of Times New Roman's letters.

Developer tool, not part of the package. Liberation Serif is metric-compatible with Times New Roman (same advance
widths by design), and its files are free, so the widths come from it:

    pip install fonttools && python tools/font_metrics.py /usr/share/fonts/truetype/liberation2

The widths let tdkt draw the rules under the Tiêu ngữ and the agency name at the length NĐ30 asks for,
without needing the font installed at run time.
"""

from __future__ import annotations

import json
import string
import sys
import unicodedata
from pathlib import Path

from fontTools.ttLib import TTFont

FACES = {
    "regular": "LiberationSerif-Regular.ttf",
    "bold": "LiberationSerif-Bold.ttf",
    "italic": "LiberationSerif-Italic.ttf",
    "bold_italic": "LiberationSerif-BoldItalic.ttf",
}

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
TONES = "\u0300\u0309\u0303\u0301\u0323"  # huyền, hỏi, ngã, sắc, nặng


def characters() -> list[str]:
    chars = set(string.printable.strip()) | {" ", "\u00a0", "“", "”", "‘", "’", "–", "—", "…"}
    for base in VIETNAMESE:
        for letter in (base, base.upper()):
            chars.add(letter)
            if letter.lower() in "aăâeêioôơuưy":
                for tone in TONES:
                    chars.add(unicodedata.normalize("NFC", letter + tone))
    return sorted(chars)


def main(folder: str) -> None:
    out: dict[str, object] = {
        "source": "Liberation Serif 2.x (metric-compatible with Times New Roman), advance widths in 1/1000 em",
    }
    for face, filename in FACES.items():
        font = TTFont(Path(folder) / filename)
        units = font["head"].unitsPerEm
        cmap = font.getBestCmap()
        metrics = font["hmtx"].metrics
        widths = {}
        for ch in characters():
            glyph = cmap.get(ord(ch))
            if glyph is not None:
                widths[ch] = round(metrics[glyph][0] * 1000 / units)
        out[face] = widths
    target = Path(__file__).resolve().parent.parent / "pipeline" / "data" / "times_metrics.json"
    target.write_text(json.dumps(out, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/liberation2")
