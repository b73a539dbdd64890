"""What reading one file may cost (time, memory): a module of its own, so that the commands can name the
defaults in their options without importing the workers, the readers and the checker."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_SECONDS = 300.0  # the slowest corpus file takes ~1 s; a 52,000-row table ~5 s
DEFAULT_MEMORY_MB = 2048  # reading a corpus file peaks near 250 MB
MIN_MEMORY_MB = 256  # a worker needs about 210 MB of address space before it reads anything


@dataclass(frozen=True, slots=True)
class Limits:
    """What one file may cost: wall time in seconds, address space of its worker in MB."""

    seconds: float = DEFAULT_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB

    def timed_out(self) -> str:
        return f"读取与校验这个文件超过 {self.seconds:g} 秒的时间上限，已停止（文件可能过大或结构异常）。"

    def out_of_memory(self) -> str:
        return f"读取这个文件需要的内存超过 {self.memory_mb} MB 的上限，已停止（文件可能是“解压炸弹”或过大）。"

    def crashed(self) -> str:
        return f"读取此文件时处理进程意外退出（文件可能已损坏，或所需内存超过 {self.memory_mb} MB 的上限）。"


DEFAULT_LIMITS = Limits()
