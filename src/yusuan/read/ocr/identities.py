"""The identities a table's printed cells obey, as linear equations the proof-reader can weigh and
solve: Σ coefficient × cell = 0 (a printed total minus its printed parts).

Three families, the ones every disclosure table carries and the checker verifies:

- the code hierarchy, by code prefix: 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项, in every column (any table that
  prints codes; a table of projects where its format declares ``hierarchy``);
- a total column = Σ its part columns, in every row, where the format declares it
  (``column_sums = [{ total = "total", parts = ["basic", "project"] }]``; a part ``-key`` subtracts);
- a total row = Σ its part rows, in every column, where the format declares it (``row_sums``; a part
  ``class:*`` is every row whose key starts so).

The declarations are the same TOML the checker reads (``TableSpec.extra``): one place says which cells
add up. A table of a format nobody declared still has its code hierarchy.
"""

from __future__ import annotations

from dataclasses import dataclass

from yusuan.formats.spec import TableSpec
from yusuan.model import Row, Table

Cell = tuple[int, int]  # (row index, column index) in one table


@dataclass(frozen=True, slots=True)
class Identity:
    """Σ coefficient × value = 0 over ``terms``; the first term is the total."""

    terms: tuple[tuple[Cell, int], ...]

    @property
    def cells(self) -> list[Cell]:
        return [cell for cell, _ in self.terms]


def table_identities(table: Table, spec: TableSpec | None) -> list[Identity]:
    """Every identity of ``table`` whose cells it prints (an identity over blanks only is left out)."""
    extra = spec.extra if spec is not None else {}
    found = _hierarchy(table, bool(extra.get("hierarchy")))
    found += _column_sums(table, extra.get("column_sums", ()))
    found += _row_sums(table, extra.get("row_sums", ()))
    return [i for i in found if any(table.rows[r].values[c] is not None for r, c in i.cells)]


def _parent(code: str) -> str | None:
    return code[:-2] if len(code) in (5, 7) else None


def _hierarchy(table: Table, declared: bool) -> list[Identity]:
    """合计 = Σ 类, and each code = Σ the codes printed under it (as the checker's SUM-HIERARCHY groups them)."""
    rows = table.rows
    coded = any(row.code for row in rows)
    if not coded and not declared:
        return []
    by_code: dict[str, int] = {}
    for index, row in enumerate(rows):
        if row.code is not None:
            by_code.setdefault(row.code, index)
    total = next((i for i, row in enumerate(rows) if row.key == "total"), None)
    groups: dict[int, list[int]] = {}
    top: list[int] = []
    for index, row in enumerate(rows):
        if index == total:
            continue
        parent = _parent(row.code) if row.code else None
        if parent is not None and parent in by_code:
            groups.setdefault(by_code[parent], []).append(index)
        elif (row.code and len(row.code) == 3) or (not coded and row.level == 1):
            top.append(index)
    if total is not None and top:
        groups[total] = top
    return [i for head, parts in groups.items() for i in _sum_rows(head, [(p, 1) for p in parts], len(table.columns))]


def _sum_rows(total: int, parts: list[tuple[int, int]], width: int) -> list[Identity]:
    """total row = Σ sign × part row, in every column."""
    return [Identity((((total, c), 1), *(((p, c), -sign) for p, sign in parts))) for c in range(width)]


def _column_sums(table: Table, declared) -> list[Identity]:
    keys = [column.key for column in table.columns]
    found: list[Identity] = []
    for raw in declared:
        signed = [(part.lstrip("-"), -1 if part.startswith("-") else 1) for part in raw["parts"]]
        if raw["total"] not in keys or any(key not in keys for key, _ in signed):
            continue  # an optional column this document does not print
        t = keys.index(raw["total"])
        for r in range(len(table.rows)):
            found.append(Identity((((r, t), 1), *(((r, keys.index(key)), -sign) for key, sign in signed))))
    return found


def _rows_keyed(rows: list[Row], key: str) -> list[int]:
    if key.endswith("*"):
        return [i for i, row in enumerate(rows) if row.key and row.key.startswith(key[:-1])]
    return next(([i] for i, row in enumerate(rows) if row.key == key), [])


def _row_sums(table: Table, declared) -> list[Identity]:
    found: list[Identity] = []
    for raw in declared:
        total = _rows_keyed(table.rows, raw["total"])
        parts = [(i, -1 if key.startswith("-") else 1) for key in raw["parts"]
                 for i in _rows_keyed(table.rows, key.lstrip("-"))]
        if total and parts:
            found += _sum_rows(total[0], parts, len(table.columns))
    return found
