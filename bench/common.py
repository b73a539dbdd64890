"""Timing helpers for the benchmarks: medians over repeats, ratios against an in-run baseline."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(work: Callable[[], object], repeat: int = 200, warmup: int = 20) -> float:
    for _ in range(warmup):
        work()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(name: str, seconds: float, baseline: float, baseline_name: str, target: str = "") -> None:
    ratio = seconds / baseline if baseline else float("inf")
    line = f"{name:<38} median {seconds * 1000:8.3f} ms   {ratio:6.1f}× {baseline_name}"
    print(line + (f"   (target {target})" if target else ""))
