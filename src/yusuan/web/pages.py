"""The HTML pages: the document list (with upload, filters and search), a document, a comparison."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import FileResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from yusuan.errors import YusuanError
from yusuan.store import browse
from yusuan.web.api import DocId, filters, not_found
from yusuan.web.guard import COOKIE
from yusuan.web.uploads import Refused
from yusuan.web.views import chart_views, cited_cells, section_views, table_views

router = APIRouter(include_in_schema=False)
PAGE = 50
MAX_PAGE = 10 ** 6


def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)


def _flag(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


def _year(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) <= 4 else None


@router.get("/")
def index(request: Request, entity: str | None = None, year: str | None = None, kind: str | None = None,
          errors: str | None = None, q: str | None = None, page: int = 1) -> Response:
    return list_page(request, entity=entity, year=year, kind=kind, errors=errors, q=q, page=page)


def list_page(request: Request, *, entity: str | None = None, year: str | None = None, kind: str | None = None,
              errors: str | None = None, q: str | None = None, page: int = 1, message: str | None = None,
              status: int = 200) -> Response:
    """The list page; ``message`` and ``status`` are this server's own (an upload refused), never from the URL."""
    page = min(max(1, page), MAX_PAGE)
    chosen = filters(entity, _year(year), kind, _flag(errors), q, PAGE, (page - 1) * PAGE)
    cursor = request.app.state.store.cursor()
    items, total = browse.list_documents(cursor, chosen)
    query = {k: v for k, v in {"entity": entity, "year": year, "kind": kind, "errors": errors, "q": q}.items() if v}
    pages = max(1, -(-total // PAGE))
    links = {n: "/?" + urlencode({**query, "page": n}) for n in (page - 1, page + 1) if 1 <= n <= pages}
    policy = request.app.state.policy
    return render(request, "list.html", status, items=items, total=total, page=page, pages=pages, links=links,
                  facets=browse.facets(cursor), chosen=query, message=message, limit_mb=request.app.state.limit >> 20,
                  login=not policy.authorized(dict(request.scope["headers"])))


@router.post("/upload")
async def upload(request: Request, file: Annotated[UploadFile, File()]) -> Response:
    state = request.app.state
    data = await file.read(state.limit + 1)
    try:
        accepted = await run_in_threadpool(state.uploads.accept, state.store, file.filename, data)
    except Refused as refused:
        return list_page(request, message=f"未能存入：{refused}", status=refused.status)
    note = "?existed=1" if accepted.existed else ""
    return RedirectResponse(f"/documents/{accepted.id}{note}", status_code=303)


@router.get("/login")
def login_form(request: Request) -> Response:
    return render(request, "login.html", needed=request.app.state.policy.token is not None)


@router.post("/login")
def login(request: Request, token: Annotated[str, Form()] = "") -> Response:
    """The token typed in once; the browser keeps an HMAC of it as a cookie (this site only, not for scripts)."""
    policy = request.app.state.policy
    if policy.token is None:
        return RedirectResponse("/", status_code=303)
    if not policy.authorized({b"authorization": f"Bearer {token}".encode()}):
        return render(request, "login.html", 401, needed=True, message="令牌不对，请重新输入。")
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(COOKIE, policy.session(), httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")
    return response


@router.get("/documents/{doc_id}")
def document(request: Request, doc_id: DocId, existed: bool = False, rule: str | None = None,
             severity: str | None = None, status: str | None = None) -> Response:
    from yusuan.store import reviews
    from yusuan.web.findings_view import finding_filters, finding_groups
    from yusuan.web.review import marked_findings

    cursor = request.app.state.store.cursor()
    summary, findings = marked_findings(request, doc_id)
    doc = browse.load_document(cursor, doc_id)
    cited = cited_cells(findings)
    others = [d for d in browse.list_documents(cursor, filters(entity=summary["entity"], limit=100))[0]
              if d["id"] != doc_id]
    chosen = {"rule": rule or "", "severity": severity or "", "status": status or ""}
    return render(request, "document.html", doc=summary, document=doc, findings=findings,
                  groups=finding_groups(findings, **chosen), choices=finding_filters(findings), chosen=chosen,
                  review=reviews.document_mark(cursor, summary["sha256"]), statuses=reviews.FINDING_STATUSES,
                  document_statuses=reviews.DOCUMENT_STATUSES,
                  tables=table_views(doc, cited), charts=chart_views(doc), sections=section_views(doc),
                  others=others, existed=existed,
                  has_file=original_path(summary) is not None)


def original_path(summary: dict[str, Any]) -> Path | None:
    """The file a document was read from, if it is still there unchanged (its sha256 is checked)."""
    path = Path(summary["path"] or "")
    if not summary["path"] or not path.is_file():
        return None
    if hashlib.sha256(path.read_bytes()).hexdigest() != summary["sha256"]:
        return None
    return path


@router.get("/documents/{doc_id}/file")
def original(request: Request, doc_id: DocId) -> Response:
    summary = browse.summary(request.app.state.store.cursor(), doc_id)
    if summary is None:
        raise not_found(doc_id)
    path = original_path(summary)
    if path is None:
        raise YusuanError("原文件已不在入库时的位置（或已被修改），无法下载。")
    return FileResponse(path, filename=summary["file"] or path.name)


@router.get("/compare")
def compare(request: Request, a: str | None = None, b: str | None = None, all: bool = False) -> Response:
    cursor = request.app.state.store.cursor()
    documents = browse.list_documents(cursor, filters(limit=500))[0]
    result, message, summaries, chart = None, None, [], None
    if a and b:
        try:
            result = browse.compare_stored(cursor, a, b, everything=all, by_path=False)
        except YusuanError as error:
            message = str(error)
        else:
            from yusuan.web.compare_view import side_by_side, table_summaries

            summaries = table_summaries(result)
            chart = side_by_side(browse.load_document(cursor, result["a"]["id"]),
                                 browse.load_document(cursor, result["b"]["id"]))
    return render(request, "compare.html", 400 if message else 200, documents=documents, a=a or "", b=b or "",
                  all=all, result=result, message=message, summaries=summaries, chart=chart)
