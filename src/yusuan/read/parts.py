"""The text parts of a disclosure: Part 1 overview, Part 3 explanations, Part 4 glossary.

Wrapped lines of Chinese prose join without a separator. A numbered heading (``一、主要职责``) is a
short line that does not end in punctuation; list items inside start with ``（一）`` or ``1.``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yusuan.model import Section, Sections, Source
from yusuan.read.lines import Line
from yusuan.read.units import internal_units
from yusuan.text import parse_chinese_numeral, squash

PART_RE = re.compile(r"^第([一二三四五六七八九十]+)部分\s*(.*)$")
HEADING_RE = re.compile(r"^([一二三四五六七八九十]+)、\s*(\S.{0,30})$")
ITEM_RE = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、](?!\d))\s*")
GLOSSARY_RE = re.compile(r"^([一二三四五六七八九十]+)、\s*([^:：]{1,30}?)\s*[:：]\s*(.*)$")
_PUNCT_END = "。，；：,;:"


@dataclass(slots=True)
class Block:
    """Lines under one numbered heading."""

    number: str | None
    title: str
    lines: list[Line]
    heading: Line | None


def split_parts(lines: list[Line]) -> dict[int, tuple[str, int, int]]:
    """Part number → (title, first line index after the heading, end index)."""
    heads = [(i, m) for i, line in enumerate(lines) if (m := PART_RE.match(line.text))]
    parts: dict[int, tuple[str, int, int]] = {}
    for n, (i, match) in enumerate(heads):
        number = parse_chinese_numeral(match.group(1))
        end = heads[n + 1][0] if n + 1 < len(heads) else len(lines)
        if number is not None and number not in parts:
            parts[number] = (match.group(2).strip(), i + 1, end)
    return parts


def is_heading(text: str) -> re.Match[str] | None:
    match = HEADING_RE.match(text)
    if match is None or text[-1] in _PUNCT_END or GLOSSARY_RE.match(text):
        return None
    return match


def blocks(lines: list[Line]) -> list[Block]:
    """Split lines at numbered headings; text before the first heading is a block without number."""
    result: list[Block] = [Block(None, "", [], None)]
    for line in lines:
        match = is_heading(line.text)
        if match:
            result.append(Block(match.group(1), squash(match.group(2)), [], line))
        else:
            result[-1].lines.append(line)
    return [b for b in result if b.number is not None or b.lines]


def join(lines: list[Line]) -> str:
    return "".join(squash(line.text) for line in lines)


def source_of(lines: list[Line], fallback: Line | None = None) -> Source:
    line = lines[0] if lines else fallback
    return Source(page=line.page, line=line.number) if line else Source()


def items(lines: list[Line]) -> list[str]:
    """Numbered list items (（一）…), each joined across its wrapped lines, numbering removed."""
    result: list[str] = []
    for line in lines:
        text = squash(line.text)
        match = ITEM_RE.match(text)
        if match or not result:
            result.append(text[match.end():] if match else text)
        else:
            result[-1] += text
    return [r for r in result if r]


def overview(lines: list[Line], sections: Sections) -> None:
    """Part 1: duties, internal units (and their printed count), budget composition."""
    for block in blocks(lines):
        if block.number is None:
            continue
        if "职责" in block.title or "职能" in block.title:
            sections.duties = items(block.lines)
        elif "机构" in block.title:
            if found := internal_units(join(block.lines)):
                sections.internal_unit_count, sections.internal_units = found
        elif "构成" in block.title:
            sections.composition = join(block.lines)


def explanations(lines: list[Line]) -> list[Section]:
    """Part 3 sections as text; the lines of each are kept by the caller for claims."""
    return [
        Section(block.number, block.title, join(block.lines), source_of(block.lines, block.heading))
        for block in blocks(lines) if block.number is not None
    ]


def glossary(lines: list[Line]) -> dict[str, str]:
    """Part 4: ``一、财政拨款收入: 指…`` → {"财政拨款收入": "指…"}, definitions joined across lines."""
    terms: dict[str, str] = {}
    term = None
    for line in lines:
        match = GLOSSARY_RE.match(squash(line.text))
        if match:
            term = match.group(2)
            terms[term] = match.group(3)
        elif term is not None:
            terms[term] += squash(line.text)
    return terms
