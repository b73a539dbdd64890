"""Helpers for the writer tests: comparing Documents, and a Shanghai 9-table Document from the corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from yusuan.document_json import to_dict
from yusuan.model import Document
from yusuan.read import read_path

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


WANLI = "sh-putuo-wanli-2024-budget"


def shanghai_document(corpus: Path) -> Document:
    """A real Shanghai district budget (format ``sh-budget-9``: 9 tables in 元 and 万元), read from its PDF."""
    return read_path(corpus / f"{WANLI}.pdf")
