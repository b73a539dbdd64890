"""Showing a Document in the terminal: a one-screen summary, or every table as a Rich table."""

from __future__ import annotations

from io import StringIO

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from yusuan.cli.terminal import plain, shown
from yusuan.model import Document, Table
from yusuan.money import format_amount

KINDS = {"budget": "部门预算", "final_accounts": "部门决算"}
SCOPES = {"department": "部门", "unit": "单位"}


def describe(document: Document) -> str:
    m = document.meta
    kind = KINDS.get(m.kind, m.kind)
    if m.scope == "unit":
        kind = kind.replace("部门", "单位")
    year = f"{m.year} 年" if m.year else "年度不详"
    body = f"，本文件第 {m.body}/{m.bodies} 份" if m.bodies and m.bodies > 1 else ""
    return plain(f"{m.entity} {year}{kind}（格式 {m.format}，金额单位 {m.unit}{body}）")


def heading(document: Document) -> Text:
    return Text(describe(document), style="bold")


def table_total(table: Table) -> str:
    """The headline figure of a table: its 合计/总计 row, the 收入总计 of a two-sided table, else its first row."""
    row = table.find(key="income_total") or table.find(key="total") or (table.rows[0] if table.rows else None)
    return format_amount(row.values[0], places=None) if row is not None and row.values else ""


def summary(document: Document, console: Console) -> None:
    console.print(heading(document))
    grid = RichTable(show_header=True, header_style="bold", box=None, padding=(0, 2))
    grid.add_column("表")
    grid.add_column("标题")
    grid.add_column("行数", justify="right")
    grid.add_column("合计", justify="right")
    for table in document.tables:
        grid.add_row(f"表{table.number}", shown(table.title), str(len(table.rows)), table_total(table))
    console.print(grid)
    parts = [
        f"主要职责 {len(document.sections.duties)} 条",
        f"内设机构 {len(document.sections.internal_units)} 个",
        f"情况说明 {len(document.sections.explanations)} 节",
        f"名词解释 {len(document.sections.glossary)} 条",
        f"说明中的数字 {len(document.claims)} 处",
    ]
    console.print("，".join(parts) + "。", highlight=False)
    if document.diagnostics:
        console.print(f"[yellow]读取提示 {len(document.diagnostics)} 条：[/]")
        for diagnostic in document.diagnostics:
            where = f"第 {diagnostic.source.page} 页" if diagnostic.source.page else ""
            console.print(f"  {where} {shown(diagnostic.message)}", highlight=False)


def tables(document: Document, console: Console) -> None:
    console.print(heading(document))
    for table in document.tables:
        title = f"表{table.number} {shown(table.title)}（单位：{shown(table.unit)}）"
        view = RichTable(title=title, title_style="bold", show_lines=False)
        two_sided = any(row.side for row in table.rows)
        if two_sided:
            view.add_column("收支")
        view.add_column("编码", no_wrap=True)
        view.add_column("名称", min_width=14, overflow="fold")
        for column in table.columns:
            view.add_column(shown(column.path[-1]), justify="right", min_width=8)
        if table.text_column:
            view.add_column(shown(table.text_column.path[-1]), max_width=40, overflow="fold")
        for row in table.rows:
            indent = "  " * max(0, (row.level or 1) - 1)
            cells = [row.side or ""] if two_sided else []
            cells += [row.code or "", indent + (row.ordinal or "") + row.label]
            cells += [format_amount(v, places=None) for v in row.values]
            if table.text_column:
                cells.append(row.text or "")
            view.add_row(*(shown(c) for c in cells))
        console.print(view)
        for note in table.notes:
            console.print(f"  注：{shown(note)}", highlight=False)


def tables_as_text(document: Document, width: int = 200) -> str:
    """The same tables as plain text, for writing to a file."""
    buffer = StringIO()
    tables(document, Console(file=buffer, width=width, no_color=True, highlight=False))
    return buffer.getvalue()
