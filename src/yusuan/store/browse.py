"""Reading the store back: the document list with its filters, one document, its findings, a reference.

What the web pages, the JSON API and the CLI show comes from here, so they agree. Results are plain
dicts of JSON-ready values (times as ISO strings); the Document itself is rebuilt from its stored
JSON, exactly as it was read.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import duckdb

from yusuan.document_json import from_json
from yusuan.model import Document
from yusuan.store.compare import compare_documents
from yusuan.store.db import StoreError, first

SUMMARY = ("id", "sha256", "file", "path", "size", "entity", "year", "kind", "scope", "format", "unit", "title",
           "reader", "errors", "warnings", "infos", "tables", "cells", "claims", "yusuan_version", "ingested_at")
KINDS = {"budget": "预算", "final_accounts": "决算"}
_SHA_RE = re.compile(r"^[0-9a-fA-F]{6,64}$")


@dataclass(slots=True)
class Filters:
    """The list page's filters; every one optional. ``errors``: True has errors, False has none."""

    entity: str | None = None
    year: int | None = None
    kind: str | None = None
    errors: bool | None = None
    q: str | None = None  # words in the entity, file name or title, or the start of a sha256
    limit: int = 50
    offset: int = 0

    def where(self) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if self.entity:
            clauses.append("entity = ?")
            params.append(self.entity)
        if self.year is not None:
            clauses.append("year = ?")
            params.append(self.year)
        if self.kind:
            clauses.append("kind = ?")
            params.append(self.kind)
        if self.errors is not None:
            clauses.append("errors > 0" if self.errors else "errors = 0")
        for word in (self.q or "").split():
            pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            clauses.append("(entity ILIKE ? ESCAPE '\\' OR file ILIKE ? ESCAPE '\\' OR title ILIKE ? ESCAPE '\\'"
                           " OR sha256 LIKE ?)")
            params += [pattern, pattern, pattern, word.lower() + "%"]
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    rows = []
    for values in cursor.fetchall():
        row = dict(zip(names, values, strict=True))
        if row.get("ingested_at") is not None:
            row["ingested_at"] = row["ingested_at"].isoformat(timespec="seconds")
        rows.append(row)
    return rows


def list_documents(cursor: duckdb.DuckDBPyConnection, filters: Filters) -> tuple[list[dict[str, Any]], int]:
    """One page of document summaries (by entity, newest year first) and how many match in all."""
    where, params = filters.where()
    total = first(cursor, f"SELECT count(*) FROM documents{where}", params)[0]
    cursor.execute(f"SELECT {', '.join(SUMMARY)} FROM documents{where} ORDER BY entity, year DESC NULLS LAST, id "
                   "LIMIT ? OFFSET ?", [*params, filters.limit, filters.offset])
    return _dicts(cursor), total


def facets(cursor: duckdb.DuckDBPyConnection) -> dict[str, list[Any]]:
    """The values the filters offer: every entity, year and kind in the store."""
    def column(sql: str) -> list[Any]:
        return [r[0] for r in cursor.execute(sql).fetchall()]

    return {"entities": column("SELECT DISTINCT entity FROM documents WHERE entity IS NOT NULL ORDER BY entity"),
            "years": column("SELECT DISTINCT year FROM documents WHERE year IS NOT NULL ORDER BY year DESC"),
            "kinds": column("SELECT DISTINCT kind FROM documents WHERE kind IS NOT NULL ORDER BY kind")}


def summary(cursor: duckdb.DuckDBPyConnection, doc_id: int) -> dict[str, Any] | None:
    cursor.execute(f"SELECT {', '.join(SUMMARY)} FROM documents WHERE id = ?", [doc_id])
    rows = _dicts(cursor)
    return rows[0] if rows else None


def document_json(cursor: duckdb.DuckDBPyConnection, doc_id: int) -> str | None:
    row = first(cursor, "SELECT document FROM documents WHERE id = ?", [doc_id])
    return row[0] if row else None


def load_document(cursor: duckdb.DuckDBPyConnection, doc_id: int) -> Document:
    text = document_json(cursor, doc_id)
    if text is None:
        raise StoreError(f"数据库中没有编号为 {doc_id} 的文件。")
    return from_json(text)


def findings(cursor: duckdb.DuckDBPyConnection, doc_id: int) -> list[dict[str, Any]]:
    """A document's findings (errors first, as the checker ordered them), each with its cells and where
    each cell is in its table (``row_index``/``column_index``, null where it is not a table cell)."""
    cursor.execute("SELECT finding_index, rule, severity, title, message, expected, actual FROM findings "
                   "WHERE document_id = ? ORDER BY finding_index", [doc_id])
    result = _dicts(cursor)
    cursor.execute("SELECT finding_index, table_number AS \"table\", code, label, side, section, column_path AS "
                   "\"column\", printed AS value, unit, page, line, missing, row_index, column_index, boxes, text "
                   "FROM finding_cells WHERE document_id = ? ORDER BY finding_index, cell_index", [doc_id])
    for cell in _dicts(cursor):
        cell["boxes"] = json.loads(cell["boxes"]) if cell["boxes"] else []
        result[cell.pop("finding_index")].setdefault("cells", []).append(cell)
    for finding in result:
        finding.pop("finding_index")
        finding.setdefault("cells", [])
    return result


def resolve(cursor: duckdb.DuckDBPyConnection, ref: str, *, by_path: bool = True) -> int:
    """A document named by its id, the start of its sha256, or its file name (or path, unless the web
    asks: a path found would tell what lies on the server)."""
    ref = ref.strip()
    if ref.isdigit() and len(ref) < 10 and first(cursor, "SELECT id FROM documents WHERE id = ?", [int(ref)]):
        return int(ref)
    matches = []
    if _SHA_RE.match(ref):
        matches = cursor.execute("SELECT id, file, entity, year FROM documents WHERE sha256 LIKE ?",
                                 [ref.lower() + "%"]).fetchall()
    if not matches:
        matches = cursor.execute("SELECT id, file, entity, year FROM documents WHERE file = ? OR path = ?",
                                 [ref, ref if by_path else None]).fetchall()
    if len(matches) == 1:
        return matches[0][0]
    quoted = ref if len(ref) <= 40 else ref[:40] + "…"  # echoed on the web page: no room for a message
    if not matches:
        raise StoreError(f"数据库中找不到“{quoted}”：请给出文件编号、sha256 的前几位或文件名（可用 yusuan query "
                         "\"SELECT id, file, entity, year FROM documents\" 查看）。")
    listed = "；".join(f"#{i} {f}（{e} {y or ''}）" for i, f, e, y in matches[:5])
    raise StoreError(f"“{quoted}”对应多份文件，请改用编号：{listed}。")


def compare_stored(cursor: duckdb.DuckDBPyConnection, ref_a: str, ref_b: str, *,
                   everything: bool = False, by_path: bool = True) -> dict[str, Any]:
    """Two stored documents compared (:func:`yusuan.store.compare.compare_documents`), JSON-ready:
    both summaries, the notes, and per table the cells that differ (all cells with ``everything``)."""
    ids = resolve(cursor, ref_a, by_path=by_path), resolve(cursor, ref_b, by_path=by_path)
    result = compare_documents(load_document(cursor, ids[0]), load_document(cursor, ids[1]))
    return {"a": summary(cursor, ids[0]), "b": summary(cursor, ids[1]), "notes": result.notes,
            "changed": result.changed, "tables": [t.to_dict(everything) for t in result.tables]}
