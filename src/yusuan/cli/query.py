"""``yusuan query``: SQL over the store (read-only), shown as a table or written as CSV / JSON."""

from __future__ import annotations

from typing import Annotated

import typer

from yusuan.cli.app import app, console, console_err
from yusuan.cli.database import DbOption, db_path
from yusuan.cli.terminal import echo_data
from yusuan.errors import YusuanError

FORMATS = ("table", "csv", "json")


@app.command()
def query(
    sql: Annotated[str, typer.Argument(
        help="SQL 语句，例如 \"SELECT entity, year, errors FROM documents ORDER BY errors DESC\"；"
             "表与字段见 docs/store.md", show_default=False)],
    db: DbOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="输出格式：table（默认）、csv 或 json。")] = "table",
    output: Annotated[str | None, typer.Option("--output", "-o", help="写入此文件，而不是输出到屏幕。")] = None,
) -> None:
    """用 SQL 查询数据库（只读）：文件、表格数据、说明中的数字、校验发现。"""
    if format not in FORMATS:
        raise YusuanError(f"--format 只能是 {'、'.join(FORMATS)}，不能是“{format}”。")
    from rich.markup import escape
    from rich.table import Table as RichTable

    from yusuan.files import write_atomic
    from yusuan.store.query import SHOWN, as_csv, as_json, run_query, shown_value

    result = run_query(db_path(db), sql)
    if format == "table" and output is None:
        view = RichTable(show_header=True, header_style="bold", show_lines=False)
        for column in result.columns:
            view.add_column(escape(column), overflow="fold")
        for row in result.rows:
            view.add_row(*(escape(shown_value(c, v)) for c, v in zip(result.columns, row, strict=True)))
        console.print(view)
        translated = [c for c in result.columns if c.lower() in SHOWN]
        note = f"（{'、'.join(translated)} 列以中文显示，查询条件仍用原值，如 kind = 'budget'）" if translated else ""
        console_err.print(f"共 {len(result.rows)} 行。{note}", highlight=False)
        return
    text = as_json(result) if format == "json" else as_csv(result)
    if output is None:
        echo_data(text)
    else:
        write_atomic(output, text)
        console_err.print(f"已写入 [bold]{escape(output)}[/]（{len(result.rows)} 行）", highlight=False)
