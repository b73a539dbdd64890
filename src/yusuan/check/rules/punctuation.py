"""Punctuation a proof-reader marks: doubled marks, quotes and brackets that do not pair.

``。。`` and ``，，`` are typing slips; a “ without its ”, a （ without its ） or a （ closed by a half-width
``)`` are the same. They change no figure, so each is a warning. Brackets are paired over a whole
section (a parenthesis may hold a list of clauses separated by ；), with a stack, so nested quotes
and brackets are paired as printed. The ellipsis ``……`` and the dash ``——`` are single marks, not doubled.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from yusuan.check.engine import Context, rule
from yusuan.check.findings import Finding, Severity
from yusuan.check.rules.texts import excerpt, pieces
from yusuan.check.rules.wording import is_template

_DOUBLED_RE = re.compile(r"([，。、；：？！])\1+|[，、；：][。，；]|。[，、；]")
_OPENS = {"“": "”", "‘": "’", "（": "）", "(": ")", "《": "》", "【": "】", "〔": "〕"}
_CLOSES = {"”": "“", "’": "‘", "）": "（(", ")": "（(", "》": "《", "】": "【", "〕": "〔"}


def unpaired(text: str) -> Iterator[tuple[str, int, int]]:
    """(what, start, end) of each mark that does not pair: ``open`` (never closed), ``close`` (never
    opened) or ``mixed`` (a full-width bracket closed by a half-width one, or the other way round)."""
    stack: list[tuple[str, int]] = []
    for i, char in enumerate(text):
        if char in _OPENS:
            stack.append((char, i))
        elif char in _CLOSES:
            if stack and stack[-1][0] in _CLOSES[char]:
                opened, j = stack.pop()
                if _OPENS[opened] != char:
                    yield "mixed", j, i + 1
            else:
                yield "close", i, i + 1
    for _, j in stack:
        yield "open", j, j + 1


_WHAT = {"open": "只有前一半，没有与之配对的后一半", "close": "只有后一半，前面没有与之配对的前一半",
         "mixed": "前后一个是全角、一个是半角"}


@rule("WORD-PUNCT", "标点无重复，引号、括号成对", Severity.WARNING)
def punctuation(ctx: Context) -> Iterator[Finding]:
    if is_template(ctx.document):
        return
    for piece in pieces(ctx.document):
        for match in _DOUBLED_RE.finditer(piece.text):
            phrase = excerpt(piece.text, match.start(), match.end())
            yield ctx.finding(Severity.WARNING, f"{piece.where}中“{phrase}”的标点“{match.group()}”重复或连用，"
                              "应只保留一个。", [piece.cell(phrase)], actual=match.group())
        for what, start, end in unpaired(piece.text):
            mark = piece.text[start:end] if what != "mixed" else piece.text[start] + "…" + piece.text[end - 1]
            phrase = excerpt(piece.text, start, end)
            yield ctx.finding(Severity.WARNING, f"{piece.where}中“{phrase}”的“{mark}”{_WHAT[what]}。",
                              [piece.cell(phrase)], actual=mark)
