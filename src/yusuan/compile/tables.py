"""Budget line items → the format's tables, every cell an aggregation of line items.

The table structure (columns, fixed rows, the 23 functional classes) comes from the format
declaration; which line items feed which table, column and row comes from the compile standard
(:mod:`yusuan.compile.standard`). Cells are summed exactly and rounded once, each on its own, when
the table is finished (see :mod:`yusuan.compile.rounding`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from yusuan.budget.model import Budget
from yusuan.compile.ledger import Entry
from yusuan.compile.rounding import print_table
from yusuan.compile.standard import Standard
from yusuan.formats.spec import FormatSpec, RowSpec, TableSpec
from yusuan.model import Column, Row, Table

ZERO = Decimal(0)


class _Matcher:
    """Which of a table's keys (its columns, or its fixed rows) each line item adds to."""

    def __init__(self, keys: list[str], dimension: str | None, standard: Standard) -> None:
        self.keys = keys
        self.dimension = dimension
        self.totals = standard.totals
        self.groups = standard.groups.get(dimension or "", {})
        catch_all = standard.catch_all.get(dimension or "")
        self.catch_all = keys.index(catch_all) if catch_all in keys else None
        self.cache: dict[str, tuple[int, ...]] = {}

    def __call__(self, entry: Entry) -> tuple[int, ...]:
        value = getattr(entry, self.dimension) if self.dimension else ""
        found = self.cache.get(value)
        if found is None:
            hits = [i for i, key in enumerate(self.keys)
                    if key in self.totals or key == value or value in self.groups.get(key, ())]
            if self.catch_all is not None and all(self.keys[i] in self.totals for i in hits):
                hits.append(self.catch_all)
            found = self.cache[value] = tuple(hits)
        return found


def build_tables(fmt: FormatSpec, standard: Standard, budget: Budget, entries: list[Entry]) -> list[Table]:
    return [build_table(spec, fmt, standard, budget, entries) for spec in fmt.tables]


def build_table(spec: TableSpec, fmt: FormatSpec, standard: Standard, budget: Budget,
                entries: list[Entry]) -> Table:
    feed = standard.feeds.get(spec.key)
    if feed is None:
        raise KeyError(f"compile standard of {fmt.id} has no feed for table {spec.key}")
    chosen = [e for e in entries if (feed.funds is None or e.fund in feed.funds)
              and (feed.spending is None or e.spending in feed.spending)]
    table = Table(number=spec.number, key=spec.key, title=spec.title, unit=fmt.unit,
                  columns=[Column(c.key, list(c.path)) for c in spec.columns],
                  text_column=Column(spec.text_column.key, list(spec.text_column.path)) if spec.text_column else None,
                  entity=budget.profile.entity)
    columns = _Matcher([c.key for c in spec.columns], feed.columns, standard)
    if spec.layout == "code_rows":
        table.rows = _code_rows(spec, budget, chosen, columns)
    elif spec.layout == "fixed_rows":
        table.rows = _fixed_rows(spec.rows, chosen, columns, _Matcher([r.key for r in spec.rows], feed.rows, standard))
    elif spec.layout == "two_sided":
        income = _Matcher([r.key for r in spec.income], feed.income, standard)
        table.rows = _two_sided(spec, chosen, income)
    else:
        table.rows = _project_rows(spec, budget, chosen, columns)
    print_table(table, standard, empty=not chosen and spec.layout in ("code_rows", "project_rows"))
    return table


def _add(cells: list[Decimal], indexes: Iterable[int], amount: Decimal) -> None:
    for i in indexes:
        cells[i] += amount


def _code_rows(spec: TableSpec, budget: Budget, entries: list[Entry], columns: _Matcher) -> list[Row]:
    width = len(spec.columns)
    functional = spec.codes == "functional"
    cells: dict[str, list[Decimal]] = {}
    total = [ZERO] * width
    for entry in entries:
        code = entry.functional if functional else entry.economic
        hits = columns(entry)
        _add(total, hits, entry.amount)
        for level in ((code[:3], code[:5], code) if functional else (code[:3], code)):
            _add(cells.setdefault(level, [ZERO] * width), hits, entry.amount)
    name: Callable[[str], str | None] = budget.functional_name if functional else budget.economic_name
    rows = [Row(label="合计", values=total, level=0, key="total")]
    rows += [Row(label=name(code) or code, values=cells[code], code=code, level={3: 1, 5: 2, 7: 3}[len(code)])
             for code in sorted(cells)]
    return rows


def _fixed_rows(specs: tuple[RowSpec, ...], entries: list[Entry], columns: _Matcher, rows: _Matcher) -> list[Row]:
    """Leaf rows take their line items; a row followed by deeper rows is the sum of its children."""
    width = len(columns.keys)
    values = [[ZERO] * width for _ in specs]
    for entry in entries:
        hits = columns(entry)
        for r in rows(entry):
            _add(values[r], hits, entry.amount)
    for r in reversed(range(len(specs))):
        children = _children(specs, r)
        if children:
            values[r] = [sum((values[c][i] for c in children), ZERO) for i in range(width)]
    return [Row(label=s.label, values=values[r], ordinal=s.ordinal, level=s.level, key=s.key)
            for r, s in enumerate(specs)]


def _children(specs: tuple[RowSpec, ...] | list[Row], r: int) -> list[int]:
    """Rows printed under row ``r`` one level deeper, up to the next row of its level or higher."""
    level = specs[r].level or 0
    children = []
    for c in range(r + 1, len(specs)):
        child_level = specs[c].level or 0
        if child_level <= level:
            break
        if child_level == level + 1:
            children.append(c)
    return children


def _two_sided(spec: TableSpec, entries: list[Entry], income: _Matcher) -> list[Row]:
    """收入 rows take line items by fund source, 支出 rows by functional class; totals sum the rows above."""
    income_values = [ZERO] * len(spec.income)
    expense_values = [ZERO] * len(spec.expense)
    classes = {row.code: i for i, row in enumerate(spec.expense) if row.code}
    for entry in entries:
        for r in income(entry):
            income_values[r] += entry.amount
        expense_values[classes[entry.functional[:3]]] += entry.amount
    rows = []
    for side, specs, values in (("收入", spec.income, income_values), ("支出", spec.expense, expense_values)):
        for r, row in enumerate(specs):
            if row.level == 0:
                values[r] = sum((values[k] for k in range(r) if specs[k].level == 1), ZERO)
            rows.append(Row(label=row.label, values=[values[r]], code=row.code, ordinal=_printed_ordinal(row.ordinal),
                            level=row.level, side=side, key=row.key))
    return rows


def _printed_ordinal(ordinal: str | None) -> str | None:
    """A bare numeral of a two-sided table is printed with its 、: 一 → 一、."""
    if ordinal and ordinal[-1] in "一二三四五六七八九十":
        return ordinal + "、"
    return ordinal


def _project_rows(spec: TableSpec, budget: Budget, entries: list[Entry], columns: _Matcher) -> list[Row]:
    width = len(spec.columns)
    total = [ZERO] * width
    by_project: dict[str, list[Decimal]] = {}
    for entry in entries:
        hits = columns(entry)
        _add(total, hits, entry.amount)
        _add(by_project.setdefault(entry.project or "", [ZERO] * width), hits, entry.amount)
    rows = [Row(label="合计", values=total, level=0, key="total", text=budget.profile.overall_goal)]
    rows += [Row(label=p.name, values=by_project[p.name], level=1, text=p.goal)
             for p in budget.projects if p.name in by_project]
    return rows
