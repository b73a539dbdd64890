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
from yusuan.read.units import internal_units
from yusuan.text import squash

_LEADERS = ("……", "...", "···")
_NUMBERING = r"[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、"
_ITEM_RE = re.compile(rf"^(?:{_NUMBERING}|\d{{1,2}}[.．、](?!\d))\s*")
_TERM_RE = re.compile(rf"^(?:{_NUMBERING})\s*([^:：，。]{{1,30}}?)\s*[:：]\s*(.*)$")
_PLAIN_TERM_RE = re.compile(r"^([^:：，。；、\d]{2,24}?)\s*[:：]\s*(\S.*)$")


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
    if not fmt.extra.get("sections"):
        return _by_parts(lines, tables_span, entity)
    sections, claims = _declared(lines, fmt, tables_span, entity)
    if sections.explanations and sections.glossary and (sections.duties or sections.internal_units):
        return sections, claims
    # a document its format's section titles do not fit (another region's, another year's): what the
    # declared titles did not find, the parts' own titles may
    found, found_claims = _by_parts(lines, tables_span, entity)
    if not sections.explanations:
        sections.explanations, claims = found.explanations, claims + found_claims
    if not sections.glossary:
        sections.glossary = found.glossary
    if not (sections.duties or sections.internal_units or sections.composition):
        sections.duties, sections.internal_units = found.duties, found.internal_units
        sections.internal_unit_count, sections.composition = found.internal_unit_count, found.composition
    return sections, claims


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


_OVERVIEW_WORDS = ("概况", "基本情况", "职责", "职能", "机构设置", "单位构成", "部门情况说明", "单位情况说明",
                   "部门情况", "主要工作任务", "工作任务")
_GLOSSARY_WORDS = ("名词解释",)
_TABLE_WORDS = ("报表", "预算表", "决算表", "公开表")
_NARRATIVE_WORDS = ("情况说明", "预算说明", "编制说明", "公开说明", "决算说明", "收支", "三公", "情况")


def part_kind(title: str) -> str:
    """What a part (第X部分) or a top-level section holds, by its title: the overview, the narrative,
    the glossary or the tables. Regions title them differently; the words they use are few."""
    if any(w in title for w in _GLOSSARY_WORDS):
        return "glossary"
    if any(w in title for w in _TABLE_WORDS) and not any(w in title for w in ("说明",)):
        return "tables"
    if any(w in title for w in _OVERVIEW_WORDS):
        return "overview"
    return "narrative"


def _parts(lines: list[Line]) -> list[tuple[str, list[Line]]]:
    """(title, lines) of each part. A part heading printed without its title (第一部分 alone) takes the
    title the table of contents gives it, else the line below; no part headings: one part of it all."""
    found = parts.split_parts(lines)
    if not found:
        return [("", lines)]
    result = []
    for _, (title, start, end) in sorted(found.items()):
        if not title and start < end and not parts.is_heading(lines[start].text):
            title = squash(lines[start].text)
        result.append((title, lines[start:end]))
    return result


def _by_parts(lines: list[Line], span: tuple[int, int] | None,
              entity: str | None) -> tuple[Sections, list[Claim]]:
    """Sections of a document in no declared layout: each part and each top-level section within it
    classified by its title (概况 → overview, 名词解释 → glossary, 报表 → tables, the rest narrative)."""
    sections = Sections()
    claims: list[Claim] = []
    overview: list[Line] = []
    narrative: list[Line] = []
    for title, part in _parts(lines):
        kind = part_kind(title) if title else "narrative"
        if kind == "tables":
            continue
        if kind == "glossary":
            sections.glossary |= parts.glossary(part) or glossary(part)
            continue
        for block in parts.blocks(part):
            block_lines = ([block.heading] if block.heading else []) + block.lines
            block_kind = part_kind(block.title) if block.number else kind
            if block_kind == "glossary":
                sections.glossary |= parts.glossary(block.lines) or glossary(block.lines)
            elif block_kind == "overview" or (kind == "overview" and block_kind != "tables"):
                overview += block_lines
            elif block_kind == "narrative" and block.number:
                narrative += block_lines
    if overview:
        parts.overview(without_table_preamble(overview), sections)
        if not sections.duties:
            sections.duties = _sub_items(overview, ("职责", "职能"))
        if not sections.internal_units:
            _units_from(overview, sections)
    if narrative:
        sections.explanations, claims = explain(narrative, entity=entity, prose=_prose)
        claims += item_claims_by_section(narrative)
    return sections, claims


def _sub_items(lines: list[Line], words: tuple[str, ...]) -> list[str]:
    """The items under a sub-heading such as （一）本部门职责情况 inside an overview section."""
    taken: list[Line] = []
    inside = False
    for line in lines:
        text = squash(line.text)
        if re.match(r"^[（(][一二三四五六七八九十]+[）)]", text) and len(text) < 30 and not re.search("[，。；]", text):
            inside = any(w in text for w in words)
            continue
        if inside:
            taken.append(line)
    return items(taken)


def _units_from(lines: list[Line], sections: Sections) -> None:
    if found := internal_units(parts.join(lines)):
        sections.internal_unit_count, sections.internal_units = found


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
    """Terms and their definitions: ``一、财政拨款收入：指…``, or unnumbered (``财政拨款收入：指…``) where a
    line starts a term after a definition ended with 。."""
    terms: dict[str, str] = {}
    term = None
    ended = True
    for line in lines:
        text = squash(line.text)
        match = _TERM_RE.match(text) or (_PLAIN_TERM_RE.match(text) if ended else None)
        ended = text.endswith(("。", "）", ")"))
        if match:
            term = match.group(1)
            terms[term] = match.group(2)
        elif term is not None:
            terms[term] += text
    return terms


def _organization(lines: list[Line], sections: Sections) -> None:
    text = parts.join(lines)
    if found := internal_units(text):
        sections.internal_unit_count, sections.internal_units = found
    else:
        sections.internal_units = items(lines)
    sections.composition = text
