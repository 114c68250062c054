"""`tdkt check`: the Nghị định 30/2020 format rules (SPEC.md §1–3), checked on any .docx.

Each rule looks for the part of the document it is about (the Quốc hiệu, the Số line, the body …) and gives a
verdict for what it finds: `dat` (passes), `khong_dat` (fails, with what is wrong) or `bo_qua` (the file does not
show that part in a form that can be checked: a template's `{{ … }}` placeholder, say). A rule whose part is absent
gives no verdict: a Kế hoạch has no Kính gửi. Formatting is resolved the way Word resolves it (run → style →
document defaults), so a document typed by hand is judged by what it looks like, not by how it was made.
"""

from __future__ import annotations

import copy
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.section import Section
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from ..errors import Problem, TdktError
from ..render.formatting import alignment, paragraph_attribute, paragraph_property, run_format
from ..render.layout import cell_width, page_text_width, paragraph_text_width_pt
from .reading import (
    Place,
    TableTexts,
    body_paragraphs,
    body_tables,
    element_text,
    read,
    table_paragraphs,
    walked_table_texts,
)

if TYPE_CHECKING:
    from docx.section import _Header

FONT = "Times New Roman"
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
TITLES = ("KẾ HOẠCH", "TỜ TRÌNH", "QUYẾT ĐỊNH", "BÁO CÁO", "THÔNG BÁO", "BIÊN BẢN", "CHỈ THỊ", "QUY CHẾ", "HƯỚNG DẪN")
DAT, KHONG_DAT, BO_QUA = "dat", "khong_dat", "bo_qua"
STATUS_TEXT = {DAT: "đạt", KHONG_DAT: "không đạt", BO_QUA: "bỏ qua"}
_TAG = re.compile(r"\{[{%#]")
_MM = 36000  # EMU in a millimetre


@dataclass(frozen=True)
class Verdict:
    rule: str  # the rule's code, for machines
    title: str  # its name, for the clerk
    status: str
    where: str = ""  # the text of the paragraph it is about
    detail: str = ""  # what is wrong, or what was measured

    @property
    def ok(self) -> bool:
        return self.status != KHONG_DAT


@dataclass(frozen=True)
class CheckReport:
    file: Path
    verdicts: tuple[Verdict, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return all(v.ok for v in self.verdicts)

    @property
    def failures(self) -> list[Verdict]:
        return [v for v in self.verdicts if not v.ok]


# --- reading the document -----------------------------------------------------------------------------------------


@dataclass(slots=True)
class Para:
    """A paragraph with where it sits: the body (`table` None) or a table cell. Its element and the python-docx
    wrapper are found only for the rules that ask for them: most paragraphs are read for their text alone."""

    _element: Any  # the w:p element; None until asked for, where the View read the text in one pass
    found: Elements  # where it is found, and what the document's paragraphs share
    table: int | None
    cell: tuple[int, int] | None
    index: int
    resolved: set[tuple] | None = None  # the formats of its runs, once computed
    _text: str | None = None
    _clean: str | None = None
    _paragraph: Paragraph | None = None
    _xml: bytes | None = None

    @property
    def element(self) -> Any:
        if self._element is None:
            self._element = self.found.element(self.table, self.index)
        return self._element

    def fact(self, what: tuple, compute: Callable[[], Any]) -> Any:
        """A fact about the paragraph that its XML alone decides (with the document's styles): computed once per
        distinct paragraph of a template when a batch shares a memo (`Elements.memo`) — the documents of a build
        differ only where the data put text, and only those paragraphs are looked at again."""
        memo = self.found.memo
        if memo is None:
            return compute()
        if self._xml is None:
            # Serialised from a copy: the paragraph in its document is written with every namespace declared above
            # it (a kilobyte for each, twice the time).
            self._xml = etree.tostring(copy.deepcopy(self.element))
        key = (what, self._xml)
        found = memo.get(key, _UNKNOWN)
        if found is _UNKNOWN:
            if len(memo) >= MEMO_LIMIT:  # a long batch of all-different paragraphs: memory stays bounded
                memo.clear()
            found = memo[key] = compute()
        return found

    @property
    def p(self) -> Paragraph:
        if self._paragraph is None:
            self._paragraph = Paragraph(self.element, self.found.parent)
        return self._paragraph

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = element_text(self.element)
        return self._text

    @property
    def clean(self) -> str:
        if self._clean is None:
            self._clean = " ".join(self.text.split())
        return self._clean

    @property
    def is_template(self) -> bool:
        return bool(_TAG.search(self.text))


class Elements:
    """What the paragraphs of one document share: what a python-docx Paragraph hangs from, the memo of facts, and
    the elements of those the one pass read, found when a rule asks for one — its table's (or the body's) in one
    call. Paragraphs refer to it, not to the View that holds them: no reference cycle, so a document checked is
    freed as soon as it is done with, without the cyclic collector."""

    def __init__(self, doc: DocumentObject, memo: dict | None, places: list[Place] | None = None, tables=()):
        """`places`: where each paragraph the one pass read sits; `tables`: the body's tables, by number."""
        self.parent = doc._body
        self.memo = memo  # facts of paragraphs by their XML, shared by the documents of one template
        self._body = doc.element.body
        self._places = places or []
        self._tables = tables
        self._found: dict[int | None, dict[int, Any]] = {}  # by table (None: the body), elements by paragraph index

    def element(self, table: int | None, index: int) -> Any:
        found = self._found.get(table)
        if found is None:
            elements = body_paragraphs(self._body) if table is None else table_paragraphs(self._tables[table])
            indices = [i for i, (t, _) in enumerate(self._places) if t == table]
            found = self._found[table] = dict(zip(indices, elements, strict=True))
        return found[index]


_UNKNOWN = object()
MEMO_LIMIT = 1_000  # facts; a fact and its paragraph's XML take a few hundred bytes

_P, _TBL, _TR, _TC, _SECT = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), f"{qn('w:pPr')}/{qn('w:sectPr')}"


class View:
    """The document's paragraphs in reading order, with the landmarks the rules need, each found once."""

    def __init__(self, doc: DocumentObject, memo: dict | None = None):
        """`memo`: facts of paragraphs by their XML, kept across the documents of one template (`Para.fact`)."""
        self.doc = doc
        self.body: list[Para] | None = None  # found once, by _body
        self.paras: list[Para] = []
        self.tables: list = []  # the body's table elements (kept, so that their ids stay theirs)
        self.table_texts: list[TableTexts | None] = []  # their cell texts, from the one-pass reading where it served
        body = doc.element.body
        texts = read(body)
        if texts is not None:
            # The pass read the body's and the cells' own paragraphs (none nested: it leaves those to the walk); their
            # elements are found when a rule asks for one.
            self.tables = body_tables(body)
            found = Elements(doc, memo, texts.places, self.tables)
            self.table_texts = list(texts.tables)
            self.paras = [
                Para(None, found, table, cell, i, _text=text)
                for i, ((table, cell), text) in enumerate(zip(texts.places, texts.paragraphs, strict=True))
            ]
            return
        found = Elements(doc, memo)
        paras = self.paras
        for child in body.iterchildren(_P, _TBL):
            if child.tag == _P:
                paras.append(Para(child, found, None, None, len(paras)))
            else:
                table_no = len(self.tables)
                self.tables.append(child)
                for r, tr in enumerate(child.iterchildren(_TR)):
                    for c, tc in enumerate(tr.iterchildren(_TC)):
                        for p in tc.iter(_P):
                            paras.append(Para(p, found, table_no, (r, c), len(paras)))
        self.table_texts = [None] * len(self.tables)

    def table_cells(self, tbl) -> TableTexts:
        """A body table's cell texts, as python-docx gives them (merged cells repeated), read once."""
        index = next(i for i, known in enumerate(self.tables) if known is tbl)
        found = self.table_texts[index]
        if found is None:
            found = self.table_texts[index] = walked_table_texts(tbl)
        return found

    def find(self, predicate: Callable[[Para], bool], start: int = 0) -> Para | None:
        return next((p for p in self.paras[start:] if predicate(p)), None)

    def next_nonempty(self, para: Para) -> Para | None:
        return self.find(lambda p: bool(p.clean), para.index + 1)

    @cached_property
    def title(self) -> Para | None:
        return self.find(lambda p: p.table is None and p.clean in TITLES)

    @cached_property
    def noi_nhan(self) -> Para | None:
        return self.find(lambda p: p.clean.startswith("Nơi nhận"))

    @cached_property
    def page_text_width(self) -> int:
        """Twips between the margins of the last section: what a paragraph outside a table may use."""
        return page_text_width(self.doc)

    @cached_property
    def appendix_start(self) -> int:
        """The index where an attached list begins (its own section), or the end."""
        for para in self.paras:
            if para.table is None and para.element.find(_SECT) is not None:
                return para.index + 1
        return len(self.paras)


_R = qn("w:r")


def formats(para: Para) -> set[tuple]:
    """The distinct (font, size, bold, italic) of the runs that hold text, computed once per paragraph."""
    if para.resolved is None:
        para.resolved = para.fact(("formats",), lambda: _run_formats(para))
    return para.resolved


def _run_formats(para: Para) -> set[tuple]:
    runs = (Run(r, para.p) for r in para.element.iter(_R) if element_text(r).strip())
    return {(f.font, f.size_pt, f.bold, f.italic) for f in (run_format(r, para.p) for r in runs)}


def _align(para: Para) -> str:
    return para.fact(("alignment",), lambda: alignment(para.p))


def _attribute(para: Para, tag: str, attr: str) -> str | None:
    return para.fact(("attribute", tag, attr), lambda: paragraph_attribute(para.p, tag, attr))


def _sizes(para: Para) -> set[float]:
    return {f[1] for f in formats(para)}


def _all(para: Para, index: int) -> bool:
    found = formats(para)
    return bool(found) and all(f[index] for f in found)


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _twips(para: Para, tag: str, attr: str) -> int:
    value = _attribute(para, tag, attr)
    return int(value) if value is not None else 0


# --- the rules ----------------------------------------------------------------------------------------------------

Rule = Callable[[View], Iterator[Verdict]]
RULES: list[Rule] = []


def rule(fn: Rule) -> Rule:
    RULES.append(fn)
    return fn


def _verdict(code: str, title: str, problems: list[str], where: str = "", measured: str = "") -> Verdict:
    if problems:
        return Verdict(code, title, KHONG_DAT, where, "; ".join(problems))
    return Verdict(code, title, DAT, where, measured)


@rule
def page_size(view: View) -> Iterator[Verdict]:
    for i, section in enumerate(view.doc.sections, start=1):
        w, h = section.page_width / _MM, section.page_height / _MM
        problems = []
        if abs(w - 210) > 0.5 or abs(h - 297) > 0.5:
            problems.append(f"khổ giấy {w:.1f} × {h:.1f} mm, phải là A4 (210 × 297 mm)")
        yield _verdict("kho_giay", "Khổ giấy A4 đứng", problems, f"phần {i}")


@rule
def margins(view: View) -> Iterator[Verdict]:
    limits = {
        "trên": ("top_margin", 20, 25),
        "dưới": ("bottom_margin", 20, 25),
        "trái": ("left_margin", 30, 35),
        "phải": ("right_margin", 15, 20),
    }
    for i, section in enumerate(view.doc.sections, start=1):
        problems = []
        for name, (attr, low, high) in limits.items():
            value = round(getattr(section, attr) / _MM, 1)
            if not low - 0.1 <= value <= high + 0.1:
                problems.append(f"lề {name} {value:g} mm, phải {low}–{high} mm")
        yield _verdict("le_trang", "Lề trang", problems, f"phần {i}")


@rule
def fonts(view: View) -> Iterator[Verdict]:
    wrong: dict[str, str] = {}
    for para in view.paras:
        for font, *_ in formats(para):
            if font != FONT:
                name = "phông theo chủ đề (theme)" if font is None else f"phông {font}"
                wrong.setdefault(name, para.text)
    problems = [f"{name} ở “{_short(text, 40)}”, phải là {FONT}" for name, text in wrong.items()]
    yield _verdict("phong_chu", "Phông chữ Times New Roman", problems)


def _size_in(para: Para, low: float, high: float, what: str) -> list[str]:
    wrong = sorted(s for s in _sizes(para) if not low <= s <= high)
    return [f"{what} cỡ {wrong[0]:g}, phải {low:g}–{high:g}"] if wrong else []


def _header_line(
    view: View,
    code: str,
    title: str,
    found: Callable[[Para], bool],
    exact: str,
    hint: str,
    sizes: tuple[int, int],
    centred: bool,
) -> tuple[Verdict, Para | None]:
    """A fixed line of the header (Quốc hiệu, Tiêu ngữ): its exact text, size, bold, and where asked, centring."""
    para = view.find(found)
    if para is None:
        return Verdict(code, title, KHONG_DAT, "", f"không có dòng “{exact}”"), None
    problems = [] if para.clean == exact else [f"phải viết đúng “{exact}”{hint}"]
    problems += _size_in(para, *sizes, "chữ")
    if not _all(para, 2):
        problems.append("phải in đậm")
    if centred and _align(para) != "center":
        problems.append("phải căn giữa")
    return _verdict(code, title, problems, para.clean), para


@rule
def quoc_hieu(view: View) -> Iterator[Verdict]:
    found = lambda p: "XÃ HỘI CHỦ NGHĨA VIỆT NAM" in p.clean.upper()  # noqa: E731
    yield _header_line(view, "quoc_hieu", "Quốc hiệu", found, QUOC_HIEU, "", (12, 13), centred=False)[0]


@rule
def tieu_ngu(view: View) -> Iterator[Verdict]:
    found = lambda p: re.search(r"Độc lập.*Tự do.*Hạnh phúc", p.clean) is not None  # noqa: E731
    hint = " (gạch nối có cách trước và sau)"
    verdict, para = _header_line(view, "tieu_ngu", "Tiêu ngữ", found, TIEU_NGU, hint, (13, 14), centred=True)
    yield verdict
    if para is not None:
        yield _rule_under(view, para, "ke_tieu_ngu", "Đường kẻ dưới Tiêu ngữ", 0.9, 1.1, "bằng độ dài dòng chữ")


def _agency(view: View) -> Para | None:
    """The issuing agency: the bold line of the header's left cell (or the line before the Số line)."""
    candidates = [p for p in view.paras if p.table == 0 and p.cell == (0, 0) and p.clean]
    bold = [p for p in candidates if _all(p, 2)]
    if bold:
        return bold[-1]
    return candidates[-1] if candidates else None


@rule
def agency(view: View) -> Iterator[Verdict]:
    para = _agency(view)
    if para is None:
        return
    lines = [p for p in view.paras if p.table == 0 and p.cell == (0, 0) and p.clean]
    for line in lines:
        problems = _size_in(line, 12, 13, "chữ")
        if line.clean != line.clean.upper() and not line.is_template:
            problems.append("phải viết in hoa")
        if line is para and not _all(line, 2):
            problems.append("tên cơ quan ban hành phải in đậm")
        if line is not para and _all(line, 2):
            problems.append("tên cơ quan chủ quản không in đậm")
        title = "Tên cơ quan ban hành" if line is para else "Tên cơ quan chủ quản"
        yield _verdict("co_quan", title, problems, line.clean)
    yield _rule_under(view, para, "ke_co_quan", "Đường kẻ dưới tên cơ quan", 1 / 3, 1 / 2, "từ 1/3 đến 1/2 dòng chữ")


def _border(para: Para, sides: tuple[str, ...]) -> bool:
    return para.fact(("border", sides), lambda: _has_border(para, sides))


def _has_border(para: Para, sides: tuple[str, ...]) -> bool:
    for side in sides:
        el = paragraph_property(para.p, "pBdr")
        if el is not None:
            line = el.find(qn(f"w:{side}"))
            if line is not None and line.get(qn("w:val")) not in (None, "nil", "none"):
                return True
    return False


_LINE_SHAPE = ".//a:prstGeom[@prst='line']"
_NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
}


def _shape_length_twips(para: Para) -> int | None:
    """A drawn straight line (DrawingML) anchored in the paragraph: its width in twips."""
    for drawing in para.element.iter(qn("w:drawing")):
        if drawing.xpath(_LINE_SHAPE, namespaces=_NS) or drawing.xpath(".//*[local-name()='cNvCnPr']"):
            extent = drawing.find(".//wp:extent", namespaces=_NS)
            if extent is not None:
                return int(extent.get("cx")) // 635
    return None


def _rule_under(view: View, text: Para, code: str, title: str, low: float, high: float, want: str) -> Verdict:
    """The solid line under a header line: a paragraph border or a drawn line, as long as the rule wants."""
    width = cell_width(text.p)
    width = view.page_text_width if width is None else width
    text_width = min(text.fact(("width",), lambda: paragraph_text_width_pt(text.p)) * 20, width)
    candidates = [text] + [p for p in view.paras[text.index + 1 : text.index + 3] if not p.clean]
    length = None
    for para in candidates:
        shape = _shape_length_twips(para)
        if shape is not None:
            length = shape
        elif (para is text and _border(para, ("bottom",))) or (para is not text and _border(para, ("top", "bottom"))):
            length = width - _twips(para, "ind", "left") - _twips(para, "ind", "right")
        if length is not None:
            break
    if length is None:
        return Verdict(code, title, KHONG_DAT, text.clean, "không có đường kẻ liền nét bên dưới")
    if text.is_template:
        return Verdict(code, title, BO_QUA, text.clean, "dòng chữ là trường của mẫu; độ dài tính khi dựng")
    ratio = length / text_width if text_width else 0
    measured = f"kẻ dài {length / 56.7:.0f} mm, chữ dài {text_width / 56.7:.0f} mm"
    problems = [] if low - 0.02 <= ratio <= high + 0.02 else [f"{measured}; phải {want}"]
    return _verdict(code, title, problems, text.clean, measured)


_SO = re.compile(r"^Số:\s*(?P<so>\S*?)\s*/\s*(?P<ky_hieu>.+)$")


@rule
def so_ky_hieu(view: View) -> Iterator[Verdict]:
    para = view.find(lambda p: re.match(r"^Số\s*:", p.clean) is not None)
    if para is None:
        return
    if para.is_template:
        yield Verdict("so_ky_hieu", "Số, ký hiệu", BO_QUA, para.clean, "trường của mẫu")
        return
    text = para.text.strip()
    problems = []
    found = _SO.match(" ".join(text.split()) if "/" not in text else text)
    if found is None:
        problems.append("phải có dạng “Số: 05/QĐ-SKHĐT”")
    else:
        number, symbol = found.group("so"), found.group("ky_hieu")
        if number and not number.isdigit():
            problems.append(f"số “{number}” phải là chữ số")
        elif number and int(number) < 10 and len(number) < 2:
            problems.append("số dưới 10 phải có số 0 đứng trước (05)")
        if re.search(r"\S\s+/|/\s+\S", text.replace("Số:", "")) and number:
            problems.append("không có khoảng trắng trước và sau dấu /")
        if re.search(r"\s-|-\s", symbol) or " " in symbol.strip():
            problems.append("không có khoảng trắng trong ký hiệu và quanh dấu -")
        if "-" not in symbol:
            problems.append("ký hiệu gồm chữ viết tắt tên loại và tên cơ quan, nối bằng dấu -")
    problems += _size_in(para, 13, 13, "chữ")
    yield _verdict("so_ky_hieu", "Số, ký hiệu", problems, para.clean)


_DATE_LIKE = re.compile(r", ngày .*tháng .*năm")
_DATE = re.compile(r"^(?P<place>[^,]+), ngày (?P<day>\S*) tháng (?P<month>\S*) năm (?P<year>\d{4})$")


@rule
def date_line(view: View) -> Iterator[Verdict]:
    para = view.find(
        lambda p: re.search(r", ngày .*tháng .*năm", p.clean) is not None and (p.table == 0 or p.index < 12)
    )
    if para is None:
        return
    if para.is_template:
        yield Verdict("ngay_thang", "Địa danh, ngày tháng", BO_QUA, para.clean, "trường của mẫu")
        return
    problems = []
    found = _DATE.match(para.clean)
    if found is None:
        problems.append("phải có dạng “Bình Định, ngày 06 tháng 02 năm 2022”")
    else:
        day, month = found.group("day"), found.group("month")
        if day.isdigit() and len(day) < 2:
            problems.append("ngày dưới 10 phải có số 0 đứng trước")
        if month.isdigit():
            if int(month) <= 2 and len(month) < 2:
                problems.append("tháng 1 và 2 phải có số 0 đứng trước (tháng 01, tháng 02)")
            if int(month) >= 3 and month.startswith("0"):
                problems.append("tháng 3 đến 12 không có số 0 đứng trước")
    problems += _size_in(para, 13, 14, "chữ")
    if not _all(para, 3):
        problems.append("phải in nghiêng")
    yield _verdict("ngay_thang", "Địa danh, ngày tháng", problems, para.clean)


@rule
def title_and_summary(view: View) -> Iterator[Verdict]:
    title = view.title
    if title is None:
        return
    problems = _size_in(title, 13, 14, "chữ")
    if not _all(title, 2):
        problems.append("phải in đậm")
    if _align(title) != "center":
        problems.append("phải căn giữa")
    yield _verdict("ten_loai", "Tên loại văn bản", problems, title.clean)
    summary = view.next_nonempty(title)
    if summary is None or summary.clean.startswith(("Kính gửi", "Căn cứ")) or summary.table is not None:
        return
    problems = _size_in(summary, 13, 14, "chữ")
    if not _all(summary, 2):
        problems.append("phải in đậm")
    if _align(summary) != "center":
        problems.append("phải căn giữa")
    yield _verdict("trich_yeu", "Trích yếu", problems, summary.clean)
    yield _rule_under(view, summary, "ke_trich_yeu", "Đường kẻ dưới trích yếu", 1 / 3, 1 / 2, "từ 1/3 đến 1/2 dòng chữ")


@rule
def kinh_gui(view: View) -> Iterator[Verdict]:
    para = view.find(lambda p: p.table is None and p.clean.startswith("Kính gửi"))
    if para is None:
        return
    problems = _size_in(para, 13, 14, "chữ")
    rest = para.clean.split(":", 1)[1].strip() if ":" in para.clean else ""
    if not para.is_template:
        if rest and not rest.endswith("."):
            problems.append("một nơi gửi: kết thúc bằng “.”")
        if not rest:
            lines = []
            for line in view.paras[para.index + 1 :]:
                if not line.clean.startswith("- ") or line.table is not None:
                    break
                lines.append(line.clean)
            if not lines:
                problems.append("sau “Kính gửi:” phải có nơi gửi")
            elif not all(t.endswith(";") for t in lines[:-1]) or not lines[-1].endswith("."):
                problems.append("nhiều nơi gửi: mỗi dòng “- …;”, dòng cuối kết thúc bằng “.”")
    yield _verdict("kinh_gui", "Kính gửi", problems, para.clean)


@rule
def decision_parts(view: View) -> Iterator[Verdict]:
    """Quyết định (Mẫu 1.2): the authority line, `QUYẾT ĐỊNH:`, and the bold `Điều N.` labels."""
    title = view.title
    if title is None or title.clean != "QUYẾT ĐỊNH":
        return
    summary = view.next_nonempty(title)
    authority = view.next_nonempty(summary) if summary is not None else None
    if authority is not None and not authority.clean.startswith("Căn cứ"):
        problems = _size_in(authority, 13, 14, "chữ")
        if not authority.is_template and authority.clean != authority.clean.upper():
            problems.append("phải viết in hoa")
        if not _all(authority, 2) or _align(authority) != "center":
            problems.append("phải in đậm, căn giữa")
        yield _verdict("tham_quyen", "Thẩm quyền ban hành", problems, authority.clean)
    decides = view.find(lambda p: p.clean == "QUYẾT ĐỊNH:")
    if decides is None:
        yield Verdict("quyet_dinh", "QUYẾT ĐỊNH:", KHONG_DAT, "", "thiếu dòng “QUYẾT ĐỊNH:” trước các điều")
    else:
        ok = _all(decides, 2) and _align(decides) == "center"
        yield _verdict("quyet_dinh", "QUYẾT ĐỊNH:", [] if ok else ["phải in đậm, căn giữa"], decides.clean)
    for para in view.paras[: view.appendix_start]:
        label = re.match(r"^Điều \d+\.", para.clean)
        if label is None or para.table is not None:
            continue
        text = label.group(0)
        problems = (
            [] if para.fact(("label_bold", text), partial(_label_bold, para, text)) else [f"nhãn “{text}” phải in đậm"]
        )
        yield _verdict("dieu", "Nhãn điều", problems, para.clean)


def _label_bold(para: Para, label: str) -> bool:
    """Whether every run that holds the start of the paragraph, up to the end of `label`, is bold."""
    covered = ""
    for run in para.p.runs:
        if len(covered) >= len(label):
            break
        if run.text.strip() and not run_format(run, para.p).bold:
            return False
        covered += run.text.lstrip() if not covered else run.text
    return True


@rule
def can_cu(view: View) -> Iterator[Verdict]:
    end = view.appendix_start
    lines = [p for p in view.paras[:end] if p.table is None and p.clean.startswith(("Căn cứ", "Theo đề nghị"))]
    if not lines:
        return
    for i, para in enumerate(lines):
        if para.is_template:
            yield Verdict("can_cu", "Căn cứ", BO_QUA, para.clean, "trường của mẫu")
            continue
        last = i == len(lines) - 1
        problems = []
        ending = "." if last else ";"
        if not para.clean.endswith(ending):
            problems.append(f"dòng {'cuối ' if last else ''}phải kết thúc bằng “{ending}”")
        law = re.search(r"Căn cứ Luật [^;.]*?\bsố\s+\d+/\d{4}/QH\d+", para.clean)
        if law:
            problems.append("viện dẫn Luật không ghi số, chỉ ghi tên và ngày thông qua")
        if not _all(para, 3):
            problems.append("phải in nghiêng")
        problems += _size_in(para, 13, 14, "chữ")
        yield _verdict("can_cu", "Căn cứ", problems, para.clean)


def _body(view: View) -> list[Para]:
    """The body: paragraphs outside tables between the trích yếu block and the signature, headings included."""
    if view.body is None:
        view.body = _find_body(view)
    return view.body


def _find_body(view: View) -> list[Para]:
    title = view.title
    stop = view.noi_nhan.index if view.noi_nhan is not None else view.appendix_start
    stop = min(stop, view.appendix_start)
    start = title.index + 1 if title is not None else 0
    out = []
    for para in view.paras[start:stop]:
        if para.table is not None or not para.clean or para.is_template and para.clean.startswith("{%"):
            continue
        text = para.clean
        if (
            text.startswith(("Kính gửi", "- ", "Căn cứ", "Theo đề nghị"))
            or text in ("QUYẾT ĐỊNH:",)
            or (text == text.upper() and _align(para) == "center")
            or _align(para) == "center"
            and _all(para, 2)
        ):
            continue
        out.append(para)
    return out


def _is_heading(para: Para) -> bool:
    return re.match(r"^[IVXLC]+\.\s", para.clean) is not None


@rule
def body(view: View) -> Iterator[Verdict]:
    for para in _body(view):
        problems = []
        heading = _is_heading(para)
        if not heading and _align(para) != "both":
            problems.append("phải căn đều hai bên")
        problems += _size_in(para, 13, 14, "chữ")
        indent = _twips(para, "ind", "firstLine")
        if not heading and not 540 <= indent <= 740:
            problems.append(f"thụt đầu dòng {indent / 567:.2f} cm, phải 1–1,27 cm")
        spacing = max(_twips(para, "spacing", "before"), _twips(para, "spacing", "after"))
        if spacing < 120:
            problems.append(f"cách đoạn {spacing / 20:g} pt, phải ít nhất 6 pt")
        rule_kind = _attribute(para, "spacing", "lineRule") or "auto"
        value = int(_attribute(para, "spacing", "line") or 240)
        if rule_kind == "auto" and not 240 <= value <= 360:
            problems.append(f"giãn dòng {value / 240:.2f} dòng, phải từ 1 đến 1,5 dòng")
        if rule_kind in ("exact", "atLeast") and not 13 * 20 <= value <= 14 * 1.5 * 20 * 1.2:
            problems.append(f"giãn dòng {value / 20:g} pt không hợp với cỡ chữ")
        if para.element.findall(f".//{qn('w:br')}") and _align(para) == "both":
            problems.append("có ngắt dòng cứng (Shift+Enter) trong đoạn căn đều")
        if heading and not _all(para, 2):
            problems.append("đề mục phải in đậm")
        yield _verdict("noi_dung", "Nội dung" if not heading else "Đề mục", problems, para.clean)


@rule
def closing_mark(view: View) -> Iterator[Verdict]:
    paragraphs = _body(view)
    if not paragraphs:
        return
    last = paragraphs[-1]
    # A closing line kept in the signature table's first row (so that it never parts from the signatures) ends the
    # content as well as a paragraph above the table would.
    stop = view.noi_nhan.index if view.noi_nhan is not None else view.appendix_start
    after = [p for p in view.paras[last.index + 1 : stop] if p.table is not None and p.clean]
    kept = next((p for p in after if p.clean.endswith("./.")), None)
    kept = kept or next((p for p in after if p.is_template and p.clean.startswith("{{")), None)
    last = kept or last
    if last.is_template:
        yield Verdict("ket_thuc", "Dấu kết thúc ./.", BO_QUA, last.clean, "trường của mẫu; tdkt thêm “./.” khi dựng")
        return
    problems = [] if last.clean.endswith("./.") else ["nội dung phải kết thúc bằng “./.”"]
    yield _verdict("ket_thuc", "Dấu kết thúc ./.", problems, last.clean)


@rule
def noi_nhan(view: View) -> Iterator[Verdict]:
    heading = view.noi_nhan
    if heading is None:
        return
    problems = []
    if heading.clean != "Nơi nhận:":
        problems.append("phải viết “Nơi nhận:”")
    found = formats(heading)
    if not found or {f[1] for f in found} != {12} or not all(f[2] and f[3] for f in found):
        problems.append("phải cỡ 12, in đậm và nghiêng")
    yield _verdict("noi_nhan", "Nơi nhận", problems, heading.clean)
    lines = []
    for para in view.paras[heading.index + 1 :]:
        if para.table != heading.table or para.cell != heading.cell:
            break
        if para.clean and not para.clean.startswith("{%"):
            lines.append(para)
    for i, para in enumerate(lines):
        if para.is_template:
            yield Verdict("noi_nhan_dong", "Dòng nơi nhận", BO_QUA, para.clean, "trường của mẫu")
            continue
        last = i == len(lines) - 1
        problems = []
        if not para.text.startswith("- "):
            problems.append("mỗi dòng bắt đầu bằng “- ”")
        if not last and not para.clean.endswith(";"):
            problems.append("mỗi dòng kết thúc bằng “;”")
        if last and not re.match(r"^- Lưu: VT, .+\.$", para.clean):
            problems.append("dòng cuối phải là “- Lưu: VT, <đơn vị soạn thảo>.”")
        problems += _size_in(para, 11, 11, "chữ")
        yield _verdict("noi_nhan_dong", "Dòng nơi nhận", problems, para.clean)


@rule
def signature(view: View) -> Iterator[Verdict]:
    heading = view.noi_nhan
    if heading is None or heading.table is None:
        return
    cell = [p for p in view.paras if p.table == heading.table and p.cell == (heading.cell[0], heading.cell[1] + 1)]
    filled = [p for p in cell if p.clean and not p.clean.startswith("{%")]
    if not filled:
        yield Verdict("chu_ky", "Khối chữ ký", KHONG_DAT, "", "không có chức vụ và họ tên người ký bên cạnh Nơi nhận")
        return
    name = filled[-1]
    titles = [p for p in filled[:-1] if _all(p, 2)]
    problems = []
    for title in titles or filled[:1]:
        problems += _size_in(title, 13, 14, "chức vụ")
        if not _all(title, 2):
            problems.append("chức vụ phải in đậm")
        if not title.is_template and title.clean != title.clean.upper():
            problems.append("chức vụ phải viết in hoa")
    problems += _size_in(name, 13, 14, "họ tên")
    if not _all(name, 2):
        problems.append("họ tên người ký phải in đậm")
    if re.match(r"^(TS|ThS|PGS|GS|KS|CN|BS)\.?\s", name.clean):
        problems.append("họ tên không kèm học hàm, học vị")
    blank = [p for p in cell if titles and titles[-1].index < p.index < name.index and not p.clean.startswith("{%")]
    if len(blank) < 2:
        problems.append("phải chừa khoảng trống để ký giữa chức vụ và họ tên")
    yield _verdict("chu_ky", "Khối chữ ký", problems, name.clean)


def _page_field(part) -> bool:
    return any("PAGE" in (t.text or "").split() for t in part._element.iter(qn("w:instrText"))) or any(
        "PAGE" in (f.get(qn("w:instr")) or "") for f in part._element.iter(qn("w:fldSimple"))
    )


def section_headers(doc: DocumentObject) -> Iterator[tuple[Section, _Header | None, _Header | None]]:
    """Each section with the header and the first-page header Word shows in it (None where no section up to it has
    one): a section without one of its own shows the previous section's. Found here walking the sections forward —
    python-docx finds each by an XPath over all that comes before the section, whose time grows with the square of
    the document's length (a third of a second for a 5.000-row list)."""
    header = first = None
    for section in doc.sections:
        if not section.header.is_linked_to_previous:
            header = section.header
        if not section.first_page_header.is_linked_to_previous:
            first = section.first_page_header
        yield section, header, first


@rule
def page_numbers(view: View) -> Iterator[Verdict]:
    for i, (section, header, first) in enumerate(section_headers(view.doc), start=1):
        if header is None or not _page_field(header):
            continue
        problems = []
        paragraph = next((p for p in header.paragraphs if _page_field_in(p)), header.paragraphs[0])
        if alignment(paragraph) != "center":
            problems.append("số trang phải căn giữa")
        sizes = {run_format(r, paragraph).size_pt for r in paragraph.runs} or {None}
        if any(s is None or not 13 <= s <= 14 for s in sizes):
            problems.append(f"số trang cỡ {', '.join(str(s) for s in sizes)}, phải 13–14")
        if not section.different_first_page_header_footer or (first is not None and _page_field(first)):
            problems.append("trang đầu không hiện số trang")
        yield _verdict("so_trang", "Số trang", problems, f"phần {i}")


def _page_field_in(paragraph: Paragraph) -> bool:
    return any("PAGE" in (t.text or "") for t in paragraph._p.iter(qn("w:instrText")))


# --- entry points -------------------------------------------------------------------------------------------------


def open_document(path: Path) -> DocumentObject:
    try:
        return Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as e:
        raise TdktError(Problem(path, f"không đọc được tệp Word ({type(e).__name__})")) from e
    except FileNotFoundError as e:
        raise TdktError(Problem(path, "không tìm thấy tệp")) from e


# Rules whose verdict only the template decides: page setup, headers, and fonts (text from the data is escaped by
# the renderer, so it can bring no formatting of its own). A batch checks these once per template.
TEMPLATE_RULES = frozenset({"page_size", "margins", "fonts", "page_numbers"})


def check_document(doc: DocumentObject) -> list[Verdict]:
    """Every rule's verdicts on a document."""
    view = View(doc)
    return [verdict for check in RULES for verdict in check(view)]


class BatchChecker:
    """Checks many documents made from a few templates: the template-only rules are decided on the first document of
    each template, the others on every document, where the formatting facts of a paragraph met before in a document
    of the same template (same XML, same styles) are not computed again. The verdicts, in order, are those of
    `check_document`."""

    def __init__(self) -> None:
        self._template_verdicts: dict[str, dict[str, list[Verdict]]] = {}
        self._memos: dict[str, dict] = {}  # per template: facts of its documents' paragraphs, by their XML

    def check(self, doc: DocumentObject, template_key: str) -> list[Verdict]:
        view = View(doc, self._memos.setdefault(template_key, {}))
        decided = self._template_verdicts.get(template_key)
        if decided is None:
            decided = {check.__name__: list(check(view)) for check in RULES if check.__name__ in TEMPLATE_RULES}
            self._template_verdicts[template_key] = decided
        out: list[Verdict] = []
        for check in RULES:
            out += decided[check.__name__] if check.__name__ in decided else check(view)
        return out
