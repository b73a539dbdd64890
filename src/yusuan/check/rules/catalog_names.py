"""Subject codes and names against the classification catalogs.

Only catalog rows verified against official documents are trusted, and a mismatch is a warning:
catalogs lag behind renames, and a document's own printed names are what readers keep. A name from
an older edition of the classification (文化体育与传媒支出 → 文化旅游体育与传媒支出, formats.md §4)
is a warning of its own: the document used last years' subject list.
"""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.check.engine import Context, rule
from yusuan.check.findings import Finding, Severity, table_cell
from yusuan.check.names import name_key
from yusuan.formats.catalog import RENAMED, Subject, economic, functional
from yusuan.model import Row, Table

_OLD_NAMES = {name_key(old): (old, code, new) for old, (code, new) in RENAMED.items()}


def _catalog(ctx: Context, table: Table) -> dict[str, Subject] | None:
    if ctx.fmt is None:
        return None
    try:
        scheme = ctx.fmt.table(table.number).codes
    except KeyError:
        return None
    if scheme == "functional" or any(row.side for row in table.rows):
        return functional()
    return economic() if scheme == "economic" else None


def _coded_rows(ctx: Context) -> Iterator[tuple[Table, Row, dict[str, Subject] | None]]:
    for table in ctx.document.tables:
        catalog = _catalog(ctx, table)
        for row in table.rows:
            if row.code:
                yield table, row, catalog


def _cell(table: Table, row: Row):
    return table_cell(table, row, 0) if table.columns and row.values else None


@rule("CATALOG-OLD-NAME", "科目使用了旧版名称", Severity.WARNING)
def old_names(ctx: Context) -> Iterator[Finding]:
    for table, row, _ in _coded_rows(ctx):
        old = _OLD_NAMES.get(name_key(row.label))
        if old is not None:
            name, code, new = old
            cell = _cell(table, row)
            yield ctx.finding(Severity.WARNING, f"表{table.number} 科目 {row.code or code}“{name}”是旧版科目名称，"
                              f"现行名称为“{new}”。", [cell] if cell else [], expected=new, actual=row.label)


@rule("CATALOG-NAME", "科目编码与名称同经核实的科目表一致", Severity.WARNING)
def names(ctx: Context) -> Iterator[Finding]:
    for table, row, catalog in _coded_rows(ctx):
        subject = catalog.get(row.code) if catalog and row.code else None
        if subject is None or not subject.verified or name_key(row.label) in _OLD_NAMES:
            continue
        if name_key(subject.name) != name_key(row.label):
            cell = _cell(table, row)
            yield ctx.finding(Severity.WARNING, f"表{table.number} 科目编码 {row.code} 印的名称是“{row.label}”，"
                              f"科目表中 {row.code} 为“{subject.name}”；编码或名称可能有误。",
                              [cell] if cell else [], expected=subject.name, actual=row.label)
