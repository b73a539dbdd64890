"""A read and checked Document as the rows the store keeps: one Arrow batch per table of ``schema.py``.

Built where the document was read (a worker process, a Dask worker), so the one writing process
only hands finished columns to DuckDB; Arrow batches also pickle cheaply between processes and are
what Parquet files hold. Child batches carry no ``document_id``: the writer adds it, because only
the writer knows which id a document gets (or keeps, when it is replaced).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pyarrow as pa

from yusuan import __version__
from yusuan.check import Cell, Finding, counts
from yusuan.document_json import to_json
from yusuan.model import Document, Table
from yusuan.store.content import content_sha256

SCALE = Decimal("0.0001")
LIMIT = Decimal(10) ** 16  # DECIMAL(20,4) holds 16 integer digits; a longer "amount" is a misread
AMOUNT = pa.decimal128(20, 4)
PATH = pa.list_(pa.string())

DOCUMENT_SCHEMA = pa.schema([
    ("sha256", pa.string()), ("file", pa.string()), ("path", pa.string()), ("size", pa.int64()),
    ("entity", pa.string()), ("year", pa.int32()), ("kind", pa.string()), ("scope", pa.string()),
    ("format", pa.string()), ("unit", pa.string()), ("title", pa.string()), ("reader", pa.string()),
    ("errors", pa.int32()), ("warnings", pa.int32()), ("infos", pa.int32()),
    ("tables", pa.int32()), ("cells", pa.int32()), ("claims", pa.int32()),
    ("yusuan_version", pa.string()), ("document", pa.string()), ("content_sha256", pa.string()),
    ("pages", pa.int32()), ("file_sha256", pa.string()), ("body", pa.int32()), ("bodies", pa.int32()),
])
CELL_SCHEMA = pa.schema([
    ("table_number", pa.int32()), ("table_key", pa.string()), ("table_title", pa.string()),
    ("row_index", pa.int32()), ("row_code", pa.string()), ("row_label", pa.string()),
    ("row_ordinal", pa.string()), ("row_key", pa.string()), ("side", pa.string()), ("level", pa.int32()),
    ("column_index", pa.int32()), ("column_key", pa.string()), ("column_path", PATH),
    ("column_label", pa.string()), ("printed", pa.string()), ("value", AMOUNT), ("unit", pa.string()),
    ("page", pa.int32()), ("line", pa.int32()),
])
CLAIM_SCHEMA = pa.schema([
    ("claim_index", pa.int32()), ("section", pa.string()), ("subject", pa.string()), ("name", pa.string()),
    ("role", pa.string()), ("amount_printed", pa.string()), ("amount", AMOUNT), ("unit", pa.string()),
    ("change_printed", pa.string()), ("change", AMOUNT), ("direction", pa.string()),
    ("percent_printed", pa.string()), ("percent", AMOUNT), ("percent_direction", pa.string()),
    ("comparable", pa.bool_()), ("parent", pa.string()), ("goal", pa.string()), ("text", pa.string()),
    ("page", pa.int32()), ("line", pa.int32()),
])
FINDING_SCHEMA = pa.schema([
    ("finding_index", pa.int32()), ("rule", pa.string()), ("severity", pa.string()), ("title", pa.string()),
    ("message", pa.string()), ("expected", pa.string()), ("actual", pa.string()),
])
FINDING_CELL_SCHEMA = pa.schema([
    ("finding_index", pa.int32()), ("cell_index", pa.int32()), ("table_number", pa.int32()),
    ("code", pa.string()), ("label", pa.string()), ("side", pa.string()), ("section", pa.string()),
    ("column_path", PATH), ("printed", pa.string()), ("unit", pa.string()), ("page", pa.int32()),
    ("line", pa.int32()), ("missing", pa.bool_()), ("row_index", pa.int32()), ("column_index", pa.int32()),
    ("boxes", pa.string()), ("text", pa.string()),
])
SCHEMAS = {"documents": DOCUMENT_SCHEMA, "cells": CELL_SCHEMA, "claims": CLAIM_SCHEMA,
           "findings": FINDING_SCHEMA, "finding_cells": FINDING_CELL_SCHEMA}


@dataclass(slots=True)
class Records:
    """Everything the store keeps about one file: its ``documents`` row and its child rows."""

    sha256: str  # the store's key: the file's sha256, with ``#n`` for the n-th disclosure of a file of several
    tables: dict[str, pa.Table]  # keyed by store table name; "documents" has exactly one row

    @property
    def file_sha256(self) -> str:
        return self.tables["documents"]["file_sha256"][0].as_py()

    @property
    def entity(self) -> str:
        return self.tables["documents"]["entity"][0].as_py()

    @property
    def errors(self) -> int:
        return self.tables["documents"]["errors"][0].as_py()

    @property
    def pages(self) -> int:
        return self.tables["documents"]["pages"][0].as_py() or 0

    @property
    def content(self) -> str:
        """The hash of what the document says (:mod:`yusuan.store.content`)."""
        return self.tables["documents"]["content_sha256"][0].as_py()


def stored_amount(value: Decimal | None) -> Decimal | None:
    """The DECIMAL(20,4) column's value; the printed string next to it keeps the exact figure."""
    if value is None or not value.is_finite() or abs(value) >= LIMIT:
        return None
    return value.quantize(SCALE, rounding=ROUND_HALF_UP) if value.as_tuple().exponent < -4 else value


def printed(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _columns(rows: list[tuple], schema: pa.Schema) -> pa.Table:
    names = schema.names
    return pa.Table.from_pydict({name: [row[i] for row in rows] for i, name in enumerate(names)}, schema=schema)


def _last_page(document: Document) -> int | None:
    pages = [p for t in document.tables for p in t.pages] + [r.source.page or 0 for t in document.tables
                                                               for r in t.rows]
    return max(pages, default=0) or None


def _cells(document: Document) -> list[tuple]:
    rows = []
    for table in document.tables:
        head = (table.number, table.key, table.title)
        columns = [(c.key, list(c.path), c.label) for c in table.columns]
        text = table.text_column
        for r, row in enumerate(table.rows):
            place = (table.unit, row.source.page, row.source.line)
            base = (*head, r, row.code, row.label, row.ordinal, row.key, row.side, row.level)
            for c, (value, (key, path, label)) in enumerate(zip(row.values, columns, strict=True)):
                rows.append((*base, c, key, path, label, printed(value), stored_amount(value), *place))
            if text is not None and row.text is not None:
                rows.append((*base, len(columns), text.key, list(text.path), text.label, row.text, None, *place))
    return rows


def _claims(document: Document) -> list[tuple]:
    return [(i, c.section, c.subject, c.name, c.role, printed(c.amount), stored_amount(c.amount), c.unit,
             printed(c.change), stored_amount(c.change), c.direction, printed(c.percent), stored_amount(c.percent),
             c.percent_direction, c.comparable, c.parent, c.goal, c.text, c.source.page, c.source.line)
            for i, c in enumerate(document.claims)]


class Locator:
    """Where a finding's cell is in its table: (row index, column index), to link and highlight it.

    Rows are matched by side, code and label (the printed line decides between equal rows), columns
    by header path; the text column (表12 绩效目标) is the index after the amount columns. Every table
    is indexed once, on first use, so locating all cells of all findings is linear in the document.
    """

    def __init__(self, document: Document) -> None:
        self._tables = {}
        for table in document.tables:
            self._tables.setdefault(table.number, table)  # the first table of a number, as before
        self._indexes: dict[int, tuple[dict, dict, dict]] = {}

    def _index(self, table: Table) -> tuple[dict, dict, dict]:
        index = self._indexes.get(table.number)
        if index is None:
            columns: dict[tuple[str, ...], int] = {}
            for i, column in enumerate(table.columns):
                columns.setdefault(tuple(column.path), i)
            if table.text_column is not None:
                columns.setdefault(tuple(table.text_column.path), len(table.columns))
            rows: dict[tuple, int] = {}
            lines: dict[tuple, int] = {}
            for i, row in enumerate(table.rows):
                key = (row.label, row.code, row.side)
                rows.setdefault(key, i)
                if row.source.line is not None:
                    lines.setdefault((*key, row.source.line), i)
            index = self._indexes[table.number] = (columns, rows, lines)
        return index

    def __call__(self, cell: Cell) -> tuple[int, int] | None:
        if cell.table is None or cell.missing:
            return None
        table = self._tables.get(cell.table)
        if table is None:
            return None
        columns, rows, lines = self._index(table)
        column = columns.get(tuple(cell.column))
        key = (cell.label, cell.code, cell.side)
        row = lines.get((*key, cell.line)) if cell.line is not None else None
        if row is None:
            row = rows.get(key)
        if column is None or row is None:
            return None
        return row, column


def _findings(document: Document, findings: list[Finding]) -> tuple[list[tuple], list[tuple]]:
    rows, cells = [], []
    locate = Locator(document)
    for i, f in enumerate(findings):
        rows.append((i, f.rule, f.severity.value, f.title, f.message, f.expected, f.actual))
        for k, cell in enumerate(f.cells):
            at = locate(cell) or (None, None)
            boxes = json.dumps([list(mark) for mark in cell.boxes]) if cell.boxes else None
            cells.append((i, k, cell.table, cell.code, cell.label, cell.side, cell.section, list(cell.column),
                          cell.value, cell.unit, cell.page, cell.line, cell.missing, *at, boxes, cell.text))
    return rows, cells


def document_records(document: Document, findings: list[Finding], *, sha256: str, path: str | None,
                     size: int | None, pages: int | None = None) -> Records:
    """All rows of one read and checked disclosure; ``sha256`` is of the file's bytes, ``pages`` how many
    pages it has (a PDF's; else the last page any of its rows cites). A file of several disclosures
    stores each (``meta.body`` of ``meta.bodies``), keyed by the file's hash and its number."""
    meta = document.meta
    cells = _cells(document)
    n = counts(findings)
    key = sha256 if (meta.body or 1) == 1 else f"{sha256}#{meta.body}"
    row = (key, meta.file, path, size, meta.entity, meta.year, meta.kind, meta.scope, meta.format, meta.unit,
           meta.title, meta.reader, n["error"], n["warning"], n["info"], len(document.tables), len(cells),
           len(document.claims), __version__, to_json(document, indent=None), content_sha256(document),
           pages if pages is not None else _last_page(document), sha256, meta.body or 1, meta.bodies or 1)
    finding_rows, finding_cells = _findings(document, findings)
    return Records(key, {
        "documents": _columns([row], DOCUMENT_SCHEMA),
        "cells": _columns(cells, CELL_SCHEMA),
        "claims": _columns(_claims(document), CLAIM_SCHEMA),
        "findings": _columns(finding_rows, FINDING_SCHEMA),
        "finding_cells": _columns(finding_cells, FINDING_CELL_SCHEMA),
    })
