"""Which pages are pictures, and each such page as a grey image at the resolution it was scanned at.

A page needs OCR when it has no text layer but an image covering much of it (a scan, or a table pasted
as a picture); a page that has neither is blank (a separator page, a cover drawn in vectors). The scan's
resolution is read off the largest image (its pixels over the size it is drawn at): rendering at that
resolution gives the OCR every pixel the scanner made and nothing interpolated; a low-resolution scan is
rendered at 150 dpi (measured: a 100 dpi black-and-white scan lost a stroke or a code digit more when
read at 100), and a finer one at 200 dpi: the recogniser scales every line to 48 pixels high anyway,
and detection's time grows with the pixels (a 300 dpi scan of a notice took a third longer at 300 than
at 200 dpi, and read its letterhead worse).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

if TYPE_CHECKING:
    import numpy as np

MIN_COVER = 0.25  # an image over less of the page than this is a logo or a stamp, not the page's content
MIN_DPI, MAX_DPI = 150, 200
MAX_PIXELS = 40_000_000  # a page rendered bigger than this is not a document page


def scan_dpi(page: pdfium.PdfPage) -> float | None:
    """The resolution of the page's largest image in pixels per inch, or None when no image covers
    enough of the page to be its content."""
    width, height = page.get_size()
    best: tuple[float, float] | None = None  # (area drawn, dpi)
    for image in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
        left, bottom, right, top = image.get_bounds()
        drawn_w, drawn_h = abs(right - left), abs(top - bottom)
        px_w, px_h = image.get_px_size()
        if drawn_w <= 0 or drawn_h <= 0 or px_w <= 0 or px_h <= 0:
            continue
        area = drawn_w * drawn_h
        dpi = max(px_w, px_h) / max(drawn_w, drawn_h) * 72  # either way round: a turned image swaps sides
        if best is None or area > best[0]:
            best = (area, dpi)
    if best is None or best[0] < MIN_COVER * width * height:
        return None
    return best[1]


def render_dpi(dpi: float) -> float:
    return min(MAX_DPI, max(MIN_DPI, dpi))


def render(page: pdfium.PdfPage, dpi: float) -> tuple[np.ndarray, float]:
    """The page as displayed (its /Rotate applied), grey, ``dpi`` pixels per inch (fewer if huge),
    and its scale in pixels per point."""
    import numpy as np

    width, height = page.get_size()
    scale = dpi / 72
    if width * height * scale * scale > MAX_PIXELS:
        scale = (MAX_PIXELS / (width * height)) ** 0.5
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        array = bitmap.to_numpy()
        return np.array(array[:, :, 0] if array.ndim == 3 else array, dtype=np.uint8), scale
    finally:
        bitmap.close()
