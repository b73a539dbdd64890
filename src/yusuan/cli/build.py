"""``yusuan build``: a budget (workbook, CSV folder or YAML) → the complete disclosure in every format.

What build writes is judged by the checker before anything is written: the Document JSON it would
write is read back the way ``yusuan check`` reads a file and checked with every rule. An error-level
finding stops the build with the findings printed and no file written (exit 1, as ``check`` exits on
an error); warnings are printed and the files written. A build therefore never publishes a document
that ``yusuan check`` then fails.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from yusuan.cli.app import app, console_err
from yusuan.cli.writing import TO_HELP

EXIT_ERRORS = 1  # as ``yusuan check``: the document has an error-level finding


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
    if judged_errors(document):
        raise typer.Exit(EXIT_ERRORS)
    write_with_progress(document, output, formats)


def judged_errors(document) -> int:
    """Check what would be written exactly as ``yusuan check`` checks the written JSON; print what it
    finds (errors and warnings) and return the number of errors."""
    from yusuan.check import Severity, check_document
    from yusuan.cli.report import report
    from yusuan.read import read_bytes
    from yusuan.write import json_text

    written = read_bytes(json_text(document).encode("utf-8"), name=document.meta.file)
    findings = check_document(written)
    shown_findings = [f for f in findings if f.severity is not Severity.INFO]
    errors = sum(f.severity is Severity.ERROR for f in findings)
    if shown_findings:
        report(written, shown_findings, console_err)
    if errors:
        console_err.print(f"[bold red]错误：[/]编制出的文件有 {errors} 个错误（见上），未通过校验，没有写出任何文件；"
                          "请按上面的说明补充或修改预算输入后重试。", highlight=False, soft_wrap=True)
    return errors
