"""``yusuan export``: a Document (JSON, or any file ``yusuan parse`` reads) → xlsx, docx, html, pdf, json."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn

from yusuan.cli import show
from yusuan.cli.app import app, console_err
from yusuan.read import read_path
from yusuan.write import FORMATS, RENDERERS, parse_formats, write_document


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


@app.command()
def export(
    document: Annotated[str, typer.Argument(
        help="Document JSON（yusuan parse / build 的输出），也可以是 yusuan parse 能读取的公开文件",
        show_default=False)],
    output: Annotated[str, typer.Option("--output", "-o", help="输出文件夹（不存在时自动创建）。",
                                        show_default=False)],
    to: Annotated[list[str], typer.Option(
        "--to", "-t", help=f"输出格式，逗号分隔：{','.join(FORMATS)}；默认全部。")] = [],  # noqa: B006
) -> None:
    """把预算/决算公开写成 Excel、Word、网页和 PDF（文件名为单位名称与年度）。"""
    formats = parse_formats(to)
    doc = read_path(document)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), console=console_err, transient=True) as bar:
        task = bar.add_task("正在生成…", total=len(formats))

        def step(fmt: str) -> None:
            bar.update(task, description=f"正在生成 {RENDERERS[fmt][2]}…", advance=0)

        paths = write_document(doc, output, formats, progress=step)
    console_err.print(f"[bold]{show.describe(doc)}[/]", highlight=False)
    for path in paths:
        console_err.print(f"  已写入 {path}（{_size(path.stat().st_size)}）", highlight=False)
