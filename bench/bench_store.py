"""Ingest into the DuckDB store on 2 workers, and the queries users run on a large store.

1. The 77 real PDFs of ``../shared/corpus/real/`` (and the 5 of ``../shared/corpus``): documents/s and
   pages/s of ``ingest --jobs 2`` (target ≥ 20 documents/s on real/), against the baseline measured in
   the same run on the same files: one process reading and checking them in a loop, nothing stored.
   Files the reader refuses count as done (they are stored as failures), and are reported.
2. The same files through Dask on a LocalCluster of 2 worker processes (``ingest --dask``).
3. ``BENCH_DOCUMENTS`` generated documents (default 5,000, so that ``make bench`` ends in minutes; the
   scale run is ``BENCH_DOCUMENTS=100000 make bench``, about 1.5 h here): the seed with its department, year and one
   amount changed per file. documents/s and pages/s on 2 workers, the database's size, and the baseline
   (one process, read + check) measured on the first 1,000 of them.
4. On that store, each in a fresh session (the web server opens the file per request, so that is
   counted): the filtered list, a document's page, a comparison of two documents, and a city-wide
   aggregate of 一般公共预算支出 by 功能分类 类.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from yusuan.store import browse
from yusuan.store.db import Store
from yusuan.store.ingest import Report, ingest
from yusuan.store.work import analyse_file

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "jiangmen-2024" / "published.txt"
CORPUS = ROOT.parent / "shared" / "corpus"
GENERATED = int(os.environ.get("BENCH_DOCUMENTS", "5000"))
BASELINE_SAMPLE = 1000


def generate(folder: Path, count: int) -> list[Path]:
    text = SEED.read_text(encoding="utf-8")
    paths = []
    for n in range(count):
        changed = text.replace("江门市社会保险基金管理局", f"江门市第{n}局").replace("2024", str(2000 + n % 25))
        if n % 10 == 0:
            changed = changed.replace("180.80", f"{180 + n % 7}.80", 1)
        path = folder / f"{n // 1000:03d}" / f"dept-{n:06d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(changed, encoding="utf-8")
        paths.append(path)
    return paths


def size_of(db: Path) -> int:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*") if p.is_file())


def baseline(paths: list[Path]) -> tuple[float, int]:
    """One process, read + check each file in a loop: seconds, pages."""
    start = time.perf_counter()
    pages = sum(analyse_file(path).pages for path in paths)
    return time.perf_counter() - start, pages


def line(name: str, files: int, report: Report, seconds: float, db: Path, base: float | None) -> None:
    done = len(report.stored) + len(report.failed)
    ratio = f"   {base / seconds:4.2f}× the 1-process loop" if base else ""
    print(f"  {name:<28} {files:6d} files  {done / seconds:7.1f} docs/s  {report.pages / seconds:7.0f} pages/s  "
          f"({len(report.stored)} stored, {len(report.failed)} failed){ratio}   database "
          f"{size_of(db) / 1024 / 1024:7.1f} MB ({size_of(db) / max(len(report.stored), 1) / 1024:5.1f} KB/doc)")


def measure(name: str, paths: list[Path], folder: Path, *, sample: int | None = None) -> Path:
    base_paths = paths[:sample] if sample else paths
    base, base_pages = baseline(base_paths)
    rate = len(base_paths) / base
    print(f"  {'baseline: 1 process, loop':<28} {len(base_paths):6d} files  {rate:7.1f} docs/s  "
          f"{base_pages / base:7.0f} pages/s  (read + check, nothing stored)")
    db = folder / f"{name}.duckdb"
    store = Store(db)
    start = time.perf_counter()
    report = ingest(store, paths, jobs=2)
    seconds = time.perf_counter() - start
    line(f"ingest --jobs 2 ({name})", len(paths), report, seconds, db, base * len(paths) / len(base_paths))
    failed = {reason.split("：")[0][:30] for _, reason in report.failed}
    if failed:
        print(f"    failures: {len(report.failed)} ({'; '.join(sorted(failed))[:200]})")
    return db


def dask_local(paths: list[Path], folder: Path) -> None:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        print("  Dask not installed (pip install -e '.[dask]'): skipped")
        return
    from yusuan.store.dask_ingest import ingest_dask

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster):
        db = folder / "dask.duckdb"
        start = time.perf_counter()
        report = ingest_dask(Store(db), paths, cluster.scheduler_address, parquet=folder / "parquet")
        line("Dask LocalCluster, 2 workers", len(paths), report, time.perf_counter() - start, db, None)


def timed(store: Store, work, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        with store:
            work(store.cursor())
        times.append(time.perf_counter() - start)
    return statistics.median(times)


AGGREGATE = """
SELECT c.row_code, any_value(c.row_label) AS label, sum(c.value) AS total, count(DISTINCT d.id) AS departments
FROM cells c JOIN documents d ON d.id = c.document_id
WHERE d.entity LIKE '江门市%' AND d.year = 2024 AND c.table_key = 'gpb_functional' AND c.level = 1
  AND c.column_index = 0
GROUP BY c.row_code ORDER BY c.row_code"""


def queries(db: Path) -> None:
    store = Store(db, read_only=True)
    with store:
        cursor = store.cursor()
        n = browse.list_documents(cursor, browse.Filters(limit=1))[1]
        a, b = (cursor.execute("SELECT id FROM documents ORDER BY id LIMIT 1 OFFSET ?", [n // k]).fetchall()[0][0]
                for k in (2, 3))
        rows = len(cursor.execute(AGGREGATE).fetchall())
        cells = cursor.execute("SELECT count(*) FROM cells").fetchall()[0][0]
    print(f"  on {n} documents, {cells} cells (each a median of 7, opening the file included):")
    results = {
        "open + close the file (a session)": timed(store, lambda cursor: None),
        "filtered list (year, errors, words)": timed(store, lambda cursor: browse.list_documents(
            cursor, browse.Filters(year=2010, errors=True, q="第1", limit=50))),
        "a document's page (summary, Document, findings)": timed(store, lambda cursor: (
            browse.summary(cursor, a), browse.load_document(cursor, a), browse.findings(cursor, a))),
        "a comparison of two documents": timed(store, lambda cursor: browse.compare_stored(cursor, str(a), str(b))),
        f"city-wide Σ by 功能分类 类 ({rows} rows)": timed(store, lambda cursor: cursor.execute(AGGREGATE).fetchall()),
    }
    for name, seconds in results.items():
        print(f"    {name:<48} {seconds * 1000:8.1f} ms")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        real = sorted((CORPUS / "real").glob("*.pdf"))
        if real:
            print(f"real/: {len(real)} PDFs")
            measure("real", real, folder)
            dask_local(real, folder)
        else:
            print(f"real/: no PDFs in {CORPUS / 'real'}, skipped")
        pdfs = sorted(CORPUS.glob("*.pdf"))
        if pdfs:
            print(f"corpus: {len(pdfs)} PDFs")
            measure("corpus", pdfs, folder)
        (folder / "generated").mkdir()
        print(f"generated: {GENERATED} documents (seed variants; BENCH_DOCUMENTS sets how many)")
        db = measure("generated", generate(folder / "generated", GENERATED), folder,
                     sample=min(BASELINE_SAMPLE, GENERATED))
        queries(db)


if __name__ == "__main__":
    main()
