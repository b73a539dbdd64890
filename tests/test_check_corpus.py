"""The engine on a real document of another format: the hand-checked tables of a Shanghai budget.

``../shared/corpus/truth/sh-putuo-wanli-2024-budget.tables.json`` holds every value of that PDF's
tables (元; 表9 万元), read twice and compared with the rendered pages. Its makers found all table
arithmetic exact and one contradiction: 表9's note says the table is empty while it prints figures.
Declared here with a minimal test declaration of the Shanghai 9-table format (the real one comes with
its reader), the same engine must find exactly that — which shows identities travel as data.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.check import Severity, check_document
from yusuan.formats.spec import parse_format
from yusuan.model import Column, Document, Meta, Row, Source, Table

LEVELS = {"类": 1, "款": 2, "项": 3, "合计": 0}
CODE_TABLES = {2: ["total", "fiscal", "business", "operating", "other"], 3: ["total", "basic", "project"],
               5: ["total", "basic", "project"], 6: ["total", "basic", "project"], 7: ["total", "basic", "project"],
               8: ["total", "personnel", "public"]}
SANGONG = ["total", "abroad", "reception", "vehicle", "vehicle_purchase", "vehicle_operation", "admin"]


def _columns(keys: list[str]) -> list[dict]:
    return [{"key": k, "path": [k]} for k in keys]


def declaration() -> dict:
    tables = [{"number": n, "key": f"t{n}", "title": f"表{n}", "layout": "code_rows", "columns": _columns(keys),
               "hierarchy": True, "column_sums": [{"total": "total", "parts": keys[1:]}]}
              for n, keys in CODE_TABLES.items()]
    tables.append({"number": 9, "key": "t9", "title": "表9", "layout": "fixed_rows", "columns": _columns(SANGONG),
                   "column_sums": [{"total": "total", "parts": ["abroad", "reception", "vehicle"]},
                                   {"total": "vehicle", "parts": ["vehicle_purchase", "vehicle_operation"]}]})
    return {
        "id": "sh-test", "name": "上海区级部门预算（测试用声明）", "kind": "budget", "unit": "元",
        "tables": tables,
        "rules": {"X-T2-T3": {"title": "表2 与表3 同一科目一致"}, "X-T8-T5": {"title": "表8 合计等于表5 基本支出"}},
        "identities": [{"rule": "X-T2-T3", "total": "T2/#{code}/total", "parts": ["T3/#{code}/total"]},
                       {"rule": "X-T8-T5", "total": "T8/total/total", "parts": ["T5/total/basic"]}],
    }


def _amount(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def document(truth: dict) -> Document:
    tables = []
    for raw in truth["tables"]:
        if raw["no"] not in (*CODE_TABLES, 9):
            continue
        keys = CODE_TABLES.get(raw["no"], SANGONG)
        table = Table(raw["no"], f"t{raw['no']}", raw["title"], raw["unit"], [Column(k, [k]) for k in keys],
                      notes=[n.removeprefix("注:") for n in raw["notes"] or []], pages=raw["pages"])
        for row in raw["rows"]:
            level = LEVELS.get(row.get("level"))
            values = [_amount(v) for v in row["values"]] or [None] * len(keys)
            table.rows.append(Row(row["label"], values, code=row.get("code"), level=level,
                                  key="total" if level == 0 else None, source=Source(page=row["page"])))
        tables.append(table)
    meta = Meta(entity="上海市普陀区人民政府万里街道办事处", year=2024, kind="budget", scope="department",
                format="sh-test", unit="元")
    return Document(meta, tables=tables)


@pytest.fixture(scope="module")
def wanli(corpus: Path) -> dict:
    return json.loads((corpus / "truth" / "sh-putuo-wanli-2024-budget.tables.json").read_text(encoding="utf-8"))


def test_shanghai_tables_add_up_and_the_empty_note_is_caught(wanli: dict) -> None:
    coverage: dict[tuple, set[str]] = {}
    findings = check_document(document(wanli), fmt=parse_format(declaration()), coverage=coverage)
    assert [(f.rule, f.severity) for f in findings] == [("COMPLETE-EMPTY-NOTE", Severity.ERROR)]
    assert findings[0].message.startswith("表9") and findings[0].cells[0].value == "47.91"
    assert len(coverage) > 800  # the 833 code-table cells the makers compared, and 表9


def test_a_wrong_shanghai_total_is_an_error_in_yuan(wanli: dict) -> None:
    doc = document(wanli)
    row = next(r for r in doc.table(3).rows if r.code == "20105")
    row.values[0] += 100  # 100 元 more on one 款
    findings = check_document(doc, fmt=parse_format(declaration()))
    errors = {f.rule for f in findings if f.severity is Severity.ERROR}
    assert {"SUM-HIERARCHY", "SUM-COLUMNS", "X-T2-T3"} <= errors
    message = next(f.message for f in findings if f.rule == "SUM-COLUMNS")
    assert "差额 +100 元" in message
