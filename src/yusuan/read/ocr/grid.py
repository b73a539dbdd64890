"""Ruling lines found in a page image: the cell borders of a scanned table, as :class:`Segment` s in
the page's top-down points (as the PDF reader gives them for a text PDF), and a mask to paint them out.

Borders are long thin straight runs of ink; characters are short. A morphological opening with a
long thin structuring element keeps exactly those runs (first closed along the same direction, so a
border broken by JPEG noise or a faint black-and-white scan is whole again). What remains is cut into
segments by connected components. A run that meets no border of the other direction must be long to
count: the strokes of characters side by side (上海, 一二) chain into short horizontal runs and a tall
character's stroke (年, 中) is a short vertical one, and painting those out would mutilate the text.

The lines are painted white before OCR: a border touching an amount is otherwise read as a ``1`` or
``|``, and the detector's boxes are cut at the vertical borders instead (see :mod:`yusuan.read.ocr.page`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from yusuan.read.pdf.ruling import Segment

_LONG_INCHES = 0.3  # the shortest horizontal border: a narrow cell's width
_TALL_INCHES = 0.2  # the shortest vertical border: a header row's height
_THICK_INCHES = 0.04  # a border is at most this thick; a thicker bar is a filled cell or a stamp
_MEET_INCHES = 0.03  # a border ends on (or crosses) one of the other direction within this distance
_ALONE_INCHES = 1.2  # a border that meets none of the other direction is at least this long (a 三线表's rule)


@dataclass(slots=True)
class Grid:
    """Ruling lines in pixels (``horizontal``: y, x0, x1; ``vertical``: x, y0, y1) and their mask."""

    horizontal: list[tuple[int, int, int]]
    vertical: list[tuple[int, int, int]]
    mask: np.ndarray

    def segments(self, dpi: float) -> list[Segment]:
        """The lines in points, top-down: horizontal ``y0 == y1``, vertical ``x0 == x1``."""
        k = 72 / dpi
        found = [Segment(round(x0 * k, 1), round(y * k, 1), round(x1 * k, 1), round(y * k, 1))
                 for y, x0, x1 in self.horizontal]
        found += [Segment(round(x * k, 1), round(y0 * k, 1), round(x * k, 1), round(y1 * k, 1))
                  for x, y0, y1 in self.vertical]
        return found


def find_grid(grey: np.ndarray, dpi: float) -> Grid:
    import cv2

    ink = (grey < 160).astype(np.uint8)
    long_px, tall_px = max(8, round(_LONG_INCHES * dpi)), max(6, round(_TALL_INCHES * dpi))
    thick, meet = max(2, round(_THICK_INCHES * dpi)), max(2, round(_MEET_INCHES * dpi))
    bridge = max(3, round(dpi / 50))
    h_mask = _lines(cv2, ink, (long_px, 1), (bridge, 1))
    v_mask = _lines(cv2, ink, (1, tall_px), (1, bridge))
    horizontal = [(y + h // 2, x, x + w - 1) for x, y, w, h in _boxes(cv2, h_mask) if h <= thick]
    vertical = [(x + w // 2, y, y + h - 1) for x, y, w, h in _boxes(cv2, v_mask) if w <= thick]
    alone = _ALONE_INCHES * dpi
    crossing = [(x, y0, y1) for x, y0, y1 in vertical if any(_meets(h, (x, y0, y1), meet) for h in horizontal)]
    horizontal = [h for h in horizontal if h[2] - h[1] >= alone or any(_meets(h, v, meet) for v in crossing)]
    vertical = [v for v in vertical if v[2] - v[1] >= alone or any(_meets(h, v, meet) for h in horizontal)]
    mask = np.zeros_like(ink)
    drawn = horizontal
    horizontal = _whole_rows(horizontal, vertical, meet)
    for y, x0, x1 in drawn:
        mask[max(0, y - thick): y + thick + 1, x0: x1 + 1] |= h_mask[max(0, y - thick): y + thick + 1, x0: x1 + 1]
    for x, y0, y1 in vertical:
        mask[y0: y1 + 1, max(0, x - thick): x + thick + 1] |= v_mask[y0: y1 + 1, max(0, x - thick): x + thick + 1]
    mask = cv2.dilate(mask, np.ones((3, 3), np.uint8))
    return Grid(horizontal, vertical, mask.astype(bool))


def _whole_rows(horizontal: list[tuple[int, int, int]], vertical: list[tuple[int, int, int]],
                slack: int) -> list[tuple[int, int, int]]:
    """A row border that a faint or thresholded scan kept only in pieces (a piece in most cells of the
    row, gaps between): one border across the table. A border present in fewer than three cells in
    four is left as it is — a merged cell (a header spanning rows) has no border there."""
    rows: list[list[tuple[int, int, int]]] = []
    for piece in sorted(horizontal):
        if rows and piece[0] - rows[-1][0][0] <= slack:
            rows[-1].append(piece)
        else:
            rows.append([piece])
    result: list[tuple[int, int, int]] = []
    for pieces in rows:
        y = pieces[0][0]
        xs = sorted({x for x, y0, y1 in vertical if y0 - slack <= y <= y1 + slack})
        cells = list(itertools.pairwise(xs))
        touched = sum(1 for a, b in cells if any(min(b, x1) - max(a, x0) > 2 * slack for _, x0, x1 in pieces))
        if len(pieces) > 1 and cells and touched >= 0.75 * len(cells):
            result.append((y, min(xs[0], min(p[1] for p in pieces)), max(xs[-1], max(p[2] for p in pieces))))
        else:
            result += pieces
    return result


def _lines(cv2, ink: np.ndarray, shape: tuple[int, int], bridge: tuple[int, int]) -> np.ndarray:
    closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, bridge))
    return cv2.morphologyEx(closed, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, shape))


def _boxes(cv2, mask: np.ndarray) -> list[tuple[int, int, int, int]]:
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return [tuple(int(v) for v in stats[i, :4]) for i in range(1, count)]  # type: ignore[misc]


def _meets(horizontal: tuple[int, int, int], vertical: tuple[int, int, int], slack: int) -> bool:
    """The two touch or cross (a border ends on another, or two cross at a cell corner)."""
    y, x0, x1 = horizontal
    x, y0, y1 = vertical
    return x0 - slack <= x <= x1 + slack and y0 - slack <= y <= y1 + slack
