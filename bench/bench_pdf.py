"""The PDF reader over the corpus, per page: read + recognise (text → Document), against — in the same run —
pypdfium2 alone extracting the same pages' text, and pdfplumber extracting the same pages' words.

Targets: within 3× of raw pypdfium2, at least 50× faster than pdfplumber. The corpus is ../shared/corpus
(not redistributed); pdfplumber is the ``bench`` extra (``make bench`` installs it).
"""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium

from common import median_seconds, report
from yusuan.read import read_bytes

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def _raw_text(files: list[bytes]) -> None:
    for data in files:
        document = pdfium.PdfDocument(data)
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        document.close()


def _plumber_words(files: list[bytes]) -> None:
    import pdfplumber

    for data in files:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                page.extract_words()


def main() -> None:
    paths = sorted(CORPUS.glob("*.pdf"))
    if not paths:
        print(f"skipped: no PDFs in {CORPUS}")
        return
    files = [p.read_bytes() for p in paths]
    pages = sum(len(pdfium.PdfDocument(data)) for data in files)
    print(f"{len(files)} PDFs, {pages} pages; times are per page")
    raw = median_seconds(lambda: _raw_text(files), repeat=15, warmup=2) / pages
    ours = median_seconds(lambda: [read_bytes(data) for data in files], repeat=15, warmup=2) / pages
    report("pypdfium2 text only (baseline)", raw, raw, "pypdfium2")
    report("yusuan read + recognise", ours, raw, "pypdfium2", "≤ 3×")
    try:
        import pdfplumber  # noqa: F401
    except ImportError:
        print("pdfplumber not installed (pip install -e '.[bench]'): comparison skipped")
        return
    plumber = median_seconds(lambda: _plumber_words(files), repeat=3, warmup=0) / pages
    report("pdfplumber extract_words", plumber, raw, "pypdfium2")
    print(f"yusuan is {plumber / ours:.0f}× faster than pdfplumber (target ≥ 50×)")


if __name__ == "__main__":
    main()
