"""One document with a huge table: the seed with 13,000 and 52,000 extra rows in 表5, each drawing a finding.

Every stage of storing a document — read, check, build its rows (``document_records``: cells, and
every finding cell located in its table), write them to DuckDB, compare it — must be linear in the document's
size, or one large upload holds the server for minutes (issue 14: the rows took 11.5 s at 13k rows
and 177 s at 52k). The baseline is the 13k document measured in the same run; linear stages show
about 4× at 52k, a quadratic one 16×.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from yusuan.check import check_document
from yusuan.read import read_text
from yusuan.store.compare import compare_documents
from yusuan.store.db import Store
from yusuan.store.records import document_records

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "jiangmen-2024" / "published.txt"
SIZES = (13_000, 52_000)
ANCHOR = "　　[2210203]"  # the last item row of 表5: the extra rows go after it


def big_table(rows: int) -> str:
    """The seed with ``rows`` extra item rows in 表5 (each breaks the 款 sum, so each is cited by a finding)."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(ANCHOR))
    extra = [f"{ANCHOR}住房补贴{k} 1.00 1.00 0.00\n" for k in range(rows)]
    return "\n".join(lines[:at + 1] + extra + lines[at + 1:])


def stages(rows: int, folder: Path) -> dict[str, float]:
    text = big_table(rows)
    times: dict[str, float] = {}
    start = time.perf_counter()
    document = read_text(text, file=f"big-{rows}.txt")
    times["read"] = time.perf_counter() - start
    start = time.perf_counter()
    findings = check_document(document)
    times["check"] = time.perf_counter() - start
    start = time.perf_counter()
    records = document_records(document, findings, sha256=f"{rows:064d}", path=None, size=len(text))
    times["rows (document_records)"] = time.perf_counter() - start
    with Store(folder / f"big-{rows}.duckdb") as store:
        start = time.perf_counter()
        store.put(records)
        times["store.put"] = time.perf_counter() - start
    start = time.perf_counter()
    compare_documents(document, document)
    times["compare with itself"] = time.perf_counter() - start
    print(f"{rows:>6} extra rows: {len(findings)} findings, "
          f"{sum(len(f.cells) for f in findings)} finding cells, {records.tables['cells'].num_rows} cells")
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        small, large = (stages(n, Path(tmp)) for n in SIZES)
    factor = SIZES[1] / SIZES[0]
    for stage, seconds in large.items():
        base = small[stage]
        print(f"{stage:<26} {SIZES[0]:>6} rows {base:7.2f} s   {SIZES[1]:>6} rows {seconds:7.2f} s   "
              f"ratio {seconds / base:5.1f}× (linear {factor:.0f}×, quadratic {factor * factor:.0f}×)")


if __name__ == "__main__":
    main()
