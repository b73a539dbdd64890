"""Blank pages: a page that prints nothing at all, as a reviewer would see it.

A page without a text layer is not yet blank: it may hold a chart, a scanned image or an empty
table grid. Only those textless pages (rare) are rendered, small and in grey, and a page whose every
pixel is white is blank. The rendering is PDFium's own, so what counts is what a viewer shows.
"""

from __future__ import annotations

_SCALE = 0.25  # 18 dpi: enough to see any mark, a few milliseconds a page


def blank_pages(data: bytes, textless: list[int]) -> list[int]:
    """Which of the pages ``textless`` (1-based) render entirely white."""
    if not textless:
        return []
    from yusuan.read.pdf.extract import open_pdf

    document = open_pdf(data)
    try:
        blank = []
        for number in textless:
            page = document[number - 1]
            try:
                bitmap = page.render(scale=_SCALE, grayscale=True, may_draw_forms=True)
                if set(bytes(bitmap.buffer)) <= {255}:
                    blank.append(number)
            finally:
                page.close()
        return blank
    finally:
        document.close()
