"""``yusuan export``: a Document (JSON, or any file ``yusuan parse`` reads) → xlsx, docx, html, pdf, json."""

from __future__ import annotations

from typing import Annotated

import typer

from yusuan.cli.app import app, console_err
from yusuan.cli.writing import TO_HELP


@app.command()
def export(
    document: Annotated[str, typer.Argument(
        help="Document JSON（yusuan parse / build 的输出），也可以是 yusuan parse 能读取的公开文件",
        show_default=False)],
    output: Annotated[str, typer.Option("--output", "-o", help="输出文件夹（不存在时自动创建）。",
                                        show_default=False)],
    to: Annotated[list[str], typer.Option("--to", "-t", help=TO_HELP)] = [],  # noqa: B006
) -> None:
    """把预算/决算公开写成 Excel、Word、网页和 PDF（文件名为单位名称与年度）。"""
    from yusuan.cli import show
    from yusuan.cli.inputs import read_document
    from yusuan.cli.writing import write_with_progress
    from yusuan.write import parse_formats

    formats = parse_formats(to)
    doc = read_document(document)
    console_err.print(show.heading(doc))
    write_with_progress(doc, output, formats)
