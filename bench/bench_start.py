"""Whole processes, as a user or a script meets them: ``yusuan check FILE.pdf`` against a bare pypdfium2
extraction of the same file as its own process (target ≤ 1.5×), and how fast the command starts.

Baseline, measured in the same run: ``python -c`` importing pypdfium2 and extracting every page's text of
the file (``get_text_range``) — the least any PDFium-based checker must spend, start-up included. Also
timed: ``python -c pass`` (the interpreter alone), ``yusuan --help``, and ``yusuan check --help``.
Each is a median of several runs of a fresh process, as wall time and as CPU time (user + system of the
child: less disturbed by other programs on a busy machine, whose wall times can be doubled).
"""

from __future__ import annotations

import resource
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


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def wall(command: list[str], repeat: int = 7) -> tuple[float, float]:
    """Median wall and CPU seconds of a fresh process running ``command``."""
    subprocess.run(command, capture_output=True)  # warm the file cache
    walls, cpus = [], []
    for _ in range(repeat):
        cpu, start = _cpu(), time.perf_counter()
        subprocess.run(command, capture_output=True)
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def shown(seconds: tuple[float, float]) -> str:
    return f"wall {seconds[0] * 1000:7.1f} ms  cpu {seconds[1] * 1000:7.1f} ms"


def main() -> None:
    print(f"{'python -c pass':<40} {shown(wall([sys.executable, '-c', 'pass']))}")
    for name, command in (("yusuan --help", [*YUSUAN, "--help"]),
                          ("yusuan check --help", [*YUSUAN, "check", "--help"])):
        print(f"{name:<40} {shown(wall(command))}   (target well under 150 ms)")
    pdfs = sorted(CORPUS.glob("*.pdf"))
    if not pdfs:
        print(f"skipped: no PDFs in {CORPUS}")
        return
    walls, cpus = [], []
    for pdf in pdfs:
        raw = wall([sys.executable, "-c", RAW, str(pdf)])
        check = wall([*YUSUAN, "check", str(pdf)])
        walls.append(check[0] / raw[0])
        cpus.append(check[1] / raw[1])
        print(f"{pdf.name[:36]:<36} raw pypdfium2 {shown(raw)}   yusuan check {shown(check)}   "
              f"{walls[-1]:4.2f}× wall {cpus[-1]:4.2f}× cpu")
    print(f"whole-process check vs raw pypdfium2 extraction: median {statistics.median(walls):.2f}× wall, "
          f"{statistics.median(cpus):.2f}× cpu (target ≤ 1.5×)")


if __name__ == "__main__":
    main()
