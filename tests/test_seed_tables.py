"""The text reader reads every value of every row of the seed's 12 tables exactly."""

from __future__ import annotations

from decimal import Decimal

import pytest

from seed_expected import SEED_TABLES
from yusuan.model import Document, Table

TITLES = {
    1: "收支总体情况表",
    2: "收入总体情况表",
    3: "支出总体情况表",
    4: "财政拨款收支总体情况表",
    5: "一般公共预算支出情况表（按功能分类科目）",
    6: "一般公共预算基本支出情况表（按经济分类科目）",
    7: "一般公共预算项目支出情况表（按经济分类科目）",
    8: "财政拨款安排的行政经费及“三公”经费预算表",
    9: "政府性基金预算支出情况表",
    10: "国有资本经营预算支出情况表",
    11: "部门预算基本支出预算表",
    12: "部门预算项目支出及其他支出预算表",
}


def amounts(row_values: list[Decimal | None]) -> str:
    return " ".join("-" if v is None else format(v, "f") for v in row_values)


def as_printed(table: Table) -> list[tuple]:
    rows = []
    for r in table.rows:
        if r.side:
            rows.append((r.side, r.ordinal, r.label, amounts(r.values)))
        elif table.number == 12:
            rows.append((r.label, amounts(r.values), r.text))
        elif table.number in (8, 11):
            rows.append((r.key, r.ordinal, r.label, amounts(r.values)))
        else:
            rows.append((r.code, r.label, amounts(r.values)))
    return rows


def test_all_twelve_tables_in_order(seed_doc: Document) -> None:
    assert [t.number for t in seed_doc.tables] == list(range(1, 13))
    assert {t.number: t.title for t in seed_doc.tables} == TITLES
    assert all(t.unit == "万元" and t.entity == "江门市社会保险基金管理局" for t in seed_doc.tables)
    assert seed_doc.diagnostics == []


@pytest.mark.parametrize("number", range(1, 13))
def test_every_value_of_every_row(seed_doc: Document, number: int) -> None:
    assert as_printed(seed_doc.table(number)) == SEED_TABLES[number]


def test_about_two_hundred_rows(seed_doc: Document) -> None:
    assert sum(len(t.rows) for t in seed_doc.tables) == 197


def test_levels_follow_codes(seed_doc: Document) -> None:
    for number in (2, 3, 5, 6, 7, 9, 10):
        for row in seed_doc.table(number).rows:
            expected = 0 if row.code is None else {3: 1, 5: 2, 7: 3}[len(row.code)]
            assert row.level == expected, (number, row.label)


def test_two_sided_rows_carry_side_key_and_class_code(seed_doc: Document) -> None:
    t1 = seed_doc.table(1)
    assert [r.side for r in t1.rows] == ["收入"] * 8 + ["支出"] * 28
    assert t1.find(key="income_total").values == [Decimal("3355.91")]
    assert t1.find(code="208", side="支出").label == "社会保障和就业支出"
    assert t1.find(key="carry_forward").ordinal == "二十六、"
    t4 = seed_doc.table(4)
    assert [r.key for r in t4.rows if r.side == "收入"] == [
        "gpb", "gov_fund", "soe", "current_income_total", "income_total"]
    assert t4.find(key="carry_forward").ordinal == "二十四、"


def test_columns_are_the_declared_header_paths(seed_doc: Document) -> None:
    t2 = seed_doc.table(2)
    assert [c.path for c in t2.columns][:4] == [
        ["合计"], ["财政拨款收入", "一般公共预算"], ["财政拨款收入", "政府性基金预算"],
        ["财政拨款收入", "国有资本经营预算"]]
    assert t2.columns[-1].path == ["用事业基金弥补收支差额"]
    assert seed_doc.table(12).text_column.path == ["绩效目标"]
    assert len(seed_doc.table(11).columns) == 7


def test_notes_and_empty_tables(seed_doc: Document) -> None:
    assert seed_doc.table(1).notes == [
        "财政拨款收支情况包括一般公共预算、政府性基金预算、国有资本经营预算拨款收支情况。",
        "本套报表金额单位转换时可能存在尾数误差。",
    ]
    assert seed_doc.table(6).notes == ["本套报表金额单位转换时可能存在尾数误差。"]
    for number in (9, 10):
        table = seed_doc.table(number)
        assert table.notes == ["本表本年无发生额。"]
        assert [r.label for r in table.rows] == ["合计"]


def test_sources_point_at_the_printed_lines(seed_doc: Document, seed_text: str) -> None:
    lines = seed_text.splitlines()
    for table in seed_doc.tables:
        for row in table.rows:
            printed = lines[row.source.line - 1]
            expected = row.label[:4] if row.side or not row.code else row.code
            assert expected in printed.replace(" ", "").replace("\u3000", ""), row
    t6 = seed_doc.table(6)
    assert t6.pages == [10, 11]
    assert t6.find(code="30239").source.page == 11  # after the page break, header repeated
    assert seed_doc.table(1).find(key="income_total").source.page == 4
