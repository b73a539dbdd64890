"""What the reader saw but could not place becomes a finding: nothing printed is silently dropped.

A code printed wrongly (``301 2``, ``7 11 02``) is read from its context (the reader says ``读作 …``) and
checked as read: the finding asks to correct the print, not to check the figures by hand.
"""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.check.engine import Context, rule
from yusuan.check.findings import Finding, Severity, text_cell


@rule("READ-DIAGNOSTIC", "读取提示：无法归位的内容，或按上下文解读的印刷错误", Severity.WARNING)
def reader_diagnostics(ctx: Context) -> Iterator[Finding]:
    for diagnostic in ctx.document.diagnostics:
        tail = ("已按此读取并参与核对；原文印刷有误，请更正。" if "读作" in diagnostic.message
                else "该处内容未能纳入核对，请人工查看。")
        yield ctx.finding(Severity.WARNING, f"读取提示：{diagnostic.message}{tail}",
                          [text_cell("读取提示", None, diagnostic.source, column="位置")])
