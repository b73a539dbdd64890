"""A page of the original PDF as a PNG, rendered on the server, with one finding's boxes drawn on it.

The browser needs no PDF library and loads nothing from a CDN: PDFium renders the page as displayed
(its /Rotate applied, which is how the reader's boxes are measured), Pillow draws the marks the
annotated PDF draws (:mod:`yusuan.write.marks`) in the same colours.
"""

from __future__ import annotations

from io import BytesIO

from yusuan.check.findings import Finding
from yusuan.errors import YusuanError
from yusuan.write.marks import numbered, page_marks

SCALE = 1.5  # 108 dpi: a page's text reads on a screen
_MOST_PIXELS = 6_000_000  # an oversized page is rendered smaller, never larger than this


def page_png(data: bytes, page: int, findings: list[Finding], number: int | None = None) -> bytes:
    """Page ``page`` (1-based) as PNG with the marks of finding ``number`` (1-based, as listed), or of all."""
    from PIL import Image, ImageDraw

    from yusuan.read.pdf.extract import open_pdf

    document = open_pdf(data)
    try:
        if not 1 <= page <= len(document):
            raise YusuanError(f"这份文件只有 {len(document)} 页，没有第 {page} 页。")
        pdf_page = document[page - 1]
        try:
            width, height = pdf_page.get_size()
            scale = min(SCALE, (_MOST_PIXELS / max(width * height, 1)) ** 0.5)
            image = pdf_page.render(scale=scale).to_pil().convert("RGB")
        finally:
            pdf_page.close()
    finally:
        document.close()
    items = [i for i in numbered(findings) if number is None or i.number == number]
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for mark in page_marks(items, page, width):
        r, g, b = mark.colour
        for box in mark.boxes:
            draw.rectangle([c * scale for c in box], fill=(r, g, b, 32), outline=(r, g, b, 255), width=2)
        label = [c * scale for c in mark.label]
        draw.rectangle(label, fill=(r, g, b, 255))
        draw.text(((label[0] + label[2]) / 2, (label[1] + label[3]) / 2), str(mark.number), fill=(255, 255, 255, 255),
                  anchor="mm", font_size=max(int((label[3] - label[1]) * 0.8), 8))
    image = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    out = BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
