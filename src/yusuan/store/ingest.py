"""Batch ingest: many files read and checked by parallel processes, stored by this one process.

DuckDB lets one process write, and reading a PDF is the slow part, so worker processes do the
reading and checking (:func:`yusuan.store.work.analyse_file`) and send back finished Arrow rows;
this process writes them as they arrive, a few documents per transaction. Files already stored (by
the sha256 of their bytes) are skipped before any work is sent out, so a rerun — after an
interruption, or with a few new files in the folder — does only what is missing. A file read whose
content equals a stored document's (:mod:`yusuan.store.content`: same tables, text and claims, other
bytes) is skipped too, naming the document it repeats: nothing is stored twice.

Each file is read within a time and memory limit (:mod:`yusuan.store.sandbox`): a file that crashes
its worker, exhausts its memory or its time fails alone with the reason, and a fresh worker goes on.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter

import duckdb

from yusuan.errors import YusuanError
from yusuan.files import os_reason
from yusuan.store.db import Store, StoreError
from yusuan.store.intake import check_size, discover
from yusuan.store.limits import DEFAULT_LIMITS, Limits
from yusuan.store.sandbox import Task, run_all
from yusuan.store.work import Outcome, analyse_file

CRASHED = "读取此文件时处理进程意外退出（文件可能已损坏，或内存不足），已跳过。"
BATCH = 128  # documents per transaction at most
BATCH_SECONDS = 2.0  # a stored document waits no longer than this for its group to be committed


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
    done: int = 0  # of those, stored, skipped as a repeat or failed so far
    pages: int = 0  # pages of the files read so far
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
        try:  # the size limit is checked here: workers keep the environment their fork server started with
            check_size(path.stat().st_size, path.name)
            sha = file_sha256(path)
        except OSError as error:
            report.failed.append((str(path), f"无法读取文件：{os_reason(error)}。"))
            continue
        except YusuanError as error:
            report.failed.append((str(path), str(error)))
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

    A transaction costs more than the rows of one document, and opening the database file (which the
    store lets go of between groups, for ``yusuan serve`` and the other commands) more still, so
    documents and failures are written in groups of up to ``BATCH``, one session each, and none waits
    longer than ``BATCH_SECONDS`` once the next one arrives. A killed ingest loses at most the group in
    flight, which a rerun reads again. Call :meth:`flush` at the end.
    """

    def __init__(self, store: Store, report: Report, listener: Listener | None) -> None:
        self.store = store
        self.report = report
        self.listener = listener
        self.pending: list[Outcome] = []
        self.failures: list[tuple[str, str, str | None, str]] = []
        self.since = 0.0
        self.contents: dict[str, str] = {}  # content hash → path, of the documents stored by this ingest

    def take(self, outcome: Outcome) -> None:
        self.report.pages += outcome.records.pages if outcome.records is not None else outcome.pages
        if not self.pending and not self.failures:
            self.since = perf_counter()
        if outcome.records is None:
            reason = outcome.reason or CRASHED
            self.report.failed.append((outcome.path, reason))
            self.failures.append((outcome.path, outcome.file, outcome.sha256, reason))
            self._done(outcome)
        else:
            self.pending.append(outcome)
        if len(self.pending) + len(self.failures) >= BATCH or perf_counter() - self.since >= BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if not self.pending and not self.failures:
            return
        with self.store.session():  # one opening of the file for the whole group
            failures, self.failures = self.failures, []
            self.store.fail_many(failures)
            batch, self.pending = self._new(self.pending), []
            if batch:
                self._put(batch)

    def _put(self, batch: list[Outcome]) -> None:
        try:  # a file of several disclosures stores each; the file is reported by its first
            every = self.store.put_many([r for o in batch for r in o.every])
            starts = itertools.accumulate((len(o.every) for o in batch[:-1]), initial=0)
            ids = [every[start] for start in starts]
        except duckdb.Error:
            ids = [self._put_one(o) for o in batch]  # find the document the database refuses
        for outcome, doc_id in zip(batch, ids, strict=True):
            records = outcome.records
            assert records is not None
            self.report.stored.append(Stored(outcome.path, doc_id, records.entity, records.errors))
            self._done(outcome)

    def _new(self, batch: list[Outcome]) -> list[Outcome]:
        """The outcomes to store: those repeating a stored document's content (or one stored just now) are
        skipped, naming it."""
        twins = self.store.twins([o.records for o in batch]) if batch else {}  # type: ignore[misc]
        kept = []
        for i, outcome in enumerate(batch):
            content = outcome.records.content  # type: ignore[union-attr]
            if i in twins:
                doc_id, path = twins[i]
                why = f"与库中 #{doc_id}（{path}）内容相同"
            elif content in self.contents:
                why = f"与 {self.contents[content]} 内容相同"
            else:
                self.contents[content] = outcome.path
                kept.append(outcome)
                continue
            self.report.skipped.append((outcome.path, why))
            self._done(outcome)
        return kept

    def _put_one(self, outcome: Outcome) -> int:
        try:
            return self.store.put_many(outcome.every)[0]
        except duckdb.Error as error:
            raise StoreError(f"写入数据库 {self.store.path} 失败（{outcome.path}）：{error}。"
                             "已存入的文件不受影响。") from None

    def _done(self, outcome: Outcome) -> None:
        self.report.done += 1
        if self.listener is not None:
            self.listener(self.report, outcome)


Work = Callable[[str], Outcome]  # what a worker does with one path (tests substitute one that crashes)


def run_local(todo: list[tuple[str, str]], jobs: int, writer: Writer, work: Work = analyse_file,
              limits: Limits = DEFAULT_LIMITS) -> None:
    """Read ``todo`` on ``jobs`` worker processes, each file within ``limits``; the writer takes every outcome."""
    tasks = [Task(path, Path(path).name, sha, work, (path,)) for path, sha in todo]
    run_all(tasks, max(1, jobs), limits, writer.take)
    writer.flush()


def ingest(store: Store, paths: Iterable[str | Path], *, jobs: int = 2, force: bool = False,
           listener: Listener | None = None, on_plan: Callable[[Report], None] | None = None,
           limits: Limits = DEFAULT_LIMITS) -> Report:
    """Store every disclosure file under ``paths`` with ``jobs`` worker processes; never stops on a bad file."""
    start = perf_counter()
    work = plan(store, paths, force=force)
    if on_plan is not None:
        on_plan(work.report)
    writer = Writer(store, work.report, listener)
    try:
        if work.todo:
            run_local(work.todo, max(1, jobs), writer, limits=limits)
    finally:
        writer.flush()  # also on Ctrl-C: what was read is kept
        work.report.seconds = perf_counter() - start
    return work.report
