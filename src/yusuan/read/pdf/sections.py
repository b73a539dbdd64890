"""The text parts of a PDF disclosure, split as its format declares them.

Formats whose documents print ``第一部分 …`` (Guangdong budgets, national final accounts) are split by
those part headings, exactly as the text reader does. Shanghai budgets print no parts: their sections
are pages headed ``…主要职能``, ``…机构设置``, ``名词解释``, ``2024年部门预算编制说明``, …; the format's
``[[sections]]`` declare which heading endings open which section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from yusuan.formats.spec import FormatSpec, load_format
from yusuan.model import Claim, Section, Sections
from yusuan.read import parts
from yusuan.read.claims import narrative_claims
from yusuan.read.lines import Line
from yusuan.read.pdf.items import item_claims
from yusuan.read.text import explain, without_table_preamble
from yusuan.text import parse_chinese_numeral, squash

_LEADERS = ("……", "...", "···")
_NUMBERING = r"[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、"
_ITEM_RE = re.compile(rf"^(?:{_NUMBERING}|\d{{1,2}}[.．、](?!\d))\s*")
_TERM_RE = re.compile(rf"^(?:{_NUMBERING})\s*([^:：，。]{{1,30}}?)\s*[:：]\s*(.*)$")
_UNITS_RE = re.compile(r"设(?:有)?(?P<n>\d+|[一二三四五六七八九十]+)个内设机构[，,]?(?:具体为|分别为|包括|即|为)?[:：]?"
                       r"(?P<list>[^。]*)")


@dataclass(slots=True)
class Found:
    key: str
    number: str | None
    title: str
    start: int  # first line after the heading
    end: int


@cache
def _heading_ends(format_id: str) -> frozenset[str]:
    """The last characters of the format's section headings: most lines are rejected on this alone."""
    return frozenset(ending[-1] for _, _, endings in declared_headings(load_format(format_id)) for ending in endings)


def declared_headings(fmt: FormatSpec) -> list[tuple[str, str | None, tuple[str, ...]]]:
    return [(s["key"], s.get("number"), tuple(s["headings"])) for s in fmt.extra.get("sections", [])]


def heading_of(line: Line, fmt: FormatSpec) -> tuple[str, str | None] | None:
    """(section key, number) when ``line`` is the heading of a declared section."""
    if len(line.text) > 60 or line.text[-1] not in _heading_ends(fmt.id):
        return None
    text = squash(line.text)
    if len(text) > 40 or any(mark in text for mark in _LEADERS):
        return None
    for key, number, endings in declared_headings(fmt):
        if any(text.endswith(ending) for ending in endings) and not re.match(r"^[一二三四五六七八九十]+、", text):
            return key, number
    return None


def is_heading(line: Line, fmt: FormatSpec) -> bool:
    return bool(parts.PART_RE.match(line.text)) or heading_of(line, fmt) is not None


def split_declared(lines: list[Line], fmt: FormatSpec) -> list[Found]:
    found: list[Found] = []
    for i, line in enumerate(lines):
        head = heading_of(line, fmt)
        if head is None or any(f.key == head[0] for f in found):
            continue
        if found:
            found[-1].end = i
        found.append(Found(head[0], head[1], squash(line.text), i + 1, len(lines)))
    return found


def read_sections(lines: list[Line], fmt: FormatSpec, tables_span: tuple[int, int] | None,
                  entity: str | None = None) -> tuple[Sections, list[Claim]]:
    """Sections and narrative claims, from the lines outside the tables; ``entity`` is the document's
    own name, which the narrative puts in front of its subjects."""
    if fmt.extra.get("sections"):
        return _declared(lines, fmt, tables_span, entity)
    return _by_parts(lines, tables_span, entity)


def _outside(found_start: int, found_end: int, span: tuple[int, int] | None) -> tuple[int, int]:
    if span and found_start < span[0] < found_end:
        found_end = span[0]
    if span and found_start < span[1] and found_end > span[0]:
        found_start = max(found_start, span[1])
    return found_start, found_end


def _declared(lines: list[Line], fmt: FormatSpec, span: tuple[int, int] | None,
              entity: str | None) -> tuple[Sections, list[Claim]]:
    sections = Sections()
    claims: list[Claim] = []
    for found in split_declared(lines, fmt):
        start, end = _outside(found.start, found.end, span)
        body = lines[start:end]
        if found.key == "duties":
            sections.duties = items(body)
        elif found.key == "organization":
            _organization(body, sections)
        elif found.key == "glossary":
            sections.glossary = glossary(body)
        else:
            number = found.number or found.key
            if any(parts.is_heading(line.text) for line in body):
                explained, stated = explain(body, prefix=number + ".", entity=entity)
                sections.explanations += explained
                claims += stated
            else:
                sections.explanations.append(
                    Section(number, found.title, parts.join(body), parts.source_of(body)))
                claims += narrative_claims(number, _prose(body), entity)
            claims += item_claims(number, body)
    return sections, claims


_ITEM_START_RE = re.compile(r"^\d{1,3}[.．、]\s*(?:“|[^，。；“”]{2,40}（类）)")


def _prose(lines: list[Line]) -> list[Line]:
    """Lines before the first numbered item about a subject (``1. “…（类）…”``, ``1、…（类）…（项）。``): the
    per-item statements are read by :mod:`items`."""
    for i, line in enumerate(lines):
        if _ITEM_START_RE.match(squash(line.text)):
            return lines[:i]
    return lines


def _by_parts(lines: list[Line], span: tuple[int, int] | None,
              entity: str | None) -> tuple[Sections, list[Claim]]:
    sections = Sections()
    claims: list[Claim] = []
    found = parts.split_parts(lines)
    if 1 in found:
        _, start, end = found[1]
        start, end = _outside(start, end, span)
        parts.overview(without_table_preamble(lines[start:end]), sections)
    if 3 in found:
        _, start, end = found[3]
        start, end = _outside(start, end, span)
        sections.explanations, claims = explain(lines[start:end], entity=entity, prose=_prose)
        claims += item_claims_by_section(lines[start:end])
    if 4 in found:
        _, start, end = found[4]
        sections.glossary = parts.glossary(lines[start:end])
    return sections, claims


def item_claims_by_section(lines: list[Line]) -> list[Claim]:
    claims: list[Claim] = []
    for block in parts.blocks(lines):
        if block.number is not None:
            claims += item_claims(block.number, block.lines)
    return claims


def items(lines: list[Line]) -> list[str]:
    """Numbered items (一、 （一） 1.), each joined across its wrapped lines, numbering removed; the
    lines before the first item (an introduction) are left out when items follow."""
    result: list[str] = []
    intro = True
    for line in lines:
        text = squash(line.text)
        match = _ITEM_RE.match(text)
        if match:
            result.append(text[match.end():])
            intro = False
        elif not intro and result:
            result[-1] += text
    return [r for r in result if r]


def glossary(lines: list[Line]) -> dict[str, str]:
    terms: dict[str, str] = {}
    term = None
    for line in lines:
        text = squash(line.text)
        match = _TERM_RE.match(text)
        if match:
            term = match.group(1)
            terms[term] = match.group(2)
        elif term is not None:
            terms[term] += text
    return terms


def _organization(lines: list[Line], sections: Sections) -> None:
    text = parts.join(lines)
    match = _UNITS_RE.search(text) or parts.UNITS_RE.search(text)
    if match:
        sections.internal_unit_count = parse_chinese_numeral(match.group("n"))
        names = re.split(r"[、，,；;]", match.group("list").rstrip("。"))
        sections.internal_units = [n.removesuffix("等") for n in names if n.removesuffix("等")]
    else:
        sections.internal_units = items(lines)
    sections.composition = text
