"""The Python rule units on edited seed texts: words, completeness, names, definitions, robustness."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from check_helpers import check_text, edit
from yusuan.check import Severity, check_document, engine
from yusuan.check.engine import Rule
from yusuan.check.rules.admin_expense import definition
from yusuan.errors import UnreadableInput
from yusuan.model import Document
from yusuan.read import read_text


def replace_line(text: str, line: int, old: str, new: str) -> str:
    lines = text.split("\n")
    assert old in lines[line - 1], lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "\n".join(lines)


def drop_lines(text: str, first: int, last: int) -> str:
    lines = text.split("\n")
    return "\n".join(lines[:first - 1] + lines[last:])


def found(findings, rule: str, severity: Severity) -> list:
    return [f for f in findings if f.rule == rule and f.severity is severity]


def test_percentage_word_against_change_word(seed_text: str) -> None:
    findings = check_text(replace_line(seed_text, 790, "下降8.71%", "增长8.71%"))
    [finding] = found(findings, "NARR-DIRECTION", Severity.ERROR)
    assert "减少 0.62" in finding.message and "增长8.71%" in finding.message
    assert {c.column[0] for c in finding.cells} == {"增减额", "增减率"}


def test_a_cause_larger_than_the_project_is_a_warning(seed_text: str) -> None:
    findings = check_text(edit(seed_text, 780, "150", "1500"))
    [finding] = found(findings, "NARR-REASON", Severity.WARNING)
    assert "1,500" in finding.message and "1,050" in finding.message and "表12" in finding.message
    assert not [f for f in findings if f.severity is Severity.ERROR]  # a cause is soft: never an error


def test_causes_all_against_the_direction_is_a_warning(seed_text: str) -> None:
    findings = check_text(replace_line(seed_text, 780, "较上年增加150", "较上年减少150"))
    [finding] = found(findings, "NARR-REASON", Severity.WARNING)
    assert "比上年增加" in finding.message and "减少" in finding.message


def test_missing_table_and_part(seed_text: str) -> None:
    text = drop_lines(seed_text, 610, 622)  # 表10 and its note
    assert read_text(text).table(10) is None
    assert [f.message for f in found(check_text(text), "COMPLETE-TABLES", Severity.ERROR)] == [
        "缺少表10“国有资本经营预算支出情况表”（空表也应公开并注明）。"]
    without_glossary = seed_text[:seed_text.index(" 第四部分 名词解释")]
    findings = check_text(without_glossary)
    assert [f.message for f in found(findings, "COMPLETE-PARTS", Severity.ERROR)] == ["缺少“名词解释”部分。"]
    assert not found(findings, "ADMIN-EXPENSE", Severity.ERROR)  # the definition in 情况说明 三 is used


def test_empty_table_needs_its_note_and_a_note_of_empty_needs_an_empty_table(seed_text: str) -> None:
    findings = check_text(replace_line(seed_text, 609, "本表本年无发生额。", "无。"))
    [finding] = found(findings, "COMPLETE-EMPTY-NOTE", Severity.WARNING)
    assert finding.message.startswith("表9“政府性基金预算支出情况表”没有数字")
    findings = check_text(replace_line(seed_text, 596, "无。", "本表本年无发生额。"))
    [finding] = found(findings, "COMPLETE-EMPTY-NOTE", Severity.ERROR)
    assert finding.message.startswith("表8") and finding.cells[0].value == "242.39"


def test_table_of_another_entity(seed_text: str) -> None:
    findings = check_text(replace_line(seed_text, 403, "江门市社会保险基金管理局", "江门市人力资源和社会保障局"))
    [finding] = found(findings, "COMPLETE-ENTITY", Severity.WARNING)
    assert finding.message.startswith("表5 的单位名称是“江门市人力资源和社会保障局”")


def test_old_subject_name_is_a_warning(seed_text: str) -> None:
    findings = check_text(replace_line(seed_text, 101, "卫生健康支出", "医疗卫生与计划生育支出"))
    [finding] = found(findings, "CATALOG-OLD-NAME", Severity.WARNING)
    assert finding.message == "表1 科目 210“医疗卫生与计划生育支出”是旧版科目名称，现行名称为“卫生健康支出”。"
    assert not [f for f in findings if f.severity is Severity.ERROR]


def test_code_and_name_against_verified_catalog(seed_text: str) -> None:
    findings = check_text(replace_line(seed_text, 438, "[2101101]行政单位医疗", "[2101101]事业单位医疗"))
    [finding] = found(findings, "CATALOG-NAME", Severity.WARNING)
    assert (finding.expected, finding.actual) == ("行政单位医疗", "事业单位医疗")
    assert finding.cells[0].table == 5 and finding.cells[0].code == "2101101"
    # 2080101 行政运行 is not verified in the catalog: a different name there is not reported
    findings = check_text(replace_line(seed_text, 420, "[2080101]行政运行", "[2080101]一般行政管理事务"))
    assert not found(findings, "CATALOG-NAME", Severity.WARNING)


def test_admin_expense_follows_the_documents_own_glossary(seed_text: str) -> None:
    """Drop 福利费 (表6 30229, 15.60) from the glossary's definition: 行政经费 must then be 226.79."""
    text = replace_line(seed_text, 945, "福利费、", "")
    document = read_text(text)
    basis, names = definition(document, ("行政经费（机关运行经费）",))
    assert basis == "名词解释“行政经费（机关运行经费）”" and "福利费" not in names and len(names) == 24
    [finding] = found(check_document(document), "ADMIN-EXPENSE", Severity.ERROR)
    assert (finding.expected, finding.actual) == ("226.79", "242.39")
    assert "30229" not in {c.code for c in finding.cells}


def test_admin_expense_falls_back_to_the_usual_list(seed_doc: Document) -> None:
    document = read_text(_without_definitions(seed_doc))
    assert definition(document, ("行政经费（机关运行经费）", "机关运行经费")) is None
    assert not found(check_document(document), "ADMIN-EXPENSE", Severity.ERROR)  # the usual list gives 242.39


def _without_definitions(seed_doc: Document) -> str:
    from conftest import SEED

    text = SEED.read_text(encoding="utf-8")
    text = text[:text.index(" 第四部分 名词解释")]
    return re.sub(r"具体包括：", "主要用于：", text)


def test_reader_diagnostics_become_findings(seed_text: str) -> None:
    text = replace_line(seed_text, 594, "（三）公务接待费支出 0.80 0.80 0.00 0.00",
                        "（三）公务接待费支出 0.80 0.80 0.00 0.00\n\n（四）其他经费 1.00 1.00 0.00 0.00")
    [finding] = found(check_text(text), "READ-DIAGNOSTIC", Severity.WARNING)
    assert "其他经费" in finding.message and finding.cells[0].page == 13


def test_fewer_units_listed_than_stated_is_a_warning(seed_text: str) -> None:
    [finding] = found(check_text(edit(seed_text, 58, "12", "13")), "OVERVIEW-UNITS", Severity.WARNING)
    assert finding.message.startswith("概况称内设 13 个机构，具体列出 12 个")


def test_a_crashing_rule_becomes_a_finding_and_the_others_still_run(seed_doc: Document, monkeypatch) -> None:
    def broken(ctx):
        raise ZeroDivisionError("boom")
        yield  # pragma: no cover

    rules = engine.python_rules()
    monkeypatch.setattr(engine, "_PYTHON_RULES", [Rule("X-BROKEN", "坏规则", Severity.ERROR, broken), *rules])
    findings = check_document(seed_doc)
    [internal] = [f for f in findings if f.rule == "CHECK-INTERNAL"]
    assert "X-BROKEN" in internal.message and "ZeroDivisionError" in internal.message
    assert [f.rule for f in findings if f.rule != "CHECK-INTERNAL"] == ["SUM-HIERARCHY"]


def test_unknown_format_runs_the_generic_rules(seed_doc: Document) -> None:
    from yusuan.document_json import from_json, to_json

    document = from_json(to_json(seed_doc))
    document.meta.format = "xx-budget-99"
    findings = check_document(document)
    assert [f.rule for f in findings] == ["CHECK-FORMAT", "SUM-HIERARCHY"]  # the structure holds in any format
    assert "xx-budget-99" in findings[0].message
    assert findings[1].severity is Severity.INFO and "180.80" in findings[1].message


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_never_a_crash_on_damaged_text(seed_text: str, data) -> None:
    """Whatever lines go missing, a Document that reads is checked without any rule failing."""
    lines = seed_text.split("\n")
    start = data.draw(st.integers(0, len(lines) - 1))
    length = data.draw(st.integers(1, 120))
    try:
        document = read_text("\n".join(lines[:start] + lines[start + length:]))
    except UnreadableInput:
        return
    assert not [f.message for f in check_document(document) if f.rule == "CHECK-INTERNAL"]


@pytest.mark.parametrize("rule", ["NARR-PERCENT", "NARR-BASE", "NARR-DIRECTION", "NARR-SUM", "NARR-TABLE"])
def test_seed_claims_are_consistent(seed_doc: Document, rule: str) -> None:
    assert not [f for f in check_document(seed_doc) if f.rule == rule]


def test_running_costs_without_vehicles_is_a_warning(seed_text: str) -> None:
    findings = check_text(replace_line(seed_text, 843, "车辆2辆", "车辆0辆"))
    [finding] = found(findings, "NARR-VEHICLES", Severity.WARNING)
    assert "5.7" in finding.message and finding.cells[1].table == 8


def test_a_code_only_one_table_prints_is_compared_both_ways(seed_text: str) -> None:
    """表3 prints 2080199 that 表2 does not: 表2 reads it as 0 (CROSS-INCOME-EXPENSE is soft: a warning)."""
    text = replace_line(seed_text, 296, "2080109 　　社会保险经办机构 1,437.49 0.00 1,437.49",
                        "2080199 　　其他人力资源和社会保障管理事务支出 1,437.49 0.00 1,437.49")
    findings = found(check_text(text), "CROSS-INCOME-EXPENSE", Severity.WARNING)
    missing = [c for f in findings for c in f.cells if c.missing]
    assert {(c.table, c.code) for c in missing} == {(2, "2080199"), (3, "2080109")}


AMOUNTS = st.one_of(st.none(), st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False),
                    st.integers(-10**6, 10**6).map(Decimal))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_never_a_crash_on_any_printed_values(seed_doc: Document, data) -> None:
    """Any amounts in any cells and claims (blank, negative, huge, integer): every rule still runs."""
    from yusuan.document_json import from_json, to_json

    document = from_json(to_json(seed_doc))
    cells = [(row, i) for table in document.tables for row in table.rows for i in range(len(row.values))]
    for row, i in data.draw(st.lists(st.sampled_from(cells), max_size=30)):
        row.values[i] = data.draw(AMOUNTS)
    for claim in data.draw(st.lists(st.sampled_from(document.claims), max_size=8)):
        field = data.draw(st.sampled_from(["amount", "change", "percent"]))
        setattr(claim, field, data.draw(AMOUNTS))
        claim.direction = data.draw(st.sampled_from([None, "增加", "减少", "持平"]))
        claim.comparable = data.draw(st.booleans())
    assert not [f.message for f in check_document(document) if f.rule == "CHECK-INTERNAL"]
