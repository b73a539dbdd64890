"""OCR of scanned pages: seconds per page and peak memory, on the cores this machine gives (2 here).

Table pages of the corpus are scanned as an office scanner would (150 dpi grey, JPEG quality 80, made
with ``tests/fixtures/scans.py``: pdftoppm + img2pdf) into one image-only PDF, which is read whole —
OCR, table reading, identities' repair — in fresh processes, each measured from outside (wall time,
peak resident memory of the process: the models, the page image and the Document). Three ways to use
two cores, because the choice doubled the time in the issue's measurement:

- one process, OCR threads = every core (``yusuan parse`` on one file);
- one process per core, each with its share (``yusuan ingest --jobs 2``: :func:`share_cores`);
- one process per core, each taking every core (onnxruntime's default: oversubscribed).

Slow (a minute or two): run it alone with ``python bench/run.py bench_ocr``; ``make bench`` skips it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fixtures.scans import CONDITIONS, scan_page, tools_missing  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
PAGES = [("sh-putuo-qzfb-2025-dept-budget.pdf", n) for n in (8, 9, 11, 18)]  # landscape tables
PAGES += [("real/001_上海__2026年上海市交通运输局_部门预算.pdf", n) for n in (8, 13)]  # portrait tables

_READ = """
import json, resource, sys, time
from yusuan.read import read_path
start = time.perf_counter()
document = read_path(sys.argv[1])
print(json.dumps({"seconds": time.perf_counter() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "values": sum(v is not None for t in document.tables for r in t.rows for v in r.values)}))
"""


def _scanned(workdir: Path) -> Path:
    """One image-only PDF of every page in PAGES."""
    out = pdfium.PdfDocument.new()
    for name, number in PAGES:
        page = pdfium.PdfDocument(scan_page(CORPUS / name, number, CONDITIONS[0], workdir))
        out.import_pages(page, [0])
        page.close()
    path = workdir / "scanned.pdf"
    out.save(path)
    out.close()
    return path


def _run(path: Path, processes: int, threads: int) -> list[dict]:
    env = dict(os.environ, YUSUAN_OCR_THREADS=str(threads))
    started = [subprocess.Popen([sys.executable, "-c", _READ, str(path)], env=env, stdout=subprocess.PIPE, text=True)
               for _ in range(processes)]
    return [json.loads(p.communicate()[0]) for p in started]


def main() -> None:
    if missing := tools_missing():
        print(f"skipped: {', '.join(missing)} not installed")
        return
    cores = len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory() as tmp:
        path = _scanned(Path(tmp))
        pages = len(PAGES)
        _run(path, 1, cores)  # warm the file cache and the model files
        for label, processes, threads in (
            (f"1 process × {cores} threads", 1, cores),
            (f"{cores} processes × 1 thread (share_cores)", cores, 1),
            (f"{cores} processes × {cores} threads (oversubscribed)", cores, cores),
        ):
            start = time.perf_counter()
            results = _run(path, processes, threads)
            wall = time.perf_counter() - start
            per_page = wall / (pages * processes)
            peak = max(r["peak_mb"] for r in results)
            print(f"{label:<44} {per_page:6.2f} s/page (throughput)   {results[0]['seconds'] / pages:6.2f} s/page "
                  f"(one file)   peak {peak:6.0f} MB/process   {results[0]['values']} values")


if __name__ == "__main__":
    main()
