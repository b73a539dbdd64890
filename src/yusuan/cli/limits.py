"""The options that bound the work on one file (``ingest`` and ``serve``): its time and its memory."""

from __future__ import annotations

from typing import Annotated

import typer

from yusuan.store.limits import MIN_MEMORY_MB

TimeLimit = Annotated[float, typer.Option(
    "--time-limit", min=1, help="读取与校验一个文件的时间上限（秒），超时的文件记为失败。")]
MemoryLimit = Annotated[int, typer.Option(
    "--memory-limit", min=MIN_MEMORY_MB, help="读取一个文件的进程可用的内存上限（MB），超出的文件记为失败。")]

