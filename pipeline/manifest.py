"""What each draft was made from (`outputs/<campaign>/.tdkt-ban-dung.json`), and the one decision of whether a
document is up to date, used by `build` and by `status` alike."""

from __future__ import annotations

import enum
import hashlib
import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path

from .archive.register import Entry
from .documents.model import Document, changed_kinds
from .fsutil import write_atomic

MANIFEST = ".tdkt-ban-dung.json"
EDITED = "tệp nháp đã bị sửa hoặc thay ngoài tdkt"


class DraftState(enum.Enum):
    """Where a document stands."""

    NEW = "chua_dung"  # never built, or its file is gone
    UP_TO_DATE = "cap_nhat"
    CHANGED = "can_dung_lai"  # its inputs changed since it was built
    EDITED = "da_sua"  # its file was changed outside tdkt
    ISSUED = "da_phat_hanh"  # frozen (NĐ30 Điều 18): never rebuilt


@dataclass(frozen=True)
class DraftRecord:
    """One built draft: its file name, the fingerprint of its inputs (whole and by kind), and of the file."""

    tep: str
    bam_dau_vao: str
    dau_vao: dict[str, str]
    bam_tep: str


@dataclass
class Manifest:
    """The drafts of one campaign's output folder, and the evidence the consolidated list was made from."""

    folder: Path
    drafts: dict[str, DraftRecord] = field(default_factory=dict)
    tong_hop: str | None = None
    ma_phong_trao: str = ""  # the campaign whose drafts these are
    tong_hop_file: str | None = None  # the consolidated list's SHA-256 as tdkt last wrote it

    @classmethod
    def read(cls, folder: Path, identity: str = "") -> Manifest:
        """The manifest in `folder`; an unreadable one, or another campaign's, counts as none (all is rebuilt)."""
        try:
            data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            if identity and data.get("ma_phong_trao", identity) != identity:
                return cls(folder, ma_phong_trao=identity)
            drafts = {
                code: DraftRecord(d["tep"], d["bam_dau_vao"], dict(d.get("dau_vao", {})), d["bam_tep"])
                for code, d in data.get("van_ban", {}).items()
            }
            return cls(folder, drafts, data.get("tong_hop"), identity, data.get("bam_tep_tong_hop"))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls(folder, ma_phong_trao=identity)

    def record(self, document: Document, data: bytes) -> None:
        self.drafts[document.ma] = DraftRecord(
            document.output.name, document.fingerprint, dict(document.inputs), hashlib.sha256(data).hexdigest()
        )

    def write(self) -> None:
        """Written as it is encoded: a campaign of thousands of documents never holds its manifest's text at once."""
        content: dict = {"van_ban": {code: vars(record) for code, record in self.drafts.items()}}
        if self.ma_phong_trao:
            content["ma_phong_trao"] = self.ma_phong_trao
        if self.tong_hop is not None:
            content["tong_hop"] = self.tong_hop
        if self.tong_hop_file is not None:
            content["bam_tep_tong_hop"] = self.tong_hop_file
        encoder = json.JSONEncoder(ensure_ascii=False, indent=1, sort_keys=True)
        pieces = (piece.encode("utf-8") for piece in itertools.chain(encoder.iterencode(content), ["\n"]))
        write_atomic(self.folder / MANIFEST, pieces)


def _sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def draft_state(
    document: Document, record: DraftRecord | None, issued: Entry | None = None
) -> tuple[DraftState, tuple[str, ...]]:
    """The document's state and the reasons, as a clerk would read them (the kinds of input that changed)."""
    if issued is not None:
        changed = document.fingerprint != issued.bam_dau_vao
        return DraftState.ISSUED, tuple(changed_kinds(document.inputs, issued.dau_vao)) if changed else ()
    on_disk = _sha(document.output) if record is not None else None
    if record is None or on_disk is None:
        return DraftState.NEW, ()
    inputs_changed = (
        tuple(changed_kinds(document.inputs, record.dau_vao)) if (record.bam_dau_vao != document.fingerprint) else ()
    )
    if on_disk != record.bam_tep:
        return DraftState.EDITED, (EDITED, *inputs_changed)
    if inputs_changed or record.bam_dau_vao != document.fingerprint:
        return DraftState.CHANGED, inputs_changed
    return DraftState.UP_TO_DATE, ()
