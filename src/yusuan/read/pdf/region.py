"""A region's declaration applied to tables read on the national model.

The generic reader gives every table its kind and canonical keys. Where the document is in a declared
regional format, that declaration says how the region numbers its tables, which fixed rows and columns
it prints under which names, and what it calls them; this module renames the read tables accordingly
(表 number and key from the declared title, declared column and row keys from the printed names) and
reports what the declaration expects but the document does not print. A document in no declared format
keeps the national kinds and keys.
"""

from __future__ import annotations

from yusuan.formats.detect import title_key
from yusuan.formats.spec import ColumnSpec, FormatSpec, RowSpec, TableSpec
from yusuan.memo import by_identity
from yusuan.model import Diagnostic, Source, Table
from yusuan.text import label_key, split_ordinal


@by_identity
def _titles(fmt: FormatSpec) -> dict[str, TableSpec]:
    return {title_key(title): spec for spec in fmt.tables for title in spec.titles}


def declared_spec(table: Table, fmt: FormatSpec, by_title: bool = False) -> TableSpec | None:
    """The declared table a read table is: by its title, else (unless ``by_title``) by its kind where
    the region declares one table of that kind."""
    if table.title and (spec := _titles(fmt).get(title_key(table.title))):
        return spec
    same_kind = [spec for spec in fmt.tables if spec.key == table.key]
    return same_kind[0] if len(same_kind) == 1 and not by_title else None


# Kinds a department often has nothing to put in (no fund of that kind): printed empty, with a note.
OFTEN_EMPTY = frozenset({"gov_fund_functional", "soe_functional", "gov_fund", "soe", "special_account", "carryover",
                         "procurement", "performance", "project"})
_EMPTY_WORDS = ("空表", "无数据", "无发生", "没有", "不涉及", "无此项")


def may_be_empty(table: Table, fmt: FormatSpec) -> bool:
    """May this table print no rows at all (its note says so, its kind often is, the region says so)?"""
    if any(w in note for note in table.notes for w in _EMPTY_WORDS) or table.key in OFTEN_EMPTY:
        return True
    spec = None if fmt.extra.get("national") else next(
        (s for s in fmt.tables if s.number == table.number and s.key == table.key), None)
    return spec is not None and spec.may_be_empty


def sides_declared(table: Table, fmt: FormatSpec) -> bool:
    """Does the region declare this two-sided table with columns of each side's own (上海 表1)?"""
    spec = None if fmt.extra.get("national") else next(
        (s for s in fmt.tables if s.number == table.number and s.key == table.key), None)
    return spec is not None and bool(spec.income_columns or spec.expense_columns)


def apply_region(tables: list[Table], fmt: FormatSpec, diagnostics: list[Diagnostic], forced: bool = False) -> int:
    """Number, key, columns and rows of each read table as the regional declaration names them;
    returns how many tables it named. A format the user forces names only the tables it declares by title."""
    used: set[int] = set()
    if forced and not any(declared_spec(t, fmt, by_title=True) for t in tables):
        return 0
    for table in tables:
        spec = declared_spec(table, fmt)
        if spec is None or spec.number in used:
            continue
        used.add(spec.number)
        table.number, table.key = spec.number, spec.key
        if spec.layout == "two_sided" and not (spec.income_columns or spec.expense_columns):
            from yusuan.read.pdf.recognise import share_sides
            share_sides(table)
        _columns(table, spec, diagnostics)
        _rows(table, spec)
        if spec.layout == "values_row":
            for row in table.rows:
                if not row.label and any(v is not None for v in row.values):
                    row.label, row.key, row.level = spec.row_label or "", spec.extra.get("row_key", "values"), 1
    return len(used)


def _path_score(spec: ColumnSpec, path: list[str]) -> int:
    """How well a declared column names a printed header path: its leaf must match (or a declared
    header word be in it), and each further matching ancestor counts."""
    printed = [label_key(p) for p in path]
    if not printed:
        return 0
    leaf = printed[-1]
    names = [label_key(h) for h in (spec.header or (spec.path[-1],))]
    if not any(leaf == n or (n in leaf and len(leaf) <= len(n) + 8) for n in names):
        return 0
    score = 2 if leaf in names else 1
    for ancestor in (label_key(p) for p in spec.path[:-1]):
        if any(ancestor == p or ancestor in p for p in printed[:-1]):
            score += 1
    return score


def _columns(table: Table, spec: TableSpec, diagnostics: list[Diagnostic]) -> None:
    declared = list(spec.all_columns)
    taken: set[str] = set()
    for column in table.columns:
        scored = sorted(((_path_score(c, column.path), n, c) for n, c in enumerate(declared)
                         if c.key not in taken), key=lambda t: (-t[0], t[1]))
        if scored and scored[0][0] > 0:
            column.key = scored[0][2].key
            taken.add(column.key)
    missing = [c for c in declared if c.key not in taken and not c.optional]
    if missing and table.columns:
        names = "、".join(dict.fromkeys(c.path[-1] for c in missing))
        where = Source(page=table.pages[0] if table.pages else None)
        diagnostics.append(Diagnostic(f"表{table.number} 表头中找不到这些列：{names}。", where))


def _rows(table: Table, spec: TableSpec) -> None:
    """Fixed rows by their printed names; a name that stands for several rows takes them in order."""
    groups: dict[str | None, tuple[RowSpec, ...]] = {None: spec.rows, "收入": spec.income, "支出": spec.expense}
    used: set[tuple[str | None, str]] = set()
    for row in table.rows:
        side = "支出" if row.side and row.side.startswith("支出") else row.side
        declared = groups.get(side, ())
        name = label_key(split_ordinal(row.label)[1])
        matches = [r for r in declared if any(label_key(n) == name for n in r.names)]
        fresh = [r for r in matches if (side, r.key) not in used]
        found = (fresh or matches[-1:] or [None])[0]
        if found is None:
            continue
        used.add((side, found.key))
        row.key, row.level = found.key, found.level
        if found.code:
            row.code = found.code
