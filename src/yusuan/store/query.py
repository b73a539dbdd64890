"""``yusuan query``: any SQL over the store, read-only, its result as text cells, CSV or JSON.

The database is opened read-only, so a query can never change what is stored, and with DuckDB's
external access disabled and its settings locked, so no statement can read or write another file
(``COPY … TO``, ``EXPORT DATABASE``, ``read_text``, ``read_csv``, ``glob``, ``ATTACH``), install or load
an extension, or reach a network; a ``SET`` cannot undo that. Values are given as
text the way the store holds them: a DECIMAL keeps its digits (never a float), NULL stays empty (or
``null`` in JSON), a list column is joined with ``·`` in text and CSV and kept a list in JSON. In CSV,
text a spreadsheet would run as a formula gets a leading ``'`` (:mod:`yusuan.store.csvtext`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from yusuan.errors import YusuanError
from yusuan.store.csvtext import inert
from yusuan.store.db import Store
from yusuan.store.sql_errors import chinese

SEALED: dict[str, object] = {  # set before the file is opened; lock_configuration makes them final
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "lock_configuration": True,
}


@dataclass(slots=True)
class Result:
    columns: list[str]
    rows: list[tuple[Any, ...]]


def run_query(db: str | Path, sql: str) -> Result:
    """Run one SQL statement on a read-only connection; a mistake becomes a Chinese message."""
    if not sql.strip():
        raise YusuanError("SQL 语句为空。例如：yusuan query \"SELECT entity, year, errors FROM documents\"")
    with Store(db, read_only=True, config=SEALED) as store:
        try:
            cursor = store.cursor().execute(sql)
        except duckdb.Error as error:
            first_line = str(error).strip().splitlines()[0]
            if "read-only" in first_line or "read only" in first_line:
                raise YusuanError("yusuan query 以只读方式打开数据库，只能查询，不能修改数据。") from None
            if isinstance(error, duckdb.PermissionException) or "configuration has been locked" in first_line:
                raise YusuanError("yusuan query 只能查询数据库中的表：不能读写其他文件、安装或加载扩展、访问网络，"
                                  "也不能更改这些设置。") from None
            raise YusuanError(chinese(str(error))) from None
        if cursor.description is None:
            return Result([], [])
        return Result([d[0] for d in cursor.description], cursor.fetchall())


def json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return value.hex()
    return value


# Stored codes a person reads in Chinese in the table view (SQL still compares the codes: kind = 'budget').
SHOWN = {"kind": {"budget": "预算", "final_accounts": "决算"}, "scope": {"department": "部门", "unit": "单位"},
         "severity": {"error": "错误", "warning": "警告", "info": "提示"},
         "status": {"confirmed": "确认", "dismissed": "忽略", "pending": "待定", "unreviewed": "待审",
                    "reviewed": "已审", "problems": "有问题"}}


def shown_value(column: str, value: Any) -> str:
    """A value as the table view shows it: codes of the known columns in Chinese, the rest as text."""
    names = SHOWN.get(column.lower())
    if names and isinstance(value, str) and value in names:
        return names[value]
    return text_value(value)


def text_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "·".join(text_value(v) for v in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    value = json_value(value)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def as_csv(result: Result) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows([inert(text_value(v)) if not isinstance(v, bool) else str(v).lower() for v in row]
                     for row in result.rows)
    return buffer.getvalue()


def as_json(result: Result) -> str:
    data = [{c: json_value(v) for c, v in zip(result.columns, row, strict=True)} for row in result.rows]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
