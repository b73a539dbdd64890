"""Subject codes and names against the classification catalogs.

Only catalog rows verified against official documents are trusted, and a mismatch is a warning:
catalogs lag behind renames, and a document's own printed names are what readers keep. A name from
an older edition of the classification (文化体育与传媒支出 → 文化旅游体育与传媒支出, formats.md §4)
is a warning of its own: the document used last years' subject list — in a table or in the narrative
(``“医疗卫生与计划生育支出（类）…”``). An economic 款 code the verified catalog does not have under its 类
(``302 10 车辆运行费``) is a warning too: the code was made up or renumbered.
"""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.check.engine import Context, rule
from yusuan.check.findings import Finding, Severity, claim_cell, quoted, table_cell
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
    """The row's first printed value (a two-sided table's 支出 row has none under the 收入 columns)."""
    if not table.columns or not row.values:
        return None
    return table_cell(table, row, next((i for i, v in enumerate(row.values) if v is not None), 0))


@rule("CATALOG-OLD-NAME", "科目使用了旧版名称", Severity.WARNING)
def old_names(ctx: Context) -> Iterator[Finding]:
    for table, row, _ in _coded_rows(ctx):
        old = _OLD_NAMES.get(name_key(row.label))
        if old is not None:
            name, code, new = old
            cell = _cell(table, row)
            yield ctx.finding(Severity.WARNING, f"表{table.number} 科目 {row.code or code}“{name}”是旧版科目名称，"
                              f"现行名称为“{new}”。", [cell] if cell else [], expected=new, actual=row.label)
    yield from _old_in_narrative(ctx)


def _old_in_narrative(ctx: Context) -> Iterator[Finding]:
    """Old 类/款 names in the subjects of narrative items (``A（类）B（款）C（项）``) or 类 figures."""
    seen: set[tuple[str, str]] = set()
    for claim in ctx.document.claims:
        if claim.role not in ("item", "statement", "part") or claim.amount is None:
            continue
        names = claim.subject.split("/") if claim.role == "item" else [claim.subject.removesuffix("（类）")]
        for name in names:
            old = _OLD_NAMES.get(name_key(name))
            if old is not None and (claim.section, name) not in seen:
                seen.add((claim.section, name))
                yield ctx.finding(Severity.WARNING, f"说明{claim.section}{quoted(claim.name)}中的“{name}”是旧版"
                                  f"科目名称，现行名称为“{old[2]}”。", [claim_cell(claim, "amount")], expected=old[2],
                                  actual=name)


@rule("CATALOG-CODE", "经济分类科目编码在经核实的科目表中", Severity.WARNING)
def unknown_codes(ctx: Context) -> Iterator[Finding]:
    catalog = economic()
    for table, row, scheme in _coded_rows(ctx):
        code = row.code or ""
        if scheme is not catalog or len(code) != 5 or code in catalog:
            continue
        parent = catalog.get(code[:3])
        if parent is not None and parent.verified:
            cell = _cell(table, row)
            yield ctx.finding(Severity.WARNING, f"表{table.number} 经济科目编码 {code}（名称印为“{row.label}”）"
                              f"不在科目表中：{parent.code} {parent.name}下没有这个款；编码可能有误。",
                              [cell] if cell else [], actual=code)


@rule("CATALOG-NAME", "科目编码与名称同经核实的科目表一致", Severity.WARNING)
def names(ctx: Context) -> Iterator[Finding]:
    for table, row, catalog in _coded_rows(ctx):
        subject = catalog.get(row.code) if catalog and row.code else None
        if subject is None or not subject.verified or name_key(row.label) in _OLD_NAMES:
            continue
        if name_key(subject.name) != name_key(row.label):
            cell = _cell(table, row)
            yield ctx.finding(Severity.WARNING, f"表{table.number} 科目编码 {row.code} 的名称印为“{row.label}”，"
                              f"科目表中 {row.code} 为“{subject.name}”；编码或名称可能有误。",
                              [cell] if cell else [], expected=subject.name, actual=row.label)
