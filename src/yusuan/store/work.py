"""The work each file needs before it is stored: check what it is, read it, check it, make its rows.

One function for every place that does this work — a worker process of ``yusuan ingest``, a Dask
worker, the web page's upload — so a file is judged the same wherever it arrives. It never raises:
a file that cannot be read becomes an :class:`Outcome` carrying the Chinese reason.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from yusuan.check import check_document
from yusuan.check.bodies import check_bodies
from yusuan.errors import YusuanError
from yusuan.files import os_reason
from yusuan.read import read_all_bytes
from yusuan.read.pdf import is_pdf
from yusuan.read.pdf.extract import page_count
from yusuan.store.intake import NESTED, check_content
from yusuan.store.records import Records, document_records

OUT_OF_MEMORY = "读取这个文件时内存不足。"


@dataclass(slots=True)
class Outcome:
    """What became of one file: its rows (``records``) or the reason it failed (``reason``)."""

    path: str
    file: str
    sha256: str | None
    records: Records | None = None  # of the file's (first) disclosure
    more: list[Records] = field(default_factory=list)  # of the others, where the file holds several
    reason: str | None = None
    seconds: float = 0.0
    pages: int = 0  # of a file read (a PDF's page count), for pages per second

    @property
    def ok(self) -> bool:
        return self.records is not None

    @property
    def every(self) -> list[Records]:
        """The rows of every disclosure the file holds, the first first."""
        return [self.records, *self.more] if self.records is not None else []


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def analyse_bytes(data: bytes, name: str, path: str | None = None) -> Outcome:
    """Type-check, read and check one file held in memory; ``path`` is recorded as where it came from."""
    start = time.perf_counter()
    digest = sha256_of(data)
    outcome = Outcome(path=path or name, file=name, sha256=digest)
    try:
        check_content(data, name)
        documents = read_all_bytes(data, name=name)
        pages = page_count(data) if is_pdf(data) else None
        rows = []
        for n, document in enumerate(documents):
            document.meta.file = document.meta.file or name
            findings = check_document(document) + (check_bodies(documents) if n == 0 else [])
            rows.append(document_records(document, findings, sha256=digest, path=path, size=len(data), pages=pages))
        outcome.records, outcome.more = rows[0], rows[1:]
        outcome.pages = outcome.records.pages
    except YusuanError as error:
        outcome.reason = str(error)
    except RecursionError:
        outcome.reason = NESTED
    except MemoryError:
        outcome.reason = OUT_OF_MEMORY
    except Exception as error:  # a reader bug must not stop a batch of thousands: it is reported per file
        outcome.reason = (f"内部错误（{type(error).__name__}: {error}）。这是 yusuan 的缺陷，"
                          "请附上此文件报告。")
    outcome.seconds = time.perf_counter() - start
    return outcome


def analyse_file(path: str | Path) -> Outcome:
    """The same for a file on disk (what a worker process or a Dask worker is given)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return Outcome(path=str(path), file=path.name, sha256=None, reason=f"无法读取文件：{os_reason(error)}。")
    return analyse_bytes(data, path.name, str(path))
