"""Uploads: the size limit while the body streams in, and what happens to an accepted file.

The limit is enforced twice: by an ASGI middleware that counts the request body as it arrives
(and answers 413 before a large upload is parsed or spooled to disk), and by the handler on the
file itself. An accepted file is saved under the upload folder by its sha256 — never by the name
it came with, which is checked (no path, no control characters) and kept only as metadata.
Nothing is written, to the folder or the database, unless every check passed and the file read.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yusuan.errors import UnreadableInput
from yusuan.files import write_atomic
from yusuan.store.db import Store
from yusuan.store.intake import check_content, check_name
from yusuan.store.work import analyse_bytes, sha256_of

SLACK = 64 * 1024  # multipart boundaries and form fields around the file
_READ = threading.Lock()  # PDFium is not thread-safe: one upload is read at a time


class Refused(Exception):
    """An upload refused; ``status`` is the HTTP status, the message a Chinese sentence."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def too_large(limit: int) -> str:
    return f"文件太大：上传上限为 {limit / 1024 / 1024:.0f} MB。"


@dataclass(slots=True)
class Accepted:
    id: int
    existed: bool  # the same file was already stored: nothing new was written


def accept(store: Store, folder: Path, name: str | None, data: bytes, limit: int) -> Accepted:
    """Check, read, check again, save and store one upload; raises :class:`Refused` with the reason."""
    if len(data) > limit:
        raise Refused(413, too_large(limit))
    try:
        name = check_name(name or "")
    except UnreadableInput as error:
        raise Refused(400, str(error)) from None
    try:
        kind = check_content(data, name)
    except UnreadableInput as error:  # not a type we read, unlike its name, or a zip bomb
        raise Refused(415, str(error)) from None
    digest = sha256_of(data)
    known = store.stored([digest])
    if known:
        row = store.cursor().execute("SELECT id FROM documents WHERE sha256 = ?", [digest]).fetchall()
        return Accepted(row[0][0], existed=True)
    target = folder / f"{digest}{Path(name).suffix.lower() or ('.txt' if kind == 'text' else '')}"
    with _READ:
        outcome = analyse_bytes(data, name, str(target))
    if outcome.records is None:
        raise Refused(422, outcome.reason or "无法读取这个文件。")
    write_atomic(target, data)
    try:
        return Accepted(store.put(outcome.records), existed=False)
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
