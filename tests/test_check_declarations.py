"""Identities declared with a format: loaded, validated, and reported in the findings JSON."""

from __future__ import annotations

import json
import re

import pytest

from check_helpers import check_text, edit
from yusuan.check import SCHEMA, all_rules, check_document, findings_from_dict, findings_to_dict
from yusuan.check.declared import declared_rules
from yusuan.check.rules.admin_expense import admin_spec
from yusuan.check.rules.narrative import narrative_spec
from yusuan.errors import UnreadableInput
from yusuan.formats import all_formats, load_format
from yusuan.formats.spec import FormatDeclarationError, parse_format
from yusuan.model import Document
from yusuan.read import read_text

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("fmt", all_formats(), ids=lambda f: f.id)
def test_every_format_declaration_loads(fmt) -> None:
    narrative_spec(fmt), admin_spec(fmt)  # loading validates their cell references
    rules = all_rules(fmt)
    ids = [r.id for r in rules]
    assert len(ids) == len(set(ids))
    for rule in rules:
        assert re.fullmatch(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+", rule.id), rule.id
        assert HAN.search(rule.title), rule.id


def test_guangdong_declares_every_family_of_formats_md() -> None:
    """formats.md §1's identities: the national ones every budget carries, and Guangdong's own."""
    ids = {r.id for r in all_rules(load_format("gd-budget-12"))}
    assert ids >= {"SUM-HIERARCHY", "SUM-COLUMNS", "SUM-ROWS", "SUM-BALANCE", "CROSS-SUMMARY-INCOME",
                   "CROSS-SUMMARY-EXPENSE", "CROSS-FISCAL", "CROSS-BASIC", "CROSS-PROJECT", "CROSS-INCOME-EXPENSE",
                   "CROSS-T1-T3", "CROSS-T4-FUNDS", "CROSS-T8-ECONOMIC", "CROSS-PENSION", "ADMIN-EXPENSE"}


def _raw(**extra) -> dict:
    table = {"number": 1, "key": "t", "title": "表", "layout": "code_rows", "codes": "functional",
             "columns": [{"key": "total", "path": ["合计"]}, {"key": "a", "path": ["甲"]}]}
    table |= extra.pop("table", {})
    return {"id": "x-test", "name": "测试", "kind": "budget", "unit": "万元", "tables": [table], **extra}


@pytest.mark.parametrize(("raw", "message"), [
    (_raw(identities=[{"rule": "R-X", "total": "T1/total", "parts": ["T1/total/a"]}]), "must name one of the columns"),
    (_raw(identities=[{"rule": "R-X", "total": "T2/total/a", "parts": []}]), "undeclared table"),
    (_raw(identities=[{"rule": "R-X", "total": "T1/total/b", "parts": []}]), "undeclared column"),
    (_raw(identities=[{"rule": "R-X", "total": "table one", "parts": []}]), "bad cell reference"),
    (_raw(identities=[{"rule": "R-X", "total": "T1/total/a", "parts": ["T1/#201/total"]}]), "has no title"),
    (_raw(identities=[{"total": "T1/total/a", "parts": []}]), "needs a rule id"),
    (_raw(table={"column_sums": [{"total": "total", "parts": ["zz"]}]}), "undeclared column"),
    (_raw(table={"row_sums": [{"total": "total", "parts": ["nope"]}]}), "not a declared row"),
    (_raw(rules={"R-X": {"title": "甲", "severity": "fatal"}}), "valid severity"),
])
def test_a_bad_declaration_fails_loudly(raw: dict, message: str) -> None:
    with pytest.raises(FormatDeclarationError, match=message):
        declared_rules(parse_format(raw))


def test_findings_json_round_trip(seed_text: str) -> None:
    text = edit(seed_text, 584, "6.50", "7.50")
    findings = check_text(text)
    errors = [f for f in findings if f.severity.value == "error"]
    assert len(errors) >= 3
    data = json.loads(json.dumps(findings_to_dict(read_text(text), findings), ensure_ascii=False))
    assert data["schema"] == SCHEMA and data["summary"]["error"] == len(errors)
    assert findings_from_dict(data) == findings
    cell = data["findings"][0]["cells"][0]
    assert set(cell) == {"table", "code", "label", "side", "section", "column", "value", "unit", "page", "line",
                         "missing", "boxes", "text"}


def test_findings_json_is_refused_with_the_bad_field() -> None:
    with pytest.raises(UnreadableInput, match=r"\$\.schema"):
        findings_from_dict({"schema": "other"})
    with pytest.raises(UnreadableInput, match=r"\$\.findings\[0\]"):
        findings_from_dict({"schema": SCHEMA, "findings": [{"rule": "X", "severity": "fatal"}]})


def test_json_meta_of_the_seed(seed_doc: Document) -> None:
    data = findings_to_dict(seed_doc, check_document(seed_doc))
    assert data["document"]["entity"] == "江门市社会保险基金管理局" and data["document"]["year"] == 2024
    assert data["summary"] == {"error": 0, "warning": 0, "info": 1}


def test_every_rule_is_documented() -> None:
    from conftest import ROOT

    text = (ROOT / "docs" / "findings-json.md").read_text(encoding="utf-8")
    for fmt in all_formats():
        for rule in all_rules(fmt):
            assert f"| `{rule.id}` | {rule.severity.value} | {rule.title} |" in text, rule.id


def test_a_bad_declaration_does_not_stop_the_check(seed_doc: Document) -> None:
    raw = _raw(identities=[{"rule": "R-X", "total": "T1/total/a", "parts": []}])  # R-X has no title
    findings = check_document(seed_doc, fmt=parse_format(raw))
    assert [f.rule for f in findings if f.rule == "CHECK-INTERNAL"] == ["CHECK-INTERNAL"]
    assert "has no title" in findings[0].message
