"""Narrative claims (Part 3) against the tables and against their own arithmetic.

A claim says ``<subject> A 万元，比上年增加 D 万元，增长 P%``. Last year's amount is A − D (A + D for a
decrease); the percentage must be D ÷ last year at its printed precision, recomputed over every
exact amount the printed A and D allow (and A narrowed by the table where the table prints it more
precisely); the words must agree with each other; ``基数为0，不可比`` only where last year was 0.
Which subject is which cell (or sum of cells), which claims are parts of which, and which subjects only
usually match their cell (``soft``: a warning), the format declares (``[narrative]``). A figure in 万元
agrees with cells in 元 when their sum rounds to it at its printed precision: that is no 尾数误差.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal

from yusuan.check.arithmetic import Interval, Operand, amount, growth_rate, last_year, signed, weigh
from yusuan.check.declared import cite, compare, value_text
from yusuan.check.engine import Context, per_format, rule
from yusuan.check.findings import Finding, Severity, claim_cell, printed, quoted
from yusuan.check.refs import Ref, operands, parse_ref
from yusuan.formats.spec import FormatSpec
from yusuan.model import Claim
from yusuan.money import Unit, places_of, round_half_up

MONEY_UNITS = frozenset(u.value for u in Unit)
STATED = ("statement", "part")
_UP_WORDS = {"增加": "增长", "减少": "下降"}


@dataclass(frozen=True, slots=True)
class ItemTables:
    """Where the narrative items of some sections are printed: the rows of their subject, summed over
    ``tables``, in ``column`` (Shanghai 编制说明 items: 表5 + 表6 + 表7 合计)."""

    sections: tuple[str, ...]  # none: every section (the national model, by kind)
    tables: tuple[int | str, ...]  # table numbers a region declares, or kinds (the national model's)
    column: str

    def covers(self, section: str) -> bool:
        return not self.sections or any(section == s or section.startswith(s + ".") for s in self.sections)


@dataclass(frozen=True, slots=True)
class NarrativeSpec:
    subjects: dict[str, tuple[Ref, ...]]  # a subject's cell, or the cells it is the sum of
    soft: frozenset[str]  # subjects whose figure usually but not always equals the cell
    budgets: dict[str, tuple[Ref, ...]]  # final accounts: the 预算数 cell of a subject (完成率)
    sums: tuple[tuple[str, ...], ...]
    key_projects: int | None
    vehicles: tuple[str, Ref] | None  # the count claim's subject, the cell of vehicle running costs
    items: tuple[ItemTables, ...]
    # a subject the text may state of another table without saying so (支出预算总计 in a paragraph on
    # 财政拨款: the 财政拨款收支总表's): a figure equal to that one is a warning, not an error
    alternatives: dict[str, tuple[Ref, ...]] = field(default_factory=dict)


def _refs(fmt: FormatSpec, raw: dict, where: str) -> dict[str, tuple[Ref, ...]]:
    return {name: tuple(parse_ref(r, fmt, f"{where}.{name}") for r in ([ref] if isinstance(ref, str) else ref))
            for name, ref in raw.items()}


@per_format
def narrative_spec(fmt: FormatSpec | None) -> NarrativeSpec:
    raw = fmt.extra.get("narrative", {}) if fmt else {}
    projects = raw.get("key_projects")
    vehicles = raw.get("vehicles")
    items = tuple(ItemTables(tuple(i.get("sections", ())), tuple(i.get("tables", ())) + tuple(i.get("kinds", ())),
                             i["column"]) for i in raw.get("items", ()))
    for item in items:
        for table in item.tables:  # validates table (or kind) and column
            parse_ref(f"T{table}/total/{item.column}" if isinstance(table, int) else f"{table}/total/{item.column}",
                      fmt, "narrative.items")
    return NarrativeSpec(_refs(fmt, raw.get("subjects", {}), "narrative.subjects") if fmt else {},
                         frozenset(raw.get("soft", ())),
                         _refs(fmt, raw.get("budgets", {}), "narrative.budgets") if fmt else {},
                         tuple(tuple(s) for s in raw.get("sums", ())),
                         int(projects.lstrip("T")) if projects else None,
                         (vehicles[0], parse_ref(vehicles[1], fmt, "narrative.vehicles")) if vehicles else None,
                         items, _refs(fmt, raw.get("alternatives", {}), "narrative.alternatives") if fmt else {})


def money_claims(ctx: Context, roles: tuple[str, ...] = STATED) -> Iterator[Claim]:
    for claim in ctx.document.claims:
        if claim.role in roles and claim.unit in MONEY_UNITS:
            yield claim


def cells_of(ctx: Context, refs: tuple[Ref, ...], unit: str) -> list[Operand] | None:
    """The printed cells of some references, in ``unit``; None when a table lacks them or none is printed."""
    found: list[Operand] = []
    for ref in refs:
        cells = operands(ctx, ref, unit)
        if cells is None:
            return None
        found += cells
    return found if any(not cell.missing for cell in found) else None


def table_operands(ctx: Context, claim: Claim) -> list[Operand] | None:
    """The table cells a claim's subject states (their sum is its figure), in the claim's unit; None if
    not declared or not printed."""
    refs = narrative_spec(ctx.fmt).subjects.get(claim.subject)
    return cells_of(ctx, refs, claim.unit) if refs else None


def span(cells: list[Operand]) -> Interval:
    """Every exact amount printed cells may stand for, summed."""
    return Interval.around(sum((c.value for c in cells), Decimal(0)), sum((c.bound for c in cells), Decimal(0)))


def restated(figure: Operand, cells: list[Operand]) -> bool:
    """A figure restating finer cells at its own precision (万元 from 元): the cells' sum rounds to it."""
    if figure.printed is None or sum((c.bound for c in cells), Decimal(0)) >= figure.bound:
        return False
    total = sum((c.value for c in cells), Decimal(0))
    return round_half_up(total, places_of(figure.printed)) == figure.value


def compare_claim(ctx: Context, claim: Claim, cells: list[Operand], field: str = "amount") -> Finding | None:
    """A narrative figure against the cells it states: nothing when it is their sum at its precision, a
    warning instead of an error for a subject the format declares soft."""
    figure = claim_operand(claim, field)
    if restated(figure, cells):
        if ctx.coverage is not None:
            ctx.cover([figure.cell, *(c.cell for c in cells)])
        return None
    found = compare(ctx, figure, cells)
    if found is None:
        return None
    if any(c.cell.unit not in (None, claim.unit) for c in cells):
        found = replace(found, message=_converted(ctx, figure, cells))
    if found.severity is Severity.ERROR and claim.subject in narrative_spec(ctx.fmt).soft:
        found = replace(found, severity=Severity.WARNING, message=found.message + "（两者口径不尽相同，仅作提示。）")
    elif found.severity is Severity.ERROR and _one_unit_off(figure, cells):
        found = replace(found, severity=Severity.WARNING, message=found.message + (
            "差额只有说明所写精度的一个末位单位：可能是为使各项之和等于合计而作的尾差调整，请核对。"))
    return found


def _one_unit_off(figure: Operand, cells: list[Operand]) -> bool:
    """A figure restating finer cells that misses their rounded sum by one unit of its last place: what
    a writer does to make rounded items add up to their rounded total (尾差调整), not a wrong number."""
    if figure.printed is None or sum((c.bound for c in cells), Decimal(0)) >= figure.bound:
        return False
    total = sum((c.value for c in cells), Decimal(0))
    return abs(figure.value - total) <= 3 * figure.bound


def _converted(ctx: Context, figure: Operand, cells: list[Operand]) -> str:
    """The message for a figure in 万元 against cells in 元: each cell as printed, their sum converted."""
    assert figure.printed is not None
    unit = figure.cell.unit or ""
    verdict = weigh(figure, cells)
    places = places_of(figure.printed)
    named = " + ".join(f"{cite(ctx, c.cell)} {value_text(c)} {c.cell.unit or ''}".rstrip() for c in cells)
    difference = round_half_up(verdict.difference, places)
    judged = "在尾数误差范围内，属尾数误差" if verdict.within else "超出尾数误差范围"
    return (f"{cite(ctx, figure.cell)}为 {amount(figure.printed)} {unit}，{named}{'之和' if len(cells) > 1 else ''}"
            f"折合 {amount(round_half_up(verdict.parts, places))} {unit}；差额 {signed(difference)} {unit}，{judged}。")


def claim_operand(claim: Claim, field: str = "amount") -> Operand:
    return Operand.of(getattr(claim, field), claim_cell(claim, field), claim.unit, claim.unit)


@rule("NARR-TABLE", "说明中的金额与表中数字一致", Severity.ERROR)
def claims_against_tables(ctx: Context) -> Iterator[Finding]:
    budgets = narrative_spec(ctx.fmt).budgets
    sums = narrative_spec(ctx.fmt).sums
    for claim in money_claims(ctx, (*STATED, "budget")):
        if claim.amount is None or _part_of_another(claim, sums):
            continue
        if claim.role == "budget":  # a 决算 narrative's 年初预算 against the table's 预算数
            refs = budgets.get(claim.subject)
            cells = cells_of(ctx, refs, claim.unit) if refs else None
        else:
            cells = table_operands(ctx, claim)
        if cells is not None and (found := compare_claim(ctx, claim, cells)):
            yield _or_alternative(ctx, claim, found)


def _part_of_another(claim: Claim, sums: tuple[tuple[str, ...], ...]) -> bool:
    """A part listed under a whole it does not belong to by the format's sums (公务用车运行维护费 in the
    list of 机关运行经费): the 机关's share of the subject, not the department's total of it."""
    if claim.role != "part" or not claim.parent or claim.parent == claim.subject:
        return False
    groups = [group for group in sums if claim.subject in group]
    return bool(groups) and not any(claim.parent in group for group in groups)


def _or_alternative(ctx: Context, claim: Claim, found: Finding) -> Finding:
    """An error that the figure would not be if the text meant the subject's alternative table."""
    refs = narrative_spec(ctx.fmt).alternatives.get(claim.subject)
    if found.severity is not Severity.ERROR or not refs:
        return found
    cells = cells_of(ctx, refs, claim.unit)
    if cells is None or compare_claim(ctx, claim, cells) is not None:
        return found
    where = "、".join(cite(ctx, c.cell) for c in cells)
    return replace(found, severity=Severity.WARNING, message=found.message + (
        f"但它与{where}相等：文中所说的可能是后者，只是没有写明；请核对用语。"))


def _sign(claim: Claim) -> int:
    return -1 if claim.direction == "减少" else 1


def current_interval(ctx: Context, claim: Claim) -> Interval:
    """This year's amount as the claim prints it, narrowed by its table cell where the two agree."""
    assert claim.amount is not None
    own = Interval.printed(claim.amount)
    cells = table_operands(ctx, claim)
    if not cells:
        return own
    return own.meet(span(cells)) or own


@rule("NARR-PERCENT", "说明中的增减百分比与金额、增减额相符", Severity.ERROR)
def percentages(ctx: Context) -> Iterator[Finding]:
    for claim in money_claims(ctx):
        if claim.percent is None or claim.amount is None or claim.change is None or not claim.comparable:
            continue
        cells = [claim_cell(claim, "amount"), claim_cell(claim, "change"), claim_cell(claim, "percent")]
        ctx.cover(cells)
        if stated := table_operands(ctx, claim):
            cells += [c.cell for c in stated if not c.missing]  # their precision narrows this year's amount
        current, change, sign = current_interval(ctx, claim), Interval.printed(claim.change), _sign(claim)
        base = last_year(current, change, sign)
        rate = growth_rate(current, change, sign)
        if rate is None:
            if base.high > 0:
                yield ctx.finding(Severity.WARNING, f"{quoted(claim.name)}上年数（{amount(claim.amount)} "
                                  f"{'减' if sign > 0 else '加'} {amount(claim.change)}）约为 0，增减百分比无定义，"
                                  f"却印了 {amount(claim.percent)}%；应写“基数为0，不可比”。", cells,
                                  actual=printed(claim.percent))
            continue  # a negative last year is NARR-BASE's finding
        places = places_of(claim.percent)
        before = claim.amount - sign * claim.change
        point = round_half_up(claim.change / before * 100, places) if before > 0 else None
        within = Interval.printed(claim.percent).meet(rate) is not None
        if within and point == claim.percent:
            continue
        low, high = (round_half_up(v, places + 2) for v in (rate.low, rate.high))
        word = claim.percent_direction or _UP_WORDS.get(claim.direction or "", "变动")
        computed = f"{word}率为 {amount(point)}%" if point is not None else f"{word}率无法直接算出"
        stated = (f"{quoted(claim.name)}本年 {amount(claim.amount)} {claim.unit}，比上年{claim.direction or ''} "
                  f"{amount(claim.change)} {claim.unit}，上年为 {amount(before)} {claim.unit}，按印刷数字计算{computed}"
                  f"（计入尾数误差在 {amount(low)}%～{amount(high)}% 之间），文中写的是 {amount(claim.percent)}%")
        severity = Severity.INFO if within else Severity.ERROR
        tail = "，在尾数误差范围内，属尾数误差。" if within else "，超出尾数误差范围。"
        yield ctx.finding(severity, stated + tail, cells, expected=printed(point), actual=printed(claim.percent))


@rule("NARR-BASE", "上年数（本年数－增减额）不为负，“基数为0，不可比”仅用于上年为0", Severity.ERROR)
def last_year_base(ctx: Context) -> Iterator[Finding]:
    for claim in money_claims(ctx):
        if claim.amount is None or claim.change is None:
            continue
        cells = [claim_cell(claim, "amount"), claim_cell(claim, "change")]
        ctx.cover(cells)
        sign = _sign(claim)
        base = last_year(current_interval(ctx, claim), Interval.printed(claim.change), sign)
        before = claim.amount - sign * claim.change
        if not claim.comparable and not base.contains(Decimal(0)):
            yield ctx.finding(Severity.ERROR, f"{quoted(claim.name)}称“基数为0，不可比”，但按本年 "
                              f"{amount(claim.amount)} {claim.unit}、比上年{claim.direction or ''} "
                              f"{amount(claim.change)} {claim.unit} 推算，"
                              f"上年为 {amount(before)} {claim.unit}，不是 0。", cells, expected="0",
                              actual=printed(before))
        elif base.high < 0:
            yield ctx.finding(Severity.ERROR, f"{quoted(claim.name)}本年 {amount(claim.amount)} {claim.unit}，"
                              f"却比上年增加 {amount(claim.change)} {claim.unit}，上年数将为负"
                              f"（{amount(before)} {claim.unit}），不可能。", cells, actual=printed(claim.change))


@rule("NARR-DIRECTION", "说明中的增减用词前后一致", Severity.ERROR)
def directions(ctx: Context) -> Iterator[Finding]:
    for claim in money_claims(ctx):
        if claim.direction == "持平" and claim.change:
            yield ctx.finding(Severity.ERROR, f"{quoted(claim.name)}称与上年持平，却印了增减额 {amount(claim.change)} "
                              f"{claim.unit}。", [claim_cell(claim, "change")], expected="0",
                              actual=printed(claim.change))
        expected = _UP_WORDS.get(claim.direction or "")
        if expected and claim.percent_direction and claim.percent_direction != expected and claim.change:
            cells = [claim_cell(claim, "change")] + ([claim_cell(claim, "percent")] if claim.percent else [])
            yield ctx.finding(Severity.ERROR, f"{quoted(claim.name)}说比上年{claim.direction} {amount(claim.change)} "
                              f"{claim.unit}，却说{claim.percent_direction}"
                              f"{amount(claim.percent) + '%' if claim.percent is not None else ''}，增减方向自相矛盾。",
                              cells)


def _first(ctx: Context, subject: str) -> Claim | None:
    return next((c for c in money_claims(ctx) if c.subject == subject), None)


@rule("NARR-SUM", "说明中的合计等于其各部分之和（金额与增减额）", Severity.ERROR)
def claim_sums(ctx: Context) -> Iterator[Finding]:
    for total_subject, *part_subjects in narrative_spec(ctx.fmt).sums:
        total = _first(ctx, total_subject)
        parts = [c for s in part_subjects if (c := _first(ctx, s)) is not None]
        if total is None or len(parts) != len(part_subjects):
            continue
        if total.amount is not None and all(p.amount is not None for p in parts):
            found = compare(ctx, claim_operand(total), [claim_operand(p) for p in parts])
            if found:
                yield found
        if total.change is not None and all(p.change is not None for p in parts):
            found = compare(ctx, _signed(total), [_signed(p) for p in parts],
                            "、".join(f"{quoted(p.name)}{'减少' if _sign(p) < 0 else '增加'} {amount(p.change)}"
                                      for p in parts if p.change is not None) + " ")
            if found:
                yield found


def _signed(claim: Claim) -> Operand:
    assert claim.change is not None
    return Operand(claim.change * _sign(claim), claim_cell(claim, "change"))


@rule("NARR-VEHICLES", "安排公务用车运行维护费的，国有资产情况中应有车辆（软性核对）", Severity.WARNING)
def vehicles(ctx: Context) -> Iterator[Finding]:
    declared = narrative_spec(ctx.fmt).vehicles
    if declared is None:
        return
    subject, ref = declared
    count = next((c for c in ctx.document.claims if c.subject == subject and c.amount is not None), None)
    found = operands(ctx, ref, None)
    if count is None or not found or found[0].missing:
        return
    cost = found[0]
    ctx.cover([claim_cell(count, "amount"), cost.cell], Severity.WARNING)
    if count.amount == 0 and cost.value > 0:
        yield ctx.finding(Severity.WARNING, f"国有资产情况称有车辆 0 {count.unit}，{cost.cell.describe()} 却安排了 "
                          f"{amount(cost.value)} {cost.cell.unit or ''}：没有车辆就不应有运行维护费（除非租用）。",
                          [claim_cell(count, "amount"), cost.cell], actual=printed(cost.printed))
