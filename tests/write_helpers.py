"""Helpers for the writer tests: comparing Documents, and a Shanghai 9-table Document from the corpus truth."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from yusuan.document_json import to_dict
from yusuan.model import Column, Document, Meta, Row, Table
from yusuan.text import split_ordinal

WHERE_PRINTED = {"source", "boxes"}  # where a row was printed differs by medium, not what it says


def tables_as_data(document: Document) -> list[dict[str, Any]]:
    tables = []
    for table in to_dict(document)["tables"]:
        table.pop("pages")
        table["rows"] = [{k: v for k, v in row.items() if k not in WHERE_PRINTED} for row in table["rows"]]
        tables.append(table)
    return tables


def meta_as_data(document: Document) -> dict[str, Any]:
    meta = to_dict(document)["meta"]
    return {k: v for k, v in meta.items() if k not in {"file", "sha256", "reader"}}


_LEVELS = {"类": 1, "款": 2, "项": 3}
WANLI = "sh-putuo-wanli-2024-budget"


def shanghai_document(corpus: Path) -> Document:
    """The hand-checked tables of a Shanghai district budget (9 tables, 元 and 万元) as a Document.

    Its format (``sh-budget-9``) is not declared in this version, so writers must work from the
    Document alone. Table 4 is left out: its two sides have different columns, which the Document
    model does not hold.
    """
    truth = json.loads((corpus / "truth" / f"{WANLI}.tables.json").read_text("utf-8"), parse_float=Decimal)
    tables = []
    for raw in truth["tables"]:
        if raw["no"] == 4:
            continue
        two_sided = isinstance(raw["columns"], dict)
        paths = [["预算数"]] if two_sided else [[name] for name in raw["columns"]]
        table = Table(number=raw["no"], key=f"table{raw['no']}", title=raw["title"], unit=raw["unit"],
                      columns=[Column("·".join(p), p) for p in paths], entity="上海市普陀区人民政府万里街道办事处",
                      notes=[n.removeprefix("注:").removeprefix("注：") for n in raw["notes"]])
        for item in raw["rows"]:
            values = [None if v is None else Decimal(v) for v in item["values"]] or [None] * len(paths)
            ordinal, label = split_ordinal(item["label"])
            level = 0 if label.endswith(("合计", "总计")) else _LEVELS.get(item.get("level", ""), 1)
            table.rows.append(Row(label=label, values=values, code=item.get("code"), ordinal=ordinal,
                                  level=level, side=item.get("side"), key="total" if level == 0 else None))
        if two_sided:
            table.rows.sort(key=lambda r: r.side != "收入")
        tables.append(table)
    meta = Meta(entity="上海市普陀区人民政府万里街道办事处", year=2024, kind="budget", scope="department",
                format="sh-budget-9", unit="元")
    return Document(meta=meta, tables=tables)
