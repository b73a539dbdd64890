"""The words of a disclosure: who speaks (部门 or 单位), at which level (区级 or 市级), sentences left
unfinished and the drafting hints of the template left in.

A unit's own budget (单位预算) speaks of 本单位 / 预算单位; ``本部门`` or a ``部门预算编制说明`` heading in it
comes from a department's document. A district document's glossary defines 区级 terms; ``市级预算主管部门``
in it was copied from the city's. ``主要原因是。`` says nothing, and ``（增加内容）`` after a heading is
the template's instruction, not the document's text. An unfilled template (``上海市XX局``, ``XXX 万元``)
is reported as such once instead of line by line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from yusuan.check.engine import Context, rule
from yusuan.check.findings import Finding, Severity, quoted, text_cell
from yusuan.model import Document, Section, Source
from yusuan.text import squash

_PLACEHOLDER_RE = re.compile(r"X{2,}")
_DEPARTMENT_RE = re.compile(r"本部门|[（(]部门[）)]|部门(?!预算经济分类|经济分类)"
                            r"(?=主要职能|机构设置|预算编制说明|预算表|预算安排|财务收支|收入预算|支出预算|财政拨款"
                            r"|一般公共预算|政府性基金|国有资本|“?三公|决算)")
_EMPTY_RE = re.compile(r"(?:主要原因(?:是|为)?|原因是|主要用于)[:：]?(?=[。；;]|$)")
_HINT_RE = re.compile(r"[（(](?:增加内容|新增内容|此处[^（）()]{0,20}|[^（）()]{0,20}填写[^（）()]{0,20}"
                      r"|如持平作持平表述|不涉及的不列|[^（）()]{0,20}作下述说明[^（）()]{0,20}"
                      r"|按上述格式[^（）()]{0,20})[）)]")
_LEVELS = ("区级", "市级")


_TEMPLATE_FIGURES = 3  # one or two XX万元 left in a filled document are its slips (WORD-PLACEHOLDER), not a template


def is_template(document: Document) -> bool:
    """An unfilled template: placeholders where the entity's name or the figures belong."""
    if _PLACEHOLDER_RE.search(document.meta.entity):
        return True
    return sum(len(re.findall(r"X{2,}\s*万元", s.text)) for s in document.sections.explanations) >= _TEMPLATE_FIGURES


def _kind(document: Document) -> str:
    return "预算" if document.meta.kind == "budget" else "决算"


def _where(section: Section) -> str:
    return f"说明{section.number}“{section.title}”"


def _cell(section: Section, value: str, column: str = "文字") -> object:
    return text_cell(section.title, value, section.source, column=column, section=section.number)


def _excerpt(text: str, start: int, end: int) -> str:
    """The clause around a match: from the previous full stop (at most 40 characters back) to just after it."""
    begin = max(text.rfind("。", 0, start), text.rfind("；", 0, start), start - 40) + 1
    return text[begin:end + 1]


@rule("WORD-TEMPLATE", "正文没有残留模板的编写提示", Severity.ERROR)
def template_hints(ctx: Context) -> Iterator[Finding]:
    document = ctx.document
    if is_template(document):
        yield ctx.finding(Severity.WARNING, f"本文件是未填写的模板（单位名称为“{document.meta.entity}”，"
                          "文中有 XXX 占位），其中的占位与编写提示不作为错误逐条报告；填写后再核对。")
        return
    for section in document.sections.explanations:
        for place, text in (("标题", section.title), ("正文", section.text)):
            for match in _HINT_RE.finditer(text):
                yield ctx.finding(Severity.ERROR, f"{_where(section)}的{place}残留模板的编写提示“{match.group()}”，"
                                  "应删去并按实际情况填写。", [_cell(section, match.group())], actual=match.group())


@rule("WORD-EMPTY", "说明语句完整（“主要原因是”“主要用于”后写明内容）", Severity.ERROR)
def unfinished(ctx: Context) -> Iterator[Finding]:
    if is_template(ctx.document):
        return
    for section in ctx.document.sections.explanations:
        for match in _EMPTY_RE.finditer(section.text):
            excerpt = _excerpt(section.text, match.start(), match.end())
            yield ctx.finding(Severity.ERROR, f"{_where(section)}中“{excerpt}”的“{match.group()}”后没有内容，"
                              "句子残缺。", [_cell(section, excerpt)], actual=excerpt)


def document_level(document: Document) -> str | None:
    """区级 or 市级: as the cover says, else a district's name in the entity (上海市普陀区…)."""
    title = squash(document.meta.title or "")
    for level in _LEVELS:
        if level in title:
            return level
    if re.match(r"^.{1,8}?[省市].{1,8}?区", squash(document.meta.entity)):
        return "区级"
    return None


@rule("WORD-LEVEL", "名词解释的预算级次与文件一致（区级文件不写“市级”）", Severity.ERROR)
def level_words(ctx: Context) -> Iterator[Finding]:
    level = document_level(ctx.document)
    if level is None or is_template(ctx.document):
        return
    other = next(word for word in _LEVELS if word != level)
    own = re.compile(f"{other}(?:预算主管部门|财政|部门)")  # the glossary speaking of itself, not of others
    terms = {term: len(own.findall(text)) for term, text in ctx.document.sections.glossary.items() if own.search(text)}
    phrases = [m.group() for text in ctx.document.sections.glossary.values() for m in own.finditer(text)]
    cell = text_cell("名词解释", other, Source(), column="文字")  # each use of the word: its sentence
    if terms:
        named = "、".join(quoted(term) for term in terms)
        yield ctx.finding(Severity.ERROR, f"本文件是{level}{_kind(ctx.document)}，"
                          f"名词解释中 {named} 却 {sum(terms.values())} 处写作“{other}”（如“{other}预算主管部门”"
                          f"“{other}财政”），应为“{level}”。", [replace(cell, text=phrase) for phrase in phrases],
                          expected=level, actual=other)


@rule("WORD-SCOPE", "单位预算（决算）自称“单位”，不用“部门”", Severity.WARNING)
def scope_words(ctx: Context) -> Iterator[Finding]:
    """A warning: the word is wrong (a department's template copied), the figures are not."""
    document = ctx.document
    if document.meta.scope != "unit" or is_template(document):
        return
    for table in document.tables:
        if match := _DEPARTMENT_RE.search(table.title):
            page = table.pages[0] if table.pages else None
            yield ctx.finding(Severity.WARNING, f"本文件是单位{_kind(document)}，表{table.number}的标题“{table.title}”"
                              f"却称“{match.group()}”。", [text_cell(f"表{table.number}", table.title,
                                                                    Source(page=page), column="标题")],
                              actual=table.title)
    for section in document.sections.explanations:
        for place, text in (("标题", section.title), ("正文", section.text)):
            for match in _DEPARTMENT_RE.finditer(text):
                excerpt = _excerpt(text, match.start(), match.end())
                yield ctx.finding(Severity.WARNING, f"本文件是单位文件，{_where(section)}的{place}“{excerpt}”却称"
                                  f"“{match.group()}”，应为“单位”或“本单位”。", [_cell(section, excerpt)],
                                  actual=match.group())
