"""``yusuan dump``: the store's tables as CSV or Parquet files, and as a Fiscal Data Package.

DuckDB writes the files itself (``COPY … TO``), so millions of cells never pass through Python.
Each file is written beside its final name and renamed into place: a failed dump never leaves a
half-written file. In CSV a list column (a header path) is joined with ``·``, text a spreadsheet
would run as a formula gets a leading ``'`` (:mod:`yusuan.store.csvtext`); the Document JSON stays
out of ``documents.csv`` (it is in ``documents.parquet`` and in the store).
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from yusuan.errors import YusuanError
from yusuan.store.csvtext import inert_sql
from yusuan.store.db import Store

TABLES = ("documents", "cells", "claims", "findings", "finding_cells", "failures")
FORMATS = ("csv", "parquet", "fdp")


def parse_formats(values: list[str]) -> tuple[str, ...]:
    chosen = [v.strip().lower() for value in values for v in value.split(",") if v.strip()] or ["csv"]
    unknown = [v for v in chosen if v not in FORMATS]
    if unknown:
        raise YusuanError(f"不认识的导出格式：{'、'.join(unknown)}；可选 {'、'.join(FORMATS)}。")
    return tuple(dict.fromkeys(chosen))


def _columns(cursor: duckdb.DuckDBPyConnection, table: str, csv: bool) -> str:
    """The columns to write; in CSV, lists joined and text that a spreadsheet would run made inert."""
    parts = []
    for name, kind, *_ in cursor.execute(f"DESCRIBE {table}").fetchall():
        if not csv:
            parts.append(name)
        elif name == "document":
            continue
        elif kind == "VARCHAR[]":
            parts.append(f"{inert_sql(f'array_to_string({name}, chr(183))')} AS {name}")
        elif kind == "VARCHAR":
            parts.append(f"{inert_sql(name)} AS {name}")
        else:
            parts.append(name)
    return ", ".join(parts)


def copy_to(cursor: duckdb.DuckDBPyConnection, sql: str, target: Path, options: str) -> Path:
    """``COPY (sql) TO target`` through a temporary name, so the target is whole or untouched."""
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        cursor.execute(f"COPY ({sql}) TO '{tmp.as_posix()}' ({options})")
        os.replace(tmp, target)
    except (duckdb.Error, OSError) as error:
        tmp.unlink(missing_ok=True)
        raise YusuanError(f"无法写入 {target}：{error}") from None
    return target


def dump_tables(store: Store, outdir: Path, fmt: str) -> list[Path]:
    """Every table of the store as ``<table>.csv`` or ``<table>.parquet`` in ``outdir``."""
    cursor = store.cursor()
    options = "FORMAT csv, HEADER true" if fmt == "csv" else "FORMAT parquet, COMPRESSION zstd"
    return [copy_to(cursor, f"SELECT {_columns(cursor, t, fmt == 'csv')} FROM {t}", outdir / f"{t}.{fmt}", options)
            for t in TABLES]
