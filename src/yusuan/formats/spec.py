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

LAYOUTS = frozenset({"two_sided", "code_rows", "fixed_rows", "project_rows"})


class FormatDeclarationError(ValueError):
    """A format file is malformed; a programming error, never the user's input."""


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    key: str
    path: tuple[str, ...]


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
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def titles(self) -> tuple[str, ...]:
        return (self.title, *self.variants)


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
               "expense", "text_column", "may_be_empty"}


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
        columns=tuple(ColumnSpec(c["key"], tuple(c["path"])) for c in raw["columns"]),
        variants=tuple(raw.get("variants", ())),
        codes=raw.get("codes"),
        rows=tuple(_row(r) for r in raw.get("rows", ())),
        income=_side(raw.get("income", []), classes),
        expense=_side(raw.get("expense", []), classes),
        text_column=ColumnSpec(text_column["key"], tuple(text_column["path"])) if text_column else None,
        may_be_empty=bool(raw.get("may_be_empty", False)),
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
        tables=tuple(_table(t, classes) for t in raw["tables"]),
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
