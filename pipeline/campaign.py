"""A campaign folder read and validated: the agency, the legal data, the campaign file with each document's own
keys (read by its kind), and the evidence. Everything is checked before anything is built, and all problems of a
run are reported together.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .archive.history import History, from_nominations
from .archive.store import Archive
from .documents.kinds import KINDS
from .documents.kinds.minutes import vote_key
from .documents.model import Document
from .documents.plan import plan_campaign
from .documents.planning import Planning
from .errors import InputError, Problem, Problems
from .fsutil import write_atomic
from .inputs.agency import find_agency_file, load_agency
from .inputs.awards import AwardData, load_awards
from .inputs.ingest import ORDERS, Evidence, ingest_folder, read_file
from .inputs.legal import LegalData, load_legal
from .inputs.tomlfile import TableReader, load_toml, no_duplicates
from .inputs.vocabulary import Vocabulary
from .model import SIGNING_MODES, Agency, Campaign, DocumentSpec, DocumentType, HistoryFile, Issued, Nomination
from .text import ascii_slug

CAMPAIGN_FILE = "phong_trao.toml"
_IDENTITY = re.compile(r"[a-z0-9][a-z0-9-]{2,80}")
_IDENTITY_LINE = re.compile(r"^ma_phong_trao\s*=.*$", re.MULTILINE)


def new_identity(folder: Path) -> str:
    """`phong-trao-thi-dua-2025-3f9a2c1b`: readable, and unique however often the folder is copied."""
    return f"{ascii_slug(folder.resolve().name)[:40].strip('-') or 'dot-thi-dua'}-{secrets.token_hex(4)}"


def ensure_identity(folder: Path, renew: bool = False) -> str:
    """The campaign's identity, written into its file on first use (or anew with `renew`, for a copied folder).

    The line goes in as the first key of the file, after its leading comments, with the rest kept as typed.
    """
    path = folder / CAMPAIGN_FILE
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""  # loading the campaign reports the real problem
    found = _IDENTITY_LINE.search(text)
    if found and not renew:
        return ""
    identity = new_identity(folder)
    line = f'ma_phong_trao = "{identity}"  # mã của đợt thi đua trong sổ đăng ký: tdkt tự tạo, đừng sửa tay'
    if found:
        text = text[: found.start()] + line + text[found.end() :]
    else:
        lines = text.splitlines(keepends=True)
        at = 0
        while at < len(lines) and (lines[at].lstrip().startswith("#") or not lines[at].strip()):
            at += 1
        lines.insert(at, line + "\n")
        text = "".join(lines)
    write_atomic(path, text.encode("utf-8"))
    return identity


def check_identities(loaded: Sequence[LoadedCampaign], archive: Archive, problems: Problems) -> None:
    """Nothing may be built or issued under an identity two folders share: a folder copied in Explorer carries
    its original's identity, and its documents would read as issued. A folder moved or renamed keeps its own."""
    seen: dict[str, Path] = {}
    for item in loaded:
        campaign = item.campaign
        here = campaign.folder.resolve()
        other = seen.setdefault(campaign.ma_phong_trao, here)
        if other != here:
            problems.error(campaign.source, "ma_phong_trao", _twin(here, other, campaign.ma_phong_trao))
            continue
        if not archive.exists() or not campaign.ma_phong_trao:
            continue
        recorded = archive.register().campaign_folder(campaign.ma_phong_trao)
        if recorded and Path(recorded) != here and same_identity(Path(recorded), campaign.ma_phong_trao):
            problems.error(campaign.source, "ma_phong_trao", _twin(here, Path(recorded), campaign.ma_phong_trao))


def _twin(here: Path, other: Path, identity: str) -> str:
    return (
        f"thư mục này có cùng mã đợt thi đua “{identity}” với {other} (có lẽ là bản sao); chạy "
        f"“tdkt new-id {here}” để cấp mã mới cho bản sao rồi làm lại"
    )


def same_identity(folder: Path, identity: str) -> bool:
    """Whether `folder` still holds a campaign file with this identity."""
    try:
        text = (folder / CAMPAIGN_FILE).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    found = _IDENTITY_LINE.search(text)
    return bool(found and f'"{identity}"' in found.group(0))


@dataclass(frozen=True)
class LoadedCampaign:
    """A campaign read and validated, with its agency, the legal data and its evidence."""

    agency: Agency
    types: dict[str, DocumentType]
    awards: AwardData
    campaign: Campaign
    evidence: Evidence | None
    legal: LegalData = LegalData(())
    history: History = History()  # the past the campaign carries in its folder (`[[lich_su]]`)
    votes: Mapping[tuple[str, str, str], str] = field(default_factory=dict)  # a biên bản's results file, read

    def plan(
        self, templates: Path, outputs: Path, problems: Problems, issued: Mapping[str, Issued], signed: bool = False
    ) -> list[Document]:
        """The campaign's documents, given the numbers and dates of those already issued."""
        return plan_campaign(self.planning(templates, outputs, issued, signed), problems)

    def planning(self, templates: Path, outputs: Path, issued: Mapping[str, Issued], signed: bool = False) -> Planning:
        """What its documents are planned from (a build's workers plan them spec by spec)."""
        return Planning(
            agency=self.agency,
            types=self.types,
            awards=self.awards,
            campaign=self.campaign,
            nominations=self.evidence.nominations if self.evidence is not None else (),
            templates=templates,
            outputs=outputs,
            issued=issued,
            signed=signed,
            legal=self.legal,
            votes=self.votes,
        )


def load_agency_only(path: Path) -> Agency:
    """The agency profile alone (the register's cover needs no campaign); its problems raised together."""
    problems = Problems()
    agency, _ = load_agency(path, problems, KINDS)
    problems.raise_if_errors()
    return agency


def load(
    campaigns: Sequence[Path],
    problems: Problems,
    jobs: int = 1,
    meanwhile: Callable[[], None] | None = None,
    arrived: Callable[[Campaign, AwardData, Sequence[Nomination]], None] | None = None,
) -> list[LoadedCampaign]:
    """Read and validate every campaign and its evidence, collecting problems rather than stopping at one. A large
    folder of evidence is read by `jobs` processes; `meanwhile()`, the caller's own work, is done while they read
    (or before the first campaign's evidence is read alone), and `arrived(campaign, awards, nominations)` its work
    on each evidence file's nominations as they come (`ingest_folder`)."""
    loaded = []
    for folder in campaigns:
        before = len(problems.errors)
        with problems.gathering():  # an unreadable file stops that campaign, not the report of the others
            agency_file = find_agency_file(folder)
            agency, types = load_agency(agency_file, problems, KINDS)
            awards = load_awards(agency_file.parent, problems)
            legal = load_legal(agency_file.parent, problems)
            campaign = load_campaign(folder, agency, types, awards, problems)
            if len(problems.errors) > before:
                continue
            evidence = None
            if campaign.de_nghi is not None:
                evidence = ingest_folder(
                    campaign.de_nghi,
                    awards,
                    agency.units,
                    campaign.thu_tu,
                    problems,
                    agency.bang_de_nghi,
                    jobs,
                    meanwhile,
                    partial(arrived, campaign, awards) if arrived is not None else None,
                )
                meanwhile = None
            history = read_history(campaign.lich_su, awards, agency, problems)
            votes = read_votes(campaign, awards, agency, problems)
            loaded.append(LoadedCampaign(agency, types, awards, campaign, evidence, legal, history, votes))
    return loaded


def read_votes(
    campaign: Campaign, awards: AwardData, agency: Agency, problems: Problems
) -> dict[tuple[str, str, str], str]:
    """The council's votes from the results files the campaign's documents name (`ket_qua` of a biên bản): by
    name, unit and award (no award: every award of that nominee)."""
    votes: dict[tuple[str, str, str], str] = {}
    words = Vocabulary.load(agency.bang_de_nghi)
    for path in dict.fromkeys(getattr(spec.rieng, "ket_qua", None) for spec in campaign.documents):
        if path is None or not path.is_file():
            continue
        for n in read_file(path, words, awards, agency.units, problems, forms_required=False):
            if n.so_phieu:
                votes[vote_key(n.ho_ten, n.don_vi, n.hinh_thuc)] = n.so_phieu
    return votes


def read_history(files: Sequence[HistoryFile], awards: AwardData, agency: Agency, problems: Problems) -> History:
    """Past lists read like evidence: a decision's list gives awards, an evaluation column gives evaluations."""
    words = Vocabulary.load(agency.bang_de_nghi)
    history = History(units=agency.units)
    for source in files:
        nominations = read_file(source.tep, words, awards, agency.units, problems, forms_required=False)
        history = history.joined(from_nominations(nominations, source.nam, source.so, source.ngay, source.tep.name))
    return history


def campaign_folders(inputs: Path) -> list[Path]:
    """Every folder under `inputs` that holds a campaign file, in name order; a folder whose name starts with `_` is
    an example or a draft, built only when named."""
    if not inputs.is_dir():
        raise InputError(Problem(inputs, "không tìm thấy thư mục đầu vào"))
    found = sorted(p.parent for p in inputs.glob(f"*/{CAMPAIGN_FILE}") if not p.parent.name.startswith("_"))
    if not found:
        raise InputError(Problem(inputs, f"không có thư mục đợt thi đua nào chứa {CAMPAIGN_FILE}"))
    return found


def load_campaign(
    folder: Path, agency: Agency, types: dict[str, DocumentType], awards: AwardData, problems: Problems
) -> Campaign:
    path = folder / CAMPAIGN_FILE
    root = TableReader(load_toml(path), path, problems)
    tables = root.tables("van_ban", required=True)
    written = [_document(d, folder, agency, types) for d in tables]
    # A table may stand for several documents (a decision on several awards: one per award), each its own `ma`.
    documents = []
    for table, doc in zip(tables, written, strict=True):
        kind = KINDS.get(types[doc.loai].kieu) if doc.loai in types else None
        if kind is not None:
            kind.validate(doc, table, written, awards)
        documents += kind.expand(doc, awards) if kind is not None and not problems.errors else [doc]
    no_duplicates(path, "van_ban", [d.ma for d in documents], "ma", problems)
    codes = {d.ma for d in documents}
    for table, doc in zip(tables, written, strict=True):
        for i, cited in enumerate(doc.can_cu_van_ban):
            if cited not in codes or cited == doc.ma:
                known = ", ".join(sorted(codes - {doc.ma}))
                problems.error(
                    path,
                    table.where(f"can_cu_van_ban[{i + 1}]"),
                    f"không có văn bản nào khác có ma = “{cited}” (có: {known})",
                )
    evidence, order = _evidence(root, folder)
    groups = _group_order(root)
    identity = root.text("ma_phong_trao", default="")
    if identity and not _IDENTITY.fullmatch(identity):
        problems.error(path, "ma_phong_trao", "chỉ gồm chữ không dấu, số và dấu gạch ngang (tdkt tự tạo mã này)")
    return Campaign(
        ma=folder.resolve().name,
        ten=root.text("ten"),
        folder=folder,
        source=path,
        ma_phong_trao=identity,
        documents=tuple(documents),
        de_nghi=evidence,
        thu_tu=order,
        thu_tu_nhom=groups,
        nam=root.integer("nam"),
        thanh_tich=root.text("thanh_tich", default=""),
        lich_su=_history_files(root, folder),
    )


def _history_files(root: TableReader, folder: Path) -> tuple[HistoryFile, ...]:
    """`[[lich_su]]`: past years' lists the campaign carries in its folder (`tep`, `nam`, and `so`, `ngay` of the
    decision for a list of awards)."""
    found = []
    for table in root.tables("lich_su"):
        name, year = table.text("tep"), table.integer("nam")
        path = folder / name
        if name and not path.is_file():
            root.problems.error(root.file, table.where("tep"), f"không tìm thấy tệp lịch sử {path}")
            continue
        day = table.date("ngay") if "ngay" in table.table else None
        if name and year:
            found.append(HistoryFile(path, year, table.text("so", default=""), day))
    return tuple(found)


def _group_order(root: TableReader) -> tuple[str, ...]:
    """`[danh_sach] thu_tu_nhom`: collectives then individuals by default, or the other way round."""
    table = root.table.get("danh_sach", {})
    reader = TableReader(table if isinstance(table, dict) else {}, root.file, root.problems, "danh_sach.")
    groups = reader.lines("thu_tu_nhom") or ("tap_the", "ca_nhan")
    if sorted(groups) != ["ca_nhan", "tap_the"]:
        root.problems.error(
            root.file, "danh_sach.thu_tu_nhom", 'phải là ["tap_the", "ca_nhan"] hoặc ["ca_nhan", "tap_the"]'
        )
        return ("tap_the", "ca_nhan")
    return groups


def _evidence(root: TableReader, folder: Path) -> tuple[Path | None, str]:
    """`[de_nghi]`: the evidence folder (default `de_nghi/` when it exists) and the list's order."""
    table = root.table.get("de_nghi", {})
    if not isinstance(table, dict):
        root.problems.error(root.file, "de_nghi", "phải là một bảng [de_nghi]")
        return None, "nhap"
    reader = TableReader(table, root.file, root.problems, "de_nghi.")
    name = reader.text("thu_muc", default="")
    order = reader.text("thu_tu", default="nhap")
    if order not in ORDERS:
        root.problems.error(root.file, "de_nghi.thu_tu", f"phải là một trong: {', '.join(ORDERS)}")
    if name:
        evidence = folder / name
        if not evidence.is_dir():
            root.problems.error(root.file, "de_nghi.thu_muc", f"không tìm thấy thư mục {evidence}")
            return None, order
        return evidence, order
    default = folder / "de_nghi"
    return (default if default.is_dir() else None), order


def _document(d: TableReader, folder: Path, agency: Agency, types: dict[str, DocumentType]) -> DocumentSpec:
    problems, path = d.problems, d.file
    kind = d.text("loai")
    if kind and kind not in types:
        problems.error(path, d.where("loai"), f"loại văn bản “{kind}” không có; dùng một trong: {', '.join(types)}")
    signer = d.text("nguoi_ky")
    if signer and agency.signer(signer) is None:
        known = ", ".join(s.ma for s in agency.signers)
        problems.error(path, d.where("nguoi_ky"), f"người ký “{signer}” không có trong co_quan.toml (có: {known})")
    unit = d.text("don_vi_soan_thao")
    if unit and agency.unit(unit) is None:
        known = ", ".join(u.viet_tat for u in agency.units)
        problems.error(path, d.where("don_vi_soan_thao"), f"đơn vị “{unit}” không có trong co_quan.toml (có: {known})")
    mode = d.table.get("ky_thay")
    if mode is not None and mode not in SIGNING_MODES:
        problems.error(path, d.where("ky_thay"), f"phải là một trong: {', '.join(repr(m) for m in SIGNING_MODES)}")
        mode = None
    body_name = d.text("noi_dung", default="")
    body = folder / body_name if body_name else None
    if body is not None and not body.is_file():
        problems.error(path, d.where("noi_dung"), f"không tìm thấy tệp nội dung {body}")
    elif body is None and kind in types and types[kind].can_noi_dung:
        problems.error(path, d.where("noi_dung"), f'văn bản loại {kind} cần tệp nội dung (noi_dung = "ten_tep.txt")')
    return DocumentSpec(
        ma=d.text("ma"),
        loai=kind,
        trich_yeu=d.text("trich_yeu"),
        ngay=d.date("ngay"),
        nguoi_ky=signer,
        don_vi_soan_thao=unit,
        noi_nhan=d.lines("noi_nhan", required=True),
        can_cu=d.lines("can_cu"),
        kinh_gui=d.lines("kinh_gui"),
        noi_dung=body,
        ten_tep=d.text("ten_tep", default=""),
        so_ban_luu=d.integer("so_ban_luu"),
        ky_thay=mode,
        ky_hieu_don_vi=d.flag("ky_hieu_don_vi"),
        so_theo=d.text("so_theo", default=""),
        can_cu_van_ban=d.lines("can_cu_van_ban"),
        rieng=KINDS[types[kind].kieu].read(d) if kind in types and types[kind].kieu in KINDS else None,
    )
