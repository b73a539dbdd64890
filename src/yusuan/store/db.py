"""The DuckDB file: opening it (with Chinese messages for every way that fails) and writing documents.

DuckDB lets one process at a time have the file open for writing, and none may read it meanwhile.
So that ``yusuan serve``, ``ingest``, ``query``, ``compare`` and ``dump`` can all run on one database,
a :class:`Store` holds the file only while it works: inside ``with store:`` (a CLI command, one web
request) or one call of ``put_many`` / ``fail`` / ``stored`` / ``count``. A long ingest therefore
lets go of the file between its transactions, and whoever finds the file taken waits for it (up to
``wait`` seconds) instead of failing. Inside a session, writes go through one lock while any number
of threads read through their own cursors (the web server).

Each document is written in one transaction (a batch ingest groups a few documents per transaction)
— old rows deleted, the new ones inserted, failures of the same files forgotten — so a reader never
sees half a document and a killed ingest loses nothing committed.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pyarrow as pa

from yusuan.errors import YusuanError
from yusuan.files import os_reason
from yusuan.store import DEFAULT_DB
from yusuan.store.records import SCHEMAS, Records
from yusuan.store.schema import CHILD_TABLES, DDL, SCHEMA_VERSION

__all__ = ["DEFAULT_DB", "Store", "StoreError", "first"]

WAIT_SECONDS = 30.0  # how long a command waits for another program to let go of the file
_PID_RE = re.compile(r"PID (\d+)")


def first(cursor: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> tuple | None:
    """The first row of a query, the result read to its end (DuckDB refuses more work on an unfinished one)."""
    rows = cursor.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


class StoreError(YusuanError):
    """The database file cannot be used (locked, missing, not ours, of another schema version)."""


def _busy(error: Exception) -> bool:
    """Another process holds the file: worth waiting for."""
    return "lock" in str(error).lower()


def _locked(error: Exception) -> bool:
    """Held by another process, or by this one with another mode (read-only beside read-write)."""
    return _busy(error) or "different configuration" in str(error).lower()


def _open_error(path: Path, error: Exception, read_only: bool, waited: float = 0.0) -> StoreError:
    if _locked(error):
        pid = _PID_RE.search(str(error))
        who = f"（进程 {pid.group(1)}）" if pid else ""
        wait = f"等了 {waited:.0f} 秒仍" if waited >= 1 else ""
        return StoreError(f"数据库 {path} {wait}正被另一个程序使用{who}，可能是 yusuan ingest 正在写入；"
                          "请稍后再试，或等它结束。")
    if read_only and not path.exists():
        return StoreError(f"找不到数据库 {path}；请先用 yusuan ingest 把文件存入数据库，或用 --db 指定数据库文件。")
    return StoreError(f"无法打开数据库 {path}：它不是 yusuan 的 DuckDB 数据库文件，"
                      f"或已损坏（{type(error).__name__}）。")


class Store:
    """A store on a file, held only inside sessions. ``read_only`` opens for queries (never creates the file)."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False,
                 config: dict[str, object] | None = None, wait: float = WAIT_SECONDS) -> None:
        """``config``: DuckDB settings for each connection (``yusuan query`` locks it to this file alone);
        ``wait``: how long to wait while another program holds the file."""
        self.path = Path(path)
        self.read_only = read_only
        self.wait = wait
        self.config = dict(config or {})
        self._write = threading.Lock()
        self._guard = threading.Lock()  # the session count and the connection
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._checked = False
        if read_only and not self.path.exists():
            raise _open_error(self.path, FileNotFoundError(), read_only)
        if not read_only:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(f"无法创建数据库所在的文件夹 {self.path.parent}：{os_reason(error)}。") from None
        with self.session():
            pass  # the file is created, its schema checked, and let go again

    def _connect(self) -> duckdb.DuckDBPyConnection:
        """Open the file, waiting while another program holds it; the first time, check its schema."""
        start = time.monotonic()
        pause = 0.01
        while True:
            try:
                connection = duckdb.connect(str(self.path), read_only=self.read_only, config=self.config)
                break
            except duckdb.Error as error:
                waited = time.monotonic() - start
                if not _busy(error) or waited + pause > self.wait:
                    raise _open_error(self.path, error, self.read_only, waited) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.2)
        if not self._checked:
            try:
                self._check(connection)
            except BaseException:
                connection.close()
                raise
            self._checked = True
        return connection

    def _check(self, connection: duckdb.DuckDBPyConnection) -> None:
        try:
            if not self.read_only:
                connection.execute(DDL)
            version = first(connection, "SELECT value FROM store_info WHERE key = 'schema'")
        except duckdb.Error as error:
            raise _open_error(self.path, error, self.read_only) from None
        if version is None or version[0] != SCHEMA_VERSION:
            raise StoreError(f"数据库 {self.path} 的结构版本是 {version[0] if version else '未知'}，"
                             f"本版 yusuan 使用 {SCHEMA_VERSION}；请用新的数据库文件重新导入。")

    def acquire(self) -> duckdb.DuckDBPyConnection:
        """Start a session (opening the file if no session has it open); end it with :meth:`release`."""
        with self._guard:
            if self._connection is None:
                self._connection = self._connect()
            self._users += 1
            return self._connection

    def release(self) -> None:
        """End a session; the last one to end closes the file, so other programs can open it."""
        with self._guard:
            self._users -= 1
            if self._users <= 0 and self._connection is not None:
                self._users = 0
                self._connection.close()
                self._connection = None

    @contextmanager
    def session(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Hold the file while the block runs (nested and concurrent sessions share one connection)."""
        connection = self.acquire()
        try:
            yield connection
        finally:
            self.release()

    def __enter__(self) -> Store:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def close(self) -> None:
        """Let go of the file now, whatever sessions are open."""
        with self._guard:
            if self._connection is not None:
                self._connection.close()
            self._connection = None
            self._users = 0

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for this thread (DuckDB connections are not shared between threads), inside a session."""
        connection = self._connection
        if connection is None:
            raise RuntimeError("Store.cursor() outside a session: use `with store:` or `with store.session():`")
        return connection.cursor()

    def count(self) -> int:
        with self.session() as connection:
            return first(connection.cursor(), "SELECT count(*) FROM documents")[0]

    def stored(self, shas: Iterable[str]) -> set[str]:
        """Which of these file hashes are already in the store."""
        wanted = list(set(shas))
        if not wanted:
            return set()
        with self.session() as connection:
            rows = connection.cursor().execute("SELECT sha256 FROM documents WHERE sha256 IN (SELECT unnest(?))",
                                               [wanted]).fetchall()
        return {r[0] for r in rows}

    def twins(self, batch: list[Records]) -> dict[int, tuple[int, str | None]]:
        """Which of these documents say what a stored one from another file says: index → (its id, its path)."""
        wanted = {r.content: i for i, r in reversed(list(enumerate(batch)))}
        if not wanted:
            return {}
        with self.session() as connection:
            rows = connection.cursor().execute(
                "SELECT content_sha256, id, path FROM documents WHERE content_sha256 IN (SELECT unnest(?)) "
                "AND sha256 NOT IN (SELECT unnest(?))", [list(wanted), [r.sha256 for r in batch]]).fetchall()
        found = {content: (doc_id, path) for content, doc_id, path in rows}
        return {i: found[r.content] for i, r in enumerate(batch) if r.content in found}

    def put(self, records: Records) -> int:
        """Store one document, replacing the one with the same file hash (which keeps its id); returns the id."""
        return self.put_many([records])[0]

    def put_many(self, batch: list[Records]) -> list[int]:
        """Store several documents in one transaction (all or none); returns their ids, in order.

        One transaction per document costs far more than the rows it writes, so a batch ingest commits
        documents in groups; a document replaced keeps its id.
        """
        with self.session() as connection, self._write:
            cur = connection.cursor()
            cur.begin()
            try:
                ids = self._claim_ids(cur, [records.sha256 for records in batch],
                                      [records.file_sha256 for records in batch])
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
    def _claim_ids(cur: duckdb.DuckDBPyConnection, shas: list[str], files: list[str]) -> list[int]:
        """The ids documents with these keys get: their old ones (whose rows go), or new ones — three
        statements for the whole batch, not three per document. A file stored again drops the disclosures
        it no longer holds (``files``: the file hashes of the batch)."""
        old = dict(cur.execute("SELECT sha256, id FROM documents WHERE sha256 IN (SELECT unnest(?))",
                               [shas]).fetchall())
        stale = [r[0] for r in cur.execute(
            "SELECT id FROM documents WHERE file_sha256 IN (SELECT unnest(?)) AND sha256 NOT IN (SELECT unnest(?))",
            [files, shas]).fetchall()]
        if old or stale:
            gone = list(old.values()) + stale
            for name in (*CHILD_TABLES, "documents"):
                column = "id" if name == "documents" else "document_id"
                cur.execute(f"DELETE FROM {name} WHERE {column} IN (SELECT unnest(?))", [gone])
        new = [sha for sha in shas if sha not in old]
        fresh = iter(sorted(r[0] for r in cur.execute("SELECT nextval('document_ids') FROM range(?)",
                                                      [len(new)]).fetchall()))
        return [old[sha] if sha in old else next(fresh) for sha in shas]

    def fail(self, path: str, file: str, sha256: str | None, reason: str) -> None:
        """Remember a file that could not be stored (the latest reason per path), for a later look."""
        self.fail_many([(path, file, sha256, reason)])

    def fail_many(self, failures: list[tuple[str, str, str | None, str]]) -> None:
        """The same for several files (path, file, sha256, reason), in one transaction."""
        if not failures:
            return
        with self.session() as connection, self._write:
            connection.cursor().executemany("INSERT OR REPLACE INTO failures VALUES (?, ?, ?, ?, now())",
                                            [list(f) for f in failures])
