"""The review workflow on the web: marks on findings and documents, the reviewer's downloads, page views.

- a finding is marked 确认 / 忽略 / 待定 with a note (a form on the page, or ``POST /api/…/review``);
  a document gets 待审 / 已审 / 有问题; marks live in the store by file and finding (:mod:`yusuan.store.reviews`);
- the findings as a table (``findings.xlsx`` / ``findings.csv``) carry the marks;
- the annotated PDF (``annotated.pdf``) and a page of the original with one finding's boxes
  (``pages/N.png?finding=K``) are made on the server from the original file, where it is still
  there unchanged.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel

from yusuan.check.findings import SCHEMA, Finding, findings_from_dict
from yusuan.errors import YusuanError
from yusuan.model import Document
from yusuan.store import browse, reviews
from yusuan.web.api import DocId, not_found

router = APIRouter()
FindingNo = Annotated[int, Path(ge=1, le=10 ** 6, description="发现的编号（从 1 起，按页面与报告中的顺序）")]


class FindingMark(BaseModel):
    status: str  # confirmed | dismissed | pending
    note: str | None = None


class DocumentMark(BaseModel):
    status: str  # unreviewed | reviewed | problems
    note: str | None = None


def _summary(request: Request, doc_id: int) -> dict[str, Any]:
    summary = browse.summary(request.app.state.store.cursor(), doc_id)
    if summary is None:
        raise not_found(doc_id)
    return summary


def marked_findings(request: Request, doc_id: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The document's summary and its findings, each with its key and its review mark."""
    cursor = request.app.state.store.cursor()
    summary = _summary(request, doc_id)
    return summary, reviews.with_marks(cursor, summary["sha256"], browse.findings(cursor, doc_id))


def _mark(request: Request, doc_id: int, number: int, status: str, note: str | None) -> dict[str, Any]:
    summary, findings = marked_findings(request, doc_id)
    if not 1 <= number <= len(findings):
        raise YusuanError(f"这份文件没有第 {number} 条发现（共 {len(findings)} 条）。")
    finding = findings[number - 1]
    reviews.mark_finding(request.app.state.store.cursor(), summary["sha256"], finding["key"], finding["rule"],
                         status, note)
    return reviews.finding_marks(request.app.state.store.cursor(), summary["sha256"])[finding["key"]]


@router.post("/documents/{doc_id}/findings/{number}/review", include_in_schema=False)
def mark_finding_form(request: Request, doc_id: DocId, number: FindingNo, status: Annotated[str, Form()],
                      note: Annotated[str, Form()] = "") -> Response:
    _mark(request, doc_id, number, status, note)
    return RedirectResponse(f"/documents/{doc_id}#f-{number - 1}", status_code=303)


@router.post("/documents/{doc_id}/review", include_in_schema=False)
def mark_document_form(request: Request, doc_id: DocId, status: Annotated[str, Form()],
                       note: Annotated[str, Form()] = "") -> Response:
    reviews.mark_document(request.app.state.store.cursor(), _summary(request, doc_id)["sha256"], status, note)
    return RedirectResponse(f"/documents/{doc_id}", status_code=303)


@router.post("/api/documents/{doc_id}/findings/{number}/review", tags=["API"], summary="复核一条发现")
def mark_finding_api(request: Request, doc_id: DocId, number: FindingNo, mark: FindingMark) -> dict[str, Any]:
    """标记第 number 条发现为 confirmed（确认）、dismissed（忽略）或 pending（待定），可附备注。"""
    return _mark(request, doc_id, number, mark.status, mark.note)


@router.post("/api/documents/{doc_id}/review", tags=["API"], summary="复核一份文件")
def mark_document_api(request: Request, doc_id: DocId, mark: DocumentMark) -> dict[str, Any]:
    """文件的复核状态：unreviewed（待审）、reviewed（已审）或 problems（有问题）。"""
    sha256 = _summary(request, doc_id)["sha256"]
    reviews.mark_document(request.app.state.store.cursor(), sha256, mark.status, mark.note)
    return reviews.document_mark(request.app.state.store.cursor(), sha256)


@router.get("/api/documents/{doc_id}/reviews", tags=["API"], summary="文件的复核标记")
def review_marks(request: Request, doc_id: DocId) -> dict[str, Any]:
    """文件的复核状态，以及每条发现（按编号）的复核结论与备注。"""
    summary, findings = marked_findings(request, doc_id)
    return {"document": reviews.document_mark(request.app.state.store.cursor(), summary["sha256"]),
            "findings": [{"number": n, "rule": f["rule"], "key": f["key"], "review": f["review"]}
                         for n, f in enumerate(findings, start=1)]}


def _checked(request: Request, doc_id: int) -> tuple[dict[str, Any], Document, list[Finding], list[dict[str, Any]]]:
    summary, marked = marked_findings(request, doc_id)
    document = browse.load_document(request.app.state.store.cursor(), doc_id)
    findings = findings_from_dict({"schema": SCHEMA, "findings": marked})
    return summary, document, findings, marked


@router.get("/documents/{doc_id}/findings.{suffix}", include_in_schema=False)
def findings_table(request: Request, doc_id: DocId, suffix: str) -> Response:
    from yusuan.write.findings_table import to_csv, to_xlsx

    if suffix not in ("xlsx", "csv"):
        raise not_found(doc_id)
    _, document, findings, marked = _checked(request, doc_id)
    marks = {i: (f["review"]["status_name"], f["review"]["note"] or "") for i, f in enumerate(marked) if f["review"]}
    data = (to_xlsx if suffix == "xlsx" else to_csv)([(document, findings, marks)])
    media = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" if suffix == "xlsx"
             else "text/csv; charset=utf-8")
    return Response(data, media_type=media, headers=_attachment(f"校验发现-{doc_id}.{suffix}"))


def _attachment(name: str) -> dict[str, str]:
    from urllib.parse import quote

    return {"content-disposition": f"attachment; filename=\"findings.{name.rsplit('.', 1)[-1]}\"; "
                                   f"filename*=UTF-8''{quote(name)}"}


def _original_bytes(summary: dict[str, Any]) -> bytes:
    from yusuan.read.pdf import is_pdf
    from yusuan.web.pages import original_path

    path = original_path(summary)
    if path is None:
        raise YusuanError("原文件已不在入库时的位置（或已被修改），无法在原文上标注。")
    data = path.read_bytes()
    if not is_pdf(data):
        raise YusuanError("原文件不是 PDF，无法在原文上标注。")
    return data


@router.get("/documents/{doc_id}/annotated.pdf", include_in_schema=False)
def annotated(request: Request, doc_id: DocId) -> Response:
    from yusuan.write.annotate import annotate_pdf

    summary, document, findings, _ = _checked(request, doc_id)
    data = annotate_pdf(_original_bytes(summary), document, findings)
    stem = (summary["file"] or f"document-{doc_id}").rsplit(".", 1)[0]
    return Response(data, media_type="application/pdf", headers=_attachment(f"{stem}-标注.pdf"))


@router.get("/documents/{doc_id}/pages/{page}.png", include_in_schema=False)
def page_view(request: Request, doc_id: DocId, page: Annotated[int, Path(ge=1, le=10_000)],
              finding: Annotated[int | None, Query(ge=1, le=10 ** 6)] = None) -> Response:
    from yusuan.web.page_image import page_png

    summary, _, findings, _ = _checked(request, doc_id)
    png = page_png(_original_bytes(summary), page, findings, finding)
    return Response(png, media_type="image/png", headers={"cache-control": "private, max-age=300"})
