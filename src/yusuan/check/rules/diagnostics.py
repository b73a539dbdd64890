"""What the reader saw but could not place becomes a finding: nothing printed is silently dropped."""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.check.engine import Context, rule
from yusuan.check.findings import Finding, Severity, text_cell


@rule("READ-DIAGNOSTIC", "读取时无法归位的内容（该处数字未经核对）", Severity.WARNING)
def reader_diagnostics(ctx: Context) -> Iterator[Finding]:
    for diagnostic in ctx.document.diagnostics:
        yield ctx.finding(Severity.WARNING, f"读取提示：{diagnostic.message}该处内容未能纳入核对，请人工查看。",
                          [text_cell("读取提示", None, diagnostic.source, column="位置")])
