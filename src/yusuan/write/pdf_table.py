"""Drawing one table (a :class:`~yusuan.write.table_grid.Grid`) on fpdf2 pages, row by row.

Drawn by hand rather than with fpdf2's ``table()``: the PDF must read back as text, so every row is
one line of separate text runs — code, name, each amount — on one baseline, names never wrap (a name
too long for its column is set smaller), only the text column (绩效目标) wraps, below the row's first
line. A row that does not fit goes to the next page, where the header is drawn again first.
"""

from __future__ import annotations

from dataclasses import dataclass

from fpdf import FPDF

from yusuan.write.table_grid import Cell, Grid, column_widths, fit_font_size

PT = 25.4 / 72  # mm per point
PADDING = 1.6  # mm, each side of a cell: keeps neighbouring figures apart in extracted text
LEADING = 1.45  # line height as a multiple of the font size
LARGEST, SMALLEST, SHRUNK = 9.0, 6.5, 5.0  # pt: table text, the least before names wrap, a shrunk name


@dataclass(slots=True)
class TableLayout:
    """Font size and column widths (mm) of one table for a given page width."""

    size: float
    widths: list[float]

    @property
    def line(self) -> float:
        return self.size * PT * LEADING


def layout(grid: Grid, available: float) -> TableLayout:
    size = fit_font_size(grid, available / PT, 2 * PADDING / PT, LARGEST, SMALLEST)
    ems = column_widths(grid)
    natural = [em * size * PT + 2 * PADDING for em in ems]
    scale = available / sum(natural) if sum(natural) > available else 1.0
    return TableLayout(size, [w * scale for w in natural])


def fits_portrait(grid: Grid, portrait_width: float) -> bool:
    """Portrait unless the table's text would have to be smaller than it is comfortable to read."""
    return fit_font_size(grid, portrait_width / PT, 2 * PADDING / PT, LARGEST, 0) >= 7.5


NO_LINE_START = frozenset("，。、；：？！）》」』”’%…—,.;:?!)]")
_UNBROKEN = "0123456789.,%ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"  # figures and words stay whole


def wrap_lines(pdf: FPDF, text: str, width: float) -> list[str]:
    """Break Chinese text into lines of ``width`` in the current font, any character being a break.

    Written here because fpdf2 breaks at spaces or anywhere, but never follows the Chinese rule that a
    line does not start with a closing punctuation mark: such a mark hangs in the margin instead
    (悬挂标点), as Chinese typesetting does. Figures and Latin words are not split across lines.
    """
    if not text:
        return [""]
    lines: list[str] = []
    line, used = "", 0.0
    for char in text:
        advance = pdf.get_string_width(char)
        if line and used + advance > width and char not in NO_LINE_START:
            run = len(line) - len(line.rstrip(_UNBROKEN)) if char in _UNBROKEN else 0
            if run == len(line):
                run = 0  # a figure longer than the line: break it after all
            lines.append(line[:len(line) - run])
            line = line[len(line) - run:]
            used = pdf.get_string_width(line)
        line += char
        used += advance
    lines.append(line)
    return lines


def _header_heights(pdf: FPDF, grid: Grid, table: TableLayout, family: str) -> list[float]:
    """Height of each header row, so that every (merged) header cell holds its wrapped text."""
    pdf.set_font(family, size=table.size)
    heights = [table.line + 2 * PADDING / 2] * grid.header_rows
    for cell in sorted(grid.header, key=lambda c: c.rowspan):
        width = sum(table.widths[cell.col:cell.col + cell.colspan]) - 2 * PADDING
        needed = len(wrap_lines(pdf, cell.text, width)) * table.line + PADDING
        spanned = heights[cell.row:cell.row + cell.rowspan]
        if sum(spanned) < needed:
            heights[cell.row + cell.rowspan - 1] += needed - sum(spanned)
    return heights


class TableDrawer:
    """Draws a grid from the current position; ``new_page`` is called when a row does not fit."""

    def __init__(self, pdf: FPDF, grid: Grid, table: TableLayout, fonts: tuple[str, str]) -> None:
        self.pdf, self.grid, self.table = pdf, grid, table
        self.body_font, self.header_font = fonts
        self.left = pdf.l_margin + (pdf.epw - sum(table.widths)) / 2
        self.starts = [self.left + sum(table.widths[:i]) for i in range(len(table.widths))]
        self.header_heights = _header_heights(pdf, grid, table, self.header_font)

    def draw(self) -> None:
        pdf = self.pdf
        self._header()
        for cells in self.grid.body:
            lines = self._wrapped(cells)
            height = max(len(ls) for ls in lines) * self.table.line + PADDING
            if pdf.get_y() + height > pdf.page_break_trigger:
                pdf.add_page(orientation=pdf.cur_orientation)
                self._header()
            self._row(cells, lines, height)

    def _header(self) -> None:
        pdf, table = self.pdf, self.table
        top = pdf.get_y()
        tops = [top + sum(self.header_heights[:r]) for r in range(self.grid.header_rows)]
        pdf.set_font(self.header_font, size=table.size)
        pdf.set_fill_color(242, 242, 242)
        for cell in self.grid.header:
            x = self.starts[cell.col]
            width = sum(table.widths[cell.col:cell.col + cell.colspan])
            height = sum(self.header_heights[cell.row:cell.row + cell.rowspan])
            pdf.rect(x, tops[cell.row], width, height, style="DF")
            lines = wrap_lines(pdf, cell.text, width - 2 * PADDING)
            y = tops[cell.row] + (height - len(lines) * table.line) / 2
            for line in lines:
                pdf.text(x + (width - pdf.get_string_width(line)) / 2, y + self._ascent(), line)
                y += table.line
        pdf.set_y(top + sum(self.header_heights))

    def _ascent(self) -> float:
        return self.table.line / 2 + self.table.size * PT * 0.35

    def _wrapped(self, cells: list[Cell]) -> list[list[str]]:
        self.pdf.set_font(self.body_font, size=self.table.size)
        return [wrap_lines(self.pdf, c.text, self.table.widths[i] - 2 * PADDING) if c.kind == "text" else [c.text]
                for i, c in enumerate(cells)]

    def _row(self, cells: list[Cell], lines: list[list[str]], height: float) -> None:
        pdf, table = self.pdf, self.table
        top = pdf.get_y()
        baseline = top + PADDING / 2 + self._ascent()
        for i, cell in enumerate(cells):
            x, width = self.starts[i], table.widths[i]
            pdf.rect(x, top, width, height)
            if not cell.text:
                continue
            # the bundled CJK fonts have one weight: totals are set in the sans face instead of bold
            pdf.set_font(self.header_font if cell.total else self.body_font, size=table.size)
            inner = width - 2 * PADDING
            if cell.kind == "amount":
                pdf.text(x + width - PADDING - pdf.get_string_width(cell.text), baseline, cell.text)
            elif cell.kind == "text":
                for n, line in enumerate(lines[i]):
                    pdf.text(x + PADDING, baseline + n * table.line, line)
            else:
                indent = cell.indent * table.size * PT
                text_width = pdf.get_string_width(cell.text)
                if text_width > inner - indent:  # shrink a long name rather than wrap it onto a second line
                    indent = min(indent, max(0.0, inner - text_width))
                    if text_width > inner - indent:
                        pdf.set_font_size(max(SHRUNK, table.size * (inner - indent) / text_width))
                pdf.text(x + PADDING + indent, baseline, cell.text)
        pdf.set_y(top + height)
