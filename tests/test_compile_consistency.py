"""A compiled document is consistent by construction: the identities of formats.md §1, checked here
independently of how compile builds the tables, on both examples and on random budgets."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budget_examples import EXAMPLES
from yusuan.budget import read_budget
from yusuan.budget.model import Budget, LineItem, PriorYear, Profile, Project
from yusuan.budget.terms import PRIOR_SUBJECTS
from yusuan.compile import compile_budget
from yusuan.model import Document, Table
from yusuan.money import Unit, round_half_up, rounding_bound

ZERO = Decimal(0)


def within(total: Decimal, parts: list[Decimal]) -> bool:
    return abs(total - sum(parts, ZERO)) <= rounding_bound([total, *parts])


def col(table: Table, row, key: str) -> Decimal:
    return table.value(row, key)


def check_hierarchy(table: Table) -> None:
    """合计 = Σ 类, 类 = Σ 款, 款 = Σ 项, in every column."""
    coded = [r for r in table.rows if r.code]
    total = table.find(key="total")
    for i in range(len(table.columns)):
        assert within(total.values[i], [r.values[i] for r in coded if len(r.code) == 3]), table.number
        for parent in coded:
            children = [r.values[i] for r in coded if len(r.code) == len(parent.code) + 2
                        and r.code.startswith(parent.code)]
            if children:
                assert within(parent.values[i], children), (table.number, parent.code)


def check(document: Document) -> None:
    t = {table.number: table for table in document.tables}
    for n in (2, 3, 5, 6, 7, 9, 10):
        check_hierarchy(t[n])
    for n in (2, 3, 5, 9, 10, 8):  # total column = Σ the other columns
        table = t[n]
        for row in table.rows:
            assert within(row.values[0], row.values[1:]), (n, row.label)
    for n in (11, 12):  # 总计 = 财政拨款合计 + 专户 + 其他; 财政拨款合计 = three funds
        for row in t[n].rows:
            v = row.values
            assert within(v[0], [v[1], v[5], v[6]]) and within(v[1], v[2:5]), (n, row.label)
    t1 = t[1]
    income = {r.key: r.values[0] for r in t1.rows if r.side == "收入"}
    expense = {r.key: r.values[0] for r in t1.rows if r.side == "支出"}
    assert income["income_total"] == expense["expense_total"] == t[2].find(key="total").values[0] \
        == t[3].find(key="total").values[0]
    assert within(income["current_income_total"], [income["fiscal"], income["special_account"],
                                                   income["other_funds"]])
    assert within(expense["current_expense_total"], [v for k, v in expense.items() if k.startswith("class:")])
    for row in t1.rows:
        if row.key and row.key.startswith("class:"):
            found = t[3].find(code=row.code)
            assert row.values[0] == (found.values[0] if found else ZERO)
            in_4 = t[4].find(code=row.code, side="支出").values[0]
            parts = [t[n].find(code=row.code) for n in (5, 9, 10)]
            assert within(in_4, [p.values[0] for p in parts if p])
    t2_total = t[2].find(key="total")
    assert income["fiscal"] == t[4].find(key="income_total").values[0]
    assert within(income["fiscal"], [col(t[2], t2_total, k) for k in ("gpb", "gov_fund", "soe")])
    t5_total = t[5].find(key="total")
    assert col(t[5], t5_total, "basic") == t[6].find(key="total").values[0] == \
        col(t[11], t[11].find(key="total"), "gpb")
    assert col(t[5], t5_total, "project") == t[7].find(key="total").values[0] == \
        col(t[12], t[12].find(key="total"), "gpb")
    assert col(t[3], t[3].find(key="total"), "basic") == t[11].find(key="total").values[0]
    t11 = t[11]
    assert within(t11.find(key="total").values[0], [t11.find(key=k).values[0] for k in ("personnel", "public")])
    projects = [r for r in t[12].rows if r.level == 1]
    assert within(t[12].find(key="total").values[0], [r.values[0] for r in projects])
    t8 = {r.key: r.values for r in t[8].rows}
    assert within(t8["sangong"][0], [t8[k][0] for k in ("abroad", "vehicle", "reception")])
    assert within(t8["vehicle"][0], [t8[k][0] for k in ("vehicle_purchase", "vehicle_operation")])
    for key, codes in (("abroad", ["30212"]), ("reception", ["30217"]), ("vehicle_operation", ["30231"]),
                       ("vehicle_purchase", ["30913", "31013"])):  # gpb column against 表6 + 表7
        cells = [r.values[0] for n in (6, 7) for r in t[n].rows if r.code in codes]
        assert within(t8[key][1], cells), key
    claims = {(c.section, c.subject): c for c in document.claims if c.role != "reason"}
    assert claims[("一", "收入预算")].amount == income["income_total"]
    assert claims[("二", "三公经费")].amount == t8["sangong"][0]
    assert claims[("三", "机关运行经费")].amount == t8["admin"][0]
    for claim in document.claims:
        if claim.change is not None and claim.percent is not None:  # P = D / (amount − D), at two places
            last = claim.amount - claim.signed_change
            assert claim.percent == round_half_up(claim.change / last * 100, 2)
    for claim in (c for c in document.claims if c.role == "key_project"):
        row = next(r for r in projects if r.label == claim.subject)
        assert claim.amount == row.values[0]


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_examples_are_consistent(name: str) -> None:
    check(compile_budget(read_budget(EXAMPLES[name])))


def test_the_second_example_has_the_shapes_it_is_for() -> None:
    document = compile_budget(read_budget(EXAMPLES["sports"]))
    assert document.meta.scope == "unit" and document.table(2).find(key="total").values[6] == Decimal("260.20")
    assert document.table(9).find(code="2296003").label == "用于体育事业的彩票公益金"  # named in the input
    abroad = next(c for c in document.claims if c.subject == "因公出国（境）费")
    assert not abroad.comparable and abroad.text.endswith("增长--（基数为0，不可比）")
    assert document.table(8).find(key="vehicle_purchase").values[0] == Decimal("28.00")
    reason = next(c for c in document.claims if c.role == "reason" and c.parent == "支出预算")
    assert (reason.subject, reason.direction, reason.change) == ("省运会备战训练经费", "减少", Decimal("260"))
    assert "本单位" in document.sections.explanations[0].text


FUNCTIONAL = ["2010101", "2080101", "2080109", "2080505", "2101101", "2130101", "2070306", "2210201"]
ECONOMIC = ["30101", "30108", "30201", "30212", "30217", "30231", "30307", "30902", "31013", "30399"]
FUNDS = ["gpb", "gov_fund", "soe", "other_special", "business", "operating", "other", "superior_subsidy"]
FISCAL = {"gpb", "gov_fund", "soe"}


@st.composite
def budgets(draw: st.DrawFn) -> Budget:
    """Random valid budgets: amounts in 元 with up to two decimals, or in 万元 with up to six."""
    unit = draw(st.sampled_from([Unit.YUAN, Unit.WAN]))
    places = 2 if unit is Unit.YUAN else 6
    amount = st.integers(0, 10**9).map(lambda n: Decimal(n).scaleb(-places))
    projects = [Project(f"项目{i}", goal=f"目标{i}", key=draw(st.booleans()),
                        last_year=draw(st.none() | amount)) for i in range(draw(st.integers(0, 4)))]
    items = []
    for _ in range(draw(st.integers(1, 40))):
        fund = draw(st.sampled_from(FUNDS))
        kinds = ["personnel", "public", "project"] + ([] if fund in FISCAL else ["operating"])
        spending = draw(st.sampled_from(kinds if projects else kinds[:2] + kinds[3:]))
        project = draw(st.sampled_from(projects)).name if spending == "project" else None
        items.append(LineItem(draw(st.sampled_from(FUNCTIONAL)), draw(st.sampled_from(ECONOMIC)), fund, spending,
                              draw(amount), project))
    prior = {s: PriorYear(draw(amount)) for s in PRIOR_SUBJECTS}
    return Budget(profile=Profile("测试单位", 2024, unit=unit), items=items, projects=projects, prior=prior)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(budgets())
def test_random_budgets_compile_consistently(budget: Budget) -> None:
    check(compile_budget(budget))
