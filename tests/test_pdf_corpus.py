"""Every real PDF of ../shared/corpus parses, and keeps what the checker needs to find its known errors
(truth/*.errors.tsv): the values, names, wording and narrative figures as printed."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from yusuan.document_json import from_json, to_json
from yusuan.model import Document
from yusuan.read import read_path

KINDS = {"预算": ("budget", "department"), "单位预算": ("budget", "unit"), "决算": ("final_accounts", "department"),
         "模板": ("final_accounts", "department")}
FORMATS = {"budget": "sh-budget-9", "final_accounts": "cn-final-9"}
# What the reader reports on each file: printed code forms it had to interpret, and the template's
# empty 三公 table. Anything else would be a reading failure.
DIAGNOSTICS = {
    "sh-putuo-wanli-2024-budget.pdf": 2,
    "sh-putuo-fuliyuan-2024-unit-budget.pdf": 2,
    "sh-putuo-qzfb-2025-dept-budget.pdf": 0,
    "sh-putuo-czj-2024-final.pdf": 0,
    "sh-template-2024-final-XX.pdf": 1,
}


def _manifest(corpus: Path) -> list[dict[str, str]]:
    return list(csv.DictReader((corpus / "MANIFEST.tsv").read_text("utf-8").splitlines(), delimiter="\t"))


_DOCS: dict[str, Document] = {}


def _doc(corpus: Path, name: str) -> Document:
    if name not in _DOCS:
        _DOCS[name] = read_path(corpus / name)
    return _DOCS[name]


def test_every_corpus_pdf_parses(corpus: Path) -> None:
    for entry in _manifest(corpus):
        doc = _doc(corpus, entry["file"])
        kind, scope = KINDS[entry["kind"]]
        assert doc.meta.sha256 == entry["sha256"]
        assert (doc.meta.kind, doc.meta.scope, doc.meta.format, doc.meta.reader) == (kind, scope, FORMATS[kind], "pdf")
        assert doc.meta.year == int(entry["year"])
        assert entry["entity"].startswith(doc.meta.entity)
        assert [t.number for t in doc.tables] == list(range(1, 10)), entry["file"]
        assert all(1 <= p <= int(entry["pages"]) for t in doc.tables for p in t.pages)
        assert len(doc.diagnostics) == DIAGNOSTICS[entry["file"]], [d.message for d in doc.diagnostics]
        assert doc.sections.explanations, entry["file"]
        assert from_json(to_json(doc)) == doc  # pages and boxes survive the JSON


def _row(doc: Document, number: int, *, code: str | None = None, key: str | None = None, side: str | None = None):
    row = doc.table(number).find(code=code, key=key, side=side)
    assert row is not None, (number, code, key)
    return row


def _claims(doc: Document, role: str, subject_end: str):
    return [c for c in doc.claims if c.role == role and c.subject.endswith(subject_end)]


def test_final_accounts_values(corpus: Path) -> None:
    doc = _doc(corpus, "sh-putuo-czj-2024-final.pdf")
    summary = doc.table(1)
    assert summary.value(_row(doc, 1, key="income_total", side="收入"), "income") == Decimal("2995.39")
    assert summary.value(_row(doc, 1, key="opening_balance", side="收入"), "income") == Decimal("49.14")
    assert summary.value(_row(doc, 1, key="closing_balance", side="支出"), "expense") == Decimal("55.34")
    # G2: 326.71 in the 总表, 326.72 in 支出决算表 (rounding, kept as printed)
    assert summary.value(_row(doc, 1, code="208", side="支出"), "expense") == Decimal("326.71")
    assert doc.table(3).find(code="208").values[0] == Decimal("326.72")
    fiscal = doc.table(4)
    assert fiscal.value(_row(doc, 4, key="opening_gpb", side="收入"), "income") == Decimal("21.63")
    assert fiscal.value(_row(doc, 4, key="expense_total", side="支出"), "gpb") == Decimal("2961.68")
    # G3–G5: the side-by-side 表6 read as one economic list, footers kept
    basic = doc.table(6)
    assert [r.code for r in basic.rows if r.level == 1] == ["301", "303", "302", "310"]
    assert basic.find(code="301").values == [Decimal("2082.85")]
    assert basic.find(code="302").values == [Decimal("171.07")]
    assert sum(r.values[0] or 0 for r in basic.rows if r.code and r.code.startswith("302") and r.level == 2) == (
        Decimal("171.09"))
    assert basic.find(key="personnel_total").values == [Decimal("2152.26")]
    assert basic.find(key="public_total").values == [Decimal("184.65")]
    sangong = doc.table(7)
    assert sangong.value(sangong.rows[0], "total_budget") == Decimal("0.95")
    assert sangong.value(sangong.rows[0], "reception_budget") == Decimal("0.95")
    assert sangong.value(sangong.rows[0], "total_final") is None


def test_final_accounts_narrative_in_reach(corpus: Path) -> None:
    doc = _doc(corpus, "sh-putuo-czj-2024-final.pdf")
    # G1: 财政拨款收入支出总计 stated as 0.3万元 and 持平, against 2,961.68 in 表4
    (g1,) = [c for c in doc.claims if c.section == "四" and c.amount == Decimal("0.3")]
    assert g1.direction == "持平" and "财政拨款收入支出总计" in g1.name
    items = [c for c in doc.claims if c.role == "item"]
    assert len(items) == 11
    (rent,) = [c for c in items if c.subject == "一般公共服务支出/财政事务/行政运行"]
    (budget,) = _claims(doc, "budget", "财政事务/行政运行")
    assert (rent.amount, budget.amount) == (Decimal("1511.89"), Decimal("1560.05"))


def test_final_accounts_figures_of_the_narrative(corpus: Path) -> None:
    """The narrative's subjects without the entity and year in front, a change following its subject,
    年初预算 / 决算 / 完成率, shares of a whole, and a letter-spaced label read in order."""
    doc = _doc(corpus, "sh-putuo-czj-2024-final.pdf")
    (total,) = [c for c in doc.claims if c.section == "一" and c.role == "statement"]
    assert (total.subject, total.amount, total.change, total.direction, total.percent) == (
        "收入支出总计", Decimal("2995.39"), Decimal("56.95"), "减少", Decimal("1.87"))
    five = [(c.role, c.subject, c.amount, c.parent) for c in doc.claims if c.section == "五" and c.role in (
        "budget", "completion") and "/" not in c.subject]
    assert five == [("budget", "一般公共预算财政拨款支出", Decimal("2993.92"), None),
                    ("completion", "一般公共预算财政拨款支出", Decimal("98.20"), "一般公共预算财政拨款支出")]
    assert _claims(doc, "budget", "一般公共预算财政拨款支出")[0].direction == "减少"  # 决算数小于预算数
    shares = {c.subject: (c.amount, c.parent) for c in doc.claims if c.role == "share"}
    assert shares["财政拨款收入"] == (Decimal("99.79"), "本年收入合计")
    assert shares["一般公共预算财政拨款支出"] == (Decimal("100.00"), "本年支出合计")
    assert shares["一般公共服务支出（类）"] == (Decimal("71.73"), "一般公共预算财政拨款支出")
    sangong = [(c.role, c.subject, c.amount) for c in doc.claims if c.section == "七"][:4]
    assert sangong == [("budget", "三公经费", Decimal("0.95")), ("statement", "三公经费", Decimal("0.00")),
                       ("completion", "三公经费", Decimal("0")), ("part", "因公出国（境）费", Decimal("0.00"))]
    assert doc.table(6).find(code="30212").label == "因公出国（境）费用"  # 因 公 出 国 （ 境 ） 费 / 用


def test_unit_budget_known_errors_in_reach(corpus: Path) -> None:
    doc = _doc(corpus, "sh-putuo-fuliyuan-2024-unit-budget.pdf")
    assert doc.meta.scope == "unit"
    # T1: 类 code printed as 7 in 表3 and 表5, read from its context and reported on pages 9 and 11
    assert {(d.source.page, "7 11 02" in d.message) for d in doc.diagnostics} == {(9, True), (11, True)}
    assert doc.table(3).find(code="2101102").values[0] == Decimal("503724")
    # T2: 表1/表4 print the old 类 name; the row is still 210, its label as printed
    for number in (1, 4):
        assert _row(doc, number, code="210", side="支出").label == "医疗卫生与计划生育支出"
    # E1–E14: 表8 codes and names exactly as printed
    economic = doc.table(8)
    printed = {r.code: r.label for r in economic.rows if r.code}
    assert printed["30108"] == "机关事业单位基本养老保险费"
    assert [printed[f"302{k:02d}"] for k in (2, 3, 6, 10, 11, 12, 13)] == [
        "咨询费", "水费", "办公设备购置费", "车辆运行费", "事业单位离退休人员福利费", "机关事业单位退休人员活动费",
        "其他商品和服务支出"]
    assert (printed["303"], printed["30301"]) == ("离退休人员经费", "退休费")
    # N1, N2: the narrative item with the old name and the 738.66 that 表5 does not support
    (welfare,) = _claims(doc, "item", "社会福利/社会福利事业单位")
    assert (welfare.amount, welfare.percent, welfare.percent_direction) == (Decimal("738.66"), Decimal("3.84"), "增长")
    assert _claims(doc, "item", "行政事业单位医疗/事业单位医疗")[0].subject.startswith("医疗卫生与计划生育支出")
    assert doc.table(5).find(code="2081005").values[0] == Decimal("6964796")
    # W1, W2: an empty reason and a leftover drafting note, kept as printed
    other = {s.number: s for s in doc.sections.explanations}
    assert "主要原因是。" in other["六.一"].text
    assert other["六.五"].title == "国有资产占有使用情况（增加内容）"
    assert doc.sections.internal_unit_count == 5 and len(doc.sections.internal_units) == 5


def test_department_budget_known_errors_in_reach(corpus: Path) -> None:
    doc = _doc(corpus, "sh-putuo-wanli-2024-budget.pdf")
    items = [c for c in doc.claims if c.role == "item"]
    assert len(items) == 33
    # N1: item 31 states 350.35万元 and then 预算安排352.67万元
    (fund,) = _claims(doc, "item", "住房改革支出/住房公积金")
    (plan,) = _claims(doc, "plan", "住房改革支出/住房公积金")
    assert (fund.amount, plan.amount, fund.percent) == (Decimal("350.35"), Decimal("352.67"), Decimal("0.53"))
    assert doc.table(5).find(code="2210201").values[0] == Decimal("3503499")
    # N2: 减少 2.98% with a reason that says 增加
    (publicity,) = _claims(doc, "item", "宣传事务/一般行政管理事务")
    (why,) = _claims(doc, "reason", "宣传事务/一般行政管理事务")
    assert (publicity.direction, why.direction) == ("减少", "增加")
    # N3: a reason copied from the item before
    (pension,) = _claims(doc, "reason", "机关事业单位职业年金缴费支出")
    assert pension.name == "事业单位离退休经费增加"
    # N5: 100.00% from a prior of 0.00
    (prior,) = _claims(doc, "prior", "其他教育支出/其他教育支出")
    assert prior.amount == Decimal("0.00")
    # T2: 表9 says it is empty and is not
    sangong = doc.table(9)
    assert "空表" in sangong.notes[0] and sangong.rows[0].values[0] == Decimal("47.91")
    # W1: the glossary says 市级 in a district document
    assert "市级预算主管部门" in doc.sections.glossary["财政拨款收入"]


def test_2025_budget_with_blank_cells(corpus: Path) -> None:
    doc = _doc(corpus, "sh-putuo-qzfb-2025-dept-budget.pdf")
    (row,) = doc.table(9).rows
    assert row.values == [Decimal("867.50"), Decimal("839.00"), Decimal("28.50"), None, None, None,
                          Decimal("213.28")]
    assert doc.table(2).find(code="2010301").values == [Decimal("12029501.84"), Decimal("12029501.84"),
                                                        None, None, None]
    (rent,) = _claims(doc, "item", "政府办公厅（室）及相关机构事务/行政运行")
    assert rent.amount == Decimal("1202.95")


def test_template_reads_as_an_empty_form(corpus: Path) -> None:
    doc = _doc(corpus, "sh-template-2024-final-XX.pdf")
    assert doc.meta.entity == "上海市XX局"
    assert all(v is None for t in doc.tables for r in t.rows for v in r.values)
    assert len(doc.table(1).rows) == 12 + 28  # every declared row of both sides is printed
