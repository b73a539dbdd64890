"""Key projects (Part 3 section 六) and the causes the narrative names, against the project table.

A key project's stated amount must be its row of the project table. A cause (``主要原因是…项目
增加150万元``) is softer: the project named should be in the table, and an increase cannot exceed
what the project has this year; a cause may also name an economic item rather than a project, so
not finding it is only noted. Names are matched as printed, then without the words 项目/经费/费.
"""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.check.arithmetic import Operand, amount
from yusuan.check.declared import compare
from yusuan.check.engine import Context, rule
from yusuan.check.findings import Finding, Severity, claim_cell, printed, quoted, table_cell
from yusuan.check.names import name_key, project_key
from yusuan.check.rules.narrative import MONEY_UNITS, claim_operand, narrative_spec
from yusuan.model import Claim, Row, Table
from yusuan.money import half_unit


def project_table(ctx: Context) -> Table | None:
    number = narrative_spec(ctx.fmt).key_projects
    return ctx.document.table(number) if number is not None else None


def find_projects(table: Table, name: str) -> list[Row]:
    """The project rows of this name: exactly as printed, else the same name without 项目/经费/费. A
    department's table may print one project name under several of its units."""
    projects = [row for row in table.rows if row.level != 0]
    exact = name_key(name)
    found = [row for row in projects if name_key(row.label) == exact]
    if found:
        return found
    key = project_key(name)
    return [row for row in projects if project_key(row.label) == key]


def find_project(table: Table, name: str) -> Row | None:
    found = find_projects(table, name)
    return found[0] if found else None


def _row_operand(table: Table, row: Row, unit: str) -> Operand:
    return Operand.of(row.values[0], table_cell(table, row, 0), table.unit or None, unit)


@rule("NARR-KEY-PROJECT", "重点项目的预算数与项目支出表一致", Severity.ERROR)
def key_projects(ctx: Context) -> Iterator[Finding]:
    table = project_table(ctx)
    if table is None:
        return
    for claim in ctx.document.claims:
        if claim.role != "key_project" or claim.amount is None or claim.unit not in MONEY_UNITS:
            continue
        rows = find_projects(table, claim.subject) or find_projects(table, claim.name)
        if not rows:
            yield ctx.finding(Severity.WARNING, f"重点项目{quoted(claim.name)}（{amount(claim.amount)} {claim.unit}）"
                              f"在表{table.number}中找不到同名项目，无法核对其预算数。",
                              [claim_cell(claim, "amount")], actual=printed(claim.amount))
            continue
        if len(rows) > 1:
            yield from _several(ctx, table, claim, rows)
            continue
        found = compare(ctx, claim_operand(claim), [_row_operand(table, rows[0], claim.unit)])
        if found:
            yield found


def _several(ctx: Context, table: Table, claim: Claim, rows: list[Row]) -> Iterator[Finding]:
    """A name several units' projects carry: the stated amount is one of them, or all of them together;
    if it is neither, nothing says which was meant — a warning."""
    stated = claim_operand(claim)
    candidates = [[_row_operand(table, row, claim.unit)] for row in rows]
    candidates.append([_row_operand(table, row, claim.unit) for row in rows])
    for parts in candidates:
        total = sum((p.value for p in parts), stated.value * 0)
        if abs(stated.value - total) <= stated.bound + sum((p.bound for p in parts), stated.bound * 0):
            return
    cells = [claim_cell(claim, "amount"), *(table_cell(table, row, 0) for row in rows)]
    ctx.cover(cells, Severity.WARNING)
    yield ctx.finding(Severity.WARNING, f"重点项目{quoted(claim.name)}为 {amount(claim.amount)} {claim.unit}，"
                      f"表{table.number}中有 {len(rows)} 个同名项目（分属不同单位），其数字及合计都与之不符；"
                      "无法判断说明指的是哪一个。", cells, actual=printed(claim.amount))


def _reasons(ctx: Context) -> dict[str, list[Claim]]:
    by_parent: dict[str, list[Claim]] = {}
    for claim in ctx.document.claims:
        if claim.role == "reason" and claim.parent and claim.change is not None and claim.unit in MONEY_UNITS:
            by_parent.setdefault(claim.parent, []).append(claim)
    return by_parent


@rule("NARR-REASON", "说明中增减原因所举项目与项目支出表相符（软性核对）", Severity.WARNING)
def reasons(ctx: Context) -> Iterator[Finding]:
    """Soft: a cause is a reason, not an identity — last year's project amounts are not published."""
    table = project_table(ctx)
    stated = {c.subject: c for c in ctx.document.claims if c.role == "statement"}
    for parent, causes in _reasons(ctx).items():
        head = stated.get(parent)
        if head is not None and head.direction in ("增加", "减少") and all(
                c.direction in ("增加", "减少") and c.direction != head.direction for c in causes):
            yield ctx.finding(Severity.WARNING, f"{quoted(head.name)}比上年{head.direction}，所举原因却都是"
                              f"{causes[0].direction}（{'、'.join(c.name for c in causes)}），说法前后不一。",
                              [claim_cell(head, "change"), *(claim_cell(c, "change") for c in causes)])
        if table is None:
            continue
        for cause in causes:
            assert cause.change is not None
            row = find_project(table, cause.subject) or find_project(table, cause.name)
            cell = claim_cell(cause, "change")
            if row is None:
                yield ctx.finding(Severity.INFO, f"增减原因所举的{quoted(cause.name)}（{cause.direction} "
                                  f"{amount(cause.change)} {cause.unit}）在表{table.number}中没有同名项目，无法核对。",
                                  [cell])
                continue
            current = _row_operand(table, row, cause.unit)
            ctx.cover([cell, current.cell], Severity.WARNING)
            if cause.direction == "增加" and cause.change - half_unit(cause.change) > current.value + current.bound:
                yield ctx.finding(Severity.WARNING, f"增减原因称{quoted(cause.name)}比上年增加 {amount(cause.change)} "
                                  f"{cause.unit}，但表{table.number}中该项目本年只有 {amount(current.value)} "
                                  f"{cause.unit}，增加额不可能大于本年数。", [cell, current.cell],
                                  expected=printed(current.value), actual=printed(cause.change))
