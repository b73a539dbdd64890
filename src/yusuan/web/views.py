"""What the document page shows, prepared for the templates: tables with cell anchors, findings with links.

Tables are the writers' printed grids (:mod:`yusuan.write.table_grid`: merged headers, two-sided
tables side by side), each amount cell given an anchor ``t<表号>-r<row>-c<column>`` so a finding
can link to it and the page can highlight it; cells that findings cite carry the worst severity
and the findings' rules. Charts are the HTML edition's SVG (:mod:`yusuan.write.charts`, ``svg``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from yusuan.check import Severity
from yusuan.model import Document
from yusuan.write.charts import document_charts
from yusuan.write.svg import bar_chart
from yusuan.write.table_grid import HeaderCell, document_grids

SEVERITY_NAMES = {s.value: s.chinese for s in Severity}
RANK = {s.value: s.rank for s in Severity}


def anchor(table: int | None, row: int | None, column: int | None) -> str | None:
    if table is None or row is None or column is None:
        return None
    return f"t{table}-r{row}-c{column}"


@dataclass(slots=True)
class CellView:
    text: str
    kind: str
    indent: int = 0
    total: bool = False
    id: str | None = None
    severity: str | None = None  # the worst finding citing this cell
    tip: str = ""  # the rules of the findings citing it


@dataclass(slots=True)
class TableView:
    number: int
    title: str
    heading: str
    entity_line: str
    unit_line: str
    notes: list[str]
    header: list[list[HeaderCell]]
    body: list[list[CellView]] = field(default_factory=list)


@dataclass(slots=True)
class ChartView:
    title: str
    unit: str
    svg: Markup | None  # None when the chart's total is zero


def cited_cells(findings: list[dict[str, Any]]) -> dict[str, tuple[str, list[str]]]:
    """Anchor → (worst severity, rules) of every table cell some finding cites; adds each cell's anchor."""
    cited: dict[str, tuple[str, list[str]]] = {}
    for n, finding in enumerate(findings):
        finding["number"] = n
        finding["severity_name"] = SEVERITY_NAMES.get(finding["severity"], finding["severity"])
        for cell in finding["cells"]:
            cell["anchor"] = anchor(cell["table"], cell["row_index"], cell["column_index"])
            if cell["anchor"] is None:
                continue
            severity, rules = cited.get(cell["anchor"], (finding["severity"], []))
            if RANK.get(finding["severity"], 9) < RANK.get(severity, 9):
                severity = finding["severity"]
            if finding["rule"] not in rules:
                rules.append(finding["rule"])
            cited[cell["anchor"]] = (severity, rules)
    return cited


def table_views(document: Document, cited: dict[str, tuple[str, list[str]]]) -> list[TableView]:
    views = []
    for grid in document_grids(document):
        number = grid.table.number
        header = [[c for c in grid.header if c.row == r] for r in range(grid.header_rows)]
        view = TableView(number, grid.table.title, grid.heading, grid.entity_line, grid.unit_line, grid.note_lines,
                         header)
        for row in grid.body:
            cells = []
            for cell in row:
                cell_id = anchor(number, cell.row, cell.column)
                severity, rules = cited.get(cell_id or "", (None, []))
                cells.append(CellView(cell.text, cell.kind, cell.indent, cell.total, cell_id, severity,
                                      "、".join(rules)))
            view.body.append(cells)
        views.append(view)
    return views


def chart_views(document: Document) -> list[ChartView]:
    # bar_chart escapes every text it draws, so its SVG is safe to insert as markup.
    return [ChartView(chart.title, chart.unit, Markup(bar_chart(chart)) if chart.total else None)
            for chart in document_charts(document)]


def chart_data(document: Document) -> list[dict[str, Any]]:
    """The charts as data, for the JSON API: categories and each series' amounts as decimal strings."""
    return [{"title": c.title, "unit": c.unit, "categories": list(c.categories),
             "series": [{"name": s.name, "values": [format(v, "f") for v in s.values]} for s in c.series]}
            for c in document_charts(document)]


@dataclass(slots=True)
class SectionView:
    number: str | None
    heading: str
    items: list[str]


# A numbered item starts after a full stop (or a colon) with 1. / 1、 / （一） — as the document prints it.
_ITEM_START_RE = re.compile(r"(?<=[。；：:])\s*(?=(?:\d{1,2}[.．、](?!\d)|[（(][一二三四五六七八九十]{1,3}[）)]))")


def section_views(document: Document) -> list[SectionView]:
    """Part 3 as printed: each section under its own heading, its text split into the items it prints.
    A number the format gives a section (Shanghai's 四, 六 are not printed) is not shown; a subsection
    (六.一) shows its own printed number only (一、)."""
    from yusuan.formats.spec import load_format

    try:
        declared = {s.get("number") for s in load_format(document.meta.format).extra.get("sections", [])}
    except (KeyError, ValueError):
        declared = set()
    views = []
    for section in document.sections.explanations:
        number = (section.number or "").rsplit(".", 1)[-1]
        shown = "" if not number or section.number in declared or not _NUMERAL_RE.fullmatch(number) else f"{number}、"
        items = [item.strip() for item in _ITEM_START_RE.split(section.text) if item.strip()]
        views.append(SectionView(section.number, f"{shown}{section.title}", items))
    return views


_NUMERAL_RE = re.compile(r"[一二三四五六七八九十]+|\d{1,2}")
