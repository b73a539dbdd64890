"""Tables printed without ruling lines: columns and header cells from positions alone.

Most disclosures draw their cell borders (:mod:`grid`); some producers print text only. Then the
amount columns are where the body's amounts stand (right-aligned: their right edges line up), the
code and name columns are left of them, and a second name column right of an amount column starts a
table's 支出 side. Each header line's text is given to the columns under it: a leaf over one column,
a parent cell centred over the contiguous columns it spans (the group whose middle is its middle).
"""

from __future__ import annotations

import re

from yusuan.read.pdf.extract import Run
from yusuan.read.pdf.layout import cluster
from yusuan.read.pdf.raw import RawColumn, RawTable, is_number, split_rows
from yusuan.text import squash

_CODE_RE = re.compile(r"^[\[［【]?(\d{3}|\d{5}|\d{7})[\]］】]?$")
_ALIGN = 6.0  # right edges of one column's amounts agree within this many points


def _is_body(line: list[Run]) -> bool:
    return any(is_number(r.text) for r in line) or bool(line and _CODE_RE.match(line[0].text))


def _amounts(line: list[Run]) -> list[Run]:
    """A line's amounts (a code at its start is not one)."""
    return [r for k, r in enumerate(line) if is_number(r.text) and not (k == 0 and _CODE_RE.match(r.text))]


def _amount_columns(body: list[list[Run]]) -> list[tuple[float, float]]:
    """(x0, x1) of each amount column: amounts grouped by where their right edges stand."""
    edges = sorted((r.x1, r.x0) for line in body for r in _amounts(line))
    columns: list[list[tuple[float, float]]] = []
    for x1, x0 in edges:
        if columns and x1 - columns[-1][-1][0] <= _ALIGN:
            columns[-1].append((x1, x0))
        else:
            columns.append([(x1, x0)])
    return [(min(x0 for _, x0 in c), max(x1 for x1, _ in c)) for c in columns]


def _name_columns(body: list[list[Run]]) -> list[tuple[float, str]]:
    """Where code and name columns start: a code at the start of a line; a name after it, or after
    an amount (the 支出 side of a two-sided table)."""
    starts: list[tuple[float, str]] = []
    for line in body:
        before = "start"
        for run in line:
            if _CODE_RE.match(run.text) and before == "start":
                starts.append((run.x0, "code"))
                before = "code"
            elif is_number(run.text):
                before = "amount"
            elif before in ("start", "code", "amount"):
                starts.append((run.x0, "label"))
                before = "label"
    found: list[tuple[float, str]] = []
    for x, role in sorted(starts):
        if found and found[-1][1] == role and x - found[-1][0] < 12:
            continue
        found.append((x, role))
    return found


def columns_of(header: list[list[Run]], body: list[list[Run]]) -> list[RawColumn]:
    spans: list[tuple[float, float, str]] = []
    for span in sorted([(a[0], a[1], "amount") for a in _amount_columns(body)] +
                       [(x, x, role) for x, role in _name_columns(body)]):
        if spans and span[2] != "amount" and spans[-1][2] == span[2]:
            continue  # an indented name is still the name column
        spans.append(span)
    columns: list[RawColumn] = []
    names = [r for line in body for r in line if not is_number(r.text) and not _CODE_RE.match(r.text)]
    for i, (x0, x1, role) in enumerate(spans):
        if i == 0:
            left = 0.0
        elif role == "amount" and spans[i - 1][2] == "amount":
            left = spans[i - 1][1] + 0.5  # right-aligned amounts: a column starts where the last one ends
        elif role == "amount":  # after a name column: where the longest name of that column ends
            ends = [r.x1 for r in names if spans[i - 1][0] - 1 <= r.x0 < x0]
            left = min(x0, max(ends, default=x0) + 1) - 1
        else:
            left = x0 - 1
        columns.append(RawColumn([], role, left, x1))
    for k in range(len(columns) - 1):
        columns[k].x1 = columns[k + 1].x0
    if columns:
        columns[-1].x1 = float("inf")
    _name_header(columns, header)
    return columns


def _name_header(columns: list[RawColumn], header: list[list[Run]]) -> None:
    """Header text onto the columns, line by line from the top: a run over one column names it (a
    narrow header wrapped onto the next line continues it); a run on a line above the last one,
    centred over several columns that each have a name of their own below, is their parent."""
    paths: list[list[str]] = [[] for _ in columns]
    last: list[Run | None] = [None] * len(columns)
    for n, line in enumerate(header):
        lower = [r for later in header[n + 1:] for r in later]
        for run in line:
            others = [r.xc for r in line if r is not run]
            cover = _covered(columns, run, lower, others)
            for c in cover:
                above = last[c]
                if len(cover) == 1 and above is not None and run.top - above.bottom < 0.1 * run.height:
                    paths[c][-1] += run.text  # the same header cell, wrapped
                else:
                    paths[c].append(run.text)
                last[c] = run
    for column, path in zip(columns, paths, strict=True):
        column.path = [squash(p) for p in path]


def _covered(columns: list[RawColumn], run: Run, lower: list[Run], others: list[float]) -> list[int]:
    """The columns a header run stands over: the one containing its centre, or — when it is printed
    above other header text — the contiguous amount columns centred under it, each named below it and
    none under another header cell of its line."""
    centre = run.xc
    home = next((i for i, c in enumerate(columns) if c.x0 <= centre < c.x1), None)
    if home is None:
        return []
    named = [any(c.x0 <= r.xc < c.x1 and r.top > run.bottom for r in lower) for c in columns]
    best, error = [home], float("inf")
    for i in range(home + 1):
        for j in range(home, len(columns)):
            if j == i or any(columns[k].role != "amount" or not named[k] for k in range(i, j + 1)) or any(
                    columns[i].x0 <= x < columns[j].x1 for x in others):
                continue
            span = columns[j].x1 - columns[i].x0
            off = abs((columns[i].x0 + columns[j].x1) / 2 - centre)
            if off < 0.15 * span and off < error:
                best, error = list(range(i, j + 1)), off
    return best


def stream_table(runs: list[Run], page: int, previous: RawTable | None = None) -> RawTable | None:
    """The table printed by these runs (the region under a caption), or None if it prints no rows.
    A continuation page reuses the columns of the ``previous`` table where it repeats no header."""
    lines = cluster(runs)
    first = next((i for i, line in enumerate(lines) if _is_body(line)), None)
    if first is None:
        return None
    header, body = lines[:first], lines[first:]
    columns = previous.columns if previous is not None and not header else columns_of(header, body)
    if not any(c.role == "amount" for c in columns):
        return None
    table = RawTable(columns, pages=[page], header_rows=len(header))
    table.rows = split_rows([r for line in body for r in line], columns, page)
    return table
