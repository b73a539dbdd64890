"""Two documents side by side — two years of a department, or two departments — by table, subject and column.

Cells are matched by what they *are*, not where they were printed: the table's key, the side of a
two-sided table, the row's subject code (or the format's fixed-row key, or its label), and the
column's key. Amounts of B are converted exactly into A's unit where the tables' units differ. A
blank is not zero: a cell blank on one side and printed on the other is reported as such — except a
0.00 against nothing, which says no amount either way and is listed only with everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from yusuan.model import Document, Row, Table
from yusuan.money import AmountError, Unit, convert, format_amount, round_half_up


def shown(text: str | None, signed: bool = False) -> str:
    """A decimal string as the tables print it (``1,918.42``, places kept; ``+10.00`` when ``signed``)."""
    if text is None:
        return ""
    try:
        value = Decimal(text)
    except InvalidOperation:
        return text
    printed = format_amount(value, places=None)
    return f"+{printed}" if signed and value > 0 else printed


STATUS = {"changed": "有增减", "added": "仅 B 有", "removed": "仅 A 有", "same": "相同",
          "zero": "一方为 0、另一方未列"}


# Listed only when everything is asked for: equal, or 0.00 printed on one side and nothing on the other
# (a code table leaves out empty subjects; a blank is still not zero, but there is no amount to compare).
QUIET = frozenset({"same", "zero"})


@dataclass(frozen=True, slots=True)
class Difference:
    code: str | None
    label: str
    side: str | None
    column: str  # the column's header path joined with ·
    column_key: str
    a: Decimal | None
    b: Decimal | None  # in A's unit
    status: str  # changed | added | removed | same

    @property
    def change(self) -> Decimal | None:
        if self.a is None or self.b is None:
            return None
        return self.b - self.a

    @property
    def percent(self) -> Decimal | None:
        """Change as a percentage of A, to two places; none when A is zero or blank."""
        change = self.change
        if change is None or not self.a:
            return None
        return round_half_up(change * 100 / self.a, 2)

    def to_dict(self) -> dict[str, Any]:
        def text(value: Decimal | None) -> str | None:
            return None if value is None else format(value, "f")

        return {"code": self.code, "label": self.label, "side": self.side, "column": self.column,
                "column_key": self.column_key, "a": text(self.a), "b": text(self.b), "change": text(self.change),
                "percent": text(self.percent), "status": self.status}


@dataclass(slots=True)
class TableComparison:
    number: int
    key: str
    title: str
    unit: str
    in_a: bool
    in_b: bool
    differences: list[Difference] = field(default_factory=list)

    @property
    def changed(self) -> list[Difference]:
        return [d for d in self.differences if d.status not in QUIET]

    def to_dict(self, everything: bool = False) -> dict[str, Any]:
        shown = self.differences if everything else self.changed
        return {"number": self.number, "key": self.key, "title": self.title, "unit": self.unit, "in_a": self.in_a,
                "in_b": self.in_b, "changed": len(self.changed), "cells": len(self.differences),
                "differences": [d.to_dict() for d in shown]}


@dataclass(slots=True)
class Comparison:
    tables: list[TableComparison]
    notes: list[str]  # what the reader should know: formats or units differ, tables missing

    @property
    def changed(self) -> int:
        return sum(len(t.changed) for t in self.tables)


def _identity(row: Row) -> str:
    return row.code or row.key or row.label


def _rows(table: Table) -> dict[tuple[str | None, str], Row]:
    """Rows by (side, identity); a repeated identity gets a counter so both are kept."""
    rows: dict[tuple[str | None, str], Row] = {}
    counted: dict[tuple[str | None, str], int] = {}  # the last counter given per identity: no search from 1
    for row in table.rows:
        identity = (row.side, _identity(row))
        key, n = identity, counted.get(identity, 1)
        while key in rows:
            n += 1
            key = (row.side, f"{identity[1]}#{n}")
        counted[identity] = n
        rows[key] = row
    return rows


def _factor(a: Table, b: Table) -> tuple[Unit, Unit] | None:
    try:
        units = Unit.parse(a.unit), Unit.parse(b.unit)
    except AmountError:  # a table without a readable unit is compared as printed
        return None
    return units if units[0] is not units[1] else None


def compare_tables(a: Table | None, b: Table | None) -> TableComparison:
    base = a or b
    assert base is not None
    result = TableComparison(base.number, base.key, base.title, (a or b).unit, a is not None, b is not None)
    rows_a = _rows(a) if a else {}
    rows_b = _rows(b) if b else {}
    units = _factor(a, b) if a and b else None
    columns = {c.key: c for c in (b.columns if b else [])} | {c.key: c for c in (a.columns if a else [])}
    for key in list(rows_a) + [k for k in rows_b if k not in rows_a]:
        row_a, row_b = rows_a.get(key), rows_b.get(key)
        row = row_a or row_b
        assert row is not None
        for column_key, column in columns.items():
            va = _value(a, row_a, column_key)
            vb = _value(b, row_b, column_key)
            if vb is not None and units is not None:
                vb = convert(vb, units[1], units[0])
            if va is None and vb is None:
                continue
            if (va is None and vb == 0) or (vb is None and va == 0):
                status = "zero"  # 0.00 on one side, not printed on the other: nothing to compare
            else:
                status = "added" if va is None else "removed" if vb is None else "same" if va == vb else "changed"
            result.differences.append(Difference(row.code, row.label, row.side, column.label, column_key, va, vb,
                                                 status))
    return result


def _value(table: Table | None, row: Row | None, column_key: str) -> Decimal | None:
    if table is None or row is None:
        return None
    try:
        return row.values[table.column_index(column_key)]
    except KeyError:
        return None


def compare_documents(a: Document, b: Document) -> Comparison:
    """Every table of either document, matched by key (else by number), cell by cell."""
    notes = []
    if a.meta.format != b.meta.format:
        notes.append(f"两份文件的公开格式不同（A 为 {a.meta.format}，B 为 {b.meta.format}）："
                     "只有同名的表、科目和栏目能对上。")
    tables = []
    matched_b: set[int] = set()
    for table in a.tables:
        other = b.table_by_key(table.key) or (b.table(table.number) if a.meta.format == b.meta.format else None)
        if other is not None:
            matched_b.add(id(other))
            if table.unit != other.unit and _factor(table, other):
                notes.append(f"表{table.number} 的金额单位不同（A 为 {table.unit}，B 为 {other.unit}）："
                             f"B 的金额已换算为 {table.unit}。")
        tables.append(compare_tables(table, other))
    tables += [compare_tables(None, t) for t in b.tables if id(t) not in matched_b]
    for t in tables:
        if not t.in_b:
            notes.append(f"表{t.number} {t.title} 只在 A 中有。")
        elif not t.in_a:
            notes.append(f"表{t.number} {t.title} 只在 B 中有。")
    return Comparison(tables, notes)
