"""``yusuan serve``: the web pages and the JSON API over a store, on one address."""

from __future__ import annotations

from typing import Annotated

import typer

from yusuan.cli.app import app, console_err
from yusuan.cli.database import DbOption, db_path
from yusuan.errors import YusuanError


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="监听地址；0.0.0.0 表示允许其他电脑访问。")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", min=1, max=65535, help="端口。")] = 8000,
    uploads: Annotated[str | None, typer.Option(
        "--uploads", help="上传文件的保存文件夹（默认在数据库旁）。", show_default=False)] = None,
    max_upload_mb: Annotated[int, typer.Option("--max-upload-mb", min=1, help="上传文件大小上限（MB）。")] = 50,
) -> None:
    """启动网页：上传并校验文件，浏览、筛选、比较库中的文件；附 JSON API（/docs 为接口文档）。"""
    try:
        import uvicorn

        from yusuan.web.app import create_app
    except ImportError:
        raise YusuanError("网页服务需要额外的依赖：请安装 pip install 'yusuan[web]'。") from None
    application = create_app(db_path(db), uploads=uploads, limit=max_upload_mb * 1024 * 1024)
    shown = "127.0.0.1" if host in {"0.0.0.0", "::"} else host
    console_err.print(f"yusuan 网页已启动：[bold]http://{shown}:{port}/[/]（数据库 {application.state.store.path}；"
                      "按 Ctrl+C 停止）", highlight=False, soft_wrap=True)
    try:
        uvicorn.run(application, host=host, port=port, log_level="warning")
    except OSError as error:
        raise YusuanError(f"无法在 {host}:{port} 启动网页：{error.strerror or error}（端口可能已被占用）。") from None
