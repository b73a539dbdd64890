"""Ruling lines: the horizontal and vertical strokes that draw a table's cell borders.

Most disclosure PDFs are printed from spreadsheets and draw every cell border, so a table's merged
header cells can be read exactly from where borders are and are not. PDFium gives path objects with
their segments; this module keeps the axis-aligned ones that can be seen (stroked, or filled so thin
they are lines, or the edges of filled rectangles), in the same top-down coordinates as the text
runs. Curves and diagonal strokes are not borders and are dropped. Paths inside form XObjects are
walked too (some producers wrap a whole table in one form).
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from itertools import pairwise

import pypdfium2.raw as pdfium_c

MAX_SEGMENTS_PER_PAGE = 20_000  # a page of tables has a few hundred; more is a drawing, not a table
_THIN = 2.0  # a filled shape thinner than this (points) is drawn as a line
_STRAIGHT = 0.6  # a segment whose ends differ by less than this across its length is axis-aligned
_MIN_LENGTH = 2.0
_MAX_DEPTH = 4  # nested forms


@dataclass(slots=True, frozen=True)
class Segment:
    """A horizontal (``x0 < x1``, ``y0 == y1``) or vertical (``x0 == x1``, ``y0 < y1``) stroke. As
    :func:`page_segments` returns it, in PDF user space (y up); on a :class:`Page`, displayed (top-down)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return self.y0 == self.y1


def page_segments(raw_page) -> list[Segment]:
    """Every visible axis-aligned stroke on a page (PDFium page handle), at most a bounded number."""
    found: list[Segment] = []
    count = pdfium_c.FPDFPage_CountObjects(raw_page)
    for index in range(count):
        _walk(pdfium_c.FPDFPage_GetObject(raw_page, index), found, 0)
        if len(found) > MAX_SEGMENTS_PER_PAGE:
            return []  # a drawing or a chart: no table grid to read from it
    return found


def _walk(obj, found: list[Segment], depth: int) -> None:
    kind = pdfium_c.FPDFPageObj_GetType(obj)
    if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _MAX_DEPTH:
        for index in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
            _walk(pdfium_c.FPDFFormObj_GetObject(obj, index), found, depth + 1)
            if len(found) > MAX_SEGMENTS_PER_PAGE:
                return
    elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
        _path(obj, found)


def _visible(obj) -> tuple[bool, bool]:
    """(filled, stroked), each only where its colour is not fully transparent nor white."""
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill_mode), ctypes.byref(stroke)):
        return False, False
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    refs = [ctypes.byref(v) for v in (r, g, b, a)]
    filled = fill_mode.value != 0 and pdfium_c.FPDFPageObj_GetFillColor(obj, *refs) and a.value > 0 and not (
        r.value > 240 and g.value > 240 and b.value > 240)
    stroked = bool(stroke.value) and pdfium_c.FPDFPageObj_GetStrokeColor(obj, *refs) and a.value > 0 and not (
        r.value > 240 and g.value > 240 and b.value > 240)
    return bool(filled), bool(stroked)


def _points(obj) -> list[list[tuple[float, float]]] | None:
    """The path's subpaths as lists of points on the page (PDF coordinates); None if it has curves."""
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix)):
        return None
    a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[list[tuple[float, float]]] = []
    for index in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            return None
        if not pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
            continue
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append([point])
        else:
            subpaths[-1].append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment) and len(subpaths[-1]) > 1:
            subpaths[-1].append(subpaths[-1][0])
    return subpaths


def _path(obj, found: list[Segment]) -> None:
    filled, stroked = _visible(obj)
    if not filled and not stroked:
        return
    subpaths = _points(obj)
    if not subpaths:
        return
    for points in subpaths:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        width, height = max(xs) - min(xs), max(ys) - min(ys)
        if filled and (width < _THIN or height < _THIN) and max(width, height) >= _MIN_LENGTH:
            _add(found, min(xs), min(ys), max(xs), max(ys), thin=True)  # a bar drawn as a line
            continue
        if not (stroked or filled):
            continue
        for (x0, y0), (x1, y1) in pairwise(points):
            _add(found, x0, y0, x1, y1)


def _add(found: list[Segment], x0: float, y0: float, x1: float, y1: float, thin: bool = False) -> None:
    dx, dy = abs(x1 - x0), abs(y1 - y0)
    if thin or (dy <= _STRAIGHT and dx >= _MIN_LENGTH) or (dx <= _STRAIGHT and dy >= _MIN_LENGTH):
        if dx >= dy:
            y = (y0 + y1) / 2
            found.append(Segment(min(x0, x1), y, max(x0, x1), y))
        else:
            x = (x0 + x1) / 2
            found.append(Segment(x, min(y0, y1), x, max(y0, y1)))
