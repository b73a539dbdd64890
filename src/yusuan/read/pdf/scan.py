"""Every table a PDF prints, page by page: each ruled grid with its caption, followed across pages.

A grid with a caption above it (numbering, title, unit, entity) starts a table; a grid without one
continues the table before it when it has as many columns (a repeated header is recognised and
skipped by :mod:`raw`). A caption left at the foot of a page with no grid under it belongs to the
first grid of the next page. Lines under a table that start with 注/说明 are its notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yusuan.read.pdf.extract import Page, Run
from yusuan.read.pdf.grid import Grid, grids
from yusuan.read.pdf.layout import FOOTER_RE, cluster
from yusuan.read.pdf.raw import RawTable, is_number, page_table
from yusuan.read.pdf.titles import Caption, caption
from yusuan.text import squash

_NOTE_RE = re.compile(r"^(?:注|备注|说明)\s*\d?\s*[:：]")
_MIN_CELLS_WITH_TEXT = 4


@dataclass(slots=True)
class PrintedTable:
    caption: Caption
    table: RawTable
    notes: list[str] = field(default_factory=list)
    page: int = 0  # where it starts
    captions: list[Caption] = field(default_factory=list)  # the caption of every page it is on
    regions: list[tuple[int, tuple[float, float, float, float]]] = field(default_factory=list)  # page, box

    def covers(self, page: int, x: float, y: float) -> bool:
        """Is this point of a page inside the table or its caption (not narrative text)?"""
        return any(p == page and b[0] - 2 <= x <= b[2] + 2 and b[1] - 2 <= y <= b[3] + 2 for p, b in self.regions)


def _has_text(grid: Grid, runs: list[Run]) -> bool:
    x0, top, x1, bottom = grid.box
    inside = sum(1 for r in runs if x0 <= r.xc <= x1 and top <= r.yc <= bottom)
    return inside >= _MIN_CELLS_WITH_TEXT


def _continues(open_table: PrintedTable | None, raw: RawTable) -> bool:
    if open_table is None:
        return False
    before = open_table.table.columns
    return len(before) == len(raw.columns) and all(
        abs(a.xc - b.xc) < 0.15 * max(a.x1 - a.x0, 8) + 6 for a, b in zip(before, raw.columns, strict=True))


def _same_caption(open_table: PrintedTable | None, cap: Caption) -> bool:
    """A caption repeated on every page of a table (some regions print 公开表2 and its title on each)."""
    if open_table is None:
        return False
    first = open_table.caption
    return (first.title == cap.title or cap.title is None) and first.numbering == cap.numbering and (
        cap.part is None or cap.part == first.part)


def _append(open_table: PrintedTable, raw: RawTable, page: int) -> None:
    table = open_table.table
    if raw.header_rows == 0 or not any(c.path for c in raw.columns):
        for row in raw.rows:
            row.cells = row.cells[:len(table.columns)] + [None] * (len(table.columns) - len(row.cells))
    table.rows += raw.rows
    if page not in table.pages:
        table.pages.append(page)


def _notes_below(runs: list[Run], top: float, bottom: float) -> tuple[list[str], float]:
    """The notes under a table, and where they end."""
    notes: list[str] = []
    end = top
    for line in cluster([r for r in runs if top <= r.yc <= bottom]):
        text = squash("".join(r.text for r in line))
        if FOOTER_RE.match(text):
            continue
        if _NOTE_RE.match(text):
            notes.append(re.sub(r"^(?:注|备注|说明)\s*\d?\s*[:：]\s*", "", text))
        elif notes and not is_number(text) and len(text) > 1 and not text.endswith("表"):
            notes[-1] += text  # a note wrapped onto the next line
        elif notes:
            break
        else:
            continue
        end = max(r.bottom for r in line)
    return notes, end


def scan(pages: list[Page]) -> list[PrintedTable]:
    """The document's tables in printed order."""
    tables: list[PrintedTable] = []
    open_table: PrintedTable | None = None
    pending: Caption | None = None  # a caption at the foot of the previous page
    for page in pages:
        page_grids = [g for g in grids(page.rules) if _has_text(g, page.runs)]
        runs = page.runs
        limit = 0.0
        for n, grid in enumerate(page_grids):
            raw, outside = page_table(grid, runs, page.number)
            runs = outside
            top = grid.ys[0]
            cap = caption(runs, top, limit)
            if not cap.found and pending is not None and n == 0:
                cap = pending
            pending = None
            nxt = page_grids[n + 1].ys[0] if n + 1 < len(page_grids) else page.height
            notes, notes_end = _notes_below(runs, grid.ys[-1], nxt)
            if (not cap.found or _same_caption(open_table, cap)) and _continues(open_table, raw):
                _append(open_table, raw, page.number)
                open_table.notes += notes
                open_table.captions.append(cap)
            else:
                open_table = PrintedTable(cap, raw, notes, page.number, [cap])
                tables.append(open_table)
            x0, y0, x1, y1 = grid.box
            open_table.regions.append((page.number, (x0, y0, x1, max(y1, notes_end))))
            if cap.box is not None and cap.box[1] < top:
                open_table.regions.append((page.number, (cap.box[0], cap.box[1], cap.box[2], top)))
            limit = grid.ys[-1]
        tail = caption(runs, page.height, limit)
        pending = tail if tail.found and tail.title else None
    return tables
