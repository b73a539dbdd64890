"""Runs → lines: rows of text rebuilt from positions (y), each line's runs ordered by x.

Text-layer order in real PDFs is not reading order (a whole table page may come out as one line), so
lines are rebuilt from boxes: runs whose vertical centres fall inside one band form a line. A
:class:`PdfLine` is a :class:`~yusuan.read.lines.Line` (the text parts and narrative readers take it
unchanged) that also keeps its runs, so the table reader can still use every box.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yusuan.read.lines import Line
from yusuan.read.pdf.extract import Page, Run

FOOTER_RE = re.compile(r"^[-—－]?\s*\d{1,4}\s*[-—－]?$|^第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?$")


@dataclass(slots=True)
class PdfLine(Line):
    runs: list[Run]

    @property
    def box(self) -> tuple[float, float, float, float]:
        return box_of(self.runs)


def box_of(runs: list[Run]) -> tuple[float, float, float, float]:
    return (round(min(r.x0 for r in runs), 1), round(min(r.top for r in runs), 1),
            round(max(r.x1 for r in runs), 1), round(max(r.bottom for r in runs), 1))


def cluster(runs: list[Run]) -> list[list[Run]]:
    """Runs grouped into lines, top to bottom; a run joins a line when its centre lies in the line's band."""
    lines: list[list[Run]] = []
    band_top = band_bottom = 0.0
    for run in sorted(runs, key=lambda r: (r.yc, r.x0)):
        if lines and run.yc <= band_bottom and run.yc >= band_top:
            lines[-1].append(run)
            continue
        lines.append([run])
        slack = 0.35 * run.height
        band_top, band_bottom = run.yc - slack, run.yc + slack
    for line in lines:
        line.sort(key=lambda r: r.x0)
    return lines


def page_lines(pages: list[Page]) -> list[PdfLine]:
    """Every page's lines, numbered through the document, page footers (``- 3 -``, ``第3页``) dropped."""
    result: list[PdfLine] = []
    for page in pages:
        lines = cluster(page.runs)
        for index, runs in enumerate(lines):
            text = " ".join(r.text for r in runs)
            if index == len(lines) - 1 and len(runs) <= 3 and FOOTER_RE.match(text.replace(" ", "")):
                continue
            result.append(PdfLine(text, page.number, len(result) + 1, runs))
    return result
