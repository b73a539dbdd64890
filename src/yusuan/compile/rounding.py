"""How exact amounts become printed cells, and what the notes say about it.

The rule (documented in ``docs/budget-input.md``): every cell is its own exact amount rounded half
up to two places, independently of the cells it adds up to. So two cells that are the same amount
(表1 社会保障和就业支出 and 表3's 208 合计, 表5's 基本支出 合计 and 表6's 合计) are always printed the
same, and a printed total differs from the sum of its printed parts by at most half a cent per
number involved — never more than the rounding bound. Where a table does show such a 尾数误差, its
note says so, as published tables do.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.compile.standard import Standard
from yusuan.model import Column, Row, Table
from yusuan.money import round_half_up

PLACES = 2
TOTAL_WORDS = frozenset({"合计", "总计", "小计"})


def printed(amount: Decimal) -> Decimal:
    return round_half_up(amount, PLACES)


def print_table(table: Table, standard: Standard, *, empty: bool) -> None:
    """Round every cell in place and write the table's notes."""
    for row in table.rows:
        row.values = [None if v is None else printed(v) for v in row.values]
    notes = list(standard.notes.get(table.number, ()))
    if empty:
        notes = [standard.empty_note]
    elif has_rounding_gap(table) and standard.rounding_note not in notes:
        notes.append(standard.rounding_note)
    table.notes = notes or [standard.none_note]


def has_rounding_gap(table: Table) -> bool:
    """True when some printed total differs from the sum of its printed parts (rows or columns)."""
    for total, parts in row_sums(table.rows):
        for i in range(len(table.columns)):
            if _differs(total.values[i], [p.values[i] for p in parts]):
                return True
    for total, parts in column_sums(table.columns):
        for row in table.rows:
            if _differs(row.values[total], [row.values[p] for p in parts]):
                return True
    return False


def _differs(total: Decimal | None, parts: list[Decimal | None]) -> bool:
    return total is not None and total != sum((p for p in parts if p is not None), Decimal(0))


def row_sums(rows: list[Row]) -> list[tuple[Row, list[Row]]]:
    """Each total row with the rows it adds up.

    Two-sided tables print their totals after the parts (本年收入合计 = the 一、二、三 rows above it);
    other tables print a total above the rows one level deeper (合计 › 类 › 款 › 项, “三公” › its parts).
    """
    sums: list[tuple[Row, list[Row]]] = []
    for side in {row.side for row in rows}:
        block = [row for row in rows if row.side == side]
        for r, row in enumerate(block):
            level = row.level or 0
            if side is not None:
                if level == 0:
                    sums.append((row, [p for p in block[:r] if p.level == 1]))
                continue
            children = []
            for child in block[r + 1:]:
                if (child.level or 0) <= level:
                    break
                if child.level == level + 1:
                    children.append(child)
            if children:
                sums.append((row, children))
    return sums


def column_sums(columns: list[Column]) -> list[tuple[int, list[int]]]:
    """Each total column (合计, 总计, 小计) with the columns it adds up.

    A total column sums the columns under the same header: the groups' own total columns where a
    group has one (总计 = 财政拨款·合计 + 财政专户拨款 + 其他资金), their leaves where it has none
    (合计 = 一般公共预算 + 政府性基金预算 + … in 表2).
    """
    sums = []
    for t, column in enumerate(columns):
        if column.path[-1] not in TOTAL_WORDS:
            continue
        depth = len(column.path) - 1
        prefix = column.path[:depth]
        parts = []
        for p, other in enumerate(columns):
            if p == t or other.path[:depth] != prefix or len(other.path) <= depth:
                continue
            group = other.path[: depth + 1]
            group_total = next((i for i, c in enumerate(columns) if len(c.path) == depth + 2
                                and c.path[: depth + 1] == group and c.path[-1] in TOTAL_WORDS), None)
            if group_total is None or group_total == p:
                parts.append(p)
        sums.append((t, parts))
    return sums
