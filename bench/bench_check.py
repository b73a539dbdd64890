"""Parse and check the seed disclosure (text → Document → findings); target under 10 ms median.

Baseline, measured in the same run: parsing alone (``read_bytes``), so the ratio shows what checking
adds on top of reading.
"""

from __future__ import annotations

from pathlib import Path

from common import median_seconds, report
from yusuan.check import check_document
from yusuan.read import read_bytes

SEED = Path(__file__).resolve().parent.parent / "examples" / "jiangmen-2024" / "published.txt"


def main() -> None:
    data = SEED.read_bytes()
    document = read_bytes(data)
    parse = median_seconds(lambda: read_bytes(data))
    check = median_seconds(lambda: check_document(document))
    both = median_seconds(lambda: check_document(read_bytes(data)))
    report("baseline: parse seed (read_bytes)", parse, parse, "parse")
    report("check seed (check_document)", check, parse, "parse")
    report("parse + check seed", both, parse, "parse", "< 10 ms")


if __name__ == "__main__":
    main()
