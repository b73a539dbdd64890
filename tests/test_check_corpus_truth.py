"""The Shanghai declaration on hand-checked tables, independent of the PDF reader.

``../shared/corpus/truth/sh-putuo-wanli-2024-budget.tables.json`` holds every value of that PDF's nine
tables (元; 表9 万元), read twice and compared with the rendered pages. Its makers found all table
arithmetic exact and one contradiction: 表9's note says the table is empty while it prints figures. The
identities ``sh-budget-9.toml`` declares must find exactly that on these values, compare every cell,
and catch a wrong figure in 元.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.check import Severity, check_document
from yusuan.formats.spec import TableSpec, load_format
from yusuan.model import Column, Document, Meta, Row, Source, Table
from yusuan.text import label_key, split_ordinal

LEVELS = {"类": 1, "款": 2, "项": 3, "合计": 0}
FMT = load_format("sh-budget-9")


def _amount(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _two_sided(spec: TableSpec, raw: dict) -> Table:
    income, expense = spec.side_columns
    columns = [c for c in (*income, *expense) if not c.optional or c.key == "total"]
    table = Table(spec.number, spec.key, raw["title"], raw["unit"], [Column(c.key, list(c.path)) for c in columns])
    for row in raw["rows"]:
        side = row["side"]
        rows = spec.income if side == "收入" else spec.expense
        label = split_ordinal(row["label"])[1]
        fixed = next(r for r in rows if label_key(label) in {label_key(n) for n in r.names})
        values: list[Decimal | None] = [None] * len(columns)
        offset = 0 if side == "收入" else len(income)
        for i, value in enumerate(row["values"]):
            values[offset + i] = _amount(value)
        table.rows.append(Row(label, values, code=fixed.code, level=fixed.level, side=side, key=fixed.key,
                              source=Source(page=row["page"])))
    return table


def _code_rows(spec: TableSpec, raw: dict) -> Table:
    table = Table(spec.number, spec.key, raw["title"], raw["unit"], [Column(c.key, list(c.path)) for c in spec.columns],
                  notes=[n.removeprefix("注:") for n in raw["notes"] or []], pages=raw["pages"])
    for row in raw["rows"]:
        level = LEVELS.get(row.get("level"))
        values = [_amount(v) for v in row["values"]] or [None] * len(spec.columns)
        key = "total" if level == 0 else (spec.extra.get("row_key") if spec.layout == "values_row" else None)
        table.rows.append(Row(row["label"], values, code=row.get("code"), level=level if level is not None else 1,
                              key=key, source=Source(page=row["page"])))
    return table


def document(truth: dict) -> Document:
    tables = []
    for raw in truth["tables"]:
        spec = FMT.table(raw["no"])
        tables.append(_two_sided(spec, raw) if spec.layout == "two_sided" else _code_rows(spec, raw))
    meta = Meta(entity="上海市普陀区人民政府万里街道办事处", year=2024, kind="budget", scope="department",
                format="sh-budget-9", unit="元")
    return Document(meta, tables=tables)


@pytest.fixture(scope="module")
def wanli(corpus: Path) -> dict:
    return json.loads((corpus / "truth" / "sh-putuo-wanli-2024-budget.tables.json").read_text(encoding="utf-8"))


def _table_findings(doc: Document, coverage: dict | None = None):
    """Findings about the tables (the Document holds no text parts, so their absence is not one)."""
    return [f for f in check_document(doc, coverage=coverage) if f.rule != "COMPLETE-PARTS"]


def test_shanghai_tables_add_up_and_the_empty_note_is_caught(wanli: dict) -> None:
    coverage: dict[tuple, set[str]] = {}
    findings = _table_findings(document(wanli), coverage)
    assert [(f.rule, f.severity) for f in findings] == [("COMPLETE-EMPTY-NOTE", Severity.ERROR)]
    assert findings[0].message.startswith("表9") and findings[0].cells[0].value == "47.91"
    printed = {(t.number, r.side, r.code, r.label, tuple(t.columns[i].path), None)
               for t in document(wanli).tables for r in t.rows for i, v in enumerate(r.values) if v is not None}
    admin = next(k for k in printed if k[0] == 9 and k[4][-1] == "机关运行经费预算数")
    assert printed - set(coverage) == {admin}  # every printed cell compared but 机关运行经费 (narrative only)


@pytest.mark.parametrize(("table", "code", "column", "rules"), [
    (3, "20105", 0, {"SUM-HIERARCHY", "SUM-COLUMNS"}),  # a 款 of 表3: its 类 and its row
    (5, None, 1, {"SUM-HIERARCHY", "SUM-COLUMNS", "CROSS-BASIC"}),  # 表5 合计 基本支出 against 表8
    (8, "301", 0, {"SUM-HIERARCHY", "SUM-COLUMNS", "SH-T8-ECONOMIC"}),  # 人员经费 = 301 + 303
    (2, "221", 1, {"SUM-HIERARCHY", "SUM-COLUMNS"}),
])
def test_a_wrong_figure_in_yuan_is_an_error_of_every_identity_it_breaks(wanli: dict, table: int, code: str | None,
                                                                         column: int, rules: set[str]) -> None:
    doc = document(wanli)
    row = next(r for r in doc.table(table).rows if r.code == code and (code or r.key == "total"))
    row.values[column] += 100  # 100 元 more
    findings = _table_findings(doc)
    assert {f.rule for f in findings if f.severity is Severity.ERROR} >= rules
    assert all("差额 +100 元" in f.message or "差额 -100 元" in f.message for f in findings
               if f.rule in rules - {"SUM-HIERARCHY"})


def test_a_wrong_two_sided_total_breaks_its_sums_and_the_balance(wanli: dict) -> None:
    doc = document(wanli)
    total = next(r for r in doc.table(4).rows if r.key == "income_total")
    total.values[0] = Decimal(156211223)  # 100 元 more
    errors = {f.rule for f in _table_findings(doc) if f.severity is Severity.ERROR}
    assert errors >= {"SUM-ROWS", "SUM-BALANCE", "CROSS-T1-T4"}
