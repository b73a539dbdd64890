"""References to printed cells, as format declarations write them.

``T2/total/gpb`` is 表2's 合计 row (fixed-row key ``total``) in column ``gpb``; ``T6/#30217`` is the
row of code 30217 in 表6's only column; ``T1/class:208`` a fixed row of a two-sided table. The national
model names tables by kind instead of number: ``income/total/gpb``, ``summary/income_total`` (a row
without a column: its side's first amount column). ``sangong@abroad`` is a *concept* of a kind's
table wherever it is printed — a row keyed so (Guangdong prints 三公 as rows), or a column of the
table's 合计 row (Shanghai prints them as columns). Two placeholders make one declaration hold for
every subject: ``{class}`` (every 类, a 3-digit code) and ``{code}`` (every code); a trailing ``*``
sums every row whose key starts so (``T1/class:*``). A code the table does not print is a row of 0
(code tables leave out empty subjects).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yusuan.check.arithmetic import Operand
from yusuan.check.engine import Context
from yusuan.check.findings import Cell, lazy_cell, missing_cell
from yusuan.formats.catalog import economic, functional
from yusuan.formats.spec import FormatDeclarationError, FormatSpec
from yusuan.model import Row

_REF_RE = re.compile(
    r"^(?:T(?P<table>\d{1,2})|(?P<kind>[a-z_]+))/(?P<row>[^/]+)(?:/(?P<column>[A-Za-z_][A-Za-z0-9_.]*))?$")
_CONCEPT_RE = re.compile(r"^(?P<kind>[a-z_]+)@(?P<concept>[a-z_.]+)$")
PLACEHOLDERS = {"{class}": lambda code: len(code) == 3, "{code}": lambda code: True}


@dataclass(frozen=True, slots=True)
class Ref:
    table: int | str  # the printed 表N (regional declarations) or the table's kind (the national model)
    row: str  # a fixed-row key, or "#" + code; may hold a placeholder or end in "*"; "@" + concept
    column: str | None  # None: the table's only column, or the first of the row's side

    @property
    def concept(self) -> str | None:
        return self.row[1:] if self.row.startswith("@") else None

    @property
    def by_code(self) -> bool:
        return self.row.startswith("#")

    @property
    def placeholder(self) -> str | None:
        return next((p for p in PLACEHOLDERS if p in self.row), None)

    def bind(self, value: str) -> Ref:
        placeholder = self.placeholder
        return Ref(self.table, self.row.replace(placeholder, value), self.column) if placeholder else self

    def __str__(self) -> str:
        table = f"T{self.table}" if isinstance(self.table, int) else self.table
        if self.concept:
            return f"{table}{self.row}"
        return f"{table}/{self.row}" + (f"/{self.column}" if self.column else "")


def parse_ref(text: str, fmt: FormatSpec, where: str) -> Ref:
    """Parse and validate against the format's tables and columns (a bad declaration fails loudly).
    A reference by kind is validated only where the format declares a table of that kind."""
    if concept := _CONCEPT_RE.match(text):
        return Ref(concept.group("kind"), "@" + concept.group("concept"), None)
    match = _REF_RE.match(text)
    if match is None:
        raise FormatDeclarationError(f"{fmt.id} {where}: bad cell reference {text!r}")
    table: int | str = int(match.group("table")) if match.group("table") else match.group("kind")
    ref = Ref(table, match.group("row"), match.group("column"))
    if isinstance(table, str):
        return ref
    try:
        spec = fmt.table(table)
    except KeyError:
        raise FormatDeclarationError(f"{fmt.id} {where}: {text!r} names an undeclared table") from None
    columns = [c.key for c in spec.all_columns]
    if ref.column is None and len(columns) != 1 and spec.layout != "two_sided":
        raise FormatDeclarationError(f"{fmt.id} {where}: {text!r} must name one of the columns {columns}")
    if ref.column is not None and ref.column not in columns:
        raise FormatDeclarationError(f"{fmt.id} {where}: {text!r} names an undeclared column")
    return ref


def domain(ctx: Context, refs: list[Ref]) -> list[str]:
    """Every value a placeholder takes: the codes (or class keys) printed in any of the tables named."""
    values: dict[str, None] = {}
    for ref in refs:
        placeholder = ref.placeholder
        index = ctx.index(ref.table) if placeholder else None
        if index is None:
            continue
        accept = PLACEHOLDERS[placeholder]
        prefix, _, suffix = ref.row.lstrip("#").partition(placeholder)
        candidates = index.by_code if ref.by_code else index.by_key
        for name in candidates:
            if name.startswith(prefix) and name.endswith(suffix):
                value = name[len(prefix):len(name) - len(suffix) if suffix else None]
                if value.isdigit() and accept(value):
                    values.setdefault(value)
    return list(values)


def rows(ctx: Context, ref: Ref) -> list[Row] | None:
    """The rows a concrete reference names ([] when not printed); None when the table is absent."""
    index = ctx.index(ref.table)
    if index is None:
        return None
    if ref.row.endswith("*"):
        prefix = ref.row[:-1]
        if ref.by_code:
            return [r for r in index.table.rows if r.code and r.code.startswith(prefix[1:])]
        return [r for r in index.table.rows if r.key and r.key.startswith(prefix)]
    found = index.by_code.get(ref.row[1:]) if ref.by_code else index.by_key.get(ref.row)
    return [found] if found is not None else []


def _side_column(table, row: Row) -> int | None:
    """The first amount column of the row's side (two-sided tables whose sides have columns of their
    own), else the first column."""
    if not table.columns:
        return None
    if row.side and len(table.columns) > 1:
        word = "支出" if row.side.startswith("支出") else "收入"
        for i, column in enumerate(table.columns):
            if column.path and word in column.path[0]:
                return i
        for i, value in enumerate(row.values):
            if value is not None:
                return i
    return 0


def _prints_codes(table, ref: Ref) -> bool:
    """Could the table print this code? Not if it prints subjects by name alone (an empty table, only
    its 合计, prints none, and a code it leaves out is 0 there)."""
    code = ref.row[1:].rstrip("*")
    subjects = [r for r in table.rows if r.level != 0 and r.key != "total"]
    return not subjects or any(r.code and (len(r.code) == len(code) or ref.row.endswith("*")) for r in table.rows)


def _concept_cell(index, concept: str) -> tuple[Row, int] | None:
    table = index.table
    if (row := index.by_key.get(concept)) is not None:
        column = index.columns.get("total", _side_column(table, row))
        return (row, column) if column is not None else None
    aliases = (concept, "total") if concept == table.key or (concept == "sangong" and table.key == "sangong") else (
        concept,)
    column = next((index.columns[a] for a in aliases if a in index.columns), None)
    if column is None:
        return None
    row = index.by_key.get("total") or next((r for r in table.rows if any(v is not None for v in r.values)), None)
    return (row, column) if row is not None else None


def operands(ctx: Context, ref: Ref, target_unit: str | None) -> list[Operand] | None:
    """The operands a reference stands for, in ``target_unit``; None when its table or column is absent."""
    index = ctx.index(ref.table)
    if index is None:
        return None
    table = index.table
    unit = table.unit or (ctx.fmt.unit if ctx.fmt else None)
    if ref.concept:
        found_cell = _concept_cell(index, ref.concept)
        if found_cell is None:
            return None
        row, column = found_cell
        return [Operand.of(row.values[column], lazy_cell(table, row, column), unit, target_unit)]
    found = rows(ctx, ref)
    if found is None or (ref.by_code and not found and not _prints_codes(table, ref)):
        return None  # a table that prints no codes of that length cannot be looked up by code
    if ref.column is None:
        column = _side_column(table, found[0]) if found else (0 if table.columns else None)
    else:
        column = index.columns.get(ref.column)
    if column is None:
        return None
    if not found and not ref.row.endswith("*"):
        code = ref.row[1:] if ref.by_code else None

        def cited() -> Cell:
            return missing_cell(table, code_label(ctx, ref) if code else _fixed_label(ctx, ref), column, code)
        return [Operand(None, cited, missing=True)]
    operands_ = []
    for row in found:
        col = column if ref.column is not None else (_side_column(table, row) or 0)
        operands_.append(Operand.of(row.values[col], lazy_cell(table, row, col), unit, target_unit))
    return operands_


def code_label(ctx: Context, ref: Ref) -> str:
    """The name of a code the table does not print: as another table prints it, else the catalog's."""
    code = ref.row[1:]
    for table in ctx.document.tables:
        for row in table.rows:
            if row.code == code:
                return row.label
    subject = (economic() if code.startswith("3") else functional()).get(code)  # economic codes are 3xx
    return subject.name if subject else "（未印此科目）"


def _fixed_label(ctx: Context, ref: Ref) -> str:
    if ctx.fmt is not None and isinstance(ref.table, int):
        spec = ctx.fmt.table(ref.table)
        for row in (*spec.rows, *spec.income, *spec.expense):
            if row.key == ref.row:
                return row.label
    return ref.row
