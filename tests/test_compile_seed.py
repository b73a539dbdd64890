"""Compiling the Jiangmen line items gives the published seed: every table cell, Part 3, Parts 1 and 4."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from budget_examples import JIANGMEN
from yusuan.budget import read_budget
from yusuan.compile import compile_budget, compile_with_notices
from yusuan.model import Document, Source, Table


@pytest.fixture(scope="module")
def compiled() -> Document:
    return compile_budget(read_budget(JIANGMEN))


def without_places(table: Table) -> Table:
    return replace(table, pages=[], rows=[replace(row, source=Source()) for row in table.rows])


@pytest.mark.parametrize("number", range(1, 13))
def test_every_table_equals_the_seed_cell_for_cell(compiled: Document, seed_doc: Document, number: int) -> None:
    ours, printed = without_places(compiled.table(number)), without_places(seed_doc.table(number))
    assert [(r.side, r.code, r.ordinal, r.label, r.level, r.key, r.values, r.text) for r in ours.rows] == \
        [(r.side, r.code, r.ordinal, r.label, r.level, r.key, r.values, r.text) for r in printed.rows]
    assert ours == printed  # title, unit, entity, columns, notes too


def test_values_keep_two_printed_places(compiled: Document) -> None:
    for table in compiled.tables:
        for row in table.rows:
            assert all(v is not None and v.as_tuple().exponent == -2 for v in row.values), (table.number, row)


def test_the_seeds_one_rounding_difference_is_reproduced(compiled: Document) -> None:
    """表6 303 prints 180.80 while its items print 180.79: exact amounts, each rounded on its own."""
    t6 = compiled.table(6)
    items = [t6.find(code=c).values[0] for c in ("30301", "30302", "30307")]
    assert t6.find(code="303").values[0] == Decimal("180.80") and sum(items) == Decimal("180.79")
    assert t6.notes == ["本套报表金额单位转换时可能存在尾数误差。"]


def claim_fields(document: Document) -> list[tuple]:
    return [(c.section, c.role, c.subject, c.name, c.amount, c.unit, c.direction, c.change, c.percent_direction,
             c.percent, c.comparable, c.parent, c.goal) for c in document.claims]


def test_part3_claims_equal_the_seeds(compiled: Document, seed_doc: Document) -> None:
    assert claim_fields(compiled) == claim_fields(seed_doc)
    assert len(compiled.claims) == 27


def test_part3_text_is_the_seeds_word_for_word(compiled: Document, seed_doc: Document) -> None:
    ours = [(s.number, s.title, s.text) for s in compiled.sections.explanations]
    assert ours == [(s.number, s.title, s.text) for s in seed_doc.sections.explanations]


def test_parts_1_and_4_equal_the_seeds(compiled: Document, seed_doc: Document) -> None:
    for part in ("duties", "internal_units", "internal_unit_count", "composition", "glossary"):
        assert getattr(compiled.sections, part) == getattr(seed_doc.sections, part), part


def test_meta_says_what_was_compiled(compiled: Document, seed_doc: Document) -> None:
    m = compiled.meta
    assert (m.entity, m.year, m.kind, m.scope, m.format, m.unit) == (
        seed_doc.meta.entity, 2024, "budget", "department", "gd-budget-12", "万元")
    assert m.reader == "compile" and m.title == "江门市社会保险基金管理局2024年部门预算"
    assert compiled.diagnostics == []


def test_a_complete_example_has_nothing_to_review() -> None:
    assert compile_with_notices(read_budget(JIANGMEN))[1] == []
