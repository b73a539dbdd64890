"""Identities declared with a format: sums and equalities between printed cells.

A format's TOML says which of its cells must add up, so a new format brings its own identities and
the engine stays format-agnostic. (The sums every table carries by its structure — 类 = Σ款 = Σ项 and
the 合计 columns its header tree names — hold everywhere and live in :mod:`yusuan.check.structure`.)
Two per-table families and one cross-table list:

- ``column_sums = [{ total = "total", parts = ["basic", "project"] }]`` — in every row.
- ``row_sums = [{ rule = "GD-T8-SANGONG", total = "sangong", parts = ["abroad", …] }]`` — in every column.
- ``[[identities]]`` at the format level — ``{ rule, total = "T1/income_total", parts = ["T2/total/total"] }``
  with the cell references of :mod:`yusuan.check.refs`.

``[rules]`` gives each declared rule id its Chinese title and severity (``warning`` for identities
that usually but not always hold). A difference inside the rounding bound is info whatever the rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from yusuan.check.arithmetic import Operand, amount, expected_of, tail, weigh
from yusuan.check.engine import Context, Rule, per_format
from yusuan.check.findings import Cell, Finding, Severity, lazy_cell, printed
from yusuan.check.refs import Ref, domain, operands, parse_ref
from yusuan.formats.national import NATIONAL
from yusuan.formats.spec import FormatDeclarationError, FormatSpec, TableSpec, load_format
from yusuan.money import ZERO

FAMILIES = {
    "SUM-HIERARCHY": ("合计、类、款、项逐级加总一致", Severity.ERROR),
    "SUM-COLUMNS": ("每行的合计列等于各分列之和", Severity.ERROR),
    "SUM-ROWS": ("合计行等于其组成行之和", Severity.ERROR),
}
LEVEL_NAMES = {3: "类", 5: "款", 7: "项"}

Check = Callable[[Context], Iterator[Finding]]


@dataclass(frozen=True, slots=True)
class Identity:
    """total = Σ parts, over references that may hold a placeholder."""

    total: Ref
    parts: tuple[Ref, ...]

    @property
    def refs(self) -> list[Ref]:
        return [self.total, *self.parts]


# ---- messages ------------------------------------------------------------------------------------


def cite(ctx: Context, cell: Cell) -> str:
    """A cell as a person cites it; the column only where the table has more than one."""
    table = ctx.document.table(cell.table) if cell.table is not None else None
    text = cell.describe(with_column=table is None or len(table.columns) > 1)
    return text + ("（未印此行，按 0 计）" if cell.missing else "")


def value_text(operand: Operand) -> str:
    if operand.printed is None:
        return "0" if operand.missing else "空白"
    return amount(operand.printed)


def compare(ctx: Context, total: Operand, parts: list[Operand], parts_text: str | None = None) -> Finding | None:
    """Weigh a printed total against its printed parts; a finding unless they agree exactly."""
    assert ctx.rule is not None
    if ctx.coverage is not None:
        ctx.cover([total.cell, *(p.cell for p in parts)])
    verdict = weigh(total, parts)
    severity = verdict.severity(ctx.rule.severity)
    if severity is None:
        return None
    cells = [total.cell, *(p.cell for p in parts)]
    unit = total.cell.unit
    if len(parts) == 1 and parts_text is None:
        other = parts[0]
        message = (f"{cite(ctx, total.cell)}为 {value_text(total)}，{cite(ctx, other.cell)}为 {value_text(other)}，"
                   f"两者应相等；{tail(verdict, unit)}")
        if severity is not Severity.INFO:
            message += "无法判断哪一处有误。"
    else:
        if parts_text is None:
            named = [f"{cite(ctx, p.cell)} {value_text(p)}" for p in parts]
            parts_text = (" + ".join(named) if len(named) <= 4 else f"{named[0]} 等 {len(named)} 项") + " "
        message = (f"{cite(ctx, total.cell)}为 {value_text(total)}，而{parts_text}之和为 {amount(verdict.parts)}；"
                   f"{tail(verdict, unit)}")
    return ctx.finding(severity, message, cells, expected=expected_of(verdict), actual=printed(total.printed))


# ---- the per-table families ----------------------------------------------------------------------


def _adds_up(total: Decimal | None, parts: Iterable[Decimal | None]) -> bool:
    """The fast path: most printed totals equal their parts exactly, and need no operands or cells."""
    return (total or ZERO) == sum((p for p in parts if p is not None), ZERO)


def column_sums(table_number: int, total: str, parts: tuple[str, ...]) -> Check:
    """In every row, column ``total`` = Σ ``parts``; a part written ``-key`` is subtracted
    (决算 表8: 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出)."""
    signed = [(part.lstrip("-"), -1 if part.startswith("-") else 1) for part in parts]

    def run(ctx: Context) -> Iterator[Finding]:
        index = ctx.index(table_number)
        if index is None:
            return
        table = index.table
        keys = [c.key for c in table.columns]
        if total not in keys or any(p not in keys for p, _ in signed):
            return  # an optional column this document does not print
        t, ps = keys.index(total), [(keys.index(p), sign) for p, sign in signed]
        names = "、".join(("减" if sign < 0 else "") + "·".join(table.columns[p].path) for p, sign in ps)
        for row in table.rows:
            values = row.values
            if ctx.coverage is None and _adds_up(values[t], (values[p] if sign > 0 or values[p] is None
                                                             else -values[p] for p, sign in ps)):
                continue
            found = compare(ctx, Operand(values[t], lazy_cell(table, row, t)),
                            [Operand(values[p], lazy_cell(table, row, p), Decimal(sign)) for p, sign in ps],
                            f"同行{names}")
            if found:
                yield found
    return run


def _each_column(table_number: int, identity: Identity, fmt: FormatSpec) -> list[Identity]:
    """The identity in every amount column of the side its total is printed on (two-sided tables whose
    sides have columns of their own: 表1 收入 rows under 预算数, 支出 rows under 合计, 人员经费 …)."""
    spec = fmt.table(table_number)
    income, expense = spec.side_columns
    on_income = any(row.key == identity.total.row for row in spec.income)
    columns = [c.key for c in (spec.columns if spec.layout != "two_sided" else income if on_income else expense)]
    return [Identity(Ref(table_number, identity.total.row, column),
                     tuple(Ref(table_number, p.row, column) for p in identity.parts)) for column in columns]


def identities(declared: list[Identity]) -> Check:
    general = [i for i in declared if any(r.placeholder for r in i.refs)]
    plain = [i for i in declared if i not in general]

    def run(ctx: Context) -> Iterator[Finding]:
        for identity in plain:
            if found := _evaluate(ctx, identity):
                yield found
        for identity in general:
            for value in domain(ctx, identity.refs):
                bound = Identity(identity.total.bind(value), tuple(p.bind(value) for p in identity.parts))
                if found := _evaluate(ctx, bound):
                    yield found
    return run


def _evaluate(ctx: Context, identity: Identity) -> Finding | None:
    index = ctx.index(identity.total.table)
    if index is None:
        return None
    target = index.table.unit or (ctx.fmt.unit if ctx.fmt else None)
    totals = operands(ctx, identity.total, target)
    if not totals or (totals[0].missing and not identity.total.by_code):
        return None  # a fixed row not printed: nothing to compare against
    parts: list[Operand] = []
    for ref in identity.parts:
        found = operands(ctx, ref, target)
        if found is None:
            return None  # a table the document lacks: completeness reports it
        parts += found
    if all(p.missing for p in parts) and not all(r.by_code for r in identity.parts):
        return None  # none of the rows it names is printed: this document lays the table out otherwise
    return compare(ctx, totals[0], parts)  # a code a table leaves out is 0 there


# ---- loading the declaration ---------------------------------------------------------------------


def _identity(raw: dict[str, Any], fmt: FormatSpec, where: str, table: TableSpec | None = None) -> Identity:
    try:
        total, parts = raw["total"], raw["parts"]
    except KeyError as error:
        raise FormatDeclarationError(f"{fmt.id} {where}: missing {error}") from None
    if table is None:
        return Identity(parse_ref(total, fmt, where), tuple(parse_ref(p, fmt, where) for p in parts))
    keys = {row.key for row in (*table.rows, *table.income, *table.expense)} | {"total"}
    for key in (total, *parts):
        if key not in keys and not (key.endswith("*") and any(k.startswith(key[:-1]) for k in keys)):
            raise FormatDeclarationError(f"{fmt.id} {where}: {key!r} is not a declared row of 表{table.number}")
    return Identity(Ref(table.number, total, None), tuple(Ref(table.number, p, None) for p in parts))


def _rule_titles(fmt: FormatSpec) -> dict[str, tuple[str, Severity]]:
    titles = dict(FAMILIES)
    for rule_id, raw in fmt.extra.get("rules", {}).items():
        try:
            titles[rule_id] = (raw["title"], Severity(raw.get("severity", "error")))
        except (KeyError, ValueError, TypeError):
            raise FormatDeclarationError(f"{fmt.id} rules.{rule_id}: needs a title and a valid severity") from None
    return titles


def _table_checks(spec: TableSpec, fmt: FormatSpec) -> Iterable[tuple[str, Check]]:
    extra = spec.extra
    where = f"表{spec.number}"
    columns = {c.key for c in spec.all_columns}
    for raw in extra.get("column_sums", ()):
        if raw["total"] not in columns or any(p.lstrip("-") not in columns for p in raw["parts"]):
            raise FormatDeclarationError(f"{fmt.id} {where} column_sums: undeclared column in {raw}")
        if "rule" in raw:  # an unnamed column sum is the structure rule's (yusuan.check.rules.structure)
            yield raw["rule"], column_sums(spec.number, raw["total"], tuple(raw["parts"]))
    for raw in extra.get("row_sums", ()):
        identity = _identity(raw, fmt, f"{where} row_sums", spec)
        yield raw.get("rule", "SUM-ROWS"), identities(_each_column(spec.number, identity, fmt))


def _declarations(fmt: FormatSpec) -> list[FormatSpec]:
    """The national model of the format's kind, then the format itself (a region extends the nation)."""
    if fmt.extra.get("national"):
        return [fmt]
    try:
        return [load_format(NATIONAL[fmt.kind]), fmt]
    except KeyError:
        return [fmt]


@per_format
def declared_rules(fmt: FormatSpec) -> tuple[Rule, ...]:
    """The declared identities as rules — the national model's, then the region's — one per rule id
    (a region may add checks to a national rule id and give it its own title)."""
    titles: dict[str, tuple[str, Severity]] = {}
    checks: dict[str, list[Check]] = {}
    for declaration in _declarations(fmt):
        titles |= _rule_titles(declaration)
        for spec in declaration.tables:
            for rule_id, check in _table_checks(spec, declaration):
                checks.setdefault(rule_id, []).append(check)
        for n, raw in enumerate(declaration.extra.get("identities", ())):
            rule_id = raw.get("rule")
            if not rule_id:
                raise FormatDeclarationError(f"{declaration.id} identities[{n}]: needs a rule id")
            checks.setdefault(rule_id, []).append(identities([_identity(raw, declaration, f"identities[{n}]")]))
    rules = []
    for rule_id, group in checks.items():
        if rule_id not in titles:
            raise FormatDeclarationError(f"{fmt.id}: rule {rule_id} has no title in [rules]")
        title, severity = titles[rule_id]
        rules.append(Rule(rule_id, title, severity, _chain(group)))
    return tuple(rules)


def _chain(checks: list[Check]) -> Callable[[Context], Iterator[Finding]]:
    def run(ctx: Context) -> Iterator[Finding]:
        for check in checks:
            yield from check(ctx)
    return run
