"""Part 1: the number of internal units printed (内设N个科室) against the units listed after it.

Listing more units than the number printed cannot be right (error); listing fewer may be a list cut
short with 等, which the text does not always keep, so that is a warning.
"""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.check.engine import Context, rule
from yusuan.check.findings import Finding, Severity, text_cell
from yusuan.model import Source


@rule("OVERVIEW-UNITS", "内设机构数与所列机构一致", Severity.ERROR)
def internal_units(ctx: Context) -> Iterator[Finding]:
    sections = ctx.document.sections
    count, listed = sections.internal_unit_count, len(sections.internal_units)
    if count is None or not listed:
        return
    cell = text_cell("内设机构", str(count), Source(), column="数量")
    ctx.cover([cell], Severity.WARNING)  # soft (formats.md): a list cut short with 等 is not wrong
    if listed == count:
        return
    severity = Severity.ERROR if listed > count else Severity.WARNING
    why = "列出的比所说的多" if listed > count else "列出的比所说的少（如清单以“等”省略则属正常）"
    yield ctx.finding(severity, f"概况称内设 {count} 个机构，具体列出 {listed} 个：{why}。", [cell],
                      expected=str(listed), actual=str(count))
