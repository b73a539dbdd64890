"""Parse the seed disclosure (text → Document); target under 5 ms median per document on one core.

Baseline, measured in the same run: the least any text reader must do — decode the bytes, split the
lines and split every line into tokens.
"""

from __future__ import annotations

from pathlib import Path

from common import median_seconds, report
from yusuan.read import read_bytes

SEED = Path(__file__).resolve().parent.parent / "examples" / "jiangmen-2024" / "published.txt"


def main() -> None:
    data = SEED.read_bytes()

    def baseline() -> None:
        for line in data.decode("utf-8").splitlines():
            line.split()

    base = median_seconds(baseline)
    parse = median_seconds(lambda: read_bytes(data))
    report("baseline: decode + split lines/tokens", base, base, "baseline")
    report("parse seed (read_bytes → Document)", parse, base, "baseline", "< 5 ms")


if __name__ == "__main__":
    main()
