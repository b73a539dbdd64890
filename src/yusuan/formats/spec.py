"""Format declarations: the data that says what a disclosure format contains.

A format (Guangdong 12-table budget, Shanghai 9-table budget, …) is one TOML file in this package.
This module turns it into frozen dataclasses that readers, the checker and compile share. Keys a
module does not know are kept in ``extra`` so a consumer can add its own declarations (identities,
say) without changing the loader.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from yusuan.formats.catalog import RENAMED
from yusuan.text import chinese_numeral

LAYOUTS = frozenset({"two_sided", "code_rows", "fixed_rows", "project_rows", "values_row"})


class FormatDeclarationError(ValueError):
    """A format file is malformed; a programming error, never the user's input."""


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """An amount column. ``header``: the words it may be printed under (default: the last path element);
    ``optional``: a column some documents of the format leave out (it is then not in the table)."""

    key: str
    path: tuple[str, ...]
    header: tuple[str, ...] = ()
    optional: bool = False


@dataclass(frozen=True, slots=True)
class RowSpec:
    """A row whose label the format fixes (表8 行政经费, 表1 收入总计, a functional 类 of 表1 …)."""

    key: str
    label: str
    level: int
    ordinal: str | None = None
    code: str | None = None
    variants: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.variants)


@dataclass(frozen=True, slots=True)
class TableSpec:
    number: int
    key: str
    title: str
    layout: str
    columns: tuple[ColumnSpec, ...]
    variants: tuple[str, ...] = ()
    codes: str | None = None  # functional | economic, for code_rows
    rows: tuple[RowSpec, ...] = ()  # fixed_rows
    income: tuple[RowSpec, ...] = ()  # two_sided
    expense: tuple[RowSpec, ...] = ()  # two_sided
    text_column: ColumnSpec | None = None
    may_be_empty: bool = False
    # two_sided: each side's own amount columns, where they differ from ``columns``
    income_columns: tuple[ColumnSpec, ...] = ()
    expense_columns: tuple[ColumnSpec, ...] = ()
    groups: int = 1  # code_rows printed as N side-by-side column groups (决算 表6: 301/303 | 302/310)
    unit: str | None = None  # the table's own unit where it differs from the format's
    row_label: str | None = None  # values_row: the name of the one unlabelled row (预算数)
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def titles(self) -> tuple[str, ...]:
        return (self.title, *self.variants)

    @property
    def side_columns(self) -> tuple[tuple[ColumnSpec, ...], tuple[ColumnSpec, ...]]:
        """The columns of the 收入 and 支出 sides of a two-sided table."""
        return (self.income_columns or self.columns, self.expense_columns or self.columns)

    @property
    def all_columns(self) -> tuple[ColumnSpec, ...]:
        """Every amount column of the table: a two-sided table with sides of their own has both."""
        if self.income_columns or self.expense_columns:
            return (*self.side_columns[0], *self.side_columns[1])
        return self.columns


@dataclass(frozen=True, slots=True)
class FormatSpec:
    id: str
    name: str
    kind: str
    unit: str
    region: str
    parts: tuple[str, ...]
    functional_classes: tuple[tuple[str, str], ...]
    tables: tuple[TableSpec, ...]
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def table(self, number: int) -> TableSpec:
        for table in self.tables:
            if table.number == number:
                return table
        raise KeyError(number)


def _row(raw: dict[str, Any]) -> RowSpec:
    return RowSpec(
        key=raw["key"],
        label=raw["label"],
        level=int(raw["level"]),
        ordinal=raw.get("ordinal"),
        code=raw.get("code"),
        variants=tuple(raw.get("variants", ())),
    )


def _side(raw_rows: list[dict[str, Any]], classes: tuple[tuple[str, str], ...]) -> tuple[RowSpec, ...]:
    """Expand ``{classes = true}`` into one row per functional 类, numbered 一、二、… in order."""
    rows: list[RowSpec] = []
    for raw in raw_rows:
        if raw.get("classes"):
            rows.extend(
                RowSpec(key=f"class:{code}", label=name, level=1, ordinal=chinese_numeral(i), code=code,
                        variants=tuple(old for old, (renamed, _) in RENAMED.items() if renamed == code))
                for i, (code, name) in enumerate(classes, start=1)
            )
        else:
            rows.append(_row(raw))
    return tuple(rows)


_TABLE_KEYS = {"number", "key", "title", "variants", "layout", "codes", "columns", "rows", "income",
               "expense", "text_column", "may_be_empty", "income_columns", "expense_columns", "groups", "unit",
               "row_label"}


def _columns(raw: list[dict[str, Any]]) -> tuple[ColumnSpec, ...]:
    return tuple(ColumnSpec(c["key"], tuple(c["path"]), tuple(c.get("header", ())), bool(c.get("optional", False)))
                 for c in raw)


def _table(raw: dict[str, Any], classes: tuple[tuple[str, str], ...]) -> TableSpec:
    layout = raw["layout"]
    if layout not in LAYOUTS:
        raise FormatDeclarationError(f"表{raw.get('number')}: unknown layout {layout!r}")
    text_column = raw.get("text_column")
    return TableSpec(
        number=int(raw["number"]),
        key=raw["key"],
        title=raw["title"],
        layout=layout,
        columns=_columns(raw.get("columns", [])),
        variants=tuple(raw.get("variants", ())),
        codes=raw.get("codes"),
        rows=tuple(_row(r) for r in raw.get("rows", ())),
        income=_side(raw.get("income", []), classes),
        expense=_side(raw.get("expense", []), classes),
        text_column=ColumnSpec(text_column["key"], tuple(text_column["path"])) if text_column else None,
        may_be_empty=bool(raw.get("may_be_empty", False)),
        income_columns=_columns(raw.get("income_columns", [])),
        expense_columns=_columns(raw.get("expense_columns", [])),
        groups=int(raw.get("groups", 1)),
        unit=raw.get("unit"),
        row_label=raw.get("row_label"),
        extra={k: v for k, v in raw.items() if k not in _TABLE_KEYS},
    )


_FORMAT_KEYS = {"id", "name", "kind", "unit", "region", "parts", "functional_classes", "tables"}


def parse_format(raw: dict[str, Any]) -> FormatSpec:
    classes = tuple((str(code), name) for code, name in raw.get("functional_classes", ()))
    return FormatSpec(
        id=raw["id"],
        name=raw["name"],
        kind=raw["kind"],
        unit=raw["unit"],
        region=raw.get("region", ""),
        parts=tuple(raw.get("parts", ())),
        functional_classes=classes,
        tables=tuple(_table(t, classes) for t in raw.get("tables", ())),
        extra={k: v for k, v in raw.items() if k not in _FORMAT_KEYS},
    )


@cache
def load_format(format_id: str) -> FormatSpec:
    """The declaration of one format, read once per process."""
    try:
        text = resources.files("yusuan.formats").joinpath(f"{format_id}.toml").read_text("utf-8")
    except FileNotFoundError:
        raise KeyError(format_id) from None
    return parse_format(tomllib.loads(text))


@cache
def all_formats() -> tuple[FormatSpec, ...]:
    names = sorted(
        p.name.removesuffix(".toml") for p in resources.files("yusuan.formats").iterdir()
        if p.name.endswith(".toml")
    )
    return tuple(load_format(name) for name in names)
