"""Is everything there: every declared table and part, the Part 3 sections, notes on empty tables,
one entity and a stated unit on every table.

The disclosure rules require every table to be published even when empty, with a note saying it is
empty (本表本年无发生额); a note saying so under a table that has amounts is just as wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from yusuan.check.engine import Context, rule
from yusuan.check.findings import Finding, Severity, table_cell, text_cell
from yusuan.check.rules.wording import is_template
from yusuan.formats.national import TEXT_KINDS
from yusuan.model import Document, Source, Table

# Part names a format may list (its ``parts``) and how to tell each is present in a Document.
PARTS = {
    "概况": lambda d: bool(d.sections.duties or d.sections.internal_units or d.sections.composition),
    "预算表": lambda d: bool(d.tables),
    "决算表": lambda d: bool(d.tables),
    "情况说明": lambda d: bool(d.sections.explanations),
    "名词解释": lambda d: bool(d.sections.glossary),
}
_DEFAULT_EMPTY = "无发生额|空表"


def _first_cell(table: Table):
    for row in table.rows:
        for i, value in enumerate(row.values):
            if value:
                return table_cell(table, row, i)
    return None


def _located(table: Table) -> Source:
    source = table.rows[0].source if table.rows else Source()
    return Source(page=source.page or (table.pages[0] if table.pages else None), line=source.line)


@rule("COMPLETE-TABLES", "格式规定的表全部公开", Severity.ERROR)
def tables(ctx: Context) -> Iterator[Finding]:
    if ctx.fmt is None:
        return
    missing = [spec for spec in ctx.fmt.tables if ctx.document.table(spec.number) is None]
    last = max((t.number for t in ctx.document.tables), default=0)
    for spec in missing:
        if spec.number < last:  # a gap in the document's own numbering: a table left out
            yield ctx.finding(Severity.ERROR, f"缺少表{spec.number}“{spec.title}”（空表也应公开并注明）。")
        else:  # the document ends before it: a set of fewer tables (another year's or region's template)
            yield ctx.finding(Severity.WARNING, f"缺少表{spec.number}“{spec.title}”：本文件只有 {last} 张表，"
                              "可能所依的格式（年度或地区）没有此表；如按现行格式应公开，空表也应公开并注明。")


@rule("COMPLETE-PARTS", "公开文件的各部分齐全", Severity.ERROR)
def parts(ctx: Context) -> Iterator[Finding]:
    if ctx.fmt is None:
        return
    for part in ctx.fmt.parts:
        present = PARTS.get(part)
        if present is not None and not present(ctx.document):
            yield ctx.finding(Severity.ERROR, f"缺少“{part}”部分。")


@rule("COMPLETE-SECTIONS", "情况说明的各节齐全", Severity.WARNING)
def sections(ctx: Context) -> Iterator[Finding]:
    declared = ctx.fmt.extra.get("completeness", {}).get("sections", ()) if ctx.fmt else ()
    explanations = ctx.document.sections.explanations
    if not explanations:
        return  # COMPLETE-PARTS reports the whole part
    for number, word in declared:
        if not any(word in s.title for s in explanations):
            yield ctx.finding(Severity.WARNING, f"情况说明中找不到关于“{word}”的一节（通常为第{number}节）。")


def _is_empty(table: Table) -> bool:
    return all(not value for row in table.rows for value in row.values)


@rule("COMPLETE-EMPTY-NOTE", "空表注明本年无数，注明为空的表确实为空", Severity.ERROR)
def empty_notes(ctx: Context) -> Iterator[Finding]:
    pattern = re.compile(ctx.fmt.extra.get("completeness", {}).get("empty_note", _DEFAULT_EMPTY)
                         if ctx.fmt else _DEFAULT_EMPTY)
    template = is_template(ctx.document)  # a template's tables are empty by design
    for table in ctx.document.tables:
        says_empty = any(pattern.search(note) for note in table.notes)
        if _is_empty(table) and not says_empty and not template:
            yield ctx.finding(Severity.WARNING, f"表{table.number}“{table.title}”没有数字（为空表），"
                              "表下应注明本年无发生额。",
                              [text_cell(f"表{table.number}", None, _located(table), column="注")])
        elif says_empty and not _is_empty(table):
            cell = _first_cell(table)
            note = next(note for note in table.notes if pattern.search(note))
            note_cell = replace(text_cell(f"表{table.number}", None, _located(table), column="注"), text=note)
            yield ctx.finding(Severity.ERROR, f"表{table.number}“{table.title}”的注称本表为空或无发生额，"
                              f"但表中印有数字（如 {cell.describe() if cell else ''} {cell.value if cell else ''}）。",
                              [cell, note_cell] if cell else [note_cell])


def _entity_key(name: str) -> str:
    return "".join(name.split())


def _document_entity(document: Document) -> str:
    return _entity_key(document.meta.entity)


@rule("COMPLETE-ENTITY", "各表的单位名称与文件的单位一致", Severity.WARNING)
def entities(ctx: Context) -> Iterator[Finding]:
    entity = _document_entity(ctx.document)
    for table in ctx.document.tables:
        if table.entity and _entity_key(table.entity) != entity:
            yield ctx.finding(Severity.WARNING, f"表{table.number} 的单位名称是“{table.entity}”，"
                              f"与本文件的单位“{ctx.document.meta.entity}”不一致（是否误用了其他单位的表？）。",
                              [text_cell(f"表{table.number}", None, _located(table), column="单位名称")],
                              expected=ctx.document.meta.entity, actual=table.entity)


@rule("COMPLETE-UNIT", "各表标明金额单位", Severity.WARNING)
def units(ctx: Context) -> Iterator[Finding]:
    fallback = ctx.fmt.unit if ctx.fmt else ctx.document.meta.unit
    for table in ctx.document.tables:
        if not table.unit and table.key not in TEXT_KINDS and any(v is not None for r in table.rows for v in r.values):
            yield ctx.finding(Severity.WARNING, f"表{table.number} 没有标明金额单位，按“{fallback}”核对。",
                              [text_cell(f"表{table.number}", None, _located(table), column="单位")])
