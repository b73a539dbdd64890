"""The ``--db`` option every store command shares: the DuckDB file, ``yusuan.duckdb`` or ``$YUSUAN_DB``."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from yusuan.store import DEFAULT_DB


def default_db() -> str:
    return os.environ.get("YUSUAN_DB") or DEFAULT_DB


DbOption = Annotated[str | None, typer.Option(
    "--db", help="DuckDB 数据库文件（默认为环境变量 YUSUAN_DB，未设置时为当前文件夹的 yusuan.duckdb）。",
    show_default=False)]


def db_path(value: str | None) -> str:
    return value or default_db()
