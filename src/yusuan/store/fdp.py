"""The store's table cells as a Fiscal Data Package (``datapackage.json`` + CSV) for OpenSpending-style tools.

The descriptor follows the Fiscal Data Package JSON Schema (a Tabular Data Package — its schema
requires ``profile: tabular-data-package`` — whose resource has a Table Schema, plus ``model``, the
measures and dimensions OpenSpending loads, ``countryCode``, ``granularity`` and ``fiscalPeriod``).
It is written by hand, not with ``frictionless``: it is one small JSON document whose
``model`` part no library generates, and the writer should not pull a dozen packages into the core
for that; the tests validate the result with frictionless and with the FDP JSON Schema.

One fact per printed amount. Amounts are converted exactly into 元 (``factor`` 1, currency CNY), so
documents printed in 万元 and in 元 add up; the printed figure and its unit stay in their own
columns. Text a spreadsheet would run as a formula gets a leading ``'`` (:mod:`yusuan.store.csvtext`).
Blank cells and text cells (绩效目标) carry no amount and are left out. Functional and
economic subject codes get their own classification dimensions, from the format's declaration of
each table.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from yusuan.files import write_atomic
from yusuan.formats.spec import load_format
from yusuan.store.csvtext import inert_sql
from yusuan.store.db import Store
from yusuan.store.dump import copy_to

CSV_NAME = "cells.csv"
PHASES = {"budget": "approved", "final_accounts": "executed"}

FIELDS: list[tuple[str, str, str]] = [  # name, Table Schema type, Chinese title
    ("document_id", "integer", "文件编号"), ("entity", "string", "单位名称"), ("fiscal_year", "integer", "年度"),
    ("kind", "string", "类别（budget 预算 / final_accounts 决算）"), ("phase", "string", "预算阶段"),
    ("scope", "string", "部门或单位"), ("format", "string", "公开格式"), ("table_number", "integer", "表号"),
    ("table_title", "string", "表名"), ("side", "string", "收支"), ("row_code", "string", "科目编码"),
    ("row_label", "string", "名称"), ("row_key", "string", "固定行标识"), ("level", "integer", "级次"),
    ("functional_code", "string", "功能分类科目编码"), ("functional_label", "string", "功能分类科目名称"),
    ("economic_code", "string", "经济分类科目编码"), ("economic_label", "string", "经济分类科目名称"),
    ("column_key", "string", "栏目标识"), ("column_label", "string", "栏目"),
    ("amount", "number", "金额（元）"), ("printed", "string", "原文数字"), ("printed_unit", "string", "原文单位"),
]


def _classified_tables(store: Store) -> list[tuple[str, str, str]]:
    """(format, table key, functional|economic) for every code table of the formats in the store."""
    result = []
    for (format_id,) in store.cursor().execute("SELECT DISTINCT format FROM documents").fetchall():
        try:
            spec = load_format(format_id)
        except KeyError:
            continue
        for table in spec.tables:
            codes = table.codes or ("functional" if table.layout == "two_sided" else None)
            if codes in {"functional", "economic"}:
                result.append((format_id, table.key, codes))
    return result


def _sql(classified: list[tuple[str, str, str]]) -> str:
    values = ", ".join(f"('{f}', '{k}', '{c}')" for f, k, c in classified) or "(NULL, NULL, NULL)"
    facts = f"""
        WITH codes(format, table_key, codes) AS (VALUES {values})
        SELECT d.id AS document_id, d.entity, d.year AS fiscal_year, d.kind,
               CASE d.kind WHEN 'budget' THEN 'approved' WHEN 'final_accounts' THEN 'executed' END AS phase,
               d.scope, d.format, c.table_number, c.table_title, c.side, c.row_code, c.row_label, c.row_key, c.level,
               CASE WHEN k.codes = 'functional' AND c.row_code IS NOT NULL THEN c.row_code END AS functional_code,
               CASE WHEN k.codes = 'functional' AND c.row_code IS NOT NULL THEN c.row_label END AS functional_label,
               CASE WHEN k.codes = 'economic' AND c.row_code IS NOT NULL THEN c.row_code END AS economic_code,
               CASE WHEN k.codes = 'economic' AND c.row_code IS NOT NULL THEN c.row_label END AS economic_label,
               c.column_key, c.column_label,
               CAST(c.printed AS DECIMAL(38, 6)) * CASE c.unit WHEN '万元' THEN 10000 WHEN '亿元' THEN 100000000
                                                              ELSE 1 END AS amount,
               c.printed, c.unit AS printed_unit,
               c.row_index, c.column_index
        FROM cells c JOIN documents d ON d.id = c.document_id
        LEFT JOIN codes k ON k.format = d.format AND k.table_key = c.table_key
        WHERE c.value IS NOT NULL"""
    columns = ", ".join(f"{inert_sql(name)} AS {name}" if kind == "string" else name for name, kind, _ in FIELDS)
    return f"""WITH facts AS ({facts})
        SELECT {columns} FROM facts ORDER BY document_id, table_number, row_index, column_index"""


def _dimension(kind: str, attributes: dict[str, dict[str, str]], key: str | list[str],
               classification: str | None = None) -> dict[str, Any]:
    dimension: dict[str, Any] = {"dimensionType": kind, "attributes": attributes, "primaryKey": key}
    if classification:
        dimension["classificationType"] = classification
    return dimension


MODEL: dict[str, Any] = {
    "measures": {"amount": {"source": "amount", "currency": "CNY", "factor": 1}},
    "dimensions": {
        "entity": _dimension("entity", {"entity": {"source": "entity"}}, "entity"),
        "fiscal_year": _dimension("datetime", {"year": {"source": "fiscal_year"}}, "year"),
        "document": _dimension("other", {"document_id": {"source": "document_id"}, "kind": {"source": "kind"},
                                         "phase": {"source": "phase"}, "scope": {"source": "scope"},
                                         "format": {"source": "format"}}, "document_id"),
        "table": _dimension("other", {"table_number": {"source": "table_number"},
                                      "table_title": {"source": "table_title", "labelfor": "table_number"}},
                            "table_number"),
        "line": _dimension("other", {"row_label": {"source": "row_label"}, "row_code": {"source": "row_code"},
                                     "row_key": {"source": "row_key"}, "side": {"source": "side"},
                                     "level": {"source": "level"}}, ["side", "row_code", "row_label"]),
        "functional_classification": _dimension(
            "classification", {"functional_code": {"source": "functional_code"},
                               "functional_label": {"source": "functional_label", "labelfor": "functional_code"}},
            "functional_code", "functional"),
        "economic_classification": _dimension(
            "classification", {"economic_code": {"source": "economic_code"},
                               "economic_label": {"source": "economic_label", "labelfor": "economic_code"}},
            "economic_code", "economic"),
        "column": _dimension("other", {"column_key": {"source": "column_key"},
                                       "column_label": {"source": "column_label", "labelfor": "column_key"}},
                             "column_key"),
    },
}


def descriptor(years: tuple[int | None, int | None]) -> dict[str, Any]:
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": "yusuan-disclosures",
        "title": "部门预算、决算公开表格数据（yusuan 导出）",
        "description": "各部门预算/决算公开文件中每张表的每个金额，一行一个数；金额统一换算为元，原文数字与单位另列。",
        "countryCode": "CN",
        "granularity": "aggregated",
        "resources": [{
            "name": "cells",
            "path": CSV_NAME,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {"fields": [{"name": n, "type": t, "title": title} for n, t, title in FIELDS]},
        }],
        "model": MODEL,
    }
    if years[0] is not None:
        package["fiscalPeriod"] = {"start": f"{years[0]}-01-01", "end": f"{years[1]}-12-31"}
    return package


def write_fiscal_data_package(store: Store, outdir: str | Path) -> list[Path]:
    """``outdir/datapackage.json`` and ``outdir/cells.csv``; returns both paths."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    cursor = store.cursor()
    data = copy_to(cursor, _sql(_classified_tables(store)), outdir / CSV_NAME, "FORMAT csv, HEADER true")
    years = cursor.execute("SELECT min(year), max(year) FROM documents").fetchall()[0]
    text = json.dumps(descriptor(years), ensure_ascii=False, indent=2) + "\n"
    return [write_atomic(outdir / "datapackage.json", text), data]
