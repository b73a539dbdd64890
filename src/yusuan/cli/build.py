"""``yusuan build``: a budget (workbook, CSV folder or YAML) → the complete disclosure."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from yusuan.budget import read_budget
from yusuan.cli import show
from yusuan.cli.app import app, console_err
from yusuan.compile import compile_with_notices
from yusuan.document_json import to_json
from yusuan.files import write_atomic
from yusuan.model import Document


def write_outputs(document: Document, outdir: Path) -> list[Path]:
    """Every output of one compiled document, named after its title. More formats come with the writers."""
    name = document.meta.title or f"{document.meta.entity}{document.meta.year}"
    return [write_atomic(outdir / f"{name}.json", to_json(document) + "\n")]


@app.command()
def build(
    source: Annotated[str, typer.Argument(
        help="预算输入：Excel 工作簿（.xlsx）、存放各表 CSV 的文件夹，或 YAML 文件", show_default=False)],
    output: Annotated[str, typer.Option("--output", "-o", help="输出文件夹（不存在时自动创建）。",
                                        show_default=False)],
) -> None:
    """由部门预算明细编制完整的预算公开文件（12 张表、情况说明、概况、名词解释）。"""
    budget = read_budget(source)
    document, notices = compile_with_notices(budget)
    document.meta.file = Path(source).name
    written = write_outputs(document, Path(output))
    show.summary(document, console_err)
    for notice in notices:
        console_err.print(f"[yellow]提示：[/]{notice}", highlight=False, soft_wrap=True)
    for path in written:
        console_err.print(f"已写入 [bold]{path}[/]", highlight=False)
