"""Read a disclosure from extracted text (like ``../shared/seed``) into a :class:`Document`."""

from __future__ import annotations

import re
from collections.abc import Callable

from yusuan.errors import UnreadableInput
from yusuan.formats.detect import detect_format
from yusuan.model import Claim, Diagnostic, Document, Meta, Sections
from yusuan.read import claims as claims_mod
from yusuan.read import parts
from yusuan.read.lines import Line, split_lines
from yusuan.read.tables import ENTITY_RE, UNIT_RE, read_tables
from yusuan.text import squash

_YEAR_RE = re.compile(r"(20\d{2})\s*年(?:度)?\s*(?:部门|单位)?(?:预算|决算)")
_ANY_YEAR_RE = re.compile(r"(20\d{2})\s*年")
_OVERVIEW_TITLE_RE = re.compile(r"^(.+?)(?:部门|单位)?概况$")


def read_text(text: str, *, format_id: str | None = None, file: str | None = None) -> Document:
    """Parse the whole disclosure. Raises :class:`UnreadableInput` if it is not one we can read."""
    lines = split_lines(text)
    if not lines:
        raise UnreadableInput("文件是空的，没有可读取的内容。")
    fmt = detect_format((line.text for line in lines), format_id)
    diagnostics: list[Diagnostic] = []
    found = parts.split_parts(lines)

    part3 = found.get(3)
    table_end = part3[1] - 1 if part3 else len(lines)
    tables, table_start, _ = read_tables(lines[:table_end], fmt, diagnostics)
    if not tables:
        raise UnreadableInput(f"按“{fmt.name}”格式没有读到任何表格。")

    sections = Sections()
    part1 = found.get(1)
    if part1:
        end = min(part1[2], table_start if table_start is not None else part1[2])
        parts.overview(without_table_preamble(lines[part1[1]:end]), sections)
    claims: list[Claim] = []
    if part3:
        sections.explanations, claims = explain(lines[part3[1]:part3[2]])
    part4 = found.get(4)
    if part4:
        sections.glossary = parts.glossary(lines[part4[1]:part4[2]])

    meta = Meta(
        entity=_entity(lines, tables, part1[0] if part1 else None),
        year=_year(lines, found),
        kind=fmt.kind,
        scope=_scope(lines, found),
        format=fmt.id,
        unit=_main_unit(tables, fmt.unit),
        title=None,
        file=file,
        reader="text",
    )
    return Document(meta=meta, sections=sections, tables=tables, claims=claims, diagnostics=diagnostics)


def without_table_preamble(lines: list[Line]) -> list[Line]:
    return [line for line in lines if not (UNIT_RE.search(line.text) and ENTITY_RE.search(line.text))]


def explain(lines: list[Line], prefix: str = "", *, entity: str | None = None,
            prose: Callable[[list[Line]], list[Line]] | None = None) -> tuple[list, list[Claim]]:
    """Numbered narrative sections and the claims they state; ``prefix`` goes in front of each number.
    ``entity`` is the document's own name (no part of a subject); ``prose`` picks the lines the claim
    scanner reads (a reader with its own parser for per-subject items leaves those out)."""
    sections = []
    claims: list[Claim] = []
    for block in parts.blocks(lines):
        if block.number is None:
            continue
        number = prefix + block.number
        prose_lines, key_projects = claims_mod.split_key_projects(block.lines)
        sections.append(parts.Section(number, block.title, parts.join(prose_lines),
                                      parts.source_of(prose_lines, block.heading)))
        scanned = prose(prose_lines) if prose else prose_lines
        claims += claims_mod.narrative_claims(number, scanned, entity)
        claims += claims_mod.key_project_claims(number, key_projects)
    return sections, claims


def _entity(lines: list[Line], tables: list, overview_title: str | None) -> str:
    for table in tables:
        if table.entity:
            return table.entity
    if overview_title and (match := _OVERVIEW_TITLE_RE.match(overview_title)):
        return match.group(1)
    for line in lines[:50]:
        if match := ENTITY_RE.search(line.text):
            return match.group(1)
    raise UnreadableInput("找不到单位名称（既没有“单位名称：”，也没有“第一部分 …概况”）。")


def _year(lines: list[Line], found: dict[int, tuple[str, int, int]]) -> int | None:
    titles = [title for title, _, _ in found.values()]
    for text in [*titles, *(line.text for line in lines[:80])]:
        if match := _YEAR_RE.search(squash(text)):
            return int(match.group(1))
    for line in lines[:200]:
        if match := _ANY_YEAR_RE.search(line.text):
            return int(match.group(1))
    return None


def _scope(lines: list[Line], found: dict[int, tuple[str, int, int]]) -> str:
    heads = " ".join(title for title, _, _ in found.values()) + " ".join(line.text for line in lines[:10])
    return "unit" if re.search(r"单位(?:预算|决算)", heads) else "department"


def _main_unit(tables: list, default: str) -> str:
    units = [t.unit for t in tables if t.unit]
    return max(set(units), key=units.count) if units else default
