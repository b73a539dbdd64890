"""``yusuan build``: a budget (workbook, CSV folder or YAML) → the complete disclosure in every format."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from yusuan.cli.app import app, console_err
from yusuan.cli.writing import TO_HELP


@app.command()
def build(
    source: Annotated[str, typer.Argument(
        help="预算输入：Excel 工作簿（.xlsx）、存放各表 CSV 的文件夹，或 YAML 文件", show_default=False)],
    output: Annotated[str, typer.Option("--output", "-o", help="输出文件夹（不存在时自动创建）。",
                                        show_default=False)],
    to: Annotated[list[str], typer.Option("--to", "-t", help=TO_HELP)] = [],  # noqa: B006
) -> None:
    """由部门预算明细编制完整的预算公开文件（12 张表、情况说明、概况、名词解释），写成各种格式。"""
    from yusuan.budget import read_budget
    from yusuan.cli import show
    from yusuan.cli.terminal import shown
    from yusuan.cli.writing import write_with_progress
    from yusuan.compile import compile_with_notices
    from yusuan.write import parse_formats

    formats = parse_formats(to)
    budget = read_budget(source)
    document, notices = compile_with_notices(budget)
    document.meta.file = Path(source).name
    show.summary(document, console_err)
    for notice in notices:
        console_err.print(f"[yellow]提示：[/]{shown(notice)}", highlight=False, soft_wrap=True)
    write_with_progress(document, output, formats)
