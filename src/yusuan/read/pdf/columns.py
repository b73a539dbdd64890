"""Where each declared amount column sits on the page, and which column each printed amount is in.

Column x-positions come from the header: every declared column names the header words it may be
printed under (``header``, default the last element of its path); the header runs are matched left
to right, a header cell wrapped over two or three lines (``本年收入合`` / ``计``) is matched as one.
Amounts are then given to columns by an order-keeping assignment that minimises the distance between
each amount and its column's header: a row that leaves cells blank (``503,724`` under 合计 and
财政拨款 only) still puts every amount under the right header. This is the one piece of table
geometry no PDF library does for us: pdfplumber's table finder needs ruling lines, and many of
these PDFs have none.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from yusuan.formats.spec import ColumnSpec
from yusuan.read.pdf.extract import Run
from yusuan.text import label_key

_key = lru_cache(maxsize=8192)(label_key)


@dataclass(slots=True)
class Slot:
    """A declared column found on the page: its key and the x-centre of its header."""

    spec: ColumnSpec
    xc: float  # nan: no header on any page; inf: the header lacks this column


def _stacks(header: list[Run]) -> list[tuple[str, float]]:
    """Header cells as printed: each run, and each run with the one or two runs wrapped below it."""
    ordered = sorted(header, key=lambda r: (r.top, r.x0))
    cells: list[tuple[str, float]] = []  # (key, x-centre)
    for i, run in enumerate(ordered):
        text, x0, x1, bottom = run.text, run.x0, run.x1, run.bottom
        cells.append((_key(text), run.xc))
        for below in ordered[i + 1:]:
            if below.top > bottom + 1.2 * run.height:
                break
            overlap = min(x1, below.x1) - max(x0, below.x0)
            if below.top < bottom - 0.3 * run.height or overlap < 0.6 * min(x1 - x0, below.x1 - below.x0):
                continue
            text += below.text
            x0, x1, bottom = min(x0, below.x0), max(x1, below.x1), below.bottom
            cells.append((_key(text), (x0 + x1) / 2))
            if len(cells) > 4 * len(ordered):
                break
    return cells


def find_slots(columns: tuple[ColumnSpec, ...], header: list[Run], after: float = float("-inf")
               ) -> tuple[list[Slot], list[ColumnSpec]]:
    """Declared columns found in the header, left to right; and the required ones that are missing.

    A column whose header cannot be found is dropped when it is declared ``optional`` (a column set
    that varies between documents of one format), and reported missing otherwise.
    """
    cells = _stacks(header)
    slots: list[Slot] = []
    missing: list[ColumnSpec] = []
    left = after
    for column in columns:
        found = _match(column, cells, left)
        if found is None:
            if not column.optional:
                missing.append(column)
            continue
        slots.append(Slot(column, found))
        left = found + 1
    return slots, missing


def _match(column: ColumnSpec, cells: list[tuple[str, float]], left: float) -> float | None:
    """x-centre of the leftmost header cell right of ``left`` that names the column: an exact name
    first, else a cell that contains it (``2024年机关运行经费预算数``)."""
    names = [_key(name) for name in column.header or (column.path[-1],)]
    for name in names:
        exact = [xc for key, xc in cells if xc > left and key == name]
        if exact:
            return min(exact)
    for name in names:
        within = [xc for key, xc in cells if xc > left and name in key and len(key) <= len(name) + 8]
        if within:
            return min(within)
    return None


def assign(amounts: list[Run], slots: list[Slot]) -> list[int] | None:
    """Column index of each amount (in x order), order kept, total distance to the headers least.

    ``None`` when there are more amounts than columns.
    """
    n, m = len(amounts), len(slots)
    if n > m:
        return None
    if n == m:
        return list(range(n))
    inf = float("inf")
    # cost[i][j]: least cost of placing amounts[:i] with amount i-1 in column j-1
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    choice = [[-1] * (m + 1) for _ in range(n + 1)]
    best[0] = [0.0] * (m + 1)
    for i in range(1, n + 1):
        run = amounts[i - 1]
        running, where = inf, -1
        for j in range(1, m + 1):
            if best[i - 1][j - 1] < running:
                running, where = best[i - 1][j - 1], j - 1
            if running < inf:
                best[i][j] = running + _distance(run, slots[j - 1])
                choice[i][j] = where
    j = min(range(1, m + 1), key=lambda k: best[n][k])
    result = [0] * n
    for i in range(n, 0, -1):
        result[i - 1] = j - 1
        j = choice[i][j]
    return result


def _distance(run: Run, slot: Slot) -> float:
    return abs(run.xc - slot.xc)
