"""What is printed above a table: its numbering, title, money unit and the entity it is for.

Regions number their tables every way (表1, 表一, 表14-1, 公开01表, 公开表1, 部门公开表1, 预算01表, 附表1,
an ordinal heading 一、…, or nothing at all) and print the unit and the entity in one line or two
(``单位名称：重庆市水利局 … 单位：万元``, ``部门（单位）：烟台市教育局``, ``单位：苏州市水务局`` with
``单位：万元`` beside it). This module reads those lines into one :class:`Caption`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yusuan.read.pdf.extract import Run
from yusuan.read.pdf.layout import cluster
from yusuan.text import parse_chinese_numeral, squash

_NUM = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
NUMBERING_RE = re.compile(
    rf"^(?:(?:部门)?公开\s*表\s*{_NUM}|公开\s*{_NUM}\s*表|预算\s*{_NUM}\s*表|附\s*表\s*{_NUM}|表\s*{_NUM})"
    r"(?:\s*[-－—]\s*(\d{1,2}))?\s*[:：.．、]?")
ORDINAL_HEAD_RE = re.compile(r"^([一二三四五六七八九十]{1,3})、")
UNIT_RE = re.compile(r"(?:金额)?单位[:：]\s*(亿元|万元|千元|元)")
ENTITY_RE = re.compile(
    r"(?:单位名称|编制单位|编制部门|部门名称|预算单位|预算部门|部门[（(]单位[)）]|单位)[:：]\s*"
    r"(?!亿元|万元|千元|元)(?P<name>[^\s:：]{2,60}?)\s*(?=(?:金额)?单位[:：]|$)")
_TITLE_WORDS = ("表", "情况", "明细")


@dataclass(slots=True)
class Caption:
    numbering: str | None = None  # as printed: 表一, 公开01表, 部门公开表7, 一、
    number: int | None = None  # its number: 1, 7
    part: int | None = None  # 表14-2 → 2
    title: str | None = None
    unit: str | None = None
    entity: str | None = None
    top: float | None = None  # where the caption starts on its page
    box: tuple[float, float, float, float] | None = None

    @property
    def found(self) -> bool:
        return self.title is not None or self.numbering is not None


def numbering(text: str) -> tuple[str, int | None, int | None, str] | None:
    """(numbering as printed, number, part, the rest of the line) when ``text`` starts with one."""
    match = NUMBERING_RE.match(text)
    if match is None:
        return None
    raw = next(g for g in match.groups()[:5] if g)
    number = int(raw) if raw.isdigit() else parse_chinese_numeral(raw)
    part = int(match.group(6)) if match.group(6) else None
    return squash(match.group(0)).rstrip(":：.．、"), number, part, text[match.end():].strip()


def looks_like_title(text: str) -> bool:
    """A table title: short, ends in 表 (or 表 with a qualifier in brackets), no sentence punctuation."""
    if not text or len(text) > 70 or any(p in text for p in "。；，") or "……" in text:
        return False
    core = re.sub(r"[（(][^）)]*[）)]$", "", text)
    return core.endswith("表") or (core.endswith("情况") and "表" in text)


def caption(runs: list[Run], bottom: float, top_limit: float) -> Caption:
    """The caption printed between ``top_limit`` and ``bottom`` (the table's top) on one page."""
    near = [r for r in runs if top_limit <= r.yc <= bottom + 1]
    heights = sorted(r.height for r in runs)
    if heights:  # a glyph boxed many lines tall (a font's broken metrics) would join every line it spans
        near = [r for r in near if r.height <= 4 * heights[len(heights) // 4]]  # against the usual text
    lines = [line for line in cluster(near) if line and line[0].bottom <= bottom + 2]
    found = Caption()
    taken: list[Run] = []
    for line in reversed(lines[-6:]):
        text = squash("".join(r.text for r in line))
        used = False
        if (unit := UNIT_RE.search(text)) and found.unit is None:
            found.unit, used = unit.group(1), True
        if (entity := ENTITY_RE.search(text)) and found.entity is None:
            found.entity, used = entity.group("name"), True
        if used:
            taken += line
            continue
        if len(text) > 70 or text.endswith("。"):
            break  # narrative: the caption is over
        head = numbering(text)
        if head:
            found.numbering, found.number, found.part, rest = head
            if rest and found.title is None and looks_like_title(squash(rest)):
                found.title = squash(rest)
            taken += line
            if found.title:
                break
            continue
        ordinal = ORDINAL_HEAD_RE.match(text)
        if found.title is not None and ordinal and found.numbering is None:
            found.numbering, found.number = ordinal.group(0), parse_chinese_numeral(ordinal.group(1))
            taken += line
            break
        if found.title is None and looks_like_title(_without_ordinal(text)):
            if ordinal:
                found.numbering, found.number = ordinal.group(0), parse_chinese_numeral(ordinal.group(1))
            found.title = _without_ordinal(text)
            taken += line
            if ordinal:
                break
            continue
        if found.title is not None and not looks_like_title(_without_ordinal(text)) and looks_like_title(
                _without_ordinal(text) + found.title):
            found.title = _without_ordinal(text) + found.title  # a title wrapped over two lines
            taken += line
            continue
        if found.title is not None or found.numbering is not None:
            break
    if taken:
        found.top = min(r.top for r in taken)
        found.box = (round(min(r.x0 for r in taken), 1), round(found.top, 1),
                     round(max(r.x1 for r in taken), 1), round(max(r.bottom for r in taken), 1))
    return found


def _without_ordinal(text: str) -> str:
    return ORDINAL_HEAD_RE.sub("", text, count=1)
