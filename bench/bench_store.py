"""Ingest into the DuckDB store with ``--jobs 2``: the corpus PDFs and 1,000 generated documents.

Documents per second and the database size. Baseline, measured in the same run on the same files:
read + check alone in one process (no worker pool, nothing stored), so the ratio shows what the
parallel pool and the writing add or save. The 1,000 documents are the seed with its department,
year and one amount changed per file (so each is a distinct file, some with errors).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from yusuan.store.db import Store
from yusuan.store.ingest import ingest
from yusuan.store.work import analyse_file

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "jiangmen-2024" / "published.txt"
CORPUS = ROOT.parent / "shared" / "corpus"
GENERATED = 1000


def generate(folder: Path, count: int) -> list[Path]:
    text = SEED.read_text(encoding="utf-8")
    paths = []
    for n in range(count):
        changed = text.replace("江门市社会保险基金管理局", f"江门市第{n}局").replace("2024", str(2000 + n % 25))
        if n % 10 == 0:
            changed = changed.replace("180.80", f"{180 + n % 7}.80", 1)
        path = folder / f"dept-{n:04d}.txt"
        path.write_text(changed, encoding="utf-8")
        paths.append(path)
    return paths


def size_of(db: Path) -> int:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*") if p.is_file())


def measure(name: str, paths: list[Path], folder: Path) -> None:
    start = time.perf_counter()
    for path in paths:
        analyse_file(path)
    baseline = time.perf_counter() - start
    db = folder / f"{name}.duckdb"
    with Store(db) as store:
        start = time.perf_counter()
        report = ingest(store, paths, jobs=2)
        seconds = time.perf_counter() - start
    n = len(report.stored)
    print(f"{name:<24} {len(paths):5d} files  baseline read+check 1 process: {len(paths) / baseline:7.1f} docs/s   "
          f"ingest --jobs 2: {n / seconds:7.1f} docs/s ({n} stored, {len(report.failed)} failed)   "
          f"ratio {baseline / seconds:4.2f}×   database {size_of(db) / 1024 / 1024:6.1f} MB "
          f"({size_of(db) / max(n, 1) / 1024:5.1f} KB/doc)")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if (CORPUS / "MANIFEST.tsv").exists():
            measure("corpus PDFs", sorted(CORPUS.glob("*.pdf")), folder)
        else:
            print("corpus PDFs: ../shared/corpus is absent, skipped")
        (folder / "generated").mkdir()
        measure("generated (seed ×1000)", generate(folder / "generated", GENERATED), folder)


if __name__ == "__main__":
    main()
