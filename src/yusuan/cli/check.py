"""``yusuan check``: every inconsistency of one or more disclosures, as a Rich report or JSON.

Exit code 0 when no file has an error-level finding, 1 when one has, 2 when a file cannot be read
(the others are still checked and reported).
"""

from __future__ import annotations

import json
from io import StringIO
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table as RichTable
from rich.text import Text

from yusuan.check import Finding, Severity, check_document, counts, findings_to_dict
from yusuan.cli import show
from yusuan.cli.app import app, console, console_err
from yusuan.cli.inputs import read_document
from yusuan.cli.parse import split_format_options
from yusuan.cli.terminal import echo_data, plain, shown
from yusuan.errors import YusuanError
from yusuan.files import write_atomic
from yusuan.model import Document

EXIT_ERRORS = 1
EXIT_UNREADABLE = 2
STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}


def place(finding: Finding) -> str:
    for cell in finding.cells:
        if cell.page is not None or cell.line is not None:
            page = f"第{cell.page}页" if cell.page is not None else ""
            line = f"第{cell.line}行" if cell.line is not None else ""
            return " ".join(p for p in (page, line) if p)
    return ""


def summary_line(findings: list[Finding]) -> str:
    n = counts(findings)
    verdict = "发现错误，请核对。" if n["error"] else "未发现错误。"
    return f"共 {n['error']} 个错误、{n['warning']} 个警告、{n['info']} 个提示：{verdict}"


def report(document: Document, findings: list[Finding], out: Console) -> None:
    """The text report: the document, then findings grouped by severity, then a one-line summary."""
    out.print(show.heading(document))
    for severity in Severity:
        group = [f for f in findings if f.severity is severity]
        if not group:
            continue
        out.print(Text(f"\n{severity.chinese}（{len(group)}）", style=STYLES[severity]))
        view = RichTable(show_header=True, header_style="bold", show_lines=True, expand=False)
        view.add_column("规则", max_width=22, overflow="fold")
        view.add_column("位置", no_wrap=True)
        view.add_column("说明", overflow="fold", ratio=1)
        for finding in group:
            view.add_row(Text(f"{finding.rule}\n", style="bold").append(plain(finding.title), style="dim"),
                         place(finding), shown(finding.message))
        out.print(view)
    n = counts(findings)
    style = STYLES[Severity.ERROR] if n["error"] else "bold green"
    out.print(Text("\n" + summary_line(findings), style=style))


def report_text(document: Document, findings: list[Finding], width: int = 160) -> str:
    buffer = StringIO()
    report(document, findings, Console(file=buffer, width=width, no_color=True, highlight=False))
    return buffer.getvalue()


@app.command()
def check(
    files: Annotated[list[str], typer.Argument(
        help="公开文件：文本（.txt）或 Document JSON，可给多个", show_default=False)],
    format: Annotated[list[str], typer.Option(
        "--format", "-f",
        help="报告格式 text（默认，分级显示）或 json；也可给出公开格式 ID（如 gd-budget-12）以跳过自动识别。",
    )] = [],  # noqa: B006  (Typer reads the default, never mutates it)
    output: Annotated[str | None, typer.Option("--output", "-o", help="把报告写入此文件，而不是输出到屏幕。")] = None,
) -> None:
    """校验预算/决算公开文件：表内、表间、说明与表格的每一处不一致。"""
    _, forced = split_format_options(format)
    as_json = "json" in format
    reports: list[tuple[Document, list[Finding]]] = []
    unreadable = 0
    with Progress(console=console_err, transient=True, disable=len(files) < 2 or not console_err.is_terminal) as bar:
        task = bar.add_task("校验中", total=len(files))
        for file in files:
            try:
                document = read_document(file, format_id=forced)
            except YusuanError as error:
                if len(files) == 1:
                    raise
                console_err.print(f"[bold red]错误：[/]{shown(file)}：{shown(error)}", highlight=False, soft_wrap=True)
                unreadable += 1
            else:
                reports.append((document, check_document(document)))
            bar.advance(task)
    if as_json:
        data = [findings_to_dict(d, f) for d, f in reports]
        text = json.dumps(data[0] if len(files) == 1 else data, ensure_ascii=False, indent=2) + "\n"
    else:
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
