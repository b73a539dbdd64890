"""Score the OCR reader on scans made from the corpus' text PDFs, per scanning condition.

    .venv/bin/python scripts/ocr_score.py [--quick] [--misses]

Each table page listed in ``PAGES`` is scanned under every condition of ``tests/fixtures/scans.py``
(150/100 dpi; grey JPEG quality 80/30 or black-and-white; straight or 1° askew), put back into a copy
of its file in place of the text page, and read; the Document's values and row names on those pages
are compared with the text layer's. Printed: the fraction exact as OCR read them (before the
identities' repair) and after it, how many values still wrong are marked verified (the proof-reader's
one unforgivable mistake), and seconds per OCR'd page. ``--quick`` runs the first condition
only. Nothing is kept: the scans are made in a temporary directory.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fixtures.scans import CONDITIONS, Score, compare, mixed_scan  # noqa: E402
from yusuan.read import read_path  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
PAGES = {  # table pages the text reader reads well: every kind of table the formats have
    "sh-putuo-qzfb-2025-dept-budget.pdf": [8, 9, 11, 18],  # 表1 two-sided, 表2, 表3, 表8 economic
    "sh-putuo-czj-2024-final.pdf": [8, 16],  # 决算 表2 (many columns), 表6 side by side
    "sh-putuo-fuliyuan-2024-unit-budget.pdf": [14],  # 单位 表8
    "real/001_上海__2026年上海市交通运输局_部门预算.pdf": [8, 13],  # 市级 表2, 表5
}


def _trusted(score: Score) -> int:
    """Values still wrong after the repair that are nonetheless marked verified (should be none)."""
    return sum(1 for row, i in score.wrong if row.marks and row.marks[i] and row.marks[i].status == "verified")


def main() -> None:
    conditions = CONDITIONS[:1] if "--quick" in sys.argv else CONDITIONS
    truths = {name: read_path(CORPUS / name) for name in PAGES}
    print("| condition | values | exact as read | exact after repair | wrong yet verified | names as read "
          "| names after | s/page |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for condition in conditions:
            total, seconds, pages = Score(), 0.0, 0
            for name, numbers in PAGES.items():
                scan = mixed_scan(CORPUS / name, numbers, condition, Path(tmp))
                start = time.perf_counter()
                document = read_path(scan)
                seconds += time.perf_counter() - start
                pages += len(numbers)
                total.add(compare(truths[name], document, set(numbers)))
                scan.unlink()
            print(f"| {condition.name} | {total.values} | {total.fraction('before'):.2%} "
                  f"| {total.fraction('after'):.2%} | {_trusted(total)} | {total.fraction('labels_before'):.2%} "
                  f"| {total.fraction('labels_after'):.2%} "
                  f"| {seconds / pages:.1f} |", flush=True)
            if "--misses" in sys.argv:
                for miss in total.misses:
                    print(f"    {miss}")


if __name__ == "__main__":
    main()
