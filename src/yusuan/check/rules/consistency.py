"""One year and one entity across the document.

The cover names the entity and the year; the narrative must speak of the same. Years are checked
where their role is fixed by the wording: a heading or a statement of this year (``2024年部门预算编制说明``,
``2024年，…收入预算``, ``2024年预算安排``, ``…2024年度收入支出总计``) and a comparison with last year
(``比2023年预算``, ``2023年当年预算执行数``, ``与2023年度相比``). The entity is checked where the
narrative names it as the subject of a figure (``…（部门）下属``, ``2024年，<entity>收入预算``,
``<entity>2024年度收入支出总计``, ``截至…，<entity>共有车辆``); the tables' 单位名称 are
``COMPLETE-ENTITY``'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from yusuan.check.engine import Context, rule
from yusuan.check.findings import Finding, Severity, text_cell
from yusuan.check.rules.wording import is_template
from yusuan.model import Document, Section
from yusuan.text import squash

_THIS_YEAR = [re.compile(p) for p in (
    r"^(20\d\d)年(?:度)?[，,]",
    r"(20\d\d)年(?:度)?预算安排",
    r"(20\d\d)年度(?:财政拨款)?收入支出总计",
)]
_LAST_YEAR = [re.compile(p) for p in (
    r"比(20\d\d)年(?:度)?(?:预算|决算)?(?:执行数)?(?:增加|减少|增长|下降|持平)",
    r"与(20\d\d)年(?:度)?(?:预算|决算)?(?:执行数)?(?:相比|持平)",
    r"(20\d\d)年(?:当年)?预算执行数",
)]
_TITLE_YEAR_RE = re.compile(r"(20\d\d)年")
# Where the narrative names the entity: in front of a mark (……（部门）, ……2024年度, ……收入预算 after
# “2024年，”, ……共有车辆 after “…日，”); the name is the run of name characters just before it.
_MARK_RE = re.compile(r"[（(](?:部门|单位)[）)]|20\d\d年度|收入预算|共有车辆")
_NAME_BEFORE_RE = re.compile(r"[^，,。；：、“”\s\d（）()]{4,40}$")
_OPENS = {"收入预算": ("年，", "年,"), "共有车辆": ("日，", "日,", "年，")}


def _cell(section: Section, value: str, column: str):
    return text_cell(section.title, value, section.source, column=column, section=section.number)


@rule("CONSIST-YEAR", "文中年度与文件年度一致", Severity.ERROR)
def years(ctx: Context) -> Iterator[Finding]:
    year = ctx.document.meta.year
    if year is None or is_template(ctx.document):
        return
    for section in ctx.document.sections.explanations:
        where = f"说明{section.number}“{section.title}”"
        if (match := _TITLE_YEAR_RE.search(section.title)) and int(match.group(1)) != year:
            yield ctx.finding(Severity.ERROR, f"{where}的标题写的是 {match.group(1)} 年，本文件是 {year} 年度。",
                              [_cell(section, match.group(1), "年度")], expected=str(year), actual=match.group(1))
        for patterns, expected, role in ((_THIS_YEAR, year, "本年"), (_LAST_YEAR, year - 1, "上年")):
            for pattern in patterns:
                for match in pattern.finditer(section.text):
                    if int(match.group(1)) != expected:
                        yield ctx.finding(Severity.ERROR, f"{where}中“{match.group()}”的年度应为{role} {expected} 年"
                                          f"（本文件是 {year} 年度），写的是 {match.group(1)} 年。",
                                          [_cell(section, match.group(), "年度")], expected=str(expected),
                                          actual=match.group(1))


@rule("CONSIST-ENTITY", "说明中的单位名称与文件一致", Severity.ERROR)
def entities(ctx: Context) -> Iterator[Finding]:
    entity = squash(ctx.document.meta.entity)
    if not entity or is_template(ctx.document):
        return
    own = _own_units(ctx.document)
    for section in ctx.document.sections.explanations:
        for name in named_entities(section.text):
            if own(name):
                continue  # a unit of this department, named where the text speaks of it
            if not same_entity(name, entity) and not name.startswith(("本部门", "本单位")) and _looks_like_entity(name):
                yield ctx.finding(Severity.ERROR, f"说明{section.number}“{section.title}”写的单位是“{name}”，"
                                  f"与本文件的单位“{ctx.document.meta.entity}”不一致（是否沿用了其他单位的文字？）。",
                                  [_cell(section, name, "单位名称")], expected=ctx.document.meta.entity, actual=name)


def _own_units(document: Document):
    """Whether a name is one of the document's own units: listed in its tables (收入总表 by unit …) or in
    the overview's 预算单位构成."""
    units = {squash(r.label) for t in document.tables for r in t.rows if r.key == "entity"}
    composition = squash(document.sections.composition)
    return lambda name: name in units or (len(name) >= 4 and name in composition)


def named_entities(text: str) -> Iterator[str]:
    """The names the text puts in front of its marks (each found by looking back from the mark)."""
    for mark in _MARK_RE.finditer(text):
        before = text[max(0, mark.start() - 41):mark.start()]
        name = _NAME_BEFORE_RE.search(before)
        if name is None:
            continue
        start = mark.start() - len(name.group())
        opens = _OPENS.get(mark.group())
        if mark.group().endswith("年度") and start > 0 and text[start - 1] not in "。；":
            continue  # “…的2024年度项目”: not a name at the head of a sentence
        if opens and not text.endswith(opens, 0, start):
            continue
        yield re.sub(r"^年度?", "", name.group())  # the 年 of a year printed just before the name


_PREFIX_RE = re.compile(r"^(?:.{2,3}?[省市])?(?:.{2,4}?[区县])?(?:人民政府)?")


def same_entity(name: str, entity: str) -> bool:
    """The same body, maybe named shorter: 普陀区万里街道办事处 is 上海市普陀区人民政府万里街道办事处."""
    if name in entity or entity in name:
        return True
    return _PREFIX_RE.sub("", name) == _PREFIX_RE.sub("", entity)


def _looks_like_entity(name: str) -> bool:
    """An organisation's name, not a phrase: it ends as names of government bodies end."""
    return re.search(r"(?:局|院|办公室|办事处|中心|委员会|政府|所|站|队|馆|会|厅|部|处|校|园)$", name) is not None
