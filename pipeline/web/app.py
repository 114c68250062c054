"""The routes of the clerk's page. Each one calls the library function the command line calls and shows its result;
the page holds no logic of its own (campaigns: `build.status`, `consolidate.review`, `build.build`; issuing:
`issue.issue_document`; the register: `archive`).

Screens, in Vietnamese: Đợt thi đua (the campaigns and their documents' states), a campaign's page with Đề nghị
(drop the units' files, the consolidated list, each problem at its cell), Văn bản (build with progress, preview,
downloads, the NĐ30 check) and Phát hành (issue after a confirmation showing the number), and Sổ đăng ký.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import threading
import unicodedata
import uuid
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..build import build, status
from ..campaign import campaign_folders
from ..consolidate import CONSOLIDATED, review
from ..errors import Problem, Problems, TdktError
from ..fsutil import os_problem, write_atomic
from ..inputs.agency import find_agency_file
from ..inputs.awards import load_awards
from ..inputs.sheets import SHEET_SUFFIXES, evidence_files, excerpt
from ..inputs.tomlfile import load_toml
from ..manifest import DraftState
from ..workspace import Workspace
from .forms import Forms, _has_campaigns
from .guard import Guard

MAX_UPLOAD = 25 * 1024 * 1024  # a unit's file is a few hundred kilobytes; anything this large is not one
STATIC = Path(__file__).parent / "static"
_UNSAFE = re.compile(r"[\x00-\x1f<>:\"/\\|?*]+")


def safe_name(name: str) -> str | None:
    """A dropped file's name, made safe to write into the evidence folder: no folders, no characters Windows refuses,
    an evidence file's extension; None when nothing usable is left."""
    base = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    base = _UNSAFE.sub("-", base).strip(" .")[:120]
    suffix = Path(base).suffix.lower()
    if not base or base.startswith(".") or suffix not in SHEET_SUFFIXES:
        return None
    return base


REMOVED = ".da-xoa"  # in a campaign's de_nghi/: the files the clerk removed on the page, kept (hidden from ingest)


def _landing(path: Path, data: bytes) -> tuple[Path | None, Path | None]:
    """Where a dropped file goes (None: nowhere), and the file already holding the same content, if one does. Units
    often send files of one name (`Danh sach de nghi.xlsx`), so a file of another content never replaces one already
    there: it is saved as `… (2).xlsx`, and the clerk is asked (`dropped.html`)."""
    candidate, number = path, 1
    while candidate.is_file():
        try:
            if candidate.read_bytes() == data:
                return None, candidate
        except OSError:
            pass
        number += 1
        candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")
    return candidate, None


@dataclass
class Job:
    """A build running in the background, for the progress bar."""

    total: int = 0
    done: int = 0
    finished: bool = False
    lines: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @contextmanager
    def bar(self, total: int):
        self.total = total
        yield self

    def update(self, n: int) -> None:
        self.done += n


class Site:
    """The page's state: the workspace it works on, and the builds running."""

    def __init__(self, workspace: Workspace):
        self.workspace = workspace
        self.jobs: dict[str, Job] = {}
        # One build, print or issue at a time: with one process doing the work (`--jobs 1`) a worker's setting is
        # the module's, and two builds in two threads would make each other's documents with the other's campaign.
        self.busy = threading.Lock()
        self.env = Environment(loader=PackageLoader("pipeline.web", "templates"), autoescape=select_autoescape())

    def page(self, name: str, **values) -> HTMLResponse:
        return HTMLResponse(self.env.get_template(name).render(**values))

    def campaign(self, code: str) -> Path:
        for folder in campaign_folders(self.workspace.inputs):
            if folder.name == code:
                return folder
        raise TdktError(Problem(self.workspace.inputs, f"không có đợt thi đua “{code}”"))

    def _working(self, work, *args, **kwargs):
        """`work(*args, **kwargs)` once no other build, print or issue of the page is running."""
        with self.busy:
            return work(*args, **kwargs)

    # --- screens --------------------------------------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        campaigns = []
        inputs = self.workspace.inputs
        has_agency = (inputs / "co_quan.toml").is_file()
        folders = campaign_folders(inputs) if has_agency and _has_campaigns(inputs) else []
        for folder in folders:
            try:
                campaigns.append((folder.name, status([folder], self.workspace), ""))
            except TdktError as e:
                campaigns.append((folder.name, [], "; ".join(str(p) for p in e.problems[:3])))
        return self.page("home.html", campaigns=campaigns, has_agency=has_agency)

    async def campaign_page(self, request: Request) -> Response:
        code = request.path_params["code"]
        folder = self.campaign(code)
        evidence, files = folder / "de_nghi", []
        if evidence.is_dir():
            found, others = evidence_files(evidence)
            files = [(p.name, p.stat().st_size) for p in [*found, *others]]
        problems, warnings, nominations = [], [], []
        try:
            report = review([folder], self.workspace)
            warnings = [self._problem(p) for p in report.warnings]
            nominations = [n for _, ev in report.evidence for n in ev.nominations]
        except TdktError as e:
            problems = [self._problem(p) for p in e.problems if not p.warning]
            warnings = [self._problem(p) for p in e.problems if p.warning]
        try:
            states = status([folder], self.workspace)
        except TdktError:
            states = []
        awards = load_awards(find_agency_file(folder).parent, Problems())
        tables = [str(t.get("ma", "")) for t in load_toml(folder / "phong_trao.toml").get("van_ban", [])]
        edit_index = {s.ma: tables.index(s.ma.split(".")[0]) for s in states if s.ma.split(".")[0] in tables}
        return self.page(
            "campaign.html",
            edit_index=edit_index,
            form_names={f.ma: f.ten_ngan for f in awards.forms},
            code=code,
            files=files,
            problems=problems,
            warnings=warnings,
            nominations=nominations,
            states=states,
            today=dt.date.today().isoformat(),
        )

    def _problem(self, problem: Problem) -> dict:
        """A problem as the page shows it: where, what, and the rows of the sheet around the cell."""
        path = Path(problem.file)
        shown = excerpt(path, problem.where) if problem.where and path.is_file() else None
        return {
            "tep": path.name,
            "o": problem.where,
            "loi": problem.message,
            "trich": shown,
        }

    # --- evidence -------------------------------------------------------------------------------------------

    async def upload(self, request: Request) -> Response:
        code = request.path_params["code"]
        folder = self.campaign(code) / "de_nghi"
        refused, notes, pairs = [], [], []
        # Starlette holds each upload in a spooled temporary file: closed when the form is, as the block ends.
        async with request.form(max_part_size=MAX_UPLOAD) as form:
            for upload in form.getlist("tep"):
                name = safe_name(getattr(upload, "filename", "") or "")
                data = await upload.read(MAX_UPLOAD + 1)
                if name is None:
                    refused.append(f"{upload.filename}: không phải bảng đề nghị ({', '.join(SHEET_SUFFIXES)})")
                elif len(data) > MAX_UPLOAD:
                    refused.append(f"{name}: tệp quá lớn (tối đa {MAX_UPLOAD // 1024 // 1024} MB)")
                else:
                    target, same = _landing(folder / name, data)
                    if same is not None:
                        notes.append(f"{name}: đã có tệp này ({same.name}, cùng nội dung), không lưu lại")
                    if target is None:
                        continue
                    write_atomic(target, data)
                    if target.name != name:
                        pairs.append((name, target.name))
        if refused or notes or pairs:
            title = "Không nhận tệp" if refused else "Đã nhận tệp"
            return self.page("dropped.html", title=title, lines=refused + notes, pairs=pairs, code=code)
        return RedirectResponse(f"/dot/{code}#de-nghi", status_code=303)

    async def replace(self, request: Request) -> Response:
        """The clerk's answer for a dropped file saved beside one of the same name: it replaces the old one."""
        code = request.path_params["code"]
        form = await request.form()
        folder = self.campaign(code) / "de_nghi"
        old, new = safe_name(str(form.get("cu", ""))), safe_name(str(form.get("moi", "")))
        if old and new and old != new and (folder / new).is_file():
            try:
                os.replace(folder / new, folder / old)
            except OSError as e:
                raise os_problem(e, folder / old) from e
        return RedirectResponse(f"/dot/{code}#de-nghi", status_code=303)

    async def remove(self, request: Request) -> Response:
        code = request.path_params["code"]
        name = safe_name(request.path_params["name"])
        target = self.campaign(code) / "de_nghi" / name if name else None
        if target is not None and target.is_file():  # set aside, not deleted: a unit's file clicked away by mistake
            bin_folder = target.parent / REMOVED
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            try:
                bin_folder.mkdir(exist_ok=True)
                os.replace(target, bin_folder / f"{target.stem}.{stamp}{target.suffix}")
            except OSError as e:
                raise os_problem(e, target) from e
        return RedirectResponse(f"/dot/{code}#de-nghi", status_code=303)

    # --- documents ------------------------------------------------------------------------------------------

    async def start_build(self, request: Request) -> Response:
        folder = self.campaign(request.path_params["code"])
        job_id = uuid.uuid4().hex
        job = self.jobs[job_id] = Job()

        def run() -> None:
            try:
                with self.busy:
                    report = build([folder], self.workspace, jobs=1, progress=job.bar)
                job.lines = [f"{o.path.name}: {o.action.value}" for o in report.outcomes]
            except TdktError as e:
                job.errors = [str(p) for p in e.problems if not p.warning]
            except OSError as e:
                job.errors = [str(e)]
            finally:
                job.finished = True

        threading.Thread(target=run, daemon=True).start()
        return JSONResponse({"viec": job_id})

    async def job(self, request: Request) -> Response:
        job = self.jobs.get(request.path_params["job"])
        if job is None:
            return JSONResponse({"loi": "không có việc này"}, status_code=404)
        return JSONResponse(
            {"tong": job.total, "xong": job.done, "het": job.finished, "dong": job.lines, "loi": job.errors}
        )

    def _document(self, code: str, doc: str):
        for state in status([self.campaign(code)], self.workspace):
            if state.ma == doc:
                return state
        raise TdktError(Problem(code, f"không có văn bản “{doc}”"))

    def _file_of(self, state) -> Path:
        if state.entry is not None:
            return self.workspace.outputs / state.entry.ban_sao
        return state.path

    async def preview(self, request: Request) -> Response:
        from ..render.preview import page_images

        state = self._document(request.path_params["code"], request.path_params["doc"])
        source = self._file_of(state)
        if not source.is_file():
            return self.page("message.html", title="Chưa dựng", lines=["Hãy dựng văn bản trước."], back="..")
        pages = page_images(source, self.workspace.outputs / ".tdkt-tam" / "xem")
        number = int(request.path_params.get("page", 1))
        if request.url.path.endswith(".png"):
            if not 1 <= number <= len(pages):
                return Response(status_code=404)
            return Response(pages[number - 1].read_bytes(), media_type="image/png")
        return self.page("preview.html", code=request.path_params["code"], state=state, pages=len(pages), page=number)

    async def download(self, request: Request) -> Response:
        state = self._document(request.path_params["code"], request.path_params["doc"])
        source = self._file_of(state)
        if not source.is_file():
            return Response("Chưa dựng văn bản này.", status_code=404)
        if request.path_params["kind"] == "pdf":
            from ..render.office import convert_to_pdf

            target = self.workspace.outputs / ".tdkt-tam" / "pdf"
            return Response(
                convert_to_pdf(source, target).read_bytes(),
                media_type="application/pdf",
                headers=_attachment(source.with_suffix(".pdf").name),
            )
        return Response(source.read_bytes(), media_type=DOCX, headers=_attachment(source.name))

    async def download_all(self, request: Request) -> Response:
        code = request.path_params["code"]
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
            for state in status([self.campaign(code)], self.workspace):
                source = self._file_of(state)
                if source.is_file():
                    bundle.write(source, source.name)
            consolidated = self.workspace.outputs / code / CONSOLIDATED
            if consolidated.is_file():
                bundle.write(consolidated, consolidated.name)
        return Response(out.getvalue(), media_type="application/zip", headers=_attachment(f"{code}.zip"))

    async def check(self, request: Request) -> Response:
        from ..check.files import check_file

        state = self._document(request.path_params["code"], request.path_params["doc"])
        report = check_file(self._file_of(state))
        return self.page("check.html", code=request.path_params["code"], state=state, report=report)

    # --- certificates ---------------------------------------------------------------------------------------

    async def print_certificates(self, request: Request) -> Response:
        """A decision's certificates as `tdkt certificates --gop` prints them, one Word file with a page per person
        (a zip of them for a decision of several awards): an issued decision's with its number and the sổ vàng
        numbers, one not yet issued as a draft, BẢN NHÁP on every page."""
        from ..certificates import certificates

        code, doc = request.path_params["code"], request.path_params["doc"]
        state = self._document(code, doc)
        report = await run_in_threadpool(
            self._working, certificates, self.campaign(code), self.workspace, doc, True, draft=state.entry is None
        )
        files = sorted((*report.written, *report.unchanged))
        if len(files) == 1:
            return Response(files[0].read_bytes(), media_type=DOCX, headers=_attachment(files[0].name))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
            for file in files:
                bundle.write(file, file.name)
        return Response(out.getvalue(), media_type="application/zip", headers=_attachment(f"giay-khen-{doc}.zip"))

    # --- issuing and the register ---------------------------------------------------------------------------

    async def confirm_issue(self, request: Request) -> Response:
        from ..issue import next_number

        code, doc = request.path_params["code"], request.path_params["doc"]
        day = dt.date.fromisoformat(request.query_params.get("ngay") or dt.date.today().isoformat())
        state = self._document(code, doc)
        number, refused = next_number(self.campaign(code), doc, self.workspace, day)
        edited = state.entry is None and state.state is DraftState.EDITED
        return self.page("confirm.html", code=code, state=state, number=number, day=day, edited=edited, refused=refused)

    async def issue(self, request: Request) -> Response:
        from ..issue import issue_document

        code, doc = request.path_params["code"], request.path_params["doc"]
        form = await request.form()
        day = dt.date.fromisoformat(str(form.get("ngay")))
        result = await run_in_threadpool(  # the PDF takes LibreOffice seconds: the page answers meanwhile
            self._working,
            issue_document,
            self.campaign(code),
            doc,
            self.workspace,
            self.workspace.archive,
            day,
            drop_edits=form.get("bo_sua_tay") == "1",
        )
        lines = [f"Đã phát hành: số {result.entry.so_ky_hieu} ngày {result.entry.ngay:%d/%m/%Y}"]
        lines += [f"Cảnh báo: {w}" for w in result.warnings]
        return self.page("message.html", title="Đã phát hành", lines=lines, back=f"/dot/{code}#phat-hanh")

    async def register(self, request: Request) -> Response:
        archive = self.workspace.archive
        entries = archive.entries() if archive.exists() else []
        findings = archive.verify() if request.query_params.get("kiem") and archive.exists() else None
        years = sorted({e.nam for e in entries}, reverse=True)
        return self.page("register.html", entries=entries, findings=findings, years=years)

    async def export_register(self, request: Request) -> Response:
        """The year's Sổ đăng ký văn bản đi as the .xlsx `tdkt register export` writes."""
        from ..archive.book import export
        from ..campaign import load_agency_only

        year = int(request.path_params["year"])
        agency = load_agency_only(self.workspace.inputs / "co_quan.toml")
        target = self.workspace.outputs / ".tdkt-tam" / f"so-dang-ky-van-ban-di-{year}.xlsx"
        path, _, _ = export(self.workspace.archive, agency, year, target)
        return Response(
            path.read_bytes(),
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers=_attachment(path.name),
        )


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _attachment(name: str) -> dict[str, str]:
    from urllib.parse import quote

    return {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"}


def create_app(workspace: Workspace, token: str, hosts: set[str]) -> Starlette:
    site = Site(workspace)

    async def failed(request: Request, exc: Exception) -> Response:
        problems = exc.problems if isinstance(exc, TdktError) else [Problem("", str(exc))]
        return site.page("message.html", title="Lỗi", lines=[str(p) for p in problems], back="/")

    forms = Forms(site)
    routes = [
        Route("/", site.home),
        Route("/co-quan", forms.agency),
        Route("/co-quan", forms.save_agency, methods=["POST"]),
        Route("/co-quan/kiem", forms.check_agency, methods=["POST"]),
        Route("/dot/{code}/van-ban/{index}/kiem", forms.check_document, methods=["POST"]),
        Route("/chon-ban", forms.choose, methods=["POST"]),
        Route("/dot-moi", forms.new_campaign),
        Route("/dot-moi", forms.create_campaign, methods=["POST"]),
        Route("/dot/{code}/van-ban/{index}", forms.document),
        Route("/dot/{code}/van-ban/{index}", forms.save_document, methods=["POST"]),
        Route("/xem-noi-dung", forms.preview_body, methods=["POST"]),
        Route("/so-dang-ky", site.register),
        Route("/so-dang-ky/{year:int}.xlsx", site.export_register),
        Route("/dot/{code}", site.campaign_page),
        Route("/dot/{code}/tep", site.upload, methods=["POST"]),
        Route("/dot/{code}/tep/thay", site.replace, methods=["POST"]),
        Route("/dot/{code}/xoa/{name}", site.remove, methods=["POST"]),
        Route("/dot/{code}/dung", site.start_build, methods=["POST"]),
        Route("/viec/{job}", site.job),
        Route("/dot/{code}/xem/{doc}", site.preview),
        Route("/dot/{code}/xem/{doc}/{page:int}", site.preview),
        Route("/dot/{code}/xem/{doc}/{page:int}.png", site.preview),
        Route("/dot/{code}/tai/{doc}.{kind:str}", site.download),
        Route("/dot/{code}/tai-tat-ca.zip", site.download_all),
        Route("/dot/{code}/kiem-tra/{doc}", site.check),
        Route("/dot/{code}/giay-khen/{doc}", site.print_certificates, methods=["POST"]),
        Route("/dot/{code}/phat-hanh/{doc}", site.confirm_issue),
        Route("/dot/{code}/phat-hanh/{doc}", site.issue, methods=["POST"]),
        Mount("/tinh", StaticFiles(directory=STATIC), name="tinh"),
    ]
    app = Starlette(routes=routes, exception_handlers={TdktError: failed, OSError: failed})
    app.add_middleware(Guard, token=token, hosts=hosts)
    return app
