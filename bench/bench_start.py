"""Whole processes, as a user or a script meets them: ``yusuan check FILE.pdf`` against a bare pypdfium2
extraction of the same file as its own process (target ≤ 1.5×), and how fast the command starts.

Baseline, measured in the same run: ``python -c`` importing pypdfium2 and extracting every page's text of
the file (``get_text_range``) — the least any PDFium-based checker must spend, start-up included. Also
timed: ``python -c pass`` (the interpreter alone), ``yusuan --help``, and ``yusuan check --help``.
Each is a median of several runs of a fresh process.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
YUSUAN = [str(Path(sys.executable).with_name("yusuan"))]
RAW = ("import sys, pypdfium2 as pdfium\n"
       "document = pdfium.PdfDocument(sys.argv[1])\n"
       "for index in range(len(document)):\n"
       "    page = document[index]; textpage = page.get_textpage(); textpage.get_text_range()\n"
       "    textpage.close(); page.close()\n")


def wall(command: list[str], repeat: int = 7) -> float:
    subprocess.run(command, capture_output=True)  # warm the file cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    python = wall([sys.executable, "-c", "pass"])
    print(f"{'python -c pass':<44} median {python * 1000:7.1f} ms")
    for name, command in (("yusuan --help", [*YUSUAN, "--help"]),
                          ("yusuan check --help", [*YUSUAN, "check", "--help"])):
        print(f"{name:<44} median {wall(command) * 1000:7.1f} ms   (target well under 150 ms)")
    pdfs = sorted(CORPUS.glob("*.pdf"))
    if not pdfs:
        print(f"skipped: no PDFs in {CORPUS}")
        return
    ratios = []
    for pdf in pdfs:
        raw = wall([sys.executable, "-c", RAW, str(pdf)])
        check = wall([*YUSUAN, "check", str(pdf)])
        ratios.append(check / raw)
        print(f"{pdf.name[:40]:<44} raw pypdfium2 {raw * 1000:7.1f} ms   yusuan check {check * 1000:7.1f} ms   "
              f"{check / raw:4.2f}×")
    print(f"whole-process check vs raw pypdfium2 extraction: median {statistics.median(ratios):.2f}× (target ≤ 1.5×)")


if __name__ == "__main__":
    main()
