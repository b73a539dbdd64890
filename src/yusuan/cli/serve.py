"""``yusuan serve``: the web pages and the JSON API over a store, on one address."""

from __future__ import annotations

import ipaddress
import os
import secrets
import socket
from typing import Annotated

import typer

from yusuan.cli.app import app, console_err
from yusuan.cli.database import DbOption, db_path
from yusuan.cli.limits import MemoryLimit, TimeLimit
from yusuan.errors import YusuanError
from yusuan.files import os_reason
from yusuan.store.limits import DEFAULT_MEMORY_MB, DEFAULT_SECONDS, Limits

TOKEN_ENV = "YUSUAN_TOKEN"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def upload_token(host: str) -> tuple[str | None, str]:
    """The token uploads need (from $YUSUAN_TOKEN, or made up when the server is reachable from other
    computers), and the sentence saying so at start."""
    token = os.environ.get(TOKEN_ENV, "").strip() or None
    if token:
        return token, f"上传需要令牌（环境变量 {TOKEN_ENV}）。"
    if is_loopback(host):
        return None, (f"上传不需要令牌：网页只在本机（{host}）开放；对外开放（--host 0.0.0.0）时会要求令牌，"
                      f"也可用环境变量 {TOKEN_ENV} 指定。")
    token = secrets.token_urlsafe(18)
    return token, (f"网页对其他电脑开放，上传需要令牌。本次生成的令牌：{token}"
                   f"（可用环境变量 {TOKEN_ENV} 指定固定的令牌）。")


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="监听地址；0.0.0.0 表示允许其他电脑访问。")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", min=1, max=65535, help="端口。")] = 8000,
    uploads: Annotated[str | None, typer.Option(
        "--uploads", help="上传文件的保存文件夹（默认在数据库旁）。", show_default=False)] = None,
    max_upload_mb: Annotated[int, typer.Option("--max-upload-mb", min=1, help="上传文件大小上限（MB）。")] = 50,
    max_uploads_gb: Annotated[float, typer.Option(
        "--max-uploads-gb", min=0.001, help="上传文件夹的容量上限（GB），满了就不再接收。")] = 10,
    time_limit: TimeLimit = DEFAULT_SECONDS,
    memory_limit: MemoryLimit = DEFAULT_MEMORY_MB,
) -> None:
    """启动网页：上传并校验文件，浏览、筛选、比较库中的文件；附 JSON API（/docs 为接口文档）。"""
    try:
        import uvicorn

        from yusuan.web.app import create_app
        from yusuan.web.guard import Policy
        from yusuan.web.logs import log_config
    except ImportError:
        raise YusuanError("网页服务需要额外的依赖：请安装 pip install 'yusuan[web]'。") from None
    token, said = upload_token(host)
    application = create_app(db_path(db), uploads=uploads, limit=max_upload_mb * 1024 * 1024,
                             limits=Limits(time_limit, memory_limit), quota=int(max_uploads_gb * 1024 ** 3),
                             policy=Policy(token=token, local=is_loopback(host)))
    try:  # the port is taken before anything says the server started: a port in use is one Chinese line
        listening = socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET)
    except OSError as error:
        raise YusuanError(f"无法在 {host}:{port} 启动网页：{os_reason(error)}。") from None
    shown = "127.0.0.1" if host in {"0.0.0.0", "::"} else host
    console_err.print(f"yusuan 网页已启动：[bold]http://{shown}:{port}/[/]（数据库 {application.state.store.path}；"
                      "按 Ctrl+C 停止）", highlight=False, soft_wrap=True)
    console_err.print(said, highlight=False, soft_wrap=True)
    config = uvicorn.Config(application, host=host, port=port, log_level="warning", log_config=log_config())
    uvicorn.Server(config).run(sockets=[listening])
