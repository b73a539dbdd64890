"""Drafting left in an ordinary document: placeholders and the template's alternatives.

A template says ``上海市XX局``, ``XXX万元``, ``……万元`` and offers both words of a change, ``增加（减少）``,
``增长（下降）``, for the author to keep one. Left in a published document they say nothing: the figure,
the name or the direction is not stated, so the sentence is certainly wrong — an error, as the other
drafting hints left in (``WORD-TEMPLATE``) are. An unfilled template as a whole is reported once by
``WORD-TEMPLATE`` and not line by line here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from yusuan.check.engine import Context, rule
from yusuan.check.findings import Finding, Severity
from yusuan.check.rules.texts import excerpt, pieces
from yusuan.check.rules.wording import is_template

_OPPOSITES = {"增加": "减少", "增长": "下降", "上升": "下降", "减少": "增加", "下降": "增长"}
_PLACEHOLDER_RE = re.compile(
    r"(?<![A-Za-z])(?:X{2,}|Ｘ{2,}|×{2,})(?![A-Za-z])"  # a name or a figure to fill in
    r"|(?:……|…{2,}|\.{3,}|。{3,})\s*(?=万元|元|%|％|个|辆|台|人|家|项)")  # ……万元: a figure left out
_ALTERNATIVE_RE = re.compile(r"(增加|增长|上升|减少|下降)\s*(?:[（(/／]\s*|或)(增加|增长|上升|减少|下降)\s*[）)]?"
                             r"|增[（(]减[）)]|增[/／]减")


@rule("WORD-PLACEHOLDER", "正文没有残留模板的占位符（XX、……万元）或备选措辞（增加（减少））", Severity.ERROR)
def placeholders(ctx: Context) -> Iterator[Finding]:
    if is_template(ctx.document):
        return
    for piece in pieces(ctx.document):
        for match in _PLACEHOLDER_RE.finditer(piece.text):
            phrase = excerpt(piece.text, match.start(), match.end())
            yield ctx.finding(Severity.ERROR, f"{piece.where}中“{phrase}”留有模板的占位符“{match.group()}”，"
                              "应填写实际的名称或数字。", [piece.cell(phrase)], actual=match.group())
        for match in _ALTERNATIVE_RE.finditer(piece.text):
            first, second = match.group(1), match.group(2)
            if first and _OPPOSITES.get(first) != second and _OPPOSITES.get(second) != first:
                continue  # 增加（增长）: two words of one direction, not a choice left open
            phrase = excerpt(piece.text, match.start(), match.end())
            yield ctx.finding(Severity.ERROR, f"{piece.where}中“{phrase}”留有模板的备选措辞“{match.group()}”，"
                              "应按实际增减只保留一个（持平则写“持平”）。", [piece.cell(phrase)], actual=match.group())
