"""The words evidence tables are recognised by (`data/bang_de_nghi.toml`, extended by the agency's
`[bang_de_nghi]` in `co_quan.toml`): column names, kinds, sections, footers, totals, marks and sheets to skip.

Matching ignores case, accents and spacing, except for aliases of three letters or fewer (`Nam`, `Nữ`, `Họ`,
`Tên`), which are compared with their accents, since without them they mean something else (`Nam` is not `Năm`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..datafiles import data_file
from .collate import FOLD_TABLE, fold
from .tomlfile import load_toml

_SHORT = 3
_PREFIX_MIN = 5  # an alias this long may also start a longer label (`Họ và tên cán bộ`)
_SECTION_MARK = re.compile(r"^\s*(?:[IVXLivxl]+|[A-Ha-h]|\d+(?:\.\d+)*)\s*[.)/:-]\s*|^\s*[IVXL]+\s+(?=\S)")


def loose(text: str) -> str:
    """Lower case, no accents (đ → d), single spaces, punctuation kept: `(Ký, ghi rõ)` → `(ky, ghi ro)`."""
    return " ".join(text.translate(FOLD_TABLE).lower().split())


@lru_cache(maxsize=4096)
def _loose_word(word: str) -> str:
    """`loose` of one word: its first word is the first word of `loose(text)`."""
    return word.translate(FOLD_TABLE).lower()


def exact(text: str) -> str:
    """Lower case, NFC, single spaces: the form short aliases are compared in."""
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


@dataclass(frozen=True)
class Vocabulary:
    columns: dict[str, tuple[str, ...]]  # field → aliases as written
    kind_values: dict[str, frozenset[str]]
    sections: dict[str, tuple[str, ...]]
    footer: tuple[str, ...]
    totals: tuple[str, ...]
    marks: frozenset[str]
    skip_sheets: tuple[str, ...]
    collective_prefixes: tuple[str, ...]
    position_ranks: tuple[str, ...]

    @classmethod
    def load(cls, additions: dict | None = None) -> Vocabulary:
        """The shipped recognition data, extended by the agency's `[bang_de_nghi]` lists of the same names."""
        raw = load_toml(data_file("bang_de_nghi.toml"))
        for key, value in (additions or {}).items():
            if isinstance(value, dict):
                for name, extra in value.items():
                    raw.setdefault(key, {}).setdefault(name, [])
                    raw[key][name] = [*raw[key][name], *extra]
            else:
                raw[key] = [*raw.get(key, []), *value]

        def folded(values: Iterable[str]) -> tuple[str, ...]:
            return tuple(fold(v) for v in values)

        return cls(
            columns={k: tuple(v) for k, v in raw["cot"].items()},
            kind_values={k: frozenset(folded(v)) for k, v in raw["loai"].items()},
            sections={k: folded(v) for k, v in raw["dong_muc"].items()},
            footer=tuple(loose(v) for v in raw["chan_bang"]),
            totals=tuple(exact(v) for v in raw.get("dong_cong", [])),
            marks=frozenset(exact(v) for v in raw.get("dau_chon", [])),
            skip_sheets=folded(raw.get("trang_bo_qua", [])),
            collective_prefixes=tuple(v.lower() for v in raw["tien_to_tap_the"]),
            position_ranks=folded(raw["thu_bac_chuc_vu"]),
        )

    @cached_property
    def _total(self) -> re.Pattern[str]:
        words = "|".join(re.escape(t) for t in sorted(self.totals, key=len, reverse=True))
        return re.compile(rf"^(?:{words})(?:$|\s*[:.(]|\s+\d)")

    @cached_property
    def _footer(self) -> re.Pattern[str]:
        words = "|".join(re.escape(m) for m in sorted(self.footer, key=len, reverse=True) if m)
        return re.compile(rf"^(?:{words})(?![0-9a-z])")

    @cached_property
    def _footer_starts(self) -> tuple[str, ...]:
        """The first word of every footer (`loose`), which a footer's text starts with."""
        return tuple({m.split()[0] for m in self.footer if m})

    @cached_property
    def _exact(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for field, aliases in self.columns.items():
            for alias in aliases:
                key = exact(alias) if len(fold(alias)) <= _SHORT else fold(alias)
                found.setdefault(key, field)
        return found

    @cached_property
    def _prefixes(self) -> list[tuple[str, str]]:
        pairs = [(fold(a), field) for field, aliases in self.columns.items() for a in aliases]
        return sorted(((a, f) for a, f in pairs if len(a) >= _PREFIX_MIN), key=lambda p: len(p[0]), reverse=True)

    def field_of(self, label: str) -> str | None:
        """The field a header label names: an exact alias, else the longest alias the label starts with."""
        label = re.sub(r"\(.*?\)", "", label)
        key = fold(label)
        if not key:
            return None
        if len(key) <= _SHORT:
            return self._exact.get(exact(label).strip(" .:*"))
        if key in self._exact:
            return self._exact[key]
        return next((field for alias, field in self._prefixes if key.startswith(alias)), None)

    def strip_mark(self, text: str) -> str:
        """`II. CÁ NHÂN` → `CÁ NHÂN`; `A) GIẤY KHEN` → `GIẤY KHEN`."""
        return _SECTION_MARK.sub("", text, count=1).strip()

    def has_mark(self, text: str) -> bool:
        return bool(_SECTION_MARK.match(text))

    def section_kind(self, text: str) -> str | None:
        key = fold(self.strip_mark(text))
        for kind, markers in self.sections.items():
            if any(key.startswith(m) for m in markers):
                return kind
        return None

    def kind_of_value(self, text: str) -> str | None:
        key = fold(text)
        return next((kind for kind, values in self.kind_values.items() if key in values), None)

    def is_mark(self, text: str) -> bool:
        return exact(text) in self.marks

    def is_total(self, text: str) -> bool:
        """`Cộng`, `Tổng cộng: 12 người`, `TỔNG SỐ`: accents kept, so `Công Văn A` and `Cống Thị B` are people."""
        if text[:1] not in "TtCc":  # every total word starts so; most cells are names
            return False
        return self._total.match(exact(text)) is not None

    def is_footer(self, text: str) -> bool:
        """A footer word at the start of the text, as a whole word and with its punctuation (`TM.`, `(Ký`): a person
        named `Kỳ Duyên` or `Tâm` is no footer. Asked of every nominee's name: a text whose first word does not start
        as a footer's first word does (`Nguyễn`) is answered from that word alone."""
        first = text.split(maxsplit=1)
        if not first or not _loose_word(first[0]).startswith(self._footer_starts):
            return False
        return self._footer.match(loose(text)) is not None

    def skips_sheet(self, name: str) -> bool:
        key = fold(name)
        return any(key == s or (len(s) > 2 and key.startswith(s)) for s in self.skip_sheets)

    def looks_collective(self, name: str) -> bool:
        lowered = name.lower()
        return any(lowered == p or lowered.startswith(p + " ") for p in self.collective_prefixes)

    def position_rank(self, position: str) -> int:
        key = fold(position)
        ranked = sorted(enumerate(self.position_ranks), key=lambda p: len(p[1]), reverse=True)
        return next((i for i, alias in ranked if alias and key.startswith(alias)), len(self.position_ranks))
