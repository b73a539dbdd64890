"""Compile: a department's Budget → the complete disclosure as a :class:`yusuan.model.Document`.

Tables are aggregations of the line items (:mod:`~yusuan.compile.tables`), Part 3 is written in the
published documents' own style (:mod:`~yusuan.compile.narrative`), Parts 1 and 4 come from the
input and the format's standard glossary.
"""

from __future__ import annotations

from yusuan.budget.model import Budget
from yusuan.compile.ledger import ledger
from yusuan.compile.narrative import explanations
from yusuan.compile.review import review
from yusuan.compile.standard import standard
from yusuan.compile.tables import build_tables
from yusuan.formats import load_format
from yusuan.model import Document, Meta, Sections
from yusuan.money import Unit

__all__ = ["compile_budget", "compile_with_notices"]

_KINDS = {("department", "budget"): "部门预算", ("unit", "budget"): "单位预算"}


def compile_budget(budget: Budget) -> Document:
    """The whole disclosure; every number in it is derived from ``budget``, so all of them agree."""
    return compile_with_notices(budget)[0]


def compile_with_notices(budget: Budget) -> tuple[Document, list[str]]:
    """The disclosure and what its author should look at before publishing (missing reasons …)."""
    profile = budget.profile
    fmt = load_format(profile.format_id)
    std = standard(fmt.id)
    entries = ledger(budget, Unit.parse(fmt.unit))
    tables = build_tables(fmt, std, budget, entries)
    sections = Sections(
        duties=list(profile.duties),
        internal_units=list(profile.internal_units),
        internal_unit_count=len(profile.internal_units) if profile.internal_units else None,
        composition=profile.composition,
        glossary=dict(std.glossary),
    )
    sections.explanations, claims, notices = explanations(budget, tables, entries, std)
    meta = Meta(entity=profile.entity, year=profile.year, kind=fmt.kind, scope=profile.scope, format=fmt.id,
                unit=fmt.unit, title=f"{profile.entity}{profile.year}年{_KINDS.get((profile.scope, fmt.kind), '')}",
                reader="compile")
    return Document(meta=meta, sections=sections, tables=tables, claims=claims), review(budget) + notices
