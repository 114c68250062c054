"""`tdkt history`: past years brought into the archive, and one person's awards and evaluations over the years.

An old list is read like evidence (any format ingest reads): a decision's list gives awards of that year, with the
decision's number; a list with an `Xếp loại` column gives the year's evaluations. It is kept as an archive record
(`luu_vt/lich_su/`), so that rebuilding the register changes nothing of it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .archive.history import Evaluation, History, PastAward, from_nominations, record_import
from .campaign import campaign_folders, load, load_agency_only
from .errors import Problem, Problems, TdktError
from .inputs.awards import AwardData, load_awards
from .inputs.ingest import read_file
from .inputs.vocabulary import Vocabulary
from .workspace import Workspace


@dataclass(frozen=True)
class Imported:
    record: Path
    awards: int
    evaluations: int
    warnings: tuple[Problem, ...]


def import_history(
    source: Path,
    year: int,
    number: str,
    day: dt.date | None,
    evaluations: bool,
    workspace: Workspace,
    agency_file: Path,
) -> Imported:
    """Read an old list and keep it in the archive; all its problems at once, nothing written on an error."""
    if not source.is_file():
        raise TdktError(Problem(source, "không tìm thấy tệp"))
    agency = load_agency_only(agency_file)
    problems = Problems()
    awards = load_awards(agency_file.parent, problems)
    nominations = read_file(
        source, Vocabulary.load(agency.bang_de_nghi), awards, agency.units, problems, forms_required=not evaluations
    )
    history = from_nominations(nominations, year, number, day, source.name)
    if evaluations:
        history = History((), history.evaluations)
        if not history.evaluations:
            problems.error(
                source, "", "không có dòng nào có kết quả xếp loại (cột “Xếp loại”, “Mức độ hoàn thành nhiệm vụ”)"
            )
    elif not number:
        problems.warn(
            source, "", "chưa ghi số quyết định (--so 15/QĐ-SKHĐT): lịch sử vẫn dùng được, nhưng không dẫn được"
        )
    problems.raise_if_errors()
    record, said = record_import(workspace.archive.folder, source, history, year)
    if said:
        problems.warn(source, "", said)
    return Imported(record, len(history.awards), len(history.evaluations), tuple(problems.warnings))


def person_history(
    name: str, workspace: Workspace, agency_file: Path
) -> tuple[list[PastAward], list[Evaluation], AwardData]:
    """Everything remembered under a name: in the archive, and in the history files the campaigns carry."""
    agency = load_agency_only(agency_file)
    problems = Problems()
    awards = load_awards(agency_file.parent, problems)
    history = workspace.archive.history(agency.units)
    folders = campaign_folders(workspace.inputs) if workspace.inputs.is_dir() else []
    elsewhere = Problems()  # a campaign's own problems are its build's to report, not this lookup's
    with elsewhere.gathering():
        for item in load(folders, elsewhere):
            history = history.joined(item.history)
    past, evaluations = history.person(name)
    return past, evaluations, awards
