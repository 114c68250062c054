"""The settings as forms (`tdkt web`): the agency, a new campaign (or last year's copied), each document of a
campaign with its body text. Every form writes the files the command line reads, through `settings.py`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from .. import settings
from ..campaign import CAMPAIGN_FILE, campaign_folders
from ..documents.body import parse_body
from ..documents.header import legal_citation
from ..documents.kinds import KINDS
from ..errors import Problems, TdktError
from ..fsutil import write_atomic
from ..inputs.agency import load_agency
from ..inputs.awards import load_awards
from ..inputs.legal import load_legal
from ..inputs.tomlfile import load_toml

BODY_KINDS = {"van_ban"}  # kinds whose documents have a body text


class Forms:
    def __init__(self, site):
        self.site = site

    @property
    def agency_file(self) -> Path:
        return self.site.workspace.inputs / settings.AGENCY_FILE

    # --- the agency ---------------------------------------------------------------------------------------------

    async def agency(self, request: Request) -> Response:
        values = dict(settings.agency_document(self.agency_file).unwrap())
        saved = request.query_params.get("da_luu") == "1"
        return self._agency_page(values, settings.version(self.agency_file), [], saved)

    def _agency_page(self, values: dict, seen: str, problems: list, saved: bool = False) -> Response:
        units = list(values.get("don_vi", [])) + [{}, {}]
        signers = list(values.get("nguoi_ky", [])) + [{}, {}]
        return self.site.page(
            "agency.html", v=values, units=units, signers=signers, seen=seen, problems=problems, saved=saved
        )

    def _agency_text(self, form) -> tuple[dict, list, list, str]:
        values = {key: form.get(key, "") for key in (*settings.AGENCY_KEYS, "noi_nhan_thuong_dung")}
        units = _rows(form, "don_vi", settings.UNIT_KEYS)
        signers = _rows(form, "nguoi_ky", settings.SIGNER_KEYS)
        return values, units, signers, settings.apply_agency(self.agency_file, values, units, signers)

    async def check_agency(self, request: Request) -> Response:
        """The form as typed, checked as `tdkt build` would check the file (nothing written)."""
        *_, text = self._agency_text(await request.form())
        return JSONResponse([str(p) for p in settings.check_agency(self.agency_file, text) if not p.warning])

    async def save_agency(self, request: Request) -> Response:
        form = await request.form()
        values, units, signers, text = self._agency_text(form)
        problems = [p for p in settings.check_agency(self.agency_file, text) if not p.warning]
        if problems:
            shown = values | {"don_vi": units, "nguoi_ky": signers}
            return self._agency_page(shown, str(form.get("phien_ban", "")), [str(p) for p in problems])
        self.agency_file.parent.mkdir(parents=True, exist_ok=True)
        return self._save(self.agency_file, text, form, "/co-quan?da_luu=1")

    def _save(self, path: Path, text: str, form, done: str) -> Response:
        try:
            settings.save(path, text, str(form.get("phien_ban", "")), force=form.get("ghi_de") == "1")
        except settings.Conflict as conflict:
            return self.site.page("conflict.html", conflict=conflict, action=str(form.get("_dich", "")), done=done)
        return RedirectResponse(done, status_code=303)

    async def choose(self, request: Request) -> Response:
        """After a conflict: the clerk's version written over the file, or the file kept as it is."""
        form = await request.form()
        path = Path(str(form["tep"]))
        inputs = self.site.workspace.inputs.resolve()
        if not path.resolve().is_relative_to(inputs):
            return Response("Tệp không thuộc thư mục đầu vào.", status_code=400)
        if form.get("ban") == "cua_toi":
            settings.save(path, str(form["noi_dung"]), "", force=True)
        return RedirectResponse(str(form.get("xong") or "/"), status_code=303)

    # --- campaigns ----------------------------------------------------------------------------------------------

    async def new_campaign(self, request: Request) -> Response:
        inputs = self.site.workspace.inputs
        existing = [f.name for f in campaign_folders(inputs)] if _has_campaigns(inputs) else []
        return self.site.page("new_campaign.html", existing=existing, year=dt.date.today().year, problems=[])

    async def create_campaign(self, request: Request) -> Response:
        form = await request.form()
        inputs = self.site.workspace.inputs
        try:
            source = str(form.get("sao_chep") or "")
            if source:
                folder = settings.copy_campaign(inputs / source, str(form["thu_muc"]), int(form.get("so_nam") or 1))
            else:
                year = int(str(form.get("nam") or 0)) or None
                folder = settings.new_campaign(inputs, str(form["thu_muc"]), str(form["ten"]).strip(), year)
        except (TdktError, ValueError) as e:
            problems = [str(p) for p in e.problems] if isinstance(e, TdktError) else [str(e)]
            existing = [f.name for f in campaign_folders(inputs)] if _has_campaigns(inputs) else []
            return self.site.page("new_campaign.html", existing=existing, year=dt.date.today().year, problems=problems)
        return RedirectResponse(f"/dot/{folder.name}", status_code=303)

    # --- documents ----------------------------------------------------------------------------------------------

    async def document(self, request: Request) -> Response:
        code, which = request.path_params["code"], request.path_params["index"]
        folder = self.site.campaign(code)
        tables = list(settings.campaign_document(folder).unwrap().get("van_ban", []))
        index = None if which == "moi" else int(which)
        values = tables[index] if index is not None and index < len(tables) else {"loai": "QĐ"}
        body = settings.read_text(folder / values["noi_dung"]) if values.get("noi_dung") else ""
        return self._document_page(code, folder, index, values, body, settings.version(folder / CAMPAIGN_FILE), [])

    def _document_page(self, code, folder, index, values, body, seen, problems) -> Response:
        problems_loading = Problems()
        agency, types = load_agency(self.agency_file, problems_loading, KINDS)
        awards = load_awards(self.agency_file.parent, problems_loading)
        legal = load_legal(self.agency_file.parent, problems_loading)
        others = [t.get("ma") for t in settings.campaign_document(folder).unwrap().get("van_ban", [])]
        day = values.get("ngay") if isinstance(values.get("ngay"), dt.date) else dt.date.today()
        kind = types[values["loai"]].kieu if values.get("loai") in types else "van_ban"
        suggested = [f"Căn cứ {legal_citation(law)}" for law in legal.defaults(kind, day)]
        common = load_toml(self.agency_file).get("noi_nhan_thuong_dung", []) if self.agency_file.is_file() else []
        return self.site.page(
            "document.html",
            code=code,
            index="moi" if index is None else index,
            v=values,
            body=body,
            seen=seen,
            problems=problems,
            types=types,
            signers=agency.signers,
            units=agency.units,
            awards=awards.forms,
            others=[o for o in others if o and o != values.get("ma")],
            suggested=suggested,
            common=common,
            kind=kind,
        )

    async def check_document(self, request: Request) -> Response:
        """The document form as typed, checked as `tdkt build` would check the campaign file (nothing written)."""
        code, which = request.path_params["code"], request.path_params["index"]
        form = await request.form()
        values = _document_values(form)
        index = None if which == "moi" else int(which)
        _, _, problems = self._typed(self.site.campaign(code), index, values, str(form.get("than", "")))
        return JSONResponse([str(p) for p in problems])

    async def save_document(self, request: Request) -> Response:
        code, which = request.path_params["code"], request.path_params["index"]
        folder = self.site.campaign(code)
        form = await request.form()
        index = None if which == "moi" else int(which)
        values = _document_values(form)
        body = str(form.get("than", ""))
        text, bodies, problems = self._typed(folder, index, values, body)
        if problems:
            shown = {k: v for k, v in values.items() if v not in ("", None)}
            shown["hinh_thuc"] = form.getlist("hinh_thuc")
            shown["can_cu_van_ban"] = form.getlist("can_cu_van_ban")
            for key in ("noi_nhan", "kinh_gui", "can_cu"):
                shown[key] = [line for line in str(values.get(key, "")).splitlines() if line.strip()]
            return self._document_page(
                code, folder, index, shown, body, str(form.get("phien_ban", "")), [str(p) for p in problems]
            )
        for name, typed in bodies.items():  # written only once the campaign file is accepted
            write_atomic(folder / name, typed.encode("utf-8"))
        return self._save(folder / CAMPAIGN_FILE, text, form, f"/dot/{code}#van-ban")

    def _typed(self, folder: Path, index: int | None, values: dict, body: str) -> tuple[str, dict[str, str], list]:
        """The campaign file with this document as typed, its body text by file name (a new one named after the
        document), and the errors `tdkt build` would give — checked in a copy of the folder, nothing written."""
        if body.strip() and not values["noi_dung"]:
            values["noi_dung"] = f"{values['ma'] or 'van-ban'}.txt"
        text = settings.apply_document(folder, index, values)
        name = str(values["noi_dung"] or "")
        bodies = {name: body} if body.strip() else {}
        wrong_name = settings.body_file_problem(folder, name) if bodies else None
        if wrong_name is not None:
            return text, bodies, [wrong_name]
        return (
            text,
            bodies,
            [p for p in settings.check_campaign(folder, text, self.agency_file, bodies) if not p.warning],
        )

    async def preview_body(self, request: Request) -> Response:
        """How the lines of a body text are read, as the clerk types (section, point, dash …)."""
        form = await request.form()
        paragraphs = parse_body(str(form.get("than", "")))
        return JSONResponse([{"loai": p.loai, "van_ban": p.van_ban} for p in paragraphs])


def _document_values(form) -> dict:
    values: dict = {key: form.get(key, "") for key in settings.DOCUMENT_KEYS}
    values["hinh_thuc"] = "\n".join(form.getlist("hinh_thuc"))
    values["can_cu_van_ban"] = "\n".join(form.getlist("can_cu_van_ban"))
    values["ky_hieu_don_vi"] = form.get("ky_hieu_don_vi") == "1"
    values["gop"] = form.get("gop") == "1"
    return values


def _rows(form, name: str, keys) -> list[dict]:
    rows, i = [], 0
    while any(f"{name}-{i}-{key}" in form for key in keys):
        rows.append({key: form.get(f"{name}-{i}-{key}", "") for key in keys})
        i += 1
    return rows


def _has_campaigns(inputs: Path) -> bool:
    return inputs.is_dir() and any(
        p.is_file() for p in inputs.glob(f"*/{CAMPAIGN_FILE}") if not p.parent.name.startswith("_")
    )
