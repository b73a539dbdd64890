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
from yusuan.read.pdf.raw import RawTable, is_number, page_table, split_rows
from yusuan.read.pdf.stream import stream_table
from yusuan.read.pdf.titles import UNIT_RE, Caption, caption, looks_like_title, numbering
from yusuan.read.tables import join_notes
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
    unruled: bool = False  # printed without cell borders (read by :mod:`stream`)

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
    numbered = first.numbering == cap.numbering or (cap.numbering is None and cap.title == first.title)
    return (first.title == cap.title or cap.title is None) and numbered and (
        cap.part is None or cap.part == first.part)  # the title alone repeated (表5 only on the first page)


def _append(open_table: PrintedTable, raw: RawTable, page: int) -> None:
    table = open_table.table
    if raw.header_rows == 0 or not any(c.path for c in raw.columns):
        for row in raw.rows:
            row.cells = row.cells[:len(table.columns)] + [None] * (len(table.columns) - len(row.cells))
    table.rows += raw.rows
    if page not in table.pages:
        table.pages.append(page)


def _notes_below(runs: list[Run], top: float, bottom: float) -> tuple[list[str], float]:
    """The notes under a table (from a line starting 注/说明 on, each sentence-ending line closing a
    note, as :func:`yusuan.read.tables.join_notes` joins them), and where they end."""
    texts: list[str] = []
    end = top
    for line in cluster([r for r in runs if top <= r.yc <= bottom]):
        text = squash("".join(r.text for r in line))
        if FOOTER_RE.match(text):
            continue
        if _NOTE_RE.match(text) or (texts and not is_number(text) and len(text) > 1 and not text.endswith("表")
                                    and not looks_like_title(text)):
            texts.append(re.sub(r"^(?:注|备注|说明)\s*\d?\s*[:：]", "注：", text))
        elif texts:
            break
        else:
            continue
        end = max(r.bottom for r in line)
    return join_notes(texts), end


def _spilled_rows(open_table: PrintedTable, runs: list[Run], bottom: float, page: int) -> tuple[list[Run], float]:
    """Rows of the open table printed at the top of the next page without its ruling (a last 合计 row
    alone on a page): lines whose amounts stand under the table's amount columns, until one does not.
    Returns the page's other runs and where those rows end."""
    columns = open_table.table.columns
    taken: list[Run] = []
    end = 0.0
    for line in cluster([r for r in runs if r.yc < bottom]):
        numbers = [r for r in line if is_number(r.text)]
        text = squash("".join(r.text for r in line))
        if not numbers or _NOTE_RE.match(text) or FOOTER_RE.match(text) or _PART_RE.match(text) or (
                _table_number(text)) or not all(_in_its_column(r, columns) for r in numbers):
            break  # amounts stand right-aligned in their columns; a heading's year does not
        taken += line
        end = max(r.bottom for r in line)
    if not taken:
        return runs, 0.0
    open_table.table.rows += split_rows(taken, columns, page)
    if page not in open_table.table.pages:
        open_table.table.pages.append(page)
    x0, x1 = min(r.x0 for r in taken), max(r.x1 for r in taken)
    open_table.regions.append((page, (x0, min(r.top for r in taken), x1, end)))
    kept = {id(r) for r in taken}
    return [r for r in runs if id(r) not in kept], end


def _table_number(text: str) -> bool:
    """A line that numbers a table (``表2``, ``部门公开表8``) — a caption, whatever the number beside it."""
    found = numbering(text)
    return found is not None and "表" in found[0]


def _in_its_column(run: Run, columns: list) -> bool:
    """A number where the table prints one: right-aligned in an amount column, or in a code or row-number
    column (``24 | 215 | 资源勘探工业信息等支出 | …``)."""
    column = next((c for c in columns if c.x0 < run.xc < c.x1), None)
    if column is None:
        return False
    if column.role == "amount":
        return column.x1 - 12 < run.x1 <= column.x1 + 1
    return column.role in ("code", "index")


def scan(pages: list[Page]) -> list[PrintedTable]:
    """The document's tables in printed order."""
    tables: list[PrintedTable] = []
    open_table: PrintedTable | None = None
    pending: Caption | None = None  # a caption at the foot of the previous page
    for page in pages:
        page_grids = [g for g in grids(page.rules) if _has_text(g, page.runs)]
        runs = page.runs
        limit = 0.0
        if open_table is not None and pending is None and open_table.table.pages[-1] == page.number - 1:
            runs, limit = _spilled_rows(open_table, runs, page_grids[0].ys[0] if page_grids else page.height,
                                        page.number)
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
                raw, _ = page_table(grid, page.runs, page.number, open_table.table.columns)
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
        if not page_grids:
            open_table = _unruled(page, runs, tables, open_table)
            if open_table is not None and open_table.page == page.number:
                continue
        tail = caption(runs, page.height, limit)
        pending = tail if tail.found and tail.title else None
    return tables


_PART_RE = re.compile(r"^第[一二三四五六七八九十]+部分")


def _caption_lines(lines: list[list[Run]]) -> list[int]:
    """Lines that start a table printed without rules: a title (or a numbering) with a unit line or
    the table's first rows close below it."""
    starts = []
    for i, line in enumerate(lines):
        text = squash("".join(r.text for r in line))
        if not (looks_like_title(text) or numbering(text)) or len(text) > 60:
            continue
        below = ["".join(r.text for r in lines[k]) for k in range(i + 1, min(i + 4, len(lines)))]
        if any(UNIT_RE.search(squash(t)) for t in below) and (not starts or i > starts[-1] + 2):
            starts.append(i)
    return starts


def _unruled(page: Page, runs: list[Run], tables: list[PrintedTable], open_table: PrintedTable | None
             ) -> PrintedTable | None:
    """Tables on a page that draws no cell borders: each from its caption to the next caption, a note
    or a part heading; rows at the top of a page without a caption continue the open unruled table."""
    lines = cluster(runs)
    starts = _caption_lines(lines)
    if not starts and open_table is not None and open_table.unruled:
        starts = [-1]
    if not starts:
        return open_table
    ends = [*starts[1:], len(lines)]
    for start, end in zip(starts, ends, strict=True):
        if start >= 0:  # the caption runs to its unit line
            start = next((k for k in range(start, min(start + 4, end)) if UNIT_RE.search(_text(lines[k]))), start)
        region = lines[start + 1:end] if start >= 0 else lines
        cut = next((k for k, line in enumerate(region) if _NOTE_RE.match(_text(line)) or _PART_RE.match(_text(line))),
                   len(region))
        body, tail = region[:cut], region[cut:]
        body = [line for line in body if not FOOTER_RE.match(_text(line))]
        head_end = next((k for k, line in enumerate(body) if not _meta_line(line)), len(body))
        _meta, rest = body[:head_end], body[head_end:]
        previous = open_table.table if start < 0 and open_table is not None else None
        raw = stream_table([r for line in rest for r in line], page.number, previous)
        if raw is None:
            continue
        notes, _ = _notes_below([r for line in tail for r in line], 0, page.height)
        if start < 0 and open_table is not None:
            if len(raw.columns) != len(open_table.table.columns):
                return open_table
            _append(open_table, raw, page.number)
            open_table.notes += notes
        else:
            cap = caption([r for line in lines[max(0, start - 3):start + 1] for r in line],
                          max(r.bottom for r in lines[start]), 0)
            open_table = PrintedTable(cap, raw, notes, page.number, [cap])
            open_table.unruled = True
            tables.append(open_table)
        covered = [r for line in (*region[:cut], *tail[:len(notes) and len(tail)]) for r in line]
        if covered:
            open_table.regions.append((page.number, (min(r.x0 for r in covered), min(r.top for r in covered),
                                                     max(r.x1 for r in covered), max(r.bottom for r in covered))))
            if start >= 0:
                title = lines[start]
                open_table.regions.append((page.number, (min(r.x0 for r in title), min(r.top for r in title),
                                                         max(r.x1 for r in title), max(r.bottom for r in title))))
    return open_table


def _text(line: list[Run]) -> str:
    return squash("".join(r.text for r in line))


def _meta_line(line: list[Run]) -> bool:
    """A unit or entity line under a title (单位名称：… 单位：万元)."""
    text = _text(line)
    return bool(UNIT_RE.search(text)) or text.startswith(("单位名称", "编制单位", "部门名称", "单位："))
