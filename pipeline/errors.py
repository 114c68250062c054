"""One exception base for everything a clerk can cause; the CLI translates it once.

Every problem says where it is: a file, and inside it a key (TOML), or a sheet, row and column (spreadsheets).
Validation collects problems instead of raising at the first one, so a run reports all of them together.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the inputs, located as precisely as the source allows."""

    file: Path | str
    message: str
    where: str = ""  # a TOML key path ("van_ban[0].ngay") or a cell ("Sheet1!C12")
    warning: bool = False

    def __str__(self) -> str:
        place = f"{self.file}:{self.where}" if self.where else f"{self.file}"
        return f"{place}: {self.message}"


class TdktError(Exception):
    """Base of every error caused by inputs, templates or the environment rather than by a bug."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem("tdkt", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class InputError(TdktError):
    """The agency profile, a campaign file, a body text or a spreadsheet is wrong."""


class TemplateFileError(TdktError):
    """A Word template is missing, unreadable or uses a field the data does not have."""


class Problems:
    """Collects problems during a stage; `raise_if_errors` ends the stage with all of them at once.

    This is the one error channel: a stage that validates adds to the collector (or lets a `TdktError` from a
    lower stage be gathered by `gathering()`), and the stage's caller raises them together, once.
    """

    def __init__(self) -> None:
        self._items: list[Problem] = []

    @property
    def items(self) -> tuple[Problem, ...]:
        return tuple(self._items)

    def error(self, file: Path | str, where: str, message: str) -> None:
        self._items.append(Problem(file, message, where))

    def warn(self, file: Path | str, where: str, message: str) -> None:
        self._items.append(Problem(file, message, where, warning=True))

    def add(self, problems: Iterable[Problem]) -> None:
        """Problems found elsewhere (a worker process, a lower stage's exception), kept with their kind."""
        self._items.extend(problems)

    @contextmanager
    def gathering(self) -> Iterator[None]:
        """Run a step whose `TdktError` stops that step only: its problems join the others'."""
        try:
            yield
        except TdktError as e:
            self._items.extend(e.problems)

    def __len__(self) -> int:
        return len(self._items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.warning]

    def raise_if_errors(self, kind: type[TdktError] = InputError, strict: bool = False) -> None:
        """Raise with every error at once; with `strict`, warnings count as errors (listed after them)."""
        failing = self.errors + (self.warnings if strict else [])
        if failing:
            raise kind(failing)
