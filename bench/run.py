"""Run every benchmark: ``make bench`` (or ``python bench/run.py``). Benchmarks are not tests."""

from __future__ import annotations

import importlib
import os
import platform
import sys
from pathlib import Path

BENCHES = ["bench_start", "bench_parse", "bench_check", "bench_compile", "bench_write", "bench_pdf", "bench_oxide",
           "bench_store", "bench_big_table"]
SLOW = ["bench_ocr"]  # minutes, not seconds: run by name (python bench/run.py bench_ocr)


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    print(f"# {platform.node()} · {platform.processor() or platform.machine()} · {os.cpu_count()} cores · "
          f"Python {platform.python_version()}")
    for name in sys.argv[1:] or BENCHES:
        print(f"\n## {name}")
        importlib.import_module(name).main()
    if not sys.argv[1:]:
        print(f"\n(not run by default, minutes each: {', '.join(SLOW)} — python bench/run.py NAME)")


if __name__ == "__main__":
    main()
