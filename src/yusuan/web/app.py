"""The web application: FastAPI with server-rendered pages, a JSON API and offline API docs.

Everything the browser loads comes from this package: our CSS and JS from ``static/``, and the
Swagger UI of ``/docs`` from the ``swagger-ui-bundle-v2`` package (FastAPI's default page loads it
from a CDN, which closed government networks cannot reach). Templates autoescape, so document text
is always shown as text. Errors are Chinese sentences: a page for the pages, ``{"detail": …}`` for
the API.

The database is held only while a request is answered (:class:`yusuan.store.db.Store` sessions), so
``yusuan ingest``, ``query``, ``compare`` and ``dump`` work on the same file while the server runs,
and what they store shows on the next page load.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from swagger_ui_bundle import swagger_ui_path

from yusuan import __version__
from yusuan.cli.show import KINDS
from yusuan.errors import YusuanError
from yusuan.store.compare import shown
from yusuan.store.db import Store, StoreError
from yusuan.store.limits import DEFAULT_LIMITS, Limits
from yusuan.web import api, pages, review
from yusuan.web.guard import Guard, Policy
from yusuan.web.uploads import DEFAULT_QUOTA, UploadLimit, Uploads

HERE = Path(__file__).resolve().parent
DEFAULT_LIMIT = 50 * 1024 * 1024
WAIT_SECONDS = 15.0  # a request waits this long for an ingest to let go of the database
_NO_STORE = ("/static/", "/swagger/", "/docs", "/openapi.json")
STATUS_TEXT = {400: "请求有误", 401: "需要登录", 403: "拒绝访问", 404: "找不到页面", 405: "不支持这种请求方式",
               413: "文件太大", 415: "文件类型不对", 422: "无法处理", 429: "请求过于频繁", 500: "服务器内部错误",
               503: "服务器正忙", 507: "存储空间已满"}


def kind_title(summary: dict[str, Any]) -> str:
    """部门预算 / 单位决算 …, as the document calls itself."""
    title = KINDS.get(summary.get("kind") or "", summary.get("kind") or "")
    return title.replace("部门", "单位") if summary.get("scope") == "unit" else title


def _templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True))
    env.filters["amount"] = shown
    env.globals["kind_title"] = kind_title
    env.globals["kinds"] = KINDS
    return Jinja2Templates(env=env)


def wants_json(path: str) -> bool:
    return path.startswith("/api/") or path == "/api"


def create_app(db: str | Path, *, uploads: str | Path | None = None, limit: int = DEFAULT_LIMIT,
               limits: Limits = DEFAULT_LIMITS, policy: Policy | None = None, quota: int = DEFAULT_QUOTA,
               workers: int = 2) -> FastAPI:
    """The app over the store at ``db`` (created if missing); uploads are saved under ``uploads``, each read
    by one of ``workers`` processes within ``limits``; ``policy`` says who may write and how often."""
    store = Store(db, wait=WAIT_SECONDS)
    policy = policy or Policy()
    folder = Path(uploads) if uploads else store.path.with_name(store.path.name + ".uploads")
    intake = Uploads(folder, limit, limits=limits, quota=quota, workers=workers)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        intake.close()
        store.close()

    app = FastAPI(lifespan=lifespan, title="yusuan 预算公开数据库", version=__version__, docs_url=None, redoc_url=None,
                  description="部门预算/决算公开文件的存储、校验与比较。所有金额均为十进制字符串（不是浮点数），"
                              "null 表示空白（不是零）。Document JSON 与 Findings JSON 的结构见项目文档。")
    app.state.store = store
    app.state.uploads = intake
    app.state.policy = policy
    app.state.limit = limit
    app.state.templates = _templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.mount("/swagger", StaticFiles(directory=str(swagger_ui_path)), name="swagger")
    app.include_router(api.router)
    app.include_router(review.router)
    app.include_router(pages.router)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="yusuan API 文档",
                                   swagger_js_url="/swagger/swagger-ui-bundle.js",
                                   swagger_css_url="/swagger/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")

    def error_response(request: Request, status: int, message: str) -> Response:
        if wants_json(request.url.path):
            return JSONResponse({"detail": message}, status_code=status)
        return app.state.templates.TemplateResponse(
            request, "error.html", {"status": status, "title": STATUS_TEXT.get(status, "出错了"), "message": message},
            status_code=status)

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, error: StarletteHTTPException) -> Response:
        message = error.detail if isinstance(error.detail, str) and not error.detail.isascii() else \
            {404: "没有这个页面或文件。", 405: "这个地址不支持这种请求方式。"}.get(error.status_code, "请求有误。")
        return error_response(request, error.status_code, message)

    @app.exception_handler(RequestValidationError)
    def invalid(request: Request, error: RequestValidationError) -> Response:
        fields = "、".join(str(e["loc"][-1]) for e in error.errors() if e.get("loc"))
        return error_response(request, 422, f"请求参数无效：{fields or '格式不对'}。")

    @app.exception_handler(YusuanError)
    def yusuan_error(request: Request, error: YusuanError) -> Response:
        return error_response(request, 400, str(error))

    @app.exception_handler(Exception)
    def internal_error(request: Request, _: Exception) -> Response:  # no English page, no server paths
        return error_response(request, 500, "服务器内部错误：这是 yusuan 的缺陷，请把所做的操作报告给维护者。")

    @app.middleware("http")
    async def hold_store(request: Request, call_next: Any) -> Response:
        """One session per request: the file is opened (waiting, in a worker thread, while another
        program writes) and let go once the answer is made."""
        if request.url.path.startswith(_NO_STORE):
            return await call_next(request)
        if request.method == "POST":
            try:
                await request.body()  # an upload arrives before the file is taken: a slow client holds nothing
            except ClientDisconnect:  # cut off (too large) or gone: the upload limit answers
                return await call_next(request)
        try:
            await run_in_threadpool(store.acquire)
        except StoreError as error:
            return error_response(request, 503, str(error))
        try:
            return await call_next(request)
        finally:
            await run_in_threadpool(store.release)

    def refuse(scope: dict[str, Any], status: int, message: str) -> Response:
        return error_response(Request(scope), status, message)

    app.add_middleware(UploadLimit, limit=limit, refuse=lambda scope, message: refuse(scope, 413, message))
    app.add_middleware(Guard, policy=policy, refuse=refuse)  # added last: runs first
    return app
