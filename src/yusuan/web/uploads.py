"""Uploads: the size limit while the body streams in, and what happens to an accepted file.

The limit is enforced twice: by an ASGI middleware that counts the request body as it arrives
(and answers 413 before a large upload is parsed or spooled to disk), and by the handler on the
file itself. An accepted file is saved under the upload folder by its sha256 — never by the name
it came with, which is checked (no path, no control characters) and kept only as metadata.
Nothing is written, to the folder or the database, unless every check passed and the file read.
Reading and checking run in a worker process with a time and memory limit (:mod:`yusuan.store.sandbox`),
so no upload can freeze or exhaust the server; the same file uploaded twice at once is read once.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yusuan.errors import UnreadableInput
from yusuan.files import write_atomic
from yusuan.store.db import Store
from yusuan.store.intake import check_content, check_name
from yusuan.store.sandbox import Busy, Limits, Task, Workers
from yusuan.store.work import analyse_bytes, sha256_of

SLACK = 64 * 1024  # multipart boundaries and form fields around the file
DEFAULT_QUOTA = 10 * 1024 ** 3  # bytes the upload folder may hold


class Refused(Exception):
    """An upload refused; ``status`` is the HTTP status, the message a Chinese sentence."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def size_text(n: int) -> str:
    return f"{n / 1024 ** 3:.3g} GB" if n >= 1024 ** 3 else f"{n / 1024 ** 2:.0f} MB"


def too_large(limit: int) -> str:
    return f"文件太大：上传上限为 {size_text(limit)}。"


@dataclass(slots=True)
class Accepted:
    id: int
    existed: bool  # the same file was already stored (or was being stored by another upload): nothing new written


class InFlight:
    """Uploads of the same file at the same time are read once; the others wait for that one's result."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: dict[str, Future[Accepted]] = {}

    def run(self, key: str, work: Callable[[], Accepted]) -> Accepted:
        with self._lock:
            running = self._running.get(key)
            if running is None:
                mine: Future[Accepted] = Future()
                self._running[key] = mine
        if running is not None:
            return Accepted(running.result().id, existed=True)  # raises the first upload's Refused
        try:
            accepted = work()
        except BaseException as error:
            mine.set_exception(error)
            raise
        else:
            mine.set_result(accepted)
            return accepted
        finally:
            with self._lock:
                del self._running[key]


@dataclass
class Uploads:
    """Where uploads go and what they may cost: size, the folder's quota, the workers that read them."""

    folder: Path
    limit: int
    limits: Limits = field(default_factory=Limits)
    quota: int = DEFAULT_QUOTA
    workers: int = 2
    _pool: Workers | None = None
    _inflight: InFlight = field(default_factory=InFlight)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def pool(self) -> Workers:
        with self._lock:
            if self._pool is None:
                self._pool = Workers(self.limits, size=self.workers)
            return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()

    def used(self) -> int:
        try:
            return sum(p.stat().st_size for p in self.folder.iterdir() if p.is_file())
        except FileNotFoundError:
            return 0

    def accept(self, store: Store, name: str | None, data: bytes) -> Accepted:
        """Check, read and check in a worker, save and store one upload; raises :class:`Refused` with the reason."""
        if len(data) > self.limit:
            raise Refused(413, too_large(self.limit))
        try:
            name = check_name(name or "")
        except UnreadableInput as error:
            raise Refused(400, str(error)) from None
        try:
            kind = check_content(data, name)
        except UnreadableInput as error:  # not a type we read, unlike its name, or a zip bomb
            raise Refused(415, str(error)) from None
        digest = sha256_of(data)
        return self._inflight.run(digest, lambda: self._store(store, name, kind, digest, data))

    def _store(self, store: Store, name: str, kind: str, digest: str, data: bytes) -> Accepted:
        row = store.cursor().execute("SELECT id FROM documents WHERE sha256 = ?", [digest]).fetchall()
        if row:
            return Accepted(row[0][0], existed=True)
        if self.used() + len(data) > self.quota:
            raise Refused(507, f"上传文件夹已满（上限 {size_text(self.quota)}），暂不能接收新文件；请联系管理员。")
        target = self.folder / f"{digest}{Path(name).suffix.lower() or ('.txt' if kind == 'text' else '')}"
        try:
            outcome = self.pool().run(Task(str(target), name, digest, analyse_bytes, (data, name, str(target))))
        except Busy as busy:
            raise Refused(503, str(busy)) from None
        if outcome.records is None:
            raise Refused(422, outcome.reason or "无法读取这个文件。")
        write_atomic(target, data)
        try:
            return Accepted(store.put_many(outcome.every)[0], existed=False)
        except BaseException:
            target.unlink(missing_ok=True)
            raise


Send = Callable[[dict[str, Any]], Awaitable[None]]


class UploadLimit:
    """ASGI middleware: a POST body larger than ``limit`` is cut off and answered with ``refuse``'s response."""

    def __init__(self, app: Any, limit: int, refuse: Callable[[dict[str, Any], str], Any]) -> None:
        self.app = app
        self.limit = limit + SLACK
        self.message = too_large(limit)
        self.refuse = refuse

    async def __call__(self, scope: dict[str, Any], receive: Callable[[], Awaitable[dict[str, Any]]],
                       send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length", b"")
        if length.isdigit() and int(length) > self.limit:
            await self.refuse(scope, self.message)(scope, receive, send)
            return
        state = {"received": 0, "over": False}

        async def guarded_receive() -> dict[str, Any]:
            if state["over"]:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > self.limit:
                    state["over"] = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: dict[str, Any]) -> None:
            if not state["over"]:  # the app's answer to a body cut off is replaced by ours
                await send(message)

        try:
            await self.app(scope, guarded_receive, guarded_send)
        except Exception:
            if not state["over"]:
                raise
        if state["over"]:
            await self.refuse(scope, self.message)(scope, receive, send)
