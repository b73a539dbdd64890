"""The annotated copy of a checked PDF: the original pages with every finding boxed where it is printed.

What a reviewer hands back: the publisher's own file, unchanged underneath, with each finding's cells
and sentences outlined in its severity's colour (错误 red, 警告 orange, 提示 blue) and a numbered label
beside them, a first page that lists the findings with a link to each one's page, and a bookmark per
finding. The marks are drawn into the page content (wrapped so the original's graphics state cannot
leak into them), not as annotations: every viewer and every printer shows them the same.

The reader's boxes are on the page as displayed (top-down, /Rotate applied); here they are turned
back into the page's own user space, the same way round PDFium turned them, so marks land on rotated
and landscape pages where the text is. The labels are drawn turned with the page so they read upright.
The overlay and the list are drawn with fpdf2 (the list in Noto Sans SC, as ``yusuan export`` does)
and put together with pypdf (BSD): PDFium can draw but cannot write bookmarks or links to pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from fpdf import FPDF

from yusuan.check.findings import Finding, Severity, counts
from yusuan.errors import UnreadableInput
from yusuan.model import Document
from yusuan.write.annotate_list import ListPage, findings_list
from yusuan.write.marks import Box, Numbered, numbered, page_marks


@dataclass(frozen=True, slots=True)
class PageGeometry:
    """A page as the reader saw it: displayed size and /Rotate (clockwise degrees)."""

    width: float
    height: float
    rotation: int

    def to_user(self, box: Box) -> Box:
        """A displayed (x0, top, x1, bottom) box as (left, bottom, right, top) in the page's user space:
        the inverse of :class:`yusuan.read.pdf.extract.Display`."""
        x0, top, x1, bottom = box
        w, h = self.width, self.height
        if self.rotation == 90:
            return (top, x0, bottom, x1)
        if self.rotation == 180:
            return (w - x1, top, w - x0, bottom)
        if self.rotation == 270:
            return (h - bottom, w - x1, h - top, w - x0)
        return (x0, h - bottom, x1, h - top)

    @property
    def user_size(self) -> tuple[float, float]:
        return (self.height, self.width) if self.rotation in (90, 270) else (self.width, self.height)


def geometry(data: bytes) -> list[PageGeometry]:
    """Every page's displayed size and rotation, as PDFium (and so the reader) sees them."""
    from yusuan.read.pdf.extract import open_pdf

    document = open_pdf(data)
    try:
        result = []
        for index in range(len(document)):
            page = document[index]
            try:
                width, height = page.get_size()
                result.append(PageGeometry(width, height, page.get_rotation() % 360))
            finally:
                page.close()
        return result
    finally:
        document.close()


def annotate_pdf(data: bytes, document: Document, findings: list[Finding]) -> bytes:
    """The original PDF with the findings marked, a list of them in front, a bookmark for each."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError

    pages = geometry(data)
    items = numbered(findings)
    try:
        writer = PdfWriter(clone_from=PdfReader(BytesIO(data)))
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise UnreadableInput(f"无法在这份 PDF 上标注（{type(error).__name__}）：文件结构有误。") from None
    overlays, drawn = _overlays(items, pages)
    if drawn:
        overlay_reader = PdfReader(BytesIO(overlays))
        for k, page_number in enumerate(drawn):
            writer.pages[page_number - 1].merge_page(overlay_reader.pages[k], over=True)
    listing = findings_list(document, items, counts(findings))
    _insert_list(writer, listing, items, pages)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _overlays(items: list[Numbered], pages: list[PageGeometry]) -> tuple[bytes, list[int]]:
    """One overlay page per page with marks, in that page's user space; and which pages they are."""
    pdf = FPDF(unit="pt")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    drawn: list[int] = []
    for number, page in enumerate(pages, start=1):
        marks = page_marks([i for i in items if number in i.pages], number, page.width)
        if not marks:
            continue
        user_w, user_h = page.user_size
        pdf.add_page(format=(user_w, user_h))
        for mark in marks:
            pdf.set_draw_color(*mark.colour)
            pdf.set_fill_color(*mark.colour)
            pdf.set_line_width(1.0)
            for box in mark.boxes:
                x, y, w, h = _rect(page, box, user_h)
                with pdf.local_context(fill_opacity=0.12):
                    pdf.rect(x, y, w, h, style="F")
                pdf.rect(x, y, w, h, style="D")
            _label(pdf, page, mark.label, str(mark.number), user_h)
        drawn.append(number)
    return (bytes(pdf.output()) if drawn else b""), drawn


def _rect(page: PageGeometry, box: Box, user_h: float) -> tuple[float, float, float, float]:
    """fpdf2's (x, y from the top, w, h) of a displayed box on the unrotated overlay page."""
    left, bottom, right, top = page.to_user(box)
    return left, user_h - top, right - left, top - bottom


def _label(pdf: FPDF, page: PageGeometry, box: Box, text: str, user_h: float) -> None:
    x, y, w, h = _rect(page, box, user_h)
    pdf.rect(x, y, w, h, style="F")
    label_w, label_h = box[2] - box[0], box[3] - box[1]
    cx, cy = x + w / 2, y + h / 2
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("helvetica", "B", size=label_h * 0.8)
    with pdf.rotation(page.rotation, x=cx, y=cy):  # counter-clockwise: upright once the page is turned
        pdf.set_xy(cx - label_w / 2, cy - label_h / 2)
        pdf.cell(label_w, label_h, text, align="C")


def _insert_list(writer, listing: ListPage, items: list[Numbered], pages: list[PageGeometry]) -> None:
    from pypdf import PdfReader
    from pypdf.annotations import Link

    front = PdfReader(BytesIO(listing.pdf))
    for k, page in enumerate(front.pages):
        writer.insert_page(page, index=k)
    shift = len(front.pages)
    for link in listing.links:
        target = shift + link.page - 1
        writer.add_annotation(link.list_page, Link(rect=link.rect, target_page_index=target,
                                                   fit=_fit(items[link.number - 1], link.page, pages)))
    root = writer.add_outline_item(title=f"校验发现（{len(items)} 条）", page_number=0, bold=True)
    for item in items:
        if not item.pages:
            continue
        finding = item.finding
        writer.add_outline_item(
            title=f"{item.number}. {finding.severity.chinese} {finding.rule}：{_short(finding.message)}",
            page_number=shift + item.pages[0] - 1, parent=root, color=tuple(c / 255 for c in item.colour),
            fit=_fit(item, item.pages[0], pages))


def _fit(item: Numbered, page: int, pages: list[PageGeometry]):
    """Open the page at the finding's first box (unrotated pages; a turned page opens whole)."""
    from pypdf.generic import Fit

    geometry_ = pages[page - 1]
    boxes = [m[1:] for c in item.finding.cells for m in c.boxes if m[0] == page]
    if not boxes or geometry_.rotation:
        return Fit.fit()
    _, _, _, top = geometry_.to_user(boxes[0])
    return Fit.xyz(left=0, top=min(top + 40, geometry_.height), zoom=0)


def _short(message: str, most: int = 48) -> str:
    return message if len(message) <= most else message[:most - 1] + "…"


__all__ = ["Severity", "annotate_pdf", "geometry"]
