"""The whole PDF pipeline over the corpus, per page — read + recognise + check (PDF → Document → findings)
— against, in the same run:

- pypdfium2 alone extracting the same pages' text: load each page and its text page, ``get_text_range()``
  (the baseline: what any PDFium-based tool must spend at least);
- PDFium loading each page and its text page and nothing more (the floor no PDFium reader goes below);
- PDFium's text-rectangle API (``count_rects``/``get_rect`` + ``get_text_bounded``), the alternative to the
  reader's two box calls per word: in these letter-spaced PDFs it returns a rectangle per character;
- pdfplumber on the same pages: ``extract_words()`` with default settings (the usual comparison) and
  ``extract_text()`` with default settings.

Targets (issue 6): within 3× of the raw pypdfium2 extraction, at least 50× faster than pdfplumber. The
corpus is ../shared/corpus (not redistributed); pdfplumber is the ``bench`` extra (``make bench``).
"""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from common import median_seconds, report
from yusuan.check import check_document
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


def _load_only(files: list[bytes]) -> None:
    for data in files:
        document = pdfium.PdfDocument(data)
        for index in range(len(document)):
            page = pdfium_c.FPDF_LoadPage(document.raw, index)
            pdfium_c.FPDFText_ClosePage(pdfium_c.FPDFText_LoadPage(page))
            pdfium_c.FPDF_ClosePage(page)
        document.close()


def _rectangles(files: list[bytes]) -> None:
    for data in files:
        document = pdfium.PdfDocument(data)
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            for i in range(textpage.count_rects()):
                textpage.get_text_bounded(*textpage.get_rect(i))
            textpage.close()
            page.close()
        document.close()


def _pipeline(files: list[bytes]) -> None:
    for data in files:
        check_document(read_bytes(data))


def _plumber(files: list[bytes], what: str) -> None:
    import pdfplumber

    for data in files:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                getattr(page, what)()


def main() -> None:
    paths = sorted(CORPUS.glob("*.pdf"))
    if not paths:
        print(f"skipped: no PDFs in {CORPUS}")
        return
    files = [p.read_bytes() for p in paths]
    pages = sum(len(pdfium.PdfDocument(data)) for data in files)
    print(f"{len(files)} PDFs, {pages} pages; times are medians per page")
    raw = median_seconds(lambda: _raw_text(files), repeat=15, warmup=2) / pages
    floor = median_seconds(lambda: _load_only(files), repeat=15, warmup=2) / pages
    read = median_seconds(lambda: [read_bytes(data) for data in files], repeat=15, warmup=2) / pages
    ours = median_seconds(lambda: _pipeline(files), repeat=15, warmup=2) / pages
    report("pypdfium2 get_text_range (baseline)", raw, raw, "pypdfium2")
    report("PDFium page + text page load only", floor, raw, "pypdfium2")
    rectangles = median_seconds(lambda: _rectangles(files), repeat=3, warmup=1) / pages
    report("PDFium text rectangles + their text", rectangles, raw, "pypdfium2")
    report("yusuan read + recognise", read, raw, "pypdfium2")
    report("yusuan read + recognise + check", ours, raw, "pypdfium2", "≤ 3×")
    try:
        import pdfplumber  # noqa: F401
    except ImportError:
        print("pdfplumber not installed (pip install -e '.[bench]'): comparison skipped")
        return
    words = median_seconds(lambda: _plumber(files, "extract_words"), repeat=3, warmup=0) / pages
    text = median_seconds(lambda: _plumber(files, "extract_text"), repeat=3, warmup=0) / pages
    report("pdfplumber extract_words()", words, raw, "pypdfium2")
    report("pdfplumber extract_text()", text, raw, "pypdfium2")
    print(f"yusuan (read + recognise + check) is {words / ours:.1f}× faster than pdfplumber extract_words "
          f"(target ≥ 50×) and {text / ours:.1f}× faster than extract_text.")
    print(f"Ceiling: PDFium's own page + text page load is {floor * 1000:.3f} ms/page, so no PDFium-based reader "
          f"can be more than {words / floor:.1f}× faster than extract_words here; 50× would need "
          f"{words / 50 * 1000:.3f} ms/page for everything.")


if __name__ == "__main__":
    main()
