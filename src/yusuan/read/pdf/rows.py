"""Runs into reading order and into table rows: the two groupings every table reader needs.

A cell's wrapped text is read line by line; a table's runs form rows by their vertical centres, not by
rounded tops (letter-spaced text and taller amount boxes sit a point or two off the label's line).
"""

from __future__ import annotations

from yusuan.money import is_amount
from yusuan.read.pdf.extract import Run


def reading_order(runs: list[Run]) -> list[Run]:
    """Runs of a wrapped cell line by line, each line left to right. A line is a band of centres, not a
    rounded top: letter-spaced text puts a full-width bracket a point lower than the characters
    around it (``因 公 出 国 （ 境 ） 费`` / ``用``)."""
    ordered: list[Run] = []
    line: list[Run] = []
    for run in sorted(runs, key=lambda r: r.yc):
        if line and run.yc - line[0].yc > 0.5 * max(line[0].height, run.height):
            ordered += sorted(line, key=lambda r: r.x0)
            line = []
        line.append(run)
    return ordered + sorted(line, key=lambda r: r.x0)


def stripes(runs: list[Run]) -> list[list[Run]]:
    """Runs grouped into table rows by their vertical centres: a new row starts where the centres
    jump by most of a text height. Unlike text lines, a row's runs need not share a centre: its
    amounts may sit in taller boxes, its code a little higher than its label."""
    if not runs:
        return []
    heights = sorted(r.height for r in runs if not is_amount(r.text)) or sorted(r.height for r in runs)
    gap = 0.85 * heights[len(heights) // 2]
    rows: list[list[Run]] = []
    last = float("-inf")
    for run in sorted(runs, key=lambda r: r.yc):
        if run.yc - last > gap:
            rows.append([])
        rows[-1].append(run)
        last = run.yc
    for row in rows:
        row.sort(key=lambda r: r.x0)
    return rows
