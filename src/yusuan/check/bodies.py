"""A department's 汇总 against the sum of the units a file prints after it.

Where a file holds the department's tables and then each unit's (see :mod:`yusuan.read.pdf.bodies`),
each of the department's totals is the sum of its units' — if the file prints every unit. It may not
(a department has units that publish on their own), so a difference is a warning that says so, never
an error; a total that agrees is not reported.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.check.arithmetic import amount, signed
from yusuan.check.findings import Finding, Severity, table_cell
from yusuan.model import Document, Row, Table
from yusuan.money import ZERO

RULE = "CROSS-BODIES"
TITLE = "部门汇总数等于所附各单位之和"
_KINDS = ("summary", "income", "expense", "fiscal_summary", "gpb_functional", "gpb_basic_economic", "sangong")


def _total(table: Table) -> Row | None:
    return next((r for r in table.rows if r.key in ("total", "income_total")), None) or (
        table.rows[0] if len(table.rows) == 1 else None)


def check_bodies(documents: list[Document]) -> list[Finding]:
    """Findings on the first document (the department) of a file of several bodies."""
    if len(documents) < 2:
        return []
    head, units = documents[0], documents[1:]
    if head.meta.scope != "department" or any(u.meta.scope != "unit" for u in units):
        return []  # disclosures of one another's equals (two units' budgets in one file): no 汇总 to add up
    findings: list[Finding] = []
    for kind in _KINDS:
        table = head.table_by_key(kind)
        theirs = [u.table_by_key(kind) for u in units]
        if table is None or any(t is None for t in theirs):
            continue
        row = _total(table)
        unit_rows = [_total(t) for t in theirs]  # type: ignore[arg-type]
        if row is None or any(r is None for r in unit_rows):
            continue
        for i, column in enumerate(table.columns):
            value = row.values[i]
            parts: list[Decimal] = []
            for unit_table, unit_row in zip(theirs, unit_rows, strict=True):
                k = next((n for n, c in enumerate(unit_table.columns) if c.key == column.key), None)  # type: ignore[union-attr]
                if k is None:
                    break
                parts.append(unit_row.values[k] or ZERO)  # type: ignore[union-attr]
            else:
                total = sum(parts, ZERO)
                if (value or ZERO) != total:
                    cell = table_cell(table, row, i)
                    findings.append(Finding(
                        RULE, Severity.WARNING, TITLE,
                        f"{cell.describe()}为 {amount(value or ZERO)}，文件所附 {len(units)} 个单位的同一数字之和为 "
                        f"{amount(total)}，差额 {signed((value or ZERO) - total)}；部门可能还有未附在本文件中的单位，"
                        "请核对。", (cell,), expected=format(total, "f"), actual=format(value or ZERO, "f")))
    return findings
