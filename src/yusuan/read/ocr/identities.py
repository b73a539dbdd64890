"""The identities a table's printed cells obey, as linear equations the proof-reader can weigh and
solve: Σ coefficient × cell = 0 (a printed total minus its printed parts).

They are the checker's own structural identities (:mod:`yusuan.check.structure`), so that what the
proof-reader trusts is exactly what ``check`` verifies, on every table of the national model:

- the row hierarchy: 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项 by code, or by level where a table prints names only;
- a total column = Σ its part columns, in every row (by the columns' concepts and header tree; a
  region's declared ``column_sums`` instead where it states them, a part ``-key`` subtracting);
- the fixed rows of 收支总表 and its kind: a numbered row = the rows under it, 合计 = the rows above.
"""

from __future__ import annotations

from dataclasses import dataclass

from yusuan.check.rules.structure import FIXED_ROWS, NO_HIERARCHY, NO_SUMS
from yusuan.check.structure import column_sums, row_groups, side_sums
from yusuan.formats.national import vocabulary
from yusuan.formats.spec import TableSpec
from yusuan.model import Table

Cell = tuple[int, int]  # (row index, column index) in one table


@dataclass(frozen=True, slots=True)
class Identity:
    """Σ coefficient × value = 0 over ``terms``; the first term is the total."""

    terms: tuple[tuple[Cell, int], ...]

    @property
    def cells(self) -> list[Cell]:
        return [cell for cell, _ in self.terms]


def table_identities(table: Table, spec: TableSpec | None, kind: str = "budget") -> list[Identity]:
    """Every identity of ``table`` whose cells it prints (an identity over blanks only is left out);
    ``kind``: budget or final_accounts (whose vocabulary names the columns)."""
    if table.key in NO_SUMS:
        return []
    index = {id(row): i for i, row in enumerate(table.rows)}
    width = len(table.columns)
    found: list[Identity] = []
    if table.key not in NO_HIERARCHY:
        for group in row_groups(table):
            found += _sum_rows(index[id(group.total)], [(index[id(p)], 1) for p in group.parts], width)
    declared = spec.extra.get("column_sums") if spec is not None else None
    if declared:
        found += _column_sums(table, declared)
    else:
        for identity in column_sums(table, vocabulary(kind)):
            found += [Identity((((r, identity.total), 1), *(((r, p), -1) for p in identity.parts)))
                      for r in range(len(table.rows))]
    if table.key in FIXED_ROWS:
        for identity in side_sums(table):
            found += _sum_rows(index[id(identity.total)], [(index[id(p)], 1) for p in identity.parts], width)
    return [i for i in found if any(table.rows[r].values[c] is not None for r, c in i.cells)]


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
