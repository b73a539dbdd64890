"""Charts every disclosure gets from its tables' national kinds, whatever its region's layout.

Every budget and final account prints the national kinds (:mod:`yusuan.formats.national`): spending by
functional 类 (``gpb_functional`` or ``expense``) in canonical columns (基本支出 ``basic`` / 项目支出
``project``, or 人员经费 / 公用经费, or only 合计), and the 三公 table with its parts either as rows or as
columns (因公出国（境）费 ``abroad``, 公务接待费 ``reception``, 公务用车购置费 / 运行维护费). A format that
declares its own ``[[charts]]`` keeps them; any other document gets these.
"""

from __future__ import annotations

from yusuan.model import Document, Table
from yusuan.money import ZERO
from yusuan.write.charts import Chart, Series

_FUNCTIONAL = ("gpb_functional", "expense", "fiscal_functional")
_SERIES = (("basic", "project"), ("personnel", "public", "project"), ("total",))
_NAMES = {"basic": "基本支出", "project": "项目支出", "personnel": "人员经费", "public": "公用经费", "total": "合计"}
_SANGONG_PARTS = (("abroad", "因公出国（境）费"), ("vehicle_purchase", "公务用车购置费"),
                  ("vehicle_operation", "公务用车运行维护费"), ("reception", "公务接待费"))


def _columns(table: Table) -> dict[str, int]:
    return {column.key: i for i, column in enumerate(table.columns)}


def _functional(document: Document) -> Chart | None:
    table = next((t for key in _FUNCTIONAL if (t := document.table_by_key(key)) is not None), None)
    if table is None:
        return None
    columns = _columns(table)
    keys = next((keys for keys in _SERIES if all(k in columns for k in keys)), None)
    rows = [r for r in table.rows if r.level == 1 and r.side is None]
    if keys is None or not rows:
        return None
    series = tuple(Series(_NAMES[k], tuple(r.values[columns[k]] or ZERO for r in rows)) for k in keys)
    return Chart("支出按功能分类（类）", table.unit or document.meta.unit, tuple(r.label for r in rows), series)


def _sangong(document: Document) -> Chart | None:
    table = document.table_by_key("sangong")
    if table is None or not table.rows:
        return None
    columns = _columns(table)
    parts = [(key, name) for key, name in _SANGONG_PARTS if key in columns]
    if parts:  # the parts are columns of the table's (first) row
        row = table.rows[0]
        values = tuple(row.values[columns[key]] or ZERO for key, _ in parts)
        return Chart("“三公”经费构成", table.unit or document.meta.unit, tuple(n for _, n in parts),
                     (Series("本年", values),))
    rows = [(next((r for r in table.rows if r.key == key), None), name) for key, name in _SANGONG_PARTS]
    found = [(r, name) for r, name in rows if r is not None]
    total = columns.get("total", 0 if table.columns else None)
    if not found or total is None:
        return None
    return Chart("“三公”经费构成", table.unit or document.meta.unit, tuple(name for _, name in found),
                 (Series("本年", tuple(r.values[total] or ZERO for r, _ in found)),))


def national_charts(document: Document) -> list[Chart]:
    return [chart for chart in (_functional(document), _sangong(document)) if chart is not None]
