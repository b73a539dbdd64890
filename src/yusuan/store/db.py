"""The DuckDB file: opening it (with Chinese messages for every way that fails) and writing documents.

One process writes at a time (DuckDB locks the file); inside it, writes go through one lock while
any number of threads read through their own cursors (the web server). Each document is written in
one transaction (a batch ingest groups a few documents per transaction) — old rows deleted, the new
ones inserted, failures of the same files forgotten — so a reader never sees half a document and a
killed ingest loses nothing committed.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from pathlib import Path

import duckdb
import pyarrow as pa

from yusuan.errors import YusuanError
from yusuan.files import os_reason
from yusuan.store.records import SCHEMAS, Records
from yusuan.store.schema import CHILD_TABLES, DDL, SCHEMA_VERSION

DEFAULT_DB = "yusuan.duckdb"
_PID_RE = re.compile(r"PID (\d+)")


def first(cursor: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> tuple | None:
    """The first row of a query, the result read to its end (DuckDB refuses more work on an unfinished one)."""
    rows = cursor.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


class StoreError(YusuanError):
    """The database file cannot be used (locked, missing, not ours, of another schema version)."""


def _open_error(path: Path, error: Exception, read_only: bool) -> StoreError:
    text = str(error)
    if "lock" in text.lower():
        pid = _PID_RE.search(text)
        who = f"（进程 {pid.group(1)}）" if pid else ""
        return StoreError(f"数据库 {path} 正被另一个程序使用{who}，可能是 yusuan serve 或另一个 yusuan ingest；"
                          "DuckDB 同一时间只允许一个程序写入，请等它结束或先停止它。")
    if read_only and not path.exists():
        return StoreError(f"找不到数据库 {path}；请先用 yusuan ingest 把文件存入数据库，或用 --db 指定数据库文件。")
    return StoreError(f"无法打开数据库 {path}：它不是 yusuan 的 DuckDB 数据库文件，"
                      f"或已损坏（{type(error).__name__}）。")


class Store:
    """An open store. ``read_only`` opens for queries only (and never creates the file)."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False,
                 config: dict[str, object] | None = None) -> None:
        """``config``: DuckDB settings for the connection (``yusuan query`` locks it to this file alone)."""
        self.path = Path(path)
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise _open_error(self.path, FileNotFoundError(), read_only)
        if not read_only:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(f"无法创建数据库所在的文件夹 {self.path.parent}：{os_reason(error)}。") from None
        try:
            self.connection = duckdb.connect(str(self.path), read_only=read_only, config=config or {})
        except duckdb.Error as error:
            raise _open_error(self.path, error, read_only) from None
        self._write = threading.Lock()
        try:
            if not read_only:
                self.connection.execute(DDL)
            version = first(self.connection, "SELECT value FROM store_info WHERE key = 'schema'")
        except duckdb.Error as error:
            self.connection.close()
            raise _open_error(self.path, error, read_only) from None
        if version is None or version[0] != SCHEMA_VERSION:
            self.connection.close()
            raise StoreError(f"数据库 {self.path} 的结构版本是 {version[0] if version else '未知'}，"
                             f"本版 yusuan 使用 {SCHEMA_VERSION}；请用新的数据库文件重新导入。")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for this thread: DuckDB connections are not shared between threads."""
        return self.connection.cursor()

    def count(self) -> int:
        return first(self.cursor(), "SELECT count(*) FROM documents")[0]

    def stored(self, shas: Iterable[str]) -> set[str]:
        """Which of these file hashes are already in the store."""
        wanted = list(set(shas))
        if not wanted:
            return set()
        rows = self.cursor().execute("SELECT sha256 FROM documents WHERE sha256 IN (SELECT unnest(?))",
                                     [wanted]).fetchall()
        return {r[0] for r in rows}

    def put(self, records: Records) -> int:
        """Store one document, replacing the one with the same file hash (which keeps its id); returns the id."""
        return self.put_many([records])[0]

    def put_many(self, batch: list[Records]) -> list[int]:
        """Store several documents in one transaction (all or none); returns their ids, in order.

        One transaction per document costs far more than the rows it writes, so a batch ingest commits
        documents in groups; a document replaced keeps its id.
        """
        with self._write:
            cur = self.cursor()
            cur.begin()
            try:
                ids = [self._claim_id(cur, records.sha256) for records in batch]
                documents = pa.concat_tables([r.tables["documents"] for r in batch])
                names = ", ".join(SCHEMAS["documents"].names)
                cur.register("batch", documents.append_column("id", pa.array(ids, pa.int32())))
                cur.execute(f"INSERT INTO documents (id, ingested_at, {names}) SELECT id, now(), {names} FROM batch")
                for name in CHILD_TABLES:
                    parts = [r.tables[name].append_column("document_id", pa.array([i] * r.tables[name].num_rows,
                                                                                  pa.int32()))
                             for r, i in zip(batch, ids, strict=True) if r.tables[name].num_rows]
                    if parts:
                        columns = ", ".join(SCHEMAS[name].names)
                        cur.register("batch", pa.concat_tables(parts))
                        cur.execute(f"INSERT INTO {name} (document_id, {columns}) SELECT document_id, {columns} "
                                    "FROM batch")
                cur.unregister("batch")
                cur.execute("DELETE FROM failures WHERE sha256 IN (SELECT unnest(?)) OR path IN (SELECT unnest(?))",
                            [[r.sha256 for r in batch], documents["path"].to_pylist()])
                cur.commit()
            except BaseException:
                cur.rollback()
                raise
            return ids

    @staticmethod
    def _claim_id(cur: duckdb.DuckDBPyConnection, sha256: str) -> int:
        """The id a document with this file hash gets: its old one (whose rows go), or a new one."""
        old = first(cur, "SELECT id FROM documents WHERE sha256 = ?", [sha256])
        if old is None:
            return first(cur, "SELECT nextval('document_ids')")[0]
        for name in CHILD_TABLES:
            cur.execute(f"DELETE FROM {name} WHERE document_id = ?", [old[0]])
        cur.execute("DELETE FROM documents WHERE id = ?", [old[0]])
        return old[0]

    def fail(self, path: str, file: str, sha256: str | None, reason: str) -> None:
        """Remember a file that could not be stored (the latest reason per path), for a later look."""
        with self._write:
            self.cursor().execute("INSERT OR REPLACE INTO failures VALUES (?, ?, ?, ?, now())",
                                  [path, file, sha256, reason])
