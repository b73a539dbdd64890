"""The report ``yusuan check`` prints: the document, its findings grouped by severity, a one-line summary."""

from __future__ import annotations

from io import StringIO

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from yusuan.check import Finding, Severity, counts
from yusuan.cli import show
from yusuan.cli.terminal import plain, shown
from yusuan.model import Document

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
