"""Years and names in the places ``CONSIST-YEAR`` and ``CONSIST-ENTITY`` do not read: the tables' titles
and notes, and the dated statements of assets (``截至2025年12月31日，本部门共有车辆…``).

A table title names the document's year (``2024年部门收支预算总表``); another year there was copied
from last year's file: an error, as a wrong year in a section title is. A note under a table
(``本部门2025年无政府性基金预算…``) is read the same way but is a warning: a note may speak of another year.

An asset statement is dated: a budget is drawn up before its year and states its assets at the end
of the year before (or early in its own year, when it is published), final accounts at the end of their
year. A date outside that is probably stale or mistyped — a warning, since the rules do not fix the
date. The body the statement names must be the document's own (or 本部门/本单位): another body's
name there (``国家信访局实有车辆15辆`` in a 市信访局 budget) was copied from another document — an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from yusuan.check.engine import Context, rule
from yusuan.check.findings import Finding, Severity
from yusuan.check.rules.consistency import _looks_like_entity, same_entity
from yusuan.check.rules.texts import excerpt, pieces
from yusuan.check.rules.wording import is_template
from yusuan.text import squash

_YEAR_RE = re.compile(r"(?<!\d)(20\d\d)年")
_AS_OF_RE = re.compile(r"截[至止](?P<year>20\d\d)年(?:(?P<month>\d{1,2})月)?(?:\d{1,2}日|底|末)?[，,]?"
                       r"(?P<name>[^，,。；：、“”\s\d（）()]{3,40}?)(?:部门)?"
                       r"(?=共有|实有|现有|拥有|共计有|固定资产|资产总额|占有使用)")
_BUDGET_PUBLISHED_BY = 3  # a budget is published by the end of March: a later date of its own year is ahead of it


@rule("CONSIST-TITLE", "各表表名（及表下的注）中的年度与文件年度一致", Severity.ERROR)
def table_years(ctx: Context) -> Iterator[Finding]:
    year = ctx.document.meta.year
    if year is None or is_template(ctx.document):
        return
    for piece in pieces(ctx.document):
        if piece.kind not in ("table_title", "note"):
            continue
        for match in _YEAR_RE.finditer(piece.text):
            printed = int(match.group(1))
            if printed == year:
                continue
            title = piece.kind == "table_title"
            severity = Severity.ERROR if title else Severity.WARNING
            tail = "（是否沿用了上年的表？）" if title else "，请核对这条注是否沿用了其他年度的文字。"
            yield ctx.finding(severity, f"{piece.where}“{piece.text}”写的是 {printed} 年，本文件是 {year} 年度{tail}",
                              [piece.cell(piece.text)], expected=str(year), actual=str(printed))


def _date_fits(kind: str, year: int, printed: int, month: int | None) -> bool:
    if kind == "final_accounts":
        return printed == year
    return printed == year - 1 or (printed == year and month is not None and month <= _BUDGET_PUBLISHED_BY)


@rule("CONSIST-ASOF", "“截至…”的资产情况：日期与文件年度相符，所说的单位是本单位", Severity.ERROR)
def as_of(ctx: Context) -> Iterator[Finding]:
    document = ctx.document
    if document.meta.year is None or is_template(document):
        return
    entity = squash(document.meta.entity)
    year, kind = document.meta.year, document.meta.kind
    for piece in pieces(document):
        if piece.kind != "text":
            continue
        for match in _AS_OF_RE.finditer(piece.text):
            phrase = excerpt(piece.text, match.start(), match.end())
            printed, month = int(match.group("year")), match.group("month")
            if not _date_fits(kind, year, printed, int(month) if month else None):
                final = kind == "final_accounts"
                when = "本年末" if final else "上年末（或本年公开前）"
                yield ctx.finding(Severity.WARNING, f"{piece.where}中“{phrase}”的日期是 {printed} 年"
                                  f"{month + '月' if month else ''}，{year} 年度{'决算' if final else '预算'}"
                                  f"通常写{when}的资产情况，请核对日期。", [piece.cell(phrase)], actual=str(printed))
            name = match.group("name")
            if (entity and not name.startswith(("本", "所属", "下属", "全")) and _looks_like_entity(name)
                    and not same_entity(name, entity)):
                yield ctx.finding(Severity.ERROR, f"{piece.where}中“{phrase}”说的是“{name}”的资产，"
                                  f"与本文件的单位“{document.meta.entity}”不一致（是否沿用了其他单位的文字？）。",
                                  [piece.cell(phrase)], expected=document.meta.entity, actual=name)
