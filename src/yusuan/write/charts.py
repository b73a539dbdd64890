"""What the charts of the HTML edition show, from the format's ``[[charts]]`` declarations.

A chart is categories (rows of a table: the 类 rows, or fixed rows such as the parts of “三公”经费)
by series (amount columns, possibly of different tables — 表6 基本 and 表7 项目 by economic 类).
Rows of different tables are matched by subject code or fixed-row key. Declaring charts in the
format keeps this module free of any one format's tables; a format without declarations gets the
national charts, drawn from its tables' kinds.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from yusuan.model import Document, Row, Table
from yusuan.money import ZERO, total
from yusuan.write.table_grid import format_spec


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: tuple[Decimal, ...]  # one per category; a blank cell counts as zero here


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    unit: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]

    def category_total(self, index: int) -> Decimal:
        return total(s.values[index] for s in self.series)

    @property
    def total(self) -> Decimal:
        return total(self.category_total(i) for i in range(len(self.categories)))


def _selected(table: Table, rows: dict[str, Any]) -> list[Row]:
    if "level" in rows:
        return [r for r in table.rows if r.level == rows["level"] and r.side is None]
    keys = rows.get("keys") or [rows.get("key")]
    found = [next((r for r in table.rows if r.key == key), None) for key in keys]
    return [r for r in found if r is not None]


def _identity(row: Row) -> str:
    return row.code or row.key or row.label


def _chart(document: Document, declaration: dict[str, Any]) -> Chart | None:
    series_specs = declaration.get("series", [])
    tables = [document.table(int(s["table"])) for s in series_specs]
    if not series_specs or any(t is None for t in tables):
        return None
    categories: dict[str, str] = {}
    for table in tables:
        for row in _selected(table, declaration.get("rows", {})):  # type: ignore[arg-type]
            categories.setdefault(_identity(row), row.label)
    if not categories:
        return None
    series = []
    for spec, table in zip(series_specs, tables, strict=True):
        assert table is not None
        try:
            column = table.column_index(spec["column"])
        except KeyError:
            return None
        by_identity = {_identity(r): r.values[column] for r in table.rows if r.side is None}
        series.append(Series(spec.get("name", table.columns[column].label),
                             tuple(by_identity.get(key) or ZERO for key in categories)))
    return Chart(declaration.get("title", ""), tables[0].unit or document.meta.unit,  # type: ignore[union-attr]
                 tuple(categories.values()), tuple(series))


def document_charts(document: Document) -> list[Chart]:
    """The format's declared charts; a document of a format that declares none gets the national ones
    (:mod:`yusuan.write.national_charts`), drawn from its tables' kinds."""
    spec = format_spec(document)
    declared = spec.extra.get("charts", []) if spec is not None else []
    if not declared:
        from yusuan.write.national_charts import national_charts

        return national_charts(document)
    charts = (_chart(document, declaration) for declaration in declared)
    return [chart for chart in charts if chart is not None]
