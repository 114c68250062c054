"""What documents are planned from: the validated campaign, its evidence, and the numbers already given."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from ..inputs.awards import AwardData
from ..inputs.legal import LegalData
from ..model import Agency, Campaign, DocumentSpec, DocumentType, Issued, Nomination
from .model import digest
from .money import Rates, rates_on

T = TypeVar("T")
_NOT_YET = object()


@dataclass(frozen=True)
class Planning:
    """What a kind plans from: the validated campaign, its evidence, and the numbers already given."""

    agency: Agency
    types: Mapping[str, DocumentType]
    awards: AwardData
    campaign: Campaign
    nominations: Sequence[Nomination]
    templates: Path
    outputs: Path
    issued: Mapping[str, Issued]
    signed: bool = False
    legal: LegalData = LegalData(())
    votes: Mapping[tuple[str, str, str], str] = field(default_factory=dict)  # the council's votes, from a file

    def spec(self, code: str) -> DocumentSpec | None:
        return next((s for s in self.campaign.documents if s.ma == code), None)

    def dated(self, spec: DocumentSpec) -> DocumentSpec:
        """The spec with its issue date once issued (NĐ30 Điều 15: number and date come with issuing)."""
        own = self.issued.get(spec.ma)
        return replace(spec, ngay=own.ngay) if own is not None else spec

    def number(self, code: str) -> int | None:
        own = self.issued.get(code)
        return own.so if own is not None else None

    @cached_property
    def types_as_data(self) -> dict[str, dict]:
        """Each document type as plain data, for the fingerprints of every document of its type."""
        return {code: asdict(kind) for code, kind in self.types.items()}

    @cached_property
    def _once(self) -> dict:
        return {}

    def once(self, key: tuple, work: Callable[[], T]) -> T:
        """`work()` done once per campaign rather than once per document: its answer kept under `key`."""
        found = self._once.get(key, _NOT_YET)
        if found is _NOT_YET:
            found = self._once[key] = work()
        return found

    def rates(self, day: dt.date) -> Rates:
        """The reward money's rates in force on `day` (money.rates_on), worked out once per day."""
        return self.once(("rates", day), lambda: rates_on(day, self.awards.raw))

    def legal_inputs(self, loai: str, with_awards: bool) -> str:
        """The fingerprint of what the law says about documents of type `loai` (with the reward data, for a kind that
        pays rewards), once per campaign."""
        awards = self.awards_digest if with_awards else None
        return self.once(
            ("phap_ly", loai, with_awards), lambda: digest([self.types_as_data[loai], awards, self.legal_digest])
        )

    @cached_property
    def legal_digest(self) -> str:
        """The legal documents' fingerprint, once for all the campaign's documents."""
        return digest([asdict(law) for law in self.legal.documents])

    @cached_property
    def awards_digest(self) -> str:
        """The reward data's fingerprint (forms, decrees, base salaries), once for all the campaign's documents."""
        return digest(self.awards.raw)

    @cached_property
    def agency_digest(self) -> str:
        """The agency profile's fingerprint, computed once for all the campaign's documents."""
        return digest(asdict(self.agency))
