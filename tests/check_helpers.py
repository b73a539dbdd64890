"""Helpers for the checker's tests: edit one printed number of the seed, read it, check it."""

from __future__ import annotations

import re

from yusuan.check import Cell, Finding, Severity, check_document
from yusuan.read import read_text


def edit(text: str, line: int, old: str, new: str, occurrence: int = 0) -> str:
    """Replace the ``occurrence``-th whole number ``old`` on 1-based ``line``; fail loudly if absent."""
    lines = text.split("\n")
    pattern = re.compile(rf"(?<![\d.,]){re.escape(old)}(?![\d])")
    matches = list(pattern.finditer(lines[line - 1]))
    assert len(matches) > occurrence, f"{old!r} not found {occurrence + 1}× on line {line}: {lines[line - 1]!r}"
    match = matches[occurrence]
    lines[line - 1] = lines[line - 1][:match.start()] + new + lines[line - 1][match.end():]
    return "\n".join(lines)


def check_text(text: str) -> list[Finding]:
    return check_document(read_text(text))


def names(cell: Cell, row: str) -> bool:
    return cell.code == row or cell.label == row or (cell.table is None and row in cell.label)


def caught(findings: list[Finding], rule: str, table: int | None, row: str, column: str | None,
           value: str, severity: Severity = Severity.ERROR) -> bool:
    """Some finding of ``rule`` at ``severity`` names the cell (table, row, column) printed as ``value``."""
    return any(
        f.rule == rule and f.severity is severity and any(
            c.table == table and names(c, row) and (column is None or c.column[-1] == column) and c.value == value
            for c in f.cells)
        for f in findings)
