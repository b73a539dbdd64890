"""Horizontal bar charts as inline SVG, drawn on the server.

Written here rather than taken from a charting package: the HTML must work on closed networks and
print, so no script and no CDN; the chart libraries on PyPI either load their JavaScript from a CDN
(pyecharts) or embed megabytes of it (plotly), and a bar chart is a few rectangles. The layout is
made for a phone first: each category's name on its own line above its bar, the amount and share
after the bar; the SVG scales to the width of the page.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from yusuan.money import format_amount, round_half_up
from yusuan.write.charts import Chart

WIDTH = 360
BAR = 14
ROW = 40  # label line + bar
VALUE_ROOM = 118  # right of the longest bar: the amount and its share
COLORS = ("#c0392b", "#2e86c1", "#d68910", "#239b56", "#7d3c98", "#5d6d7e")


def share(part: Decimal, whole: Decimal) -> str:
    """``part`` as a percentage of ``whole`` at one decimal (四舍五入); empty when the whole is zero."""
    if not whole:
        return ""
    return f"{round_half_up(part * 100 / whole, 1)}%"


def _legend(chart: Chart) -> tuple[list[str], int]:
    """Series names in a row; for a one-bar chart (a composition) each with its amount and share, one a line."""
    if len(chart.series) < 2:
        return [], 0
    single = len(chart.categories) == 1
    parts, x, y = [], 0, 0
    for n, series in enumerate(chart.series):
        text = series.name
        if single:
            text += f"　{format_amount(series.values[0])}（{share(series.values[0], chart.total)}）"
        parts.append(f'<rect x="{x}" y="{y + 2}" width="10" height="10" fill="{COLORS[n % len(COLORS)]}"/>'
                     f'<text x="{x + 14}" y="{y + 11}">{escape(text)}</text>')
        if single:
            y += 18
        else:
            x += 24 + 13 * len(series.name)
    return parts, (y + 4 if single else 22)


def bar_chart(chart: Chart) -> str:
    parts, top = _legend(chart)
    largest = max((chart.category_total(i) for i in range(len(chart.categories))), default=Decimal(0))
    span = WIDTH - VALUE_ROOM
    whole = chart.total
    for i, name in enumerate(chart.categories):
        y = top + i * ROW
        parts.append(f'<text x="0" y="{y + 13}">{escape(name)}</text>')
        x = 0.0
        for n, series in enumerate(chart.series):
            value = series.values[i]
            width = float(value / largest) * span if largest else 0.0
            if width > 0:
                tip = f"{name}·{series.name}：{format_amount(value)}{chart.unit}"
                parts.append(f'<rect x="{x:.1f}" y="{y + 19}" width="{width:.1f}" height="{BAR}" '
                             f'fill="{COLORS[n % len(COLORS)]}"><title>{escape(tip)}</title></rect>')
            x += width
        amount = chart.category_total(i)
        label = format_amount(amount) + (f"（{share(amount, whole)}）" if len(chart.categories) > 1 else "")
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 30}" class="v">{escape(label)}</text>')
    height = top + len(chart.categories) * ROW
    return (f'<svg viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-label="{escape(chart.title)}" '
            f'xmlns="http://www.w3.org/2000/svg" font-size="12">{"".join(parts)}</svg>')
