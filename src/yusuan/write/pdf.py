"""The whole disclosure as an A4 PDF (fpdf2) that renders the same on a machine without Chinese fonts.

fpdf2 embeds a subset of the OpenType font it is given (CID-keyed CFF included), so the file carries
its glyphs; ReportLab's built-in CID fonts are not embedded and its TTF loader cannot read CFF
outlines. The fonts are Noto Serif SC (body, the 宋体 role) and Noto Sans SC (headings, the 黑体 role)
from the ``pylopdf-fonts-zh-cn`` package (SIL OFL 1.1). The text stays searchable and is laid out so
that it reads back as the disclosure: part headings, ``表N``, the title, the 单位名称/单位 line, one
line per table row, ``注：`` lines, ``- N -`` page footers. There is no printed contents page (its part
titles would read as the parts themselves); the PDF outline (bookmarks) lists parts and tables instead.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fpdf import FPDF

from yusuan.files import write_atomic
from yusuan.model import Document
from yusuan.write.outline import Heading, KeyProjects, Paragraph, TableBlock, blocks, document_title
from yusuan.write.pdf_table import PT, TableDrawer, fits_portrait, layout, wrap_lines
from yusuan.write.stamp import build_time
from yusuan.write.table_grid import Grid

SERIF, SANS = "serif", "sans"
MARGIN = 20.0  # mm
BODY_SIZE, HEADING_SIZES = 12.0, {1: 16.0, 2: 13.0}
INDENT = "\u3000\u3000"  # the two-character first-line indent of Chinese prose


@cache
def font_files() -> tuple[Path, Path]:
    """Noto Serif SC and Noto Sans SC, shipped by the ``pylopdf-fonts-zh-cn`` package."""
    import pylopdf_fonts_zh_cn as fonts

    return fonts.serif_path(), fonts.sans_path()


class _Pages(FPDF):
    """A4 pages with ``- N -`` centred in the footer, counted from the first page after the cover."""

    def __init__(self) -> None:
        super().__init__(unit="mm", format="A4")
        serif, sans = font_files()
        self.add_font(SERIF, fname=str(serif))
        self.add_font(SANS, fname=str(sans))
        for font in self.fonts.values():
            # Keep the fonts' own bounding boxes instead of recomputing them from every glyph of the
            # subset: a box larger than the subset's is valid, and it saves two thirds of the output time.
            font.ttfont.recalcBBoxes = False
        self.set_fallback_fonts([SANS, SERIF])
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN)
        self.cover_pages = 0

    def footer(self) -> None:
        if self.page_no() <= self.cover_pages:
            return
        self.set_y(-MARGIN + 4)
        self.set_font(SERIF, size=10.5)
        self.cell(0, 6, f"- {self.page_no() - self.cover_pages} -", align="C")


def _cover(pdf: _Pages, document: Document) -> None:
    pdf.add_page()
    pdf.cover_pages = 1
    pdf.set_y(90)
    pdf.set_font(SANS, size=26)
    pdf.multi_cell(0, 14, document_title(document), align="C", wrapmode="CHAR")


def _heading(pdf: _Pages, block: Heading) -> None:
    size = HEADING_SIZES.get(block.level, BODY_SIZE)
    if block.level == 1:
        pdf.add_page(orientation="P")
        pdf.start_section(block.text, level=0)
    elif pdf.get_y() + 4 * size * PT > pdf.page_break_trigger:
        pdf.add_page(orientation=pdf.cur_orientation)  # keep a heading with its first lines
    pdf.set_font(SANS, size=size)
    pdf.ln(2 if block.level > 1 else 0)
    pdf.multi_cell(0, size * PT * 1.8, block.text, align="C" if block.level == 1 else "L", wrapmode="CHAR",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _flow(pdf: _Pages, text: str, size: float, leading: float, indent: float = 0.0) -> None:
    """Wrapped text from the current position down, continuing on a new page where the page ends."""
    height = size * PT * leading
    for line in wrap_lines(pdf, text, pdf.epw - indent):
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page(orientation=pdf.cur_orientation.value)
        pdf.text(pdf.l_margin + indent, pdf.get_y() + height / 2 + size * PT * 0.35, line)
        pdf.set_y(pdf.get_y() + height)


def _paragraph(pdf: _Pages, block: Paragraph) -> None:
    pdf.set_font(SERIF, size=BODY_SIZE)
    _flow(pdf, INDENT + block.text, BODY_SIZE, 1.8)


def _table(pdf: _Pages, grid: Grid, first_in_part: bool) -> None:
    portrait = fits_portrait(grid, 210 - 2 * MARGIN)
    orientation = "P" if portrait else "L"
    if not first_in_part or orientation != pdf.cur_orientation.value:
        pdf.add_page(orientation=orientation)
    pdf.start_section(f"{grid.heading} {grid.table.title}", level=1)
    table = layout(grid, pdf.epw)
    top = pdf.get_y()
    # The 单位名称/单位 line is printed below the title but written first, as the official PDFs do:
    # their text then reads 单位 line, 表N, title, header — the order readers of disclosures expect.
    unit_y = top + 7 + 8 + 5
    pdf.set_font(SERIF, size=9.5)
    pdf.text(pdf.l_margin, unit_y, grid.entity_line)
    pdf.text(pdf.l_margin + pdf.epw - pdf.get_string_width(grid.unit_line), unit_y, grid.unit_line)
    pdf.set_font(SANS, size=12)
    pdf.cell(0, 7, grid.heading, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(SANS, size=15)
    pdf.cell(0, 8, grid.table.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(unit_y + 2)
    pdf.set_auto_page_break(False, margin=MARGIN)  # rows break pages themselves, above the footer
    drawer = TableDrawer(pdf, grid, table, (SERIF, SANS))
    drawer.draw()
    pdf.set_auto_page_break(True, margin=MARGIN)
    _notes(pdf, grid, drawer.left - pdf.l_margin)


def _notes(pdf: _Pages, grid: Grid, left: float) -> None:
    """The 注 lines under the table, aligned with its left edge; further notes under the first one's text."""
    pdf.set_font(SERIF, size=9)
    pdf.ln(1)
    for line in grid.note_lines:
        _flow(pdf, line, 9, 1.6, indent=left + (0 if line.startswith("注") else pdf.get_string_width("注：")))


def _key_projects(pdf: _Pages, block: KeyProjects) -> None:
    """Section 六's list: name and amount on the row's first line, the goal wrapping beside them."""
    pdf.set_font(SANS, size=10)
    amount = pdf.get_string_width(block.header[1]) + 4
    widths = [pdf.epw * 0.34, amount, pdf.epw * 0.66 - amount]
    line = 10 * PT * 1.6
    pdf.ln(1)
    for text, width in zip(block.header, widths, strict=True):
        pdf.cell(width, line + 2, text, border=1, align="C")
    pdf.ln(line + 2)
    pdf.set_font(SERIF, size=10)
    for name, amount, goal in block.rows:
        lines = wrap_lines(pdf, goal, widths[2] - 3)
        height = len(lines) * line + 2
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page(orientation=pdf.cur_orientation)
        top = pdf.get_y()
        x = pdf.l_margin
        for width in widths:
            pdf.rect(x, top, width, height)
            x += width
        baseline = top + 1 + line * 0.7
        pdf.text(pdf.l_margin + 1.5, baseline, name)
        pdf.text(pdf.l_margin + widths[0] + widths[1] - 1.5 - pdf.get_string_width(amount), baseline, amount)
        for n, text in enumerate(lines):
            pdf.text(pdf.l_margin + widths[0] + widths[1] + 1.5, baseline + n * line, text)
        pdf.set_y(top + height)
    pdf.ln(2)


def pdf_bytes(document: Document) -> bytes:
    pdf = _Pages()
    pdf.set_title(document_title(document))
    pdf.set_author(document.meta.entity)
    pdf.set_creator("yusuan")
    pdf.set_creation_date(build_time(document))  # and so the /ID derived from it: the same input, the same bytes
    pdf.set_lang("zh-CN")
    _cover(pdf, document)
    previous = None
    for block in blocks(document):
        if isinstance(block, Heading):
            _heading(pdf, block)
        elif isinstance(block, Paragraph):
            _paragraph(pdf, block)
        elif isinstance(block, TableBlock):
            _table(pdf, block.grid, first_in_part=isinstance(previous, Heading))
        elif isinstance(block, KeyProjects):
            _key_projects(pdf, block)
        previous = block
    return bytes(pdf.output())


def write_pdf(document: Document, path: str | Path) -> Path:
    return write_atomic(path, pdf_bytes(document))
