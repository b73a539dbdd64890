"""The disclosure in reading order: parts, numbered sections, paragraphs, tables — as the public reads it.

The Document holds what a disclosure says; this module decides how it is told, once, for every
writer that prints prose (docx, html, pdf): the four parts of the official documents (概况, 预算表,
情况说明, 名词解释), their numbered headings, the key-project list of section 六 rebuilt from the
claims, and the glossary. Writers only turn these blocks into their own markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from yusuan.model import Document
from yusuan.text import chinese_numeral
from yusuan.write.table_grid import Grid, amount_text, document_grids

KINDS = {"budget": "预算", "final_accounts": "决算"}
KEY_PROJECT_HEADER = ("项目", "预算数（单位：{unit}）", "绩效目标")


@dataclass(frozen=True, slots=True)
class Heading:
    """``level`` 1 is a part (第一部分 …), 2 a numbered section (一、主要职责)."""

    level: int
    text: str
    anchor: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str


@dataclass(frozen=True, slots=True)
class TableBlock:
    grid: Grid
    anchor: str


@dataclass(frozen=True, slots=True)
class KeyProjects:
    """Section 六's list: one row per key project (name, amount as printed, goal)."""

    header: tuple[str, str, str]
    rows: tuple[tuple[str, str, str], ...]


Block = Heading | Paragraph | TableBlock | KeyProjects


def scope_word(document: Document) -> str:
    return "单位" if document.meta.scope == "unit" else "部门"


def kind_word(document: Document) -> str:
    return KINDS.get(document.meta.kind, "预算")


def year_text(document: Document) -> str:
    return f"{document.meta.year}年" if document.meta.year else ""


def document_title(document: Document) -> str:
    """``江门市社会保险基金管理局2024年部门预算`` unless the Document carries its printed title."""
    if document.meta.title:
        return document.meta.title
    return f"{document.meta.entity}{year_text(document)}{scope_word(document)}{kind_word(document)}"


def part_titles(document: Document) -> tuple[str, str, str, str]:
    """The four part headings, worded as the official documents word them."""
    what = f"{year_text(document)}{scope_word(document)}{kind_word(document)}"
    return (f"第一部分 {document.meta.entity}概况", f"第二部分 {what}表", f"第三部分 {what}情况说明",
            "第四部分 名词解释")


def blocks(document: Document) -> list[Block]:
    """Everything after the cover, in order; a part the Document has no text for is left out."""
    titles = part_titles(document)
    result: list[Block] = []
    overview = _overview(document)
    if overview:
        result += [Heading(1, titles[0], "part1"), *overview]
    result.append(Heading(1, titles[1], "part2"))
    result += [TableBlock(grid, f"table{grid.table.number}") for grid in document_grids(document)]
    explanations = _explanations(document)
    if explanations:
        result += [Heading(1, titles[2], "part3"), *explanations]
    if document.sections.glossary:
        result.append(Heading(1, titles[3], "part4"))
        result += [Paragraph(f"{chinese_numeral(i)}、{term}：{definition}")
                   for i, (term, definition) in enumerate(document.sections.glossary.items(), start=1)]
    return result


def _overview(document: Document) -> list[Block]:
    sections = document.sections
    found: list[tuple[str, list[Block]]] = []
    if sections.duties:
        found.append(("主要职责", [Paragraph(f"（{chinese_numeral(i)}）{duty}")
                                  for i, duty in enumerate(sections.duties, start=1)]))
    units = _units_sentence(document)
    if units:
        found.append((f"{scope_word(document)}机构设置", [Paragraph(units)]))
    if sections.composition:
        found.append((f"{scope_word(document)}{kind_word(document)}构成", [Paragraph(sections.composition)]))
    result: list[Block] = []
    for i, (title, body) in enumerate(found, start=1):
        result.append(Heading(2, f"{chinese_numeral(i)}、{title}", f"part1-{i}"))
        result += body
    return result


def _units_sentence(document: Document) -> str:
    """``…内设机构12个，具体为：办公室、人事科…。`` from the list and the count the Document keeps."""
    sections = document.sections
    listed = "、".join(sections.internal_units)
    if sections.internal_unit_count is not None:
        head = f"{document.meta.entity}内设机构{sections.internal_unit_count}个"
        return f"{head}，具体为：{listed}。" if listed else f"{head}。"
    return f"{document.meta.entity}内设机构包括：{listed}。" if listed else ""


def _explanations(document: Document) -> list[Block]:
    result: list[Block] = []
    for n, section in enumerate(document.sections.explanations, start=1):
        number = section.number or chinese_numeral(n)
        result.append(Heading(2, f"{number}、{section.title}", f"part3-{n}"))
        if section.text:
            result.append(Paragraph(section.text))
        projects = [c for c in document.claims if c.role == "key_project" and c.section == section.number]
        if projects:
            unit = projects[0].unit or document.meta.unit
            header = (KEY_PROJECT_HEADER[0], KEY_PROJECT_HEADER[1].format(unit=unit), KEY_PROJECT_HEADER[2])
            rows = tuple((c.name, amount_text(c.amount), c.goal or "") for c in projects)
            result.append(KeyProjects(header, rows))
    return result
