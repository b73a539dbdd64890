"""The JSON API under ``/api``: everything the pages show, for scripts (documented at ``/docs``).

Amounts are decimal strings and blanks are null, as in Document JSON and Findings JSON. Errors are
``{"detail": "<Chinese sentence>"}`` with the HTTP status saying what kind.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from yusuan.store import browse
from yusuan.store.browse import Filters
from yusuan.web.uploads import Refused
from yusuan.web.views import chart_data

router = APIRouter(prefix="/api", tags=["API"])
MAX_QUERY = 100  # characters of a search; more is no search a person types
MAX_WORDS = 8
MAX_OFFSET = 10 ** 9
DocId = Annotated[int, Path(ge=0, le=2 ** 31 - 1, description="文件编号")]
Year = Annotated[int | None, Query(ge=0, le=9999, description="年度")]


class DocumentSummary(BaseModel):
    """A stored file as the API shows it: where it lies on the server is not shown."""

    id: int
    sha256: str
    file: str | None
    size: int | None
    entity: str | None
    year: int | None
    kind: str | None
    scope: str | None
    format: str | None
    unit: str | None
    title: str | None
    reader: str | None
    errors: int
    warnings: int
    infos: int
    tables: int
    cells: int
    claims: int
    yusuan_version: str | None
    ingested_at: str | None


class DocumentList(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[DocumentSummary]


class Facets(BaseModel):
    entities: list[str]
    years: list[int]
    kinds: list[str]


class Uploaded(BaseModel):
    id: int
    existed: bool
    document: DocumentSummary


def not_found(doc_id: int) -> HTTPException:
    return HTTPException(404, f"数据库中没有编号为 {doc_id} 的文件。")


def public(summary: dict[str, Any] | None) -> dict[str, Any] | None:
    """A summary without the server's path of the file."""
    return None if summary is None else {k: v for k, v in summary.items() if k != "path"}


def filters(entity: str | None = None, year: int | None = None, kind: str | None = None,
            errors: bool | None = None, q: str | None = None, limit: int = 50, offset: int = 0) -> Filters:
    if q and (len(q) > MAX_QUERY or len(q.split()) > MAX_WORDS):
        raise HTTPException(422, f"搜索内容太长：最多 {MAX_QUERY} 个字符、{MAX_WORDS} 个词。")
    return Filters(entity=entity or None, year=year, kind=kind or None, errors=errors, q=q or None,
                   limit=max(1, min(limit, 500)), offset=max(0, min(offset, MAX_OFFSET)))


@router.get("/documents", response_model=DocumentList, summary="文件列表（可筛选、搜索、分页）")
def list_documents(request: Request, entity: Annotated[str | None, Query(description="单位名称（完全一致）")] = None,
                   year: Year = None,
                   kind: Annotated[str | None, Query(description="budget（预算）或 final_accounts（决算）")] = None,
                   errors: Annotated[bool | None, Query(description="true：有错误；false：无错误")] = None,
                   q: Annotated[str | None, Query(description="搜索单位名称、文件名、标题或 sha256 开头")] = None,
                   limit: int = 50, offset: int = 0) -> dict[str, Any]:
    chosen = filters(entity, year, kind, errors, q, limit, offset)
    items, total = browse.list_documents(request.app.state.store.cursor(), chosen)
    return {"total": total, "limit": chosen.limit, "offset": chosen.offset, "items": [public(i) for i in items]}


@router.get("/facets", response_model=Facets, summary="筛选项：库中全部单位、年度、类别")
def facets(request: Request) -> dict[str, Any]:
    return browse.facets(request.app.state.store.cursor())


@router.get("/documents/{doc_id}", response_model=DocumentSummary, summary="一份文件的概要")
def document(request: Request, doc_id: DocId) -> dict[str, Any]:
    found = public(browse.summary(request.app.state.store.cursor(), doc_id))
    if found is None:
        raise not_found(doc_id)
    return found


@router.get("/documents/{doc_id}/document", summary="Document JSON（yusuan.document/1）：全部表格、说明与数字")
def document_json(request: Request, doc_id: DocId) -> Response:
    text = browse.document_json(request.app.state.store.cursor(), doc_id)
    if text is None:
        raise not_found(doc_id)
    return Response(text, media_type="application/json")


@router.get("/documents/{doc_id}/findings", summary="校验发现，每条附所涉单元格及其在表中的位置")
def findings(request: Request, doc_id: DocId) -> dict[str, Any]:
    cursor = request.app.state.store.cursor()
    found = public(browse.summary(cursor, doc_id))
    if found is None:
        raise not_found(doc_id)
    return {"schema": "yusuan.findings/1", "document": found,
            "summary": {"error": found["errors"], "warning": found["warnings"], "info": found["infos"]},
            "findings": browse.findings(cursor, doc_id)}


@router.get("/documents/{doc_id}/charts", summary="支出结构图的数据（类别与各系列金额）")
def charts(request: Request, doc_id: DocId) -> list[dict[str, Any]]:
    cursor = request.app.state.store.cursor()
    if browse.summary(cursor, doc_id) is None:
        raise not_found(doc_id)
    return chart_data(browse.load_document(cursor, doc_id))


@router.get("/compare", summary="比较两份文件：按表、科目编码、栏目列出增减")
def compare(request: Request, a: Annotated[str, Query(description="文件 A：编号、sha256 开头或文件名")],
            b: Annotated[str, Query(description="文件 B")],
            all: Annotated[bool, Query(description="也列出相同的数字")] = False) -> dict[str, Any]:
    result = browse.compare_stored(request.app.state.store.cursor(), a, b, everything=all, by_path=False)
    return {**result, "a": public(result["a"]), "b": public(result["b"])}


@router.post("/documents", response_model=Uploaded, status_code=201,
             summary="上传一份公开文件（PDF、文本、Document JSON、xlsx），读取、校验并存入")
async def upload(request: Request, file: Annotated[UploadFile, File(description="公开文件")]) -> Any:
    state = request.app.state
    data = await file.read(state.limit + 1)
    try:
        accepted = await run_in_threadpool(state.uploads.accept, state.store, file.filename, data)
    except Refused as refused:
        return JSONResponse({"detail": str(refused)}, status_code=refused.status)
    summary = public(browse.summary(state.store.cursor(), accepted.id))
    body = {"id": accepted.id, "existed": accepted.existed, "document": summary}
    return JSONResponse(body, status_code=200 if accepted.existed else 201)
