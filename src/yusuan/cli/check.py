"""``yusuan check``: every inconsistency of one or more disclosures, as a Rich report or JSON.

Exit code 0 when no file has an error-level finding, 1 when one has, 2 when a file cannot be read
(the others are still checked and reported). What the command needs (readers, checker, report) is
imported when it runs, so ``yusuan --help`` and the other commands do not pay for it.
"""

from __future__ import annotations

from typing import Annotated

import typer

from yusuan.cli.app import app, console, console_err
from yusuan.errors import YusuanError

EXIT_ERRORS = 1
EXIT_UNREADABLE = 2
TABLE_FORMATS = ("csv", "xlsx")


@app.command()
def check(
    files: Annotated[list[str], typer.Argument(
        help="公开文件：PDF、文本（.txt）或 Document JSON，可给多个", show_default=False)],
    format: Annotated[list[str], typer.Option(
        "--format", "-f",
        help="报告格式 text（默认，分级显示）、json、csv 或 xlsx（发现表，可用 Excel、WPS 打开，多个文件合为一张表）；"
        "也可给出公开格式 ID（如 gd-budget-12）以跳过自动识别。",
    )] = [],  # noqa: B006  (Typer reads the default, never mutates it)
    output: Annotated[str | None, typer.Option("--output", "-o", help="把报告写入此文件，而不是输出到屏幕。")] = None,
    annotate: Annotated[str | None, typer.Option(
        "--annotate", metavar="标注.pdf",
        help="另存一份标注过的原 PDF：每条发现所涉的单元格和语句按级别着色框出并编号，首页列出全部发现（可点击跳转），"
        "每条发现一个书签。只能用于单个 PDF 文件。")] = None,
) -> None:
    """校验预算/决算公开文件：表内、表间、说明与表格的每一处不一致。"""
    import json

    from rich.progress import Progress

    from yusuan.check import Severity, check_document, findings_to_dict
    from yusuan.check.bodies import check_bodies
    from yusuan.cli.inputs import read_documents
    from yusuan.cli.parse import split_format_options
    from yusuan.cli.report import report, report_text, summary_line
    from yusuan.cli.terminal import echo_data, shown
    from yusuan.files import write_atomic

    _, forced = split_format_options([f for f in format if f not in TABLE_FORMATS])
    as_json = "json" in format
    table_format = next((f for f in format if f in TABLE_FORMATS), None)
    if table_format and output is None:
        raise YusuanError(f"--format {table_format} 写出的是文件，请用 -o 给出文件名（如 发现.{table_format}）。")
    if annotate is not None and len(files) != 1:
        raise YusuanError("--annotate 只能用于单个 PDF 文件。")
    reports = []
    unreadable = 0
    with Progress(console=console_err, transient=True, disable=len(files) < 2 or not console_err.is_terminal) as bar:
        task = bar.add_task("校验中", total=len(files))
        for file in files:
            try:
                documents = read_documents(file, format_id=forced)
            except YusuanError as error:
                if len(files) == 1:
                    raise
                console_err.print(f"[bold red]错误：[/]{shown(file)}：{shown(error)}", highlight=False, soft_wrap=True)
                unreadable += 1
            else:
                if len(documents) > 1:
                    console_err.print(f"{shown(file)}：本文件含 {len(documents)} 份公开，逐份校验。",
                                      highlight=False)
                for n, document in enumerate(documents):
                    reports.append((document, check_document(document) + (check_bodies(documents) if n == 0 else [])))
            bar.advance(task)
    if annotate is not None and reports:
        from yusuan.cli.annotate import write_annotated

        # every disclosure of the file on its own pages: one copy with all their findings
        write_annotated(files[0], reports[0][0], [f for _, found in reports for f in found], annotate)
    text = ""
    if table_format:
        from yusuan.write.findings_table import to_csv, to_xlsx

        text = (to_xlsx if table_format == "xlsx" else to_csv)([(d, f, None) for d, f in reports])
    elif as_json:
        data = [findings_to_dict(d, f) for d, f in reports]
        text = json.dumps(data[0] if len(reports) == 1 else data, ensure_ascii=False, indent=2) + "\n"
    elif output is not None:
        text = "\n".join(report_text(d, f) for d, f in reports)
    if output is not None:
        write_atomic(output, text)
        console_err.print(f"已写入 [bold]{shown(output)}[/]", highlight=False)
        for document, findings in reports:
            name = document.meta.file or document.meta.entity
            console_err.print(f"{shown(name)}：{summary_line(findings)}", highlight=False)
    elif as_json:
        echo_data(text)
    else:
        for n, (document, findings) in enumerate(reports):
            if n:
                console.print()
            report(document, findings, console)
    if unreadable:
        raise typer.Exit(EXIT_UNREADABLE)
    if any(f.severity is Severity.ERROR for _, findings in reports for f in findings):
        raise typer.Exit(EXIT_ERRORS)
