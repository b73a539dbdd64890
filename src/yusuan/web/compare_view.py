"""The compare page's summary: what changed, table by table and subject by subject, and a chart.

Per table: how many subjects changed, the change of its total (the first row that totals the table:
合计 / 总计, else its first row) and the subjects that changed most in its first amount column. The
chart sets the two documents' spending by functional 类 side by side (the national chart every
document gets, :mod:`yusuan.write.national_charts`), one bar for A and one for B under each 类.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from markupsafe import Markup

from yusuan.model import Document
from yusuan.money import ZERO
from yusuan.write.charts import Chart, Series
from yusuan.write.national_charts import national_charts
from yusuan.write.svg import bar_chart

_TOTAL_WORDS = ("合计", "总计")
_MOST = 3


def _first_column(table: dict[str, Any]) -> str | None:
    return next((d["column_key"] for d in table["differences"]), None)


def table_summaries(result: dict[str, Any]) -> list[dict[str, Any]]:
    summaries = []
    for table in result["tables"]:
        if not table["changed"]:
            continue
        column = _first_column(table)
        rows = [d for d in table["differences"] if d["column_key"] == column and d["change"] is not None]
        total = next((d for d in rows if any(w in d["label"] for w in _TOTAL_WORDS)), None)
        subjects = sorted((d for d in rows if d is not total), key=lambda d: -abs(Decimal(d["change"])))[:_MOST]
        subjects_named = {(d["code"], d["label"]) for d in table["differences"]}
        summaries.append({"number": table["number"], "title": table["title"], "unit": table["unit"],
                          "changed": table["changed"], "subjects": len(subjects_named), "total": total,
                          "most": subjects})
    return summaries


def side_by_side(a: Document, b: Document) -> Markup | None:
    """The two documents' 类 spending as bars: each 类 twice, A then B (an SVG, escaped by bar_chart)."""
    charts = [next((c for c in national_charts(d) if c.title.startswith("支出按功能分类")), None) for d in (a, b)]
    if None in charts:
        return None
    chart_a, chart_b = charts
    assert chart_a is not None and chart_b is not None
    names = list(dict.fromkeys([*chart_a.categories, *chart_b.categories]))

    def amount(chart: Chart, name: str) -> Decimal:
        return chart.category_total(chart.categories.index(name)) if name in chart.categories else ZERO

    categories, values = [], []
    for name in names:
        for side, chart in (("A", chart_a), ("B", chart_b)):
            categories.append(f"{name}（{side}）")
            values.append(amount(chart, name))
    joined = Chart("支出按功能分类（类）：A 与 B", chart_a.unit, tuple(categories), (Series("合计", tuple(values)),))
    return Markup(bar_chart(joined)) if joined.total else None
