"""The structural sums of every table (:mod:`yusuan.check.structure`) as rules: 类 = Σ款 = Σ项, 合计
columns against their parts, 合计 rows of the fixed-row tables against their rows. They hold in
every region, so they run on every table of every document, mapped to a kind or not."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from yusuan.check.arithmetic import Operand
from yusuan.check.declared import compare
from yusuan.check.engine import Context, rule
from yusuan.check.findings import Finding, Severity, lazy_cell
from yusuan.check.structure import ColumnSum, column_sums, row_groups, side_sums
from yusuan.formats.national import vocabulary
from yusuan.model import Row, Table
from yusuan.money import ZERO

# Tables of text (绩效目标) carry no sums, however many numbers they print.
NO_SUMS = frozenset({"performance", "contents"})
# Lists whose rows carry subject codes as attributes (a project's 功能分类), not as a hierarchy.
NO_HIERARCHY = frozenset({"carryover"})
# Kinds printed as fixed rows (收支总表 and its kin, a 三公 table printed as rows).
FIXED_ROWS = frozenset({"summary", "fiscal_summary", "gov_fund", "soe", "sangong", "admin"})
# Tables whose regional declaration names its own sums of the same kind (the rule ids it declares).
_DECLARES = {"SUM-ROWS": "row_sums", "SUM-COLUMNS": "column_sums"}


def _spec(ctx: Context, table: Table):
    if ctx.fmt is None or ctx.fmt.extra.get("national"):
        return None
    return next((t for t in ctx.fmt.tables if t.number == table.number and t.key == table.key), None)


def _declared_elsewhere(ctx: Context, table: Table, family: str) -> bool:
    spec = _spec(ctx, table)
    return spec is not None and bool(spec.extra.get(_DECLARES[family]))


def _adds_up(total, parts) -> bool:
    return (total or ZERO) == sum((p for p in parts if p is not None), ZERO)


def _compare_rows(ctx: Context, table: Table, total: Row, parts: tuple[Row, ...], column: int, text: str):
    if ctx.coverage is None and _adds_up(total.values[column], (r.values[column] for r in parts)):
        return None
    found = compare(ctx, Operand(total.values[column], lazy_cell(table, total, column)),
                    [Operand(r.values[column], lazy_cell(table, r, column)) for r in parts], text)
    if found is not None and found.severity is Severity.ERROR and total.values[column] is None:
        # a row printing no amount over rows that do (``一、部门预算`` heading its list) may be a heading only
        found = replace(found, severity=Severity.WARNING,
                        message=found.message + "该行未填金额，可能只是标题行；请确认是否漏填。")
    return found


@rule("SUM-HIERARCHY", "合计、类、款、项逐级加总一致", Severity.ERROR)
def hierarchy(ctx: Context) -> Iterator[Finding]:
    for table in ctx.document.tables:
        if table.key in NO_SUMS or table.key in NO_HIERARCHY:
            continue
        for group in row_groups(table):
            for column in range(len(table.columns)):
                found = _compare_rows(ctx, table, group.total, group.parts, column,
                                      f"{group.what}（{len(group.parts)} 个）")
                if found and found.severity is Severity.ERROR and _subtotal_among(group.parts, column):
                    found = replace(found, severity=Severity.WARNING, message=found.message + (
                        "但其中有的行恰为其后若干行之和（版式未显示层级，可能是汇总行），不能直接相加；请核对。"))
                if found:
                    yield found


def _subtotal_among(parts: tuple[Row, ...], column: int) -> bool:
    """Whether, in a list printed without levels (no codes, names centred), some row equals the sum of
    a run of the rows right after it: a subtotal the layout does not show (全额 › 单位 › 专项 › 项目)."""
    if any(r.code for r in parts) or len({r.level for r in parts}) > 1:
        return False
    values = [r.values[column] or ZERO for r in parts]
    prefix = [ZERO]
    for v in values:
        prefix.append(prefix[-1] + v)
    last_at = {total: k for k, total in enumerate(prefix)}  # the last index of each running total
    return any(v and last_at.get(prefix[i + 1] + v, -1) >= i + 3 for i, v in enumerate(values))


def _declared_sums(ctx: Context, table: Table) -> list[ColumnSum] | None:
    """The column sums a regional declaration states for this table (its own, exact), or None."""
    spec = _spec(ctx, table)
    raw = [r for r in (spec.extra.get("column_sums", ()) if spec else ()) if "rule" not in r]
    if not raw:
        return None
    keys = {c.key: i for i, c in enumerate(table.columns)}
    sums = []
    for one in raw:
        if one["total"] in keys and all(p in keys for p in one["parts"]):  # signed parts are named rules
            sums.append(ColumnSum(keys[one["total"]], tuple(keys[p] for p in one["parts"])))
    return sums


@rule("SUM-COLUMNS", "每行的合计列等于各分列之和", Severity.ERROR)
def columns(ctx: Context) -> Iterator[Finding]:
    vocab = vocabulary(ctx.document.meta.kind)
    for table in ctx.document.tables:
        if table.key in NO_SUMS:
            continue
        declared = _declared_sums(ctx, table)
        for identity in declared if declared is not None else column_sums(table, vocab):
            names = "、".join("·".join(table.columns[p].path) for p in identity.parts)
            for row in table.rows:
                values = row.values
                if all(values[p] is None for p in identity.parts):
                    continue  # no part printed: nothing to add up (blank is not zero)
                if ctx.coverage is None and _adds_up(values[identity.total], (values[p] for p in identity.parts)):
                    continue
                found = compare(ctx, Operand(values[identity.total], lazy_cell(table, row, identity.total)),
                                [Operand(values[p], lazy_cell(table, row, p)) for p in identity.parts],
                                f"同行{names}")
                if found:
                    yield found


@rule("SUM-ROWS", "合计行等于其组成行之和", Severity.ERROR)
def rows(ctx: Context) -> Iterator[Finding]:
    for table in ctx.document.tables:
        if table.key not in FIXED_ROWS or _declared_elsewhere(ctx, table, "SUM-ROWS") or any(
                r.key == "entity" for r in table.rows):
            continue  # rows of units (三公 by unit) are summed as a hierarchy, not as fixed rows
        for identity in side_sums(table):
            for column in range(len(table.columns)):
                if identity.total.values[column] is None and all(p.values[column] is None for p in identity.parts):
                    continue
                names = "、".join(p.label for p in identity.parts[:4]) + ("等" if len(identity.parts) > 4 else "")
                found = _compare_rows(ctx, table, identity.total, identity.parts, column, names)
                if found:
                    yield found
