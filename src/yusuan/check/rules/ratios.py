"""Percentages of a whole in final-accounts narratives: 完成率 and 占比.

``年初预算为B万元，支出决算为F万元，完成年初预算的P%``: P must be F ÷ B; ``其中：财政拨款收入X万元，占Y%`` (or
``占本年支出合计的Y%``): Y must be X ÷ the whole. Both are recomputed over every exact amount the printed
figures may stand for and compared at the printed precision. Where the narrative does not restate a
budget (``因公出国（境）费决算为0.00万元，完成预算的0%``), the table's 预算数 is used (``[narrative] budgets``).
The words comparing 决算 with 预算 (``决算数小于预算数的主要原因``) must agree with the figures.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from yusuan.check.arithmetic import HUNDRED, Interval, amount
from yusuan.check.engine import Context, rule
from yusuan.check.findings import Cell, Finding, Severity, claim_cell, printed, quoted
from yusuan.check.rules.narrative import MONEY_UNITS, cells_of, narrative_spec, span, table_operands
from yusuan.model import Claim
from yusuan.money import places_of, round_half_up

_FIGURES = ("statement", "part", "item")


def _figure_before(ctx: Context, claim: Claim) -> Claim | None:
    """The money figure a percentage follows: the last one of its subject printed before it."""
    found = None
    for other in ctx.document.claims:
        if other is claim:
            return found
        if (other.role in _FIGURES and other.subject == claim.subject and other.section == claim.section
                and other.amount is not None and other.unit in MONEY_UNITS):
            found = other
    return found


def _ratio(ctx: Context, stated: Claim, part: Interval, whole: Interval, point: tuple[Decimal, Decimal],
           cells: list[Cell], what: str) -> Finding | None:
    """``stated`` (a percentage) against part ÷ whole; None when it agrees or the ratio is undefined."""
    assert stated.amount is not None
    ctx.cover(cells)
    if whole.low <= 0 or point[1] == 0:
        if stated.amount and part.high > 0:
            return ctx.finding(Severity.WARNING, f"{what}：分母为 0，百分比无定义，却写了 {amount(stated.amount)}%。",
                               cells, actual=printed(stated.amount))
        return None  # 0 of 0 written as 0%: undefined, and harmless
    low, high = max(part.low, Decimal(0)) / whole.high * HUNDRED, part.high / whole.low * HUNDRED
    places = places_of(stated.amount)
    computed = round_half_up(point[0] / point[1] * HUNDRED, places)
    if computed == stated.amount:
        return None
    within = Interval.printed(stated.amount).meet(Interval(low, high)) is not None
    tail = "在尾数误差范围内，属尾数误差。" if within else "不符。"
    return ctx.finding(Severity.INFO if within else Severity.ERROR,
                       f"{what}，按印刷数字计算为 {amount(computed)}%，文中写 {amount(stated.amount)}%，{tail}",
                       cells, expected=printed(computed), actual=printed(stated.amount))


Figure = tuple[Interval, Decimal, list[Cell]]  # what a figure may be, its printed value, where it is


def _stated(claim: Claim) -> Figure:
    assert claim.amount is not None
    return Interval.printed(claim.amount), claim.amount, [claim_cell(claim, "amount")]


def _tabled(cells: list | None) -> Figure | None:
    if cells is None:
        return None
    return span(cells), sum((c.value for c in cells), Decimal(0)), [c.cell for c in cells if not c.missing]


def _budget(ctx: Context, claim: Claim) -> Figure | None:
    """A subject's 预算数: restated in the same section, else the table's cell."""
    stated = next((c for c in ctx.document.claims if c.role == "budget" and c.subject == claim.subject
                   and c.section == claim.section and c.amount is not None), None)
    if stated is not None:
        return _stated(stated)
    refs = narrative_spec(ctx.fmt).budgets.get(claim.subject)
    return _tabled(cells_of(ctx, refs, claim.unit) if refs else None)


@rule("NARR-COMPLETION", "完成率等于决算数除以预算数，决算与预算的比较用词相符", Severity.ERROR)
def completion(ctx: Context) -> Iterator[Finding]:
    for rate in ctx.document.claims:
        if rate.role != "completion" or rate.amount is None or (final := _figure_before(ctx, rate)) is None:
            continue
        assert final.amount is not None
        budget = _budget(ctx, final)
        if budget is None:
            continue
        whole, whole_point, budget_cells = budget
        what = (f"说明{rate.section}{quoted(final.name)}决算 {amount(final.amount)} {final.unit}、预算 "
                f"{amount(whole_point)} {final.unit}，完成率")
        cells = [claim_cell(final, "amount"), *budget_cells, claim_cell(rate, "amount")]
        if found := _ratio(ctx, rate, Interval.printed(final.amount), whole, (final.amount, whole_point), cells,
                           what):
            yield found
    yield from _versus(ctx)


def _versus(ctx: Context) -> Iterator[Finding]:
    """决算数大于/小于预算数, 持平: the words against the two figures."""
    for budget in ctx.document.claims:
        if budget.role != "budget" or budget.direction is None or budget.amount is None:
            continue
        final = next((c for c in ctx.document.claims if c.role in _FIGURES and c.subject == budget.subject
                      and c.section == budget.section and c.amount is not None), None)
        if final is None or final.amount is None:
            continue
        gap = final.amount - budget.amount
        actual = "增加" if gap > 0 else "减少" if gap < 0 else "持平"
        cells = [claim_cell(final, "amount"), claim_cell(budget, "amount")]
        ctx.cover(cells)
        if actual == budget.direction:
            continue
        roughly = budget.direction == "持平" and "基本" in budget.text + final.text
        if roughly and abs(gap) <= abs(budget.amount) / 20:
            continue  # 基本持平: within 5%
        words = {"增加": "大于", "减少": "小于", "持平": "等于"}
        yield ctx.finding(Severity.ERROR, f"说明{budget.section}{quoted(final.name)}决算 {amount(final.amount)} "
                          f"{final.unit}、年初预算 {amount(budget.amount)} {budget.unit}，决算数{words[actual]}预算数，"
                          f"文中却说决算数{words[budget.direction]}预算数。", cells, expected=actual,
                          actual=budget.direction)


def _whole(ctx: Context, share: Claim) -> Figure | None:
    """The whole a share is of: its figure in the narrative (this section first), else its table cells."""
    stated = [c for c in ctx.document.claims if c.subject == share.parent and c.role in _FIGURES
              and c.amount is not None and c.unit in MONEY_UNITS]
    best = next((c for c in stated if c.section == share.section), stated[0] if stated else None)
    if best is not None:
        return _stated(best)
    probe = Claim(section=share.section, subject=share.parent or "", name=share.parent or "")
    return _tabled(table_operands(ctx, probe))


@rule("NARR-SHARE", "说明中的占比等于部分除以整体", Severity.ERROR)
def shares(ctx: Context) -> Iterator[Finding]:
    for share in ctx.document.claims:
        if share.role != "share" or share.amount is None or (part := _figure_before(ctx, share)) is None:
            continue
        assert part.amount is not None
        whole = _whole(ctx, share)
        if whole is None:
            continue
        interval, point, whole_cells = whole
        what = (f"说明{share.section}{quoted(part.name)} {amount(part.amount)} {part.unit}占"
                f"{quoted(share.parent or '')} {amount(point)} {part.unit}的比重")
        cells = [claim_cell(part, "amount"), *whole_cells, claim_cell(share, "amount")]
        if found := _ratio(ctx, share, Interval.printed(part.amount), interval, (part.amount, point), cells, what):
            yield found
