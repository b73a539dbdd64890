"""One image page → a :class:`~yusuan.read.pdf.extract.Page` like a text page's: runs with boxes in
top-down points (and their OCR confidence) and ruling segments, so the ordinary reader reads it.

The steps, and why in this order: render at the scan's resolution (:mod:`.image`); straighten it
(:mod:`.deskew`), before anything measures lines; find the ruling lines (:mod:`.grid`) and paint them
white; detect text boxes on the clean image; cut each box where a vertical border crosses it (amounts
printed up to a cell border are detected as one box with the next cell's); recognise every piece in
one batch; and give each recognised piece the extent of its ink, since the detector's boxes are padded.
Coordinates are those of the straightened page: the page as it was printed.
"""

from __future__ import annotations

import numpy as np
import pypdfium2 as pdfium

from yusuan.read.ocr.deskew import deskew
from yusuan.read.ocr.engine import engine, threads
from yusuan.read.ocr.grid import Grid, find_grid
from yusuan.read.ocr.image import render
from yusuan.read.ocr.text import pieces, width
from yusuan.read.pdf.extract import Page, Run

INK = 160  # grey below this is ink
MIN_CONFIDENCE = 0.3  # a piece the recogniser is this unsure of is noise (a speck, a stamp's edge)


def ocr_page(page: pdfium.PdfPage, number: int, dpi: float) -> Page:
    width_pt, height_pt = page.get_size()
    grey, scale = render(page, dpi)
    grey, _ = deskew(grey)
    grid = find_grid(grey, scale * 72)
    clean = grey.copy()
    clean[grid.mask] = 255
    boxes = _split(_detect(clean), grid)
    runs = _recognise(clean, boxes, scale)
    return Page(number, width_pt, height_pt, runs, grid.segments(scale * 72))


def _detect(clean: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Text boxes (x0, y0, x1, y1) in pixels, each the ink of one detected line of text."""
    found = engine(threads())(np.dstack([clean] * 3), use_det=True, use_cls=False, use_rec=False)
    boxes = getattr(found, "boxes", None)
    if boxes is None:
        return []
    height, width_px = clean.shape
    result = []
    for quad in boxes:
        x0, y0 = np.floor(quad.min(axis=0)).astype(int)
        x1, y1 = np.ceil(quad.max(axis=0)).astype(int)
        x0, y0, x1, y1 = max(0, x0), max(0, y0), min(width_px, x1), min(height, y1)
        if x1 > x0 and y1 > y0:
            result.append((x0, y0, x1, y1))
    return result


def _split(boxes: list[tuple[int, int, int, int]], grid: Grid) -> list[tuple[int, int, int, int]]:
    """Boxes cut where a vertical border runs through them (the border's own pixels left out)."""
    result = []
    for x0, y0, x1, y1 in boxes:
        middle = (y0 + y1) / 2
        cuts = sorted(x for x, top, bottom in grid.vertical if x0 + 2 < x < x1 - 2 and top <= middle <= bottom)
        left = x0
        for x in cuts:
            result.append((left, y0, x - 1, y1))
            left = x + 2
        result.append((left, y0, x1, y1))
    return [b for b in result if b[2] - b[0] >= 3]


def _ink(clean: np.ndarray, box: tuple[int, int, int, int]) -> tuple[int, int, int, int] | None:
    x0, y0, x1, y1 = box
    dark = clean[y0:y1, x0:x1] < INK
    cols, rows = np.flatnonzero(dark.any(axis=0)), np.flatnonzero(dark.any(axis=1))
    if len(cols) == 0:
        return None
    return x0 + int(cols[0]), y0 + int(rows[0]), x0 + int(cols[-1]) + 1, y0 + int(rows[-1]) + 1


def _recognise(clean: np.ndarray, boxes: list[tuple[int, int, int, int]], scale: float) -> list[Run]:
    inked = [(box, ink) for box in boxes if (ink := _ink(clean, box)) is not None]
    if not inked:
        return []
    crops = [np.dstack([clean[y0:y1, x0:x1]] * 3) for (x0, y0, x1, y1), _ in inked]
    found = engine(threads()).recognize_txt(crops)
    runs: list[Run] = []
    for ((_, y0, _, y1), (ix0, iy0, ix1, iy1)), text, confidence in zip(inked, found.txts, found.scores,
                                                                        strict=True):
        if confidence < MIN_CONFIDENCE or not text.strip():
            continue
        # the line's height, not its ink's: a lone 一 is flat, but it stands on a line as tall as any
        line_h = (y1 - y0) / 1.6
        top, bottom = min(iy0, (y0 + y1 - line_h) / 2), max(iy1, (y0 + y1 + line_h) / 2)
        runs += _runs(pieces(text), ix0 / scale, top / scale, ix1 / scale, bottom / scale, float(confidence))
    return runs


def _runs(texts: list[str], x0: float, top: float, x1: float, bottom: float, confidence: float) -> list[Run]:
    """Pieces of one box laid out over its ink in proportion to their printed widths (a blank between)."""
    if len(texts) == 1:
        return [Run(texts[0], x0, top, x1, bottom, confidence)]
    gap = 0.5
    total = sum(width(t) for t in texts) + gap * (len(texts) - 1)
    em = (x1 - x0) / total if total else 0.0
    runs, left = [], x0
    for text in texts:
        right = left + width(text) * em
        runs.append(Run(text, left, top, right, bottom, confidence))
        left = right + gap * em
    return runs
