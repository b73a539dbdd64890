"""``yusuan template``: the workbook finance staff fill in, blank or filled from an existing budget."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from yusuan.cli.app import app, console_err
from yusuan.cli.terminal import shown
from yusuan.errors import YusuanError


@app.command()
def template(
    file: Annotated[str, typer.Argument(help="要写出的工作簿（.xlsx）", show_default=False)],
    source: Annotated[str | None, typer.Option(
        "--from", help="用这份预算输入（工作簿、CSV 文件夹或 YAML）填好工作簿，例如从上年的数据开始。")] = None,
    force: Annotated[bool, typer.Option("--force", help="文件已存在时覆盖它。")] = False,
) -> None:
    """写出预算编制工作簿：中文表头、资金来源和支出类型下拉选择、填写说明。"""
    from yusuan.budget import read_budget
    from yusuan.budget.template import write_template

    path = Path(file)
    if path.suffix.lower() != ".xlsx":
        raise YusuanError(f"工作簿应以 .xlsx 结尾：{file}")
    if path.exists() and not force:
        raise YusuanError(f"{file} 已存在；为免覆盖已填写的内容，请换一个文件名，或加 --force 覆盖。")
    budget = read_budget(source) if source else None
    write_template(path, budget)
    what = f"（已按 {source} 填好）" if source else "（空白）"
    console_err.print(f"已写入预算编制工作簿 [bold]{shown(path)}[/]{what}；填写说明见其中的“说明”表。", highlight=False)
