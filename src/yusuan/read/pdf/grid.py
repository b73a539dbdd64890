"""A table's cell grid from its ruling lines: column and row boundaries, and which cells are merged.

Spreadsheet-printed PDFs draw a border round every cell, and leave it out inside a merged cell. So
the boundaries are where the long strokes are, and two neighbouring grid cells belong to one merged
cell exactly where the stroke between them is missing. Strokes come in pieces (one per cell edge,
doubled by some producers a tenth of a point apart), so collinear pieces are joined first.

This is lattice detection as pdfplumber and Camelot do it, kept to what a disclosure table needs:
pdfplumber's finder works on its own character objects and is an order of magnitude slower than the
whole reader here, so it is not used.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yusuan.read.pdf.ruling import Segment

_SNAP = 1.6  # strokes this close are one line
_JOIN = 2.5  # pieces of one line may leave gaps this wide at cell corners
_COVER = 0.6  # an edge is drawn when strokes cover this share of it


@dataclass(slots=True)
class Line:
    """A joined ruling line: ``at`` is its y (horizontal) or x (vertical); it runs from ``start`` to ``end``."""

    at: float
    start: float
    end: float

    @property
    def length(self) -> float:
        return self.end - self.start


def join_lines(segments: list[Segment], horizontal: bool) -> list[Line]:
    """Collinear pieces joined into lines, ordered by position."""
    pieces = sorted(
        ((s.y0, s.x0, s.x1) if horizontal else (s.x0, s.y0, s.y1)) for s in segments if s.horizontal == horizontal)
    lines: list[Line] = []
    rows: list[list[tuple[float, float, float]]] = []
    for piece in pieces:
        if rows and piece[0] - rows[-1][-1][0] <= _SNAP:
            rows[-1].append(piece)
        else:
            rows.append([piece])
    for row in rows:
        at = sum(p[0] for p in row) / len(row)
        spans = sorted((p[1], p[2]) for p in row)
        start, end = spans[0]
        for s, e in spans[1:]:
            if s <= end + _JOIN:
                end = max(end, e)
            else:
                lines.append(Line(at, start, end))
                start, end = s, e
        lines.append(Line(at, start, end))
    return sorted(lines, key=lambda line: (line.at, line.start))


def _positions(lines: list[Line]) -> list[float]:
    """Distinct positions of lines (a column boundary drawn in pieces at slightly different x is one)."""
    positions: list[float] = []
    for line in sorted(lines, key=lambda line: line.at):
        if positions and line.at - positions[-1] <= _SNAP:
            continue
        positions.append(line.at)
    return positions


def _covered(lines: list[Line], at: float, start: float, end: float) -> bool:
    """Is the edge at ``at`` from ``start`` to ``end`` drawn (mostly)?"""
    need = _COVER * (end - start)
    total = 0.0
    for line in lines:
        if abs(line.at - at) <= _SNAP:
            total += max(0.0, min(end, line.end) - max(start, line.start))
            if total >= need:
                return True
    return False


@dataclass(slots=True)
class Cell:
    """A merged cell: grid columns ``c0..c1`` and rows ``r0..r1`` (inclusive), and its box."""

    c0: int
    c1: int
    r0: int
    r1: int
    x0: float
    top: float
    x1: float
    bottom: float

    def contains(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.top <= y <= self.bottom


@dataclass(slots=True)
class Grid:
    """Column boundaries ``xs`` (left to right), row boundaries ``ys`` (top to bottom) and merged cells."""

    xs: list[float]
    ys: list[float]
    cells: list[Cell] = field(default_factory=list)
    _at: dict[tuple[int, int], Cell] = field(default_factory=dict)

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def cell(self, column: int, row: int) -> Cell:
        return self._at[(column, row)]

    def column_of(self, x: float) -> int | None:
        for i in range(len(self.xs) - 1):
            if self.xs[i] <= x < self.xs[i + 1]:
                return i
        return None

    def row_of(self, y: float) -> int | None:
        for j in range(len(self.ys) - 1):
            if self.ys[j] <= y < self.ys[j + 1]:
                return j
        return None


def grids(segments: list[Segment], min_columns: int = 2, min_rows: int = 2) -> list[Grid]:
    """The ruled tables of a page, top to bottom: each a block of crossing horizontal and vertical lines."""
    horizontal = join_lines(segments, True)
    vertical = join_lines(segments, False)
    found: list[Grid] = []
    for block_h, block_v in _blocks(horizontal, vertical):
        xs = _positions(block_v)
        ys = _positions(block_h)
        if len(xs) < min_columns + 1 or len(ys) < min_rows + 1:
            continue
        found.append(_grid(xs, ys, block_h, block_v))
    return sorted(found, key=lambda g: g.ys[0])


def _blocks(horizontal: list[Line], vertical: list[Line]) -> list[tuple[list[Line], list[Line]]]:
    """Lines grouped into tables: a vertical line belongs to the horizontal lines it crosses or touches."""
    parent = list(range(len(horizontal)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: list[int | None] = []
    for v in vertical:
        touched = [i for i, h in enumerate(horizontal)
                   if h.start - _SNAP <= v.at <= h.end + _SNAP and v.start - _SNAP <= h.at <= v.end + _SNAP]
        for i in touched[1:]:
            parent[find(i)] = find(touched[0])
        owner.append(touched[0] if touched else None)
    groups: dict[int, tuple[list[Line], list[Line]]] = {}
    for i, h in enumerate(horizontal):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for v, i in zip(vertical, owner, strict=True):
        if i is not None:
            groups[find(i)][1].append(v)
    return [g for g in groups.values() if g[1]]


def _grid(xs: list[float], ys: list[float], horizontal: list[Line], vertical: list[Line]) -> Grid:
    columns, rows = len(xs) - 1, len(ys) - 1
    parent = {(c, r): (c, r) for c in range(columns) for r in range(rows)}

    def find(key: tuple[int, int]) -> tuple[int, int]:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for r in range(rows):
        for c in range(columns - 1):  # the edge between column c and c+1 in row r
            if not _covered(vertical, xs[c + 1], ys[r], ys[r + 1]):
                parent[find((c + 1, r))] = find((c, r))
    for c in range(columns):
        for r in range(rows - 1):
            if not _covered(horizontal, ys[r + 1], xs[c], xs[c + 1]):
                parent[find((c, r + 1))] = find((c, r))
    members: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for key in parent:
        members.setdefault(find(key), []).append(key)
    grid = Grid(xs, ys)
    for keys in members.values():
        c0, c1 = min(k[0] for k in keys), max(k[0] for k in keys)
        r0, r1 = min(k[1] for k in keys), max(k[1] for k in keys)
        cell = Cell(c0, c1, r0, r1, xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])
        grid.cells.append(cell)
        for key in keys:
            grid._at[key] = cell
    grid.cells.sort(key=lambda cell: (cell.r0, cell.c0))
    return grid
