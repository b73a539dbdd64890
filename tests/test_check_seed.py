"""The seed as published: zero errors, and every finding it gives is the right one."""

from __future__ import annotations

from yusuan.check import Severity, check_document
from yusuan.document_json import from_json, to_json
from yusuan.model import Document


def test_seed_has_exactly_the_one_real_rounding_difference(seed_doc: Document) -> None:
    findings = check_document(seed_doc)
    assert [(f.rule, f.severity) for f in findings] == [("SUM-HIERARCHY", Severity.INFO)]
    info = findings[0]
    # 表6 类303 prints 180.80; its items 26.10 + 133.88 + 20.81 add to 180.79 (the note warns of 尾数误差).
    assert (info.actual, info.expected) == ("180.80", "180.79")
    assert [(c.table, c.code, c.value) for c in info.cells] == [
        (6, "303", "180.80"), (6, "30301", "26.10"), (6, "30302", "133.88"), (6, "30307", "20.81")]
    assert [(c.page, c.line) for c in info.cells] == [(11, 514), (11, 516), (11, 518), (11, 520)]
    assert "尾数误差" in info.message and "+0.01" in info.message and "±0.02" in info.message


def test_every_table_cell_of_the_seed_is_compared(seed_doc: Document) -> None:
    """No printed amount escapes: each one takes part in at least one error-level identity."""
    coverage: dict[tuple, set[str]] = {}
    check_document(seed_doc, coverage=coverage)
    unchecked = [(t.number, r.code or r.label, c.key) for t in seed_doc.tables for r in t.rows for c in t.columns
                 if "error" not in coverage.get((t.number, r.side, r.code, r.label, tuple(c.path), None), set())]
    assert unchecked == []


def test_document_json_gives_the_same_findings(seed_doc: Document) -> None:
    assert check_document(from_json(to_json(seed_doc))) == check_document(seed_doc)


def test_rules_run_on_the_seed_compare_every_narrative_figure_that_has_a_counterpart(seed_doc: Document) -> None:
    coverage: dict[tuple, set[str]] = {}
    check_document(seed_doc, coverage=coverage)
    narrative = {(k[3], k[4][0]) for k in coverage if k[0] is None and k[5] is not None}
    for claim in seed_doc.claims:
        if claim.section in ("一", "二", "三", "四", "六") and claim.role != "reason" and claim.amount is not None:
            assert (claim.name, "金额") in narrative, claim.name
        if claim.percent is not None:
            assert (claim.name, "增减率") in narrative, claim.name
