"""Batch ingest: many files read and checked by parallel processes, stored by this one process.

DuckDB lets one process write, and reading a PDF is the slow part, so worker processes do the
reading and checking (:func:`yusuan.store.work.analyse_file`) and send back finished Arrow rows;
this process writes them as they arrive, a few documents per transaction. Files already stored (by
the sha256 of their bytes) are skipped before any work is sent out, so a rerun — after an
interruption, or with a few new files in the folder — does only what is missing.

A file that crashes its worker (a reader bug, memory exhausted) breaks the process pool; the files
that were in flight are then retried one at a time in a fresh pool, so only the culprit fails.
"""

from __future__ import annotations

import hashlib
import signal
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from time import perf_counter

import duckdb

from yusuan.read.ocr.engine import share_cores
from yusuan.store.db import Store, StoreError
from yusuan.store.intake import discover
from yusuan.store.work import Outcome, analyse_file

CRASHED = "读取此文件时处理进程意外退出（文件可能已损坏，或内存不足），已跳过。"
WINDOW = 4  # files queued per worker: keeps workers busy without holding every result in memory
BATCH = 32  # documents per transaction at most
BATCH_SECONDS = 0.5  # a stored document waits no longer than this for its group to be committed


@dataclass(slots=True)
class Stored:
    path: str
    id: int
    entity: str
    errors: int


@dataclass(slots=True)
class Report:
    """What an ingest did, for the summary: every file is in exactly one of the three lists."""

    stored: list[Stored] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # path, why
    failed: list[tuple[str, str]] = field(default_factory=list)  # path, Chinese reason
    todo: int = 0  # files sent to be read
    done: int = 0  # of those, stored or failed so far
    seconds: float = 0.0


@dataclass(slots=True)
class Plan:
    todo: list[tuple[str, str]]  # path, sha256
    report: Report


Listener = Callable[[Report, Outcome | None], None]  # called after each file is done (stored or failed)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def plan(store: Store, paths: Iterable[str | Path], *, force: bool = False) -> Plan:
    """The files to read: found under ``paths``, hashed, minus those stored and duplicates of another."""
    found = discover(paths)
    report = Report(failed=list(found.problems))
    first: dict[str, str] = {}
    hashed: list[tuple[str, str]] = []
    for path in found.files:
        try:
            sha = file_sha256(path)
        except OSError as error:
            report.failed.append((str(path), f"无法读取文件：{error.strerror or error}。"))
            continue
        if sha in first:
            report.skipped.append((str(path), f"与 {first[sha]} 内容相同"))
            continue
        first[sha] = str(path)
        hashed.append((str(path), sha))
    stored = set() if force else store.stored(sha for _, sha in hashed)
    todo = []
    for path, sha in hashed:
        if sha in stored:
            report.skipped.append((path, "已在数据库中"))
        else:
            todo.append((path, sha))
    report.todo = len(todo)
    return Plan(todo, report)


class Writer:
    """Takes each outcome as it arrives: stores documents (a few per transaction) and remembers failures.

    A transaction costs more than the rows of one document, so documents are committed in groups of
    up to ``BATCH``, and none waits longer than ``BATCH_SECONDS`` once the next one arrives. A killed
    ingest loses at most the group in flight, which a rerun reads again. Call :meth:`flush` at the end.
    """

    def __init__(self, store: Store, report: Report, listener: Listener | None) -> None:
        self.store = store
        self.report = report
        self.listener = listener
        self.pending: list[Outcome] = []
        self.since = 0.0

    def take(self, outcome: Outcome) -> None:
        if outcome.records is None:
            reason = outcome.reason or CRASHED
            self.report.failed.append((outcome.path, reason))
            self.store.fail(outcome.path, outcome.file, outcome.sha256, reason)
            self._done(outcome)
            return
        if not self.pending:
            self.since = perf_counter()
        self.pending.append(outcome)
        if len(self.pending) >= BATCH or perf_counter() - self.since >= BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        batch, self.pending = self.pending, []
        if not batch:
            return
        try:
            ids = self.store.put_many([o.records for o in batch])  # type: ignore[misc]
        except duckdb.Error:
            ids = [self._put_one(o) for o in batch]  # find the document the database refuses
        for outcome, doc_id in zip(batch, ids, strict=True):
            records = outcome.records
            assert records is not None
            self.report.stored.append(Stored(outcome.path, doc_id, records.entity, records.errors))
            self._done(outcome)

    def _put_one(self, outcome: Outcome) -> int:
        try:
            return self.store.put(outcome.records)  # type: ignore[arg-type]
        except duckdb.Error as error:
            raise StoreError(f"写入数据库 {self.store.path} 失败（{outcome.path}）：{error}。"
                             "已存入的文件不受影响。") from None

    def _done(self, outcome: Outcome) -> None:
        self.report.done += 1
        if self.listener is not None:
            self.listener(self.report, outcome)


def _quiet_worker(jobs: int) -> None:
    """Workers leave Ctrl-C to the parent, which stops handing out work and keeps what is stored; each
    OCRs scanned pages with its share of the cores (oversubscribed cores doubled the time per page)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    share_cores(jobs)


def _pool(jobs: int) -> ProcessPoolExecutor:
    # spawn, not fork: the parent holds an open DuckDB database and its threads.
    return ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn"), initializer=_quiet_worker,
                               initargs=(jobs,))


Work = Callable[[str], Outcome]  # what a worker does with one path (tests substitute one that crashes)


def _run(pending: deque[tuple[str, str]], jobs: int, writer: Writer, work: Work) -> list[tuple[str, str]]:
    """Work through ``pending`` with one pool; returns the files in flight when the pool broke (if it did)."""
    inflight: dict[Future[Outcome], tuple[str, str]] = {}
    with _pool(jobs) as pool:
        try:
            while pending or inflight:
                while pending and len(inflight) < jobs * WINDOW:
                    item = pending.popleft()
                    inflight[pool.submit(work, item[0])] = item
                done, _ = wait(inflight, return_when=FIRST_COMPLETED)
                for future in done:
                    try:
                        outcome = future.result()
                    except BrokenProcessPool:
                        return list(inflight.values())
                    del inflight[future]
                    writer.take(outcome)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return []


def run_local(todo: list[tuple[str, str]], jobs: int, writer: Writer, work: Work = analyse_file) -> None:
    pending = deque(todo)
    suspects: list[tuple[str, str]] = []
    while pending:
        suspects += _run(pending, jobs, writer, work)
    for item in suspects:  # one at a time, so a crash names its file
        if _run(deque([item]), 1, writer, work):
            path = item[0]
            writer.take(Outcome(path=path, file=Path(path).name, sha256=item[1], reason=CRASHED))
    writer.flush()


def ingest(store: Store, paths: Iterable[str | Path], *, jobs: int = 2, force: bool = False,
           listener: Listener | None = None, on_plan: Callable[[Report], None] | None = None) -> Report:
    """Store every disclosure file under ``paths`` with ``jobs`` worker processes; never stops on a bad file."""
    start = perf_counter()
    work = plan(store, paths, force=force)
    if on_plan is not None:
        on_plan(work.report)
    writer = Writer(store, work.report, listener)
    try:
        if work.todo:
            run_local(work.todo, max(1, jobs), writer)
    finally:
        writer.flush()  # also on Ctrl-C: what was read is kept
        work.report.seconds = perf_counter() - start
    return work.report
