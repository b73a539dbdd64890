"""Reading and checking each file in a worker process with a wall-time and a memory limit.

One file can make a reader allocate gigabytes (a PDF stream that inflates to 4 GB) or run for a very
long time; inside the process that stores documents or serves the web page that would freeze or kill
everything. So files are read and checked by worker processes whose address space is limited
(``RLIMIT_AS``) and which the parent kills when a file's time is up; a worker that dies, runs out of
memory or out of time turns into an :class:`~yusuan.store.work.Outcome` with the Chinese reason, and
a fresh worker takes its place. ``yusuan ingest`` (:func:`run_all`) and web uploads (:class:`Workers`)
both use them.

Workers are forked by a fork server that has imported the readers and the checker but not pyarrow
(whose allocator runs a thread, and forking a threaded process is unsafe), so one starts in a fraction
of a second. Each uses the system allocator for Arrow, so the address space it reserves is what it
uses (mimalloc reserves 1 GB up front). On Linux a worker dies with its parent (``PR_SET_PDEATHSIG``,
through the fork server, which exits with the process that started it), so a killed ingest or server
leaves no worker behind; elsewhere a CPU-time limit stops it at the latest after its file's time.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import os
import queue
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing import connection, get_all_start_methods, get_context
from typing import Any

from yusuan.errors import YusuanError
from yusuan.store.limits import Limits
from yusuan.store.work import OUT_OF_MEMORY, Outcome

try:
    import resource
    from multiprocessing import forkserver
except ImportError:  # Windows: workers are spawned, without limits on the address space or the CPU time
    resource = forkserver = None  # type: ignore[assignment]

STARTUP_SECONDS = 120.0
PRELOAD = ["yusuan.read", "yusuan.check"]  # imported once by the fork server; no threads start there
_PR_SET_PDEATHSIG = 1




@dataclass(slots=True)
class Task:
    """One file to read: ``work(*args)`` runs in the worker; path, file and sha256 name a failure."""

    path: str
    file: str
    sha256: str | None
    work: Callable[..., Outcome]
    args: tuple[Any, ...]

    def failed(self, reason: str) -> Outcome:
        return Outcome(path=self.path, file=self.file, sha256=self.sha256, reason=reason)


def _context() -> Any:
    method = "forkserver" if "forkserver" in get_all_start_methods() else "spawn"
    context = get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(PRELOAD)  # no effect once the fork server runs
    return context


# The worker process ---------------------------------------------------------------------------------

def _die_with_parent() -> None:
    """Be killed when the fork server exits, and let it exit with the process that started it.

    Every process the fork server starts holds its "alive" pipe, so it would outlive a killed ingest
    as long as any worker runs, and keep the workers running; a worker starts no processes and lets go.
    """
    alive = getattr(getattr(forkserver, "_forkserver", None), "_forkserver_alive_fd", None)
    if alive is not None:
        with contextlib.suppress(OSError):
            os.close(alive)
        forkserver._forkserver._forkserver_alive_fd = None
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _address_space() -> int | None:
    """Bytes of address space this process holds (Linux), to refuse a limit below it."""
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return None


def _limit_cpu(seconds: float) -> None:
    """A backstop where nothing kills a worker whose parent died: stop after this file's time in CPU."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    spent = usage.ru_utime + usage.ru_stime
    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    soft = math.ceil(spent + seconds) + 5
    if hard == resource.RLIM_INFINITY or soft <= hard:
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _serve(conn: connection.Connection, limits: Limits, share: int) -> None:
    """The worker: set its limits, say it is ready, then run one task after another until the pipe closes.
    ``share``: how many workers run side by side (OCR of scanned pages uses its share of the cores;
    oversubscribed cores doubled the time per page)."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    from yusuan.read.ocr.engine import share_cores

    share_cores(share)
    import pyarrow

    pyarrow.set_memory_pool(pyarrow.system_memory_pool())
    if resource is not None:
        limit = limits.memory_mb << 20
        used = _address_space()
        if used is not None and used + (32 << 20) > limit:
            conn.send(("low", used >> 20))
            return
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    conn.send(("ready", None))
    while True:
        try:
            work, args = conn.recv()
        except EOFError:
            return
        if resource is not None:
            _limit_cpu(limits.seconds)
        try:
            outcome: Outcome | None = work(*args)
        except MemoryError:
            outcome = None
        if outcome is not None and outcome.reason == OUT_OF_MEMORY:
            outcome = None
        try:
            conn.send(("done", outcome))
        except MemoryError:  # the rows did not fit to be sent
            conn.send(("done", None))


# The parent's side ----------------------------------------------------------------------------------

class Worker:
    """One worker process and the task it is running (if any)."""

    def __init__(self, limits: Limits, share: int = 1) -> None:
        context = _context()
        self.limits = limits
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, limits, share), daemon=True,
                                       name="yusuan-worker")
        self.process.start()
        child.close()
        self.ready = False
        self.task: Task | None = None
        self.deadline = time.monotonic() + STARTUP_SECONDS

    @property
    def waits(self) -> list[Any]:
        return [self.conn, self.process.sentinel]

    @property
    def alive(self) -> bool:
        return self.process.exitcode is None

    def start(self, task: Task) -> None:
        self.task = task
        self.conn.send((task.work, task.args))
        self.deadline = time.monotonic() + self.limits.seconds

    def receive(self) -> Outcome | None:
        """After ``waits`` showed activity: the finished task's outcome, or None (the worker became ready)."""
        try:
            kind, value = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            if self.task is None:
                raise YusuanError("无法启动读取文件的进程（退出码 "
                                  f"{self.process.exitcode}）；请检查内存上限是否过低。") from None
            return self._finish(self.task.failed(self.limits.crashed()))
        if kind == "low":
            self.kill()
            raise YusuanError(f"内存上限 {self.limits.memory_mb} MB 太低：读取文件的进程启动后已占用 {value} MB，"
                              "请调高上限。")
        if kind == "ready":
            self.ready = True
            self.deadline = math.inf
            return None
        assert self.task is not None
        return self._finish(value or self.task.failed(self.limits.out_of_memory()))

    def expire(self) -> Outcome:
        """The task's time is up (or the worker never started): kill it."""
        self.kill()
        if self.task is None:
            raise YusuanError(f"读取文件的进程在 {STARTUP_SECONDS:g} 秒内未能启动。")
        return self._finish(self.task.failed(self.limits.timed_out()))

    def _finish(self, outcome: Outcome) -> Outcome:
        self.task = None
        self.deadline = math.inf
        return outcome

    def run(self, task: Task) -> Outcome:
        """Run one task to its end, blocking (a web upload's thread)."""
        while not self.ready:
            if not connection.wait(self.waits, timeout=max(0.0, self.deadline - time.monotonic())):
                self.expire()
            self.receive()
        self.start(task)
        while True:
            if not connection.wait(self.waits, timeout=max(0.0, self.deadline - time.monotonic())):
                return self.expire()
            outcome = self.receive()
            if outcome is not None:
                return outcome

    def kill(self) -> None:
        if self.alive:
            self.process.kill()
        self.process.join()
        self.conn.close()


def run_all(tasks: Iterable[Task], jobs: int, limits: Limits, take: Callable[[Outcome], None]) -> None:
    """Every task on up to ``jobs`` workers at once; ``take`` gets each outcome as it arrives, in this thread.

    Whatever happens here — ``take`` raising, Ctrl-C — no worker outlives the call.
    """
    pending = deque(tasks)
    share = min(jobs, len(pending)) or 1
    workers = [Worker(limits, share) for _ in range(share)]
    try:
        while True:
            for n, worker in enumerate(workers):
                if not worker.alive and pending:
                    workers[n] = worker = Worker(limits, share)
                if worker.ready and worker.task is None and pending:
                    worker.start(pending.popleft())
            busy = [w for w in workers if w.alive and (w.task is not None or not w.ready)]
            if not busy:
                return
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            active = set(connection.wait([x for w in busy for x in w.waits], timeout=timeout))
            for worker in busy:
                if active.intersection(worker.waits):
                    outcome = worker.receive()
                elif worker.deadline <= time.monotonic():
                    outcome = worker.expire()
                else:
                    continue
                if outcome is not None:
                    take(outcome)
    finally:
        for worker in workers:
            worker.kill()


class Workers:
    """A few workers shared by threads (the web server's uploads); each call blocks until its file is done.

    At most ``size`` files are read at once and ``waiting`` more wait for a worker; beyond that a call is
    refused at once, so a burst of uploads cannot pile up threads and memory.
    """

    def __init__(self, limits: Limits, size: int = 2, waiting: int = 8) -> None:
        self.limits = limits
        self.size = size
        self._idle: queue.Queue[Worker | None] = queue.Queue()
        for _ in range(size):
            self._idle.put(None)  # started on first use
        self._admit = threading.BoundedSemaphore(size + waiting)

    def run(self, task: Task) -> Outcome:
        if not self._admit.acquire(blocking=False):
            raise Busy("服务器正在处理许多上传，请稍后再试。")
        try:
            worker = self._idle.get()
            try:
                if worker is None or not worker.alive:
                    worker = Worker(self.limits, self.size)
                return worker.run(task)
            finally:
                self._idle.put(worker if worker is not None and worker.alive else None)
        finally:
            self._admit.release()

    def close(self) -> None:
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                return
            if worker is not None:
                worker.kill()


class Busy(YusuanError):
    """Too many files are waiting for a worker."""
