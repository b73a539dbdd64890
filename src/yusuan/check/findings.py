"""Findings: what the checker reports, and the cells each one is about.

A finding must stand on its own in a report, a database row or a web page: it names its rule, says
in Chinese what does not add up and by how much, and lists every printed cell involved with the
place it was printed. Values are decimal strings exactly as printed (``"180.80"``), never floats.
The JSON form (``yusuan.findings/1``) is documented in ``docs/findings-json.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from yusuan.errors import UnreadableInput
from yusuan.model import Claim, Document, Row, Source, Table

SCHEMA = "yusuan.findings/1"

# Where a cell is printed on a PDF page: (page, x0, top, x1, bottom), points, top-down on the page as displayed.
Mark = tuple[int, float, float, float, float]


class Severity(StrEnum):
    ERROR = "error"  # the printed numbers cannot all be right, or the text is certainly wrong
    WARNING = "warning"  # probably wrong, or against the disclosure rules, but not provably
    INFO = "info"  # worth knowing, not wrong (尾数误差, a figure that cannot be checked)

    @property
    def rank(self) -> int:
        return _RANKS[self]

    @property
    def chinese(self) -> str:
        return _CHINESE[self]


_RANKS = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_CHINESE = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}

# What a claim's figures are called when a finding cites them.
CLAIM_FIELDS = {"amount": "金额", "change": "增减额", "percent": "增减率", "count": "数量"}


def quoted(name: str) -> str:
    """A name in Chinese quotes, unless it already carries its own (“三公”经费)."""
    return name if "“" in name else f"“{name}”"


def printed(value: Decimal | None) -> str | None:
    """A Decimal as the decimal string it was printed as (``0.00`` keeps its places)."""
    return None if value is None else format(value, "f")


@dataclass(frozen=True, slots=True)
class Cell:
    """One printed value a finding is about.

    ``table`` is the printed 表N, or None for the narrative and the overview (then ``section`` says
    which Part 3 section, and ``label`` is the subject as printed). ``column`` is the header path of
    the value's column (for a narrative figure: 金额 / 增减额 / 增减率). ``missing`` marks a row the
    table does not print at all (its value is taken as 0). ``boxes`` are where it is printed on the
    page (a table value: its box; a sentence: one box per printed line it spans, maybe over two pages),
    ``text`` the sentence a narrative figure or phrase stands in, as printed.
    """

    table: int | None
    label: str
    column: tuple[str, ...]
    value: str | None
    code: str | None = None
    side: str | None = None
    section: str | None = None
    unit: str | None = None
    page: int | None = None
    line: int | None = None
    missing: bool = False
    boxes: tuple[Mark, ...] = ()
    text: str | None = None

    @property
    def key(self) -> tuple:
        """What the cell *is*, independent of its value and place: to match a cell across two reads."""
        return (self.table, self.side, self.code, self.label, self.column, self.section)

    def describe(self, with_column: bool = True) -> str:
        """How a person would cite the cell: ``表2 20801 人力资源和社会保障管理事务（合计）``."""
        if self.table is None:
            where = f"说明{self.section}" if self.section else "概况"
            field = f"的{self.column[-1]}" if self.column else ""
            return f"{where}{quoted(self.label)}{field}"
        name = f"{self.code} {self.label}" if self.code and self.side is None else self.label
        column = f"（{'·'.join(self.column)}）" if with_column and self.column else ""
        return f"表{self.table} {name}{column}"


def table_cell(table: Table, row: Row, index: int) -> Cell:
    column = table.columns[index]
    box = row.boxes[index] if row.boxes and index < len(row.boxes) else None
    page = row.source.page
    boxes = ((page, *box),) if box and page is not None else ()
    return Cell(table=table.number, label=row.label, column=tuple(column.path), value=printed(row.values[index]),
                code=row.code, side=row.side, unit=table.unit or None, page=page, line=row.source.line,
                boxes=boxes)


def lazy_cell(table: Table, row: Row, index: int) -> Callable[[], Cell]:
    """The cell, made only if a finding cites it (most identities hold and cite nothing)."""
    return lambda: table_cell(table, row, index)


def missing_cell(table: Table, label: str, column_index: int, code: str | None = None) -> Cell:
    """A row the table does not print: read as 0, cited so the reader sees what was looked for."""
    column = table.columns[column_index]
    return Cell(table=table.number, label=label, column=tuple(column.path), value=None, code=code,
                unit=table.unit or None, missing=True)


def claim_cell(claim: Claim, field: str) -> Cell:
    value = getattr(claim, field)
    return Cell(table=None, label=claim.name, column=(CLAIM_FIELDS[field],),
                value=printed(value),
                section=claim.section, unit="%" if field == "percent" else claim.unit,
                page=claim.source.page, line=claim.source.line, text=claim.text or None,
                boxes=((claim.source.page, *claim.source.box),) if claim.source.box and claim.source.page else ())


def text_cell(label: str, value: str | None, source: Source, column: str = "数量",
              section: str | None = None) -> Cell:
    """A number or a name printed in the text parts (概况, 名词解释)."""
    boxes = ((source.page, *source.box),) if source.box and source.page is not None else ()
    return Cell(table=None, label=label, column=(column,), value=value, section=section,
                page=source.page, line=source.line, boxes=boxes)


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the checker reports. ``expected``/``actual`` are decimal strings where they apply:
    ``actual`` the printed value under test, ``expected`` what the other printed values imply."""

    rule: str
    severity: Severity
    title: str
    message: str
    cells: tuple[Cell, ...] = ()
    expected: str | None = None
    actual: str | None = None

    @property
    def place(self) -> tuple[int, int]:
        """Sort key: where the first located cell was printed."""
        for cell in self.cells:
            if cell.page is not None or cell.line is not None:
                return (cell.page or 0, cell.line or 0)
        return (0, 0)


def _meta(document: Document) -> dict[str, Any]:
    m = document.meta
    return {"entity": m.entity, "year": m.year, "kind": m.kind, "scope": m.scope, "format": m.format,
            "unit": m.unit, "title": m.title, "file": m.file, "sha256": m.sha256, "reader": m.reader}


def cell_to_dict(cell: Cell) -> dict[str, Any]:
    return {"table": cell.table, "code": cell.code, "label": cell.label, "side": cell.side,
            "section": cell.section, "column": list(cell.column), "value": cell.value, "unit": cell.unit,
            "page": cell.page, "line": cell.line, "missing": cell.missing,
            "boxes": [list(mark) for mark in cell.boxes], "text": cell.text}


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    return {"rule": finding.rule, "severity": finding.severity.value, "title": finding.title,
            "message": finding.message, "cells": [cell_to_dict(c) for c in finding.cells],
            "expected": finding.expected, "actual": finding.actual}


def counts(findings: list[Finding]) -> dict[str, int]:
    result = {severity.value: 0 for severity in Severity}
    for finding in findings:
        result[finding.severity.value] += 1
    return result


def findings_to_dict(document: Document, findings: list[Finding]) -> dict[str, Any]:
    """The report as JSON-ready data: ``{"schema", "document", "summary", "findings"}``."""
    return {"schema": SCHEMA, "document": _meta(document), "summary": counts(findings),
            "findings": [finding_to_dict(f) for f in findings]}


# ---- reading back (the store and the web page keep findings as JSON) ----------------------------


def _cell_from_dict(data: dict[str, Any], path: str) -> Cell:
    try:
        return Cell(table=data["table"], label=data["label"], column=tuple(data["column"]), value=data["value"],
                    code=data.get("code"), side=data.get("side"), section=data.get("section"),
                    unit=data.get("unit"), page=data.get("page"), line=data.get("line"),
                    missing=bool(data.get("missing", False)),
                    boxes=tuple(_mark(m) for m in data.get("boxes") or ()), text=data.get("text"))
    except (KeyError, TypeError, ValueError) as error:
        raise UnreadableInput(f"Findings JSON 无效：{path} 缺少字段或类型错误（{error}）") from None


def _mark(data: Any) -> Mark:
    page, x0, top, x1, bottom = data
    return (int(page), float(x0), float(top), float(x1), float(bottom))


def findings_from_dict(data: dict[str, Any]) -> list[Finding]:
    """Findings from their JSON form; raises :class:`UnreadableInput` naming the bad field."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise UnreadableInput(f"Findings JSON 无效：$.schema 应为 {SCHEMA!r}")
    findings = []
    for i, item in enumerate(data.get("findings", [])):
        path = f"$.findings[{i}]"
        try:
            severity = Severity(item["severity"])
            findings.append(Finding(
                rule=item["rule"], severity=severity, title=item.get("title", ""), message=item["message"],
                cells=tuple(_cell_from_dict(c, f"{path}.cells[{k}]") for k, c in enumerate(item["cells"])),
                expected=item.get("expected"), actual=item.get("actual")))
        except (KeyError, TypeError, ValueError) as error:
            raise UnreadableInput(f"Findings JSON 无效：{path} 缺少字段或取值错误（{error}）") from None
    return findings
