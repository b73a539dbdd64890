"""Narrative items about one functional subject, against the tables and against themselves.

Shanghai budgets explain every 项 of 财政拨款支出 (``“A（类）B（款）C（项）”X万元 … 2023年当年预算执行数为P万元，
2024年预算安排X万元，比2023年预算执行数增加R%。主要原因是：…``); final accounts every 项 of 一般公共预算
(``A（类）B（款）C（项）。… 年初预算为B万元，支出决算为X万元。决算数小于预算数的主要原因：…``) and each 类
(``一般公共服务支出（类）X万元``). The format declares which tables print an item's subject
(``[narrative] items``); the subject is found there by its names, 类 then 款 then 项, an old 类 name read
as its current one. The percentage is recomputed from this year's and last year's figures over every
exact amount they may stand for. The stated cause must not contradict the change, nor be another
item's cause copied (``事业单位离退休经费增加`` under 职业年金缴费).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from yusuan.check.arithmetic import HUNDRED, Interval, Operand, amount
from yusuan.check.declared import compare
from yusuan.check.engine import Context, rule
from yusuan.check.findings import Finding, Severity, claim_cell, lazy_cell, printed, quoted
from yusuan.check.names import name_key
from yusuan.check.rules.narrative import ItemTables, claim_operand, compare_claim, narrative_spec, span
from yusuan.formats.catalog import RENAMED
from yusuan.model import Claim, Row, Table
from yusuan.money import places_of, round_half_up

_CURRENT = {name_key(old): name_key(new) for old, (_, new) in RENAMED.items()}
_LEVELS = (3, 5, 7)
_WORDS = frozenset({"增加", "减少", "持平"})
_REASON_SUBJECT_RE = re.compile(r"^(?P<subject>.+?)(?:经费|支出)?(?:增加|减少|保持不变|不变|持平)$")
# A cause that states how money changed (…经费增加), not what drove it (退休人员增加 lowers salaries).
_MONEY_CHANGE_RE = re.compile(r"(?:经费|支出|费用|资金|预算|费)(?:有所|略有|相应)?(?:增加|减少|保持不变|不变|持平)$")


def _key(name: str) -> str:
    key = name_key(name)
    return _CURRENT.get(key, key)


def subject_path(claim: Claim) -> list[str] | None:
    """The names of the subject an item claim is about: 类/款/项 of an item, or a 类 stated as ``X（类）``."""
    if claim.role == "item":
        return claim.subject.split("/")
    if claim.role in ("statement", "part") and claim.subject.endswith("（类）"):
        return [claim.subject.removesuffix("（类）")]
    return None


def find_subject(table: Table, path: list[str], index: dict[tuple[str, str], Row] | None = None) -> Row | None:
    """The row of a subject named 类, 款, 项 (as many levels as given), each under the one before."""
    index = subject_index(table) if index is None else index
    found: Row | None = None
    for name in path[:3]:
        found = index.get((found.code if found and found.code else "", _key(name)))
        if found is None:
            return None
    return found


def subject_index(table: Table) -> dict[tuple[str, str], Row]:
    """Code rows by (their parent's code, their name): 类 under "", 款 under its 类, 项 under its 款."""
    index: dict[tuple[str, str], Row] = {}
    for row in table.rows:
        if row.code and len(row.code) in _LEVELS:
            index.setdefault((row.code[:-2] if len(row.code) > 3 else "", _key(row.label)), row)
    return index


def _table(ctx: Context, where: int | str) -> Table | None:
    """A declared table by its number, or the national model's by its kind."""
    return ctx.document.table(where) if isinstance(where, int) else ctx.document.table_by_key(where)


def _find(ctx: Context, where: int | str, path: list[str]) -> tuple[Table, Row] | None:
    table = _table(ctx, where)
    if table is None:
        return None
    row = find_subject(table, path, ctx.derived(("subjects", table.number), lambda: subject_index(table)))
    return (table, row) if row is not None else None


def _items(ctx: Context) -> Iterator[tuple[Claim, list[str], ItemTables]]:
    declared = narrative_spec(ctx.fmt).items
    for claim in ctx.document.claims:
        if claim.amount is None or (path := subject_path(claim)) is None:
            continue
        spec = next((s for s in declared if s.covers(claim.section)), None)
        if spec is not None:
            yield claim, path, spec


def item_cells(ctx: Context, path: list[str], spec: ItemTables, unit: str) -> list[Operand]:
    """The subject's cells in the declared tables (a table that does not print it adds nothing)."""
    cells = []
    for number in spec.tables:
        found = _find(ctx, number, path)
        if found is not None and spec.column in (keys := [c.key for c in found[0].columns]):
            table, row = found
            column = keys.index(spec.column)
            cells.append(Operand.of(row.values[column], lazy_cell(table, row, column), table.unit or None, unit))
    return cells


def _tables(ctx: Context, spec: ItemTables) -> str:
    return "、".join(f"表{t.number}" for where in spec.tables if (t := _table(ctx, where)) is not None)


@rule("NARR-ITEM", "分项说明的金额与表中该科目一致", Severity.ERROR)
def items_against_tables(ctx: Context) -> Iterator[Finding]:
    for claim, path, spec in _items(ctx):
        cells = item_cells(ctx, path, spec, claim.unit)
        if not cells and not spec.sections:
            continue  # the national items: a subject of another fund's table, not of 一般公共预算
        if not cells:
            yield ctx.finding(Severity.WARNING, f"说明{claim.section}{quoted(claim.name)}（{amount(claim.amount)} "
                              f"{claim.unit}）在{_tables(ctx, spec)}中找不到同名科目，无法核对。",
                              [claim_cell(claim, "amount")], actual=printed(claim.amount))
        elif found := compare_claim(ctx, claim, cells):
            yield found


def _same(ctx: Context, role: str, claim: Claim) -> Claim | None:
    return next((c for c in ctx.document.claims if c.role == role and c.subject == claim.subject
                 and c.section == claim.section), None)


@rule("NARR-ITEM-SELF", "分项说明前后写出的本年金额一致", Severity.ERROR)
def items_restated(ctx: Context) -> Iterator[Finding]:
    for plan in ctx.document.claims:
        if plan.role != "plan" or plan.amount is None or (item := _same(ctx, "item", plan)) is None:
            continue
        if item.amount is None or item.amount == plan.amount:
            continue
        found = compare(ctx, claim_operand(plan), [claim_operand(item)])
        if found is None:
            continue
        where = f"说明{item.section}{quoted(item.name)}"
        yield ctx.finding(found.severity, f"{where}开头写本年 {amount(item.amount)} {item.unit}，后文“{plan.text}”"
                          f"却是 {amount(plan.amount)} {plan.unit}，前后不一（差额 "
                          f"{amount(plan.amount - item.amount)} {plan.unit}）。", found.cells,
                          expected=printed(item.amount), actual=printed(plan.amount))


def _signed(claim: Claim) -> Decimal | None:
    if claim.direction == "持平":
        return Decimal(0)
    if claim.percent is None:
        return None
    return -claim.percent if claim.direction == "减少" else claim.percent


@rule("NARR-ITEM-PERCENT", "分项说明的增减百分比与本年、上年金额相符", Severity.ERROR)
def items_percent(ctx: Context) -> Iterator[Finding]:
    for item in ctx.document.claims:
        if item.role != "item" or item.amount is None or (prior := _same(ctx, "prior", item)) is None:
            continue
        if prior.amount is None or item.direction is None:
            continue
        now = Interval.printed(item.amount)
        spec = next((s for s in narrative_spec(ctx.fmt).items if s.covers(item.section)), None)
        if spec is not None and (table_cells := item_cells(ctx, item.subject.split("/"), spec, item.unit)):
            now = now.meet(span(table_cells)) or now  # the table's precision narrows this year's amount
        before = Interval.printed(prior.amount)
        cells = [claim_cell(item, "amount"), claim_cell(prior, "amount")]
        if item.percent is not None:
            cells.append(claim_cell(item, "percent"))
        ctx.cover(cells)
        where = (f"说明{item.section}{quoted(item.name)}本年 {amount(item.amount)} {item.unit}、上年执行数 "
                 f"{amount(prior.amount)} {prior.unit}")
        if before.low <= 0:
            if item.percent:
                yield ctx.finding(Severity.WARNING, f"{where}：上年为 0，增减百分比无定义，却写了{item.direction} "
                                  f"{amount(item.percent)}%；宜写“新增”或不写百分比。", cells,
                                  actual=printed(item.percent))
            continue
        low, high = (now.low / before.high - 1) * HUNDRED, (now.high / before.low - 1) * HUNDRED
        stated = _signed(item)
        if stated is None:
            continue
        places = places_of(item.percent) if item.percent is not None else 2
        point = round_half_up((item.amount / prior.amount - 1) * HUNDRED, places)
        if point == stated:
            continue
        within = Interval.printed(stated).meet(Interval(low, high)) is not None if item.percent is not None else (
            low <= 0 <= high)
        word = {"增加": "增加", "减少": "减少"}.get(item.direction, "持平")
        computed = f"{'增加' if point > 0 else '减少' if point < 0 else '持平'} {amount(abs(point))}%"
        severity = Severity.INFO if within else Severity.ERROR
        tail = "在尾数误差范围内，属尾数误差。" if within else "不符。"
        said = f"{word} {amount(item.percent)}%" if item.percent is not None else word
        yield ctx.finding(severity, f"{where}，按印刷数字计算为{computed}，文中写“{said}”，{tail}", cells,
                          expected=printed(point), actual=printed(stated))


def _compared_direction(ctx: Context, item: Claim) -> tuple[str, str] | None:
    """The change an item states and how it words it: against last year (budgets: 比上年减少), or 决算
    against 年初预算 (final accounts: 决算数小于预算数)."""
    if item.direction in _WORDS:
        return item.direction, {"增加": "比上年增加", "减少": "比上年减少"}.get(item.direction, "与上年持平")
    budget = _same(ctx, "budget", item)
    if budget is None or budget.direction is None:
        return None
    return budget.direction, "决算数" + {"增加": "大于", "减少": "小于"}.get(budget.direction, "等于") + "预算数"


@rule("NARR-REASON-WORDS", "增减原因的用词与增减方向一致", Severity.ERROR)
def reason_words(ctx: Context) -> Iterator[Finding]:
    for reason in ctx.document.claims:
        if (reason.role != "reason" or reason.direction is None or reason.amount is not None
                or not _MONEY_CHANGE_RE.search(name_key(reason.name))):
            continue
        item = next((c for c in ctx.document.claims if c.role == "item" and c.subject == reason.parent
                     and c.section == reason.section), None)
        stated = _compared_direction(ctx, item) if item else None
        if item is None or stated is None:
            continue
        direction, words = stated
        cell = claim_cell(item, "amount")
        ctx.cover([cell])
        if direction != reason.direction:
            yield ctx.finding(Severity.ERROR, f"说明{reason.section}{quoted(item.name)}{words}，所述原因却是"
                              f"“{reason.name}”（{reason.direction}），前后矛盾。", [cell], expected=direction,
                              actual=reason.direction)


def _own(claim: Claim) -> set[str]:
    """The names that are an item's alone: its 项, and its 款 and 项 together."""
    path = [name_key(n) for n in claim.subject.split("/")]
    return {path[-1], "".join(path[-2:])}


def _names(claim: Claim) -> set[str]:
    """The ways a cause may name an item's own subject: 项, 款+项, 款, 类+款+项."""
    path = [name_key(n) for n in claim.subject.split("/")]
    return _own(claim) | {"".join(path), path[-2] if len(path) >= 2 else path[-1]}


@rule("NARR-REASON-SUBJECT", "增减原因说的是本科目，而非照抄其他科目的原因", Severity.ERROR)
def reason_subjects(ctx: Context) -> Iterator[Finding]:
    items = [c for c in ctx.document.claims if c.role == "item"]
    for reason in ctx.document.claims:
        if reason.role != "reason" or reason.amount is not None or not (
                match := _REASON_SUBJECT_RE.match(name_key(reason.name))):
            continue
        item = next((c for c in items if c.subject == reason.parent and c.section == reason.section), None)
        named = match.group("subject")
        if item is None or named in _names(item):
            continue
        other = next((c for c in items if c is not item and c.section == item.section and named in _own(c)), None)
        if other is None:
            continue
        cell = claim_cell(item, "amount")
        ctx.cover([cell])
        yield ctx.finding(Severity.ERROR, f"说明{item.section}{quoted(item.name)}的原因写成“{reason.name}”，"
                          f"说的是另一科目{quoted(other.name)}，与本科目不符（疑为照抄了该条的原因）。",
                          [cell, claim_cell(other, "amount")], actual=reason.name)


@rule("NARR-ITEM-COVER", "分项说明逐项列出表中有金额的项级科目", Severity.WARNING)
def items_cover(ctx: Context) -> Iterator[Finding]:
    explained: dict[ItemTables, set[str]] = {}
    for _, path, spec in _items(ctx):
        if len(path) == 3:
            explained.setdefault(spec, set()).update(
                found[1].code for n in spec.tables if (found := _find(ctx, n, path)) and found[1].code)
    for spec, codes in explained.items():
        if not spec.sections:
            continue  # the national items: a region's explanation need not list every 项
        for number in spec.tables:
            table = ctx.document.table(number)  # type: ignore[arg-type]
            keys = [c.key for c in table.columns] if table else []
            if table is None or spec.column not in keys:
                continue
            column = keys.index(spec.column)
            for row in table.rows:
                if row.code and len(row.code) == 7 and row.values[column] and row.code not in codes:
                    cell = lazy_cell(table, row, column)()
                    ctx.cover([cell], Severity.WARNING)
                    yield ctx.finding(Severity.WARNING, f"表{number} {row.code} {row.label}"
                                      f"（{amount(row.values[column])} {table.unit}）在说明{spec.sections[0]}的"
                                      "分项说明中没有列出。", [cell])
