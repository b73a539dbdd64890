"""The disclosure as one self-contained HTML file: readable on a phone, printable, no network needed.

Everything is inline — the stylesheet (``assets/disclosure.css``) and the charts, drawn as SVG here
(:mod:`yusuan.write.svg`) — so the file works on closed networks and can be mailed as is. All text
from the Document is escaped. Tables keep their merged header cells (``rowspan``/``colspan``), scroll
sideways on a narrow screen, and repeat their header rows on every printed page.
"""

from __future__ import annotations

from functools import cache
from html import escape
from importlib import resources
from pathlib import Path

from yusuan.files import write_atomic
from yusuan.model import Document
from yusuan.write.charts import document_charts
from yusuan.write.outline import (
    Block,
    Heading,
    KeyProjects,
    Paragraph,
    TableBlock,
    blocks,
    document_title,
    kind_word,
    scope_word,
)
from yusuan.write.svg import bar_chart
from yusuan.write.table_grid import Grid

CHARTS_ANCHOR = "charts"


@cache
def stylesheet() -> str:
    return resources.files("yusuan.write").joinpath("assets/disclosure.css").read_text("utf-8")


def _table(grid: Grid) -> str:
    head = []
    for r in range(grid.header_rows):
        cells = []
        for cell in (c for c in grid.header if c.row == r):
            span = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + \
                   (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "")
            cells.append(f'<th scope="col"{span}>{escape(cell.text)}</th>')
        head.append(f"<tr>{''.join(cells)}</tr>")
    body = []
    for row in grid.body:
        total = any(c.total for c in row)
        cells = []
        for cell in row:
            if cell.kind == "amount":
                cells.append(f'<td class="num">{escape(cell.text)}</td>')
            elif cell.kind == "label" and cell.indent:
                cells.append(f'<td class="label" style="padding-left:{0.4 + cell.indent}em">{escape(cell.text)}</td>')
            else:
                cells.append(f'<td class="{cell.kind}">{escape(cell.text)}</td>')
        body.append(("<tr class='total'>" if total else "<tr>") + "".join(cells) + "</tr>")
    return (f'<div class="scroll"><table><thead>{"".join(head)}</thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')


def _table_block(block: TableBlock, first: bool) -> str:
    grid = block.grid
    notes = "".join(f'<p class="note{"" if n == 0 else " note-more"}">{escape(line)}</p>'
                    for n, line in enumerate(grid.note_lines))
    return (f'<section class="table-block{" first" if first else ""}" id="{block.anchor}">'
            f'<p class="tn">{escape(grid.heading)}</p><h3>{escape(grid.table.title)}</h3>'
            f'<p class="unit-line"><span>{escape(grid.entity_line)}</span><span>{escape(grid.unit_line)}</span></p>'
            f"{_table(grid)}{notes}</section>")


def _key_projects(block: KeyProjects) -> str:
    head = "".join(f"<th>{escape(text)}</th>" for text in block.header)
    rows = "".join(f'<tr><td>{escape(name)}</td><td class="num">{escape(amount)}</td><td>{escape(goal)}</td></tr>'
                   for name, amount, goal in block.rows)
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'


def _charts(document: Document) -> str:
    figures = []
    for chart in document_charts(document):
        body = bar_chart(chart) if chart.total else "<p>本年该项预算为零。</p>"
        figures.append(f"<figure><figcaption>{escape(chart.title)}（{escape(chart.unit)}）</figcaption>"
                       f"{body}</figure>")
    if not figures:
        return ""
    return (f'<section id="{CHARTS_ANCHOR}"><h2>支出结构图解</h2>'
            f'<div class="figures">{"".join(figures)}</div></section>')


def _contents(content: list[Block], has_charts: bool) -> str:
    items = [f'<li><a href="#{CHARTS_ANCHOR}">支出结构图解</a></li>'] if has_charts else []
    sub: list[str] = []

    def close() -> None:
        if sub and items:
            items[-1] = items[-1].removesuffix("</li>") + f"<ol>{''.join(sub)}</ol></li>"
        sub.clear()

    for block in content:
        if isinstance(block, Heading) and block.level == 1:
            close()
            items.append(f'<li><a href="#{block.anchor}">{escape(block.text)}</a></li>')
        elif isinstance(block, TableBlock):
            sub.append(f'<li><a href="#{block.anchor}">{escape(block.grid.heading)} '
                       f"{escape(block.grid.table.title)}</a></li>")
    close()
    return f'<nav><strong>目录</strong><ol>{"".join(items)}</ol></nav>'


def _main(content: list[Block]) -> str:
    parts: list[str] = []
    open_part = False
    previous: Block | None = None
    for block in content:
        if isinstance(block, Heading) and block.level == 1:
            if open_part:
                parts.append("</section>")
            parts.append(f'<section class="part prose" id="{block.anchor}"><h2>{escape(block.text)}</h2>')
            open_part = True
        elif isinstance(block, Heading):
            parts.append(f'<h3 id="{block.anchor}">{escape(block.text)}</h3>')
        elif isinstance(block, Paragraph):
            parts.append(f"<p>{escape(block.text)}</p>")
        elif isinstance(block, TableBlock):
            parts.append(_table_block(block, first=isinstance(previous, Heading)))
        elif isinstance(block, KeyProjects):
            parts.append(_key_projects(block))
        previous = block
    if open_part:
        parts.append("</section>")
    return "".join(parts)


def html_text(document: Document) -> str:
    title = document_title(document)
    content = blocks(document)
    charts = _charts(document)
    meta = document.meta
    subtitle = "　".join(x for x in (
        meta.entity, f"{meta.year}年度" if meta.year else "", f"{scope_word(document)}{kind_word(document)}",
        f"金额单位：{meta.unit}") if x)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="yusuan"><title>{escape(title)}</title>'
        f"<style>{stylesheet()}</style></head><body>"
        f'<header><h1>{escape(title)}</h1><p class="subtitle">{escape(subtitle)}</p></header>'
        f"{_contents(content, bool(charts))}{charts}<main>{_main(content)}</main></body></html>\n"
    )


def write_html(document: Document, path: str | Path) -> Path:
    return write_atomic(path, html_text(document))

