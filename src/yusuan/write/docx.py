"""The whole disclosure as a Word document (python-docx), set as official documents are set.

Body text 仿宋 三号 with a two-character first-line indent, headings 黑体, tables 宋体; every font is
set for East Asian text too (``w:eastAsia`` in ``rFonts``), otherwise Word falls back to its theme
font for Chinese. A cover, a table of contents (a Word TOC field, pre-filled with the headings so it
reads right before Word refreshes its page numbers), Parts 1–4, the tables in a landscape section with
merged header cells and header rows repeated on every page, ``- N -`` page numbers in the footer.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from yusuan.files import write_atomic
from yusuan.model import Document
from yusuan.write.outline import Heading, KeyProjects, Paragraph, TableBlock, blocks, document_title
from yusuan.write.stamp import build_time, fixed_zip, naive_utc
from yusuan.write.table_grid import Grid, column_widths, fit_font_size

FANGSONG, SONG, HEI = "仿宋", "宋体", "黑体"
LATIN = "Times New Roman"
BODY_STYLE, CELL_STYLE, NOTE_STYLE, TOC_STYLES = "正文仿宋", "表格文字", "表注", ("TOC 1", "TOC 2", "TOC 3")
CELL_STYLE_ID = "TableText"
TABLE_HEADING = 3
PORTRAIT_TEXT_WIDTH, LANDSCAPE_TEXT_WIDTH = Mm(210 - 2 * 26), Mm(297 - 2 * 20)
CELL_PADDING = Mm(0.8)  # table titles are level-3 headings, so the contents list them under Part 2


def set_fonts(element: object, east_asia: str, latin: str = LATIN) -> None:
    """Set a style's or run's fonts for Latin and East Asian text; drop theme fonts that would win."""
    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for attr, name in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia), ("w:cs", latin)):
        fonts.set(qn(attr), name)


def _style(doc: object, name: str, east_asia: str, size: float, *, bold: bool = False,
           base: str | None = None) -> BaseStyle:
    styles = doc.styles  # type: ignore[attr-defined]
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, 1)
    if base:
        style.base_style = styles[base]
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)
    set_fonts(style.element, east_asia)
    return style


def _setup_styles(doc: object) -> None:
    normal = _style(doc, "Normal", FANGSONG, 16)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(28)
    normal.paragraph_format.space_after = Pt(0)
    body = _style(doc, BODY_STYLE, FANGSONG, 16, base="Normal")
    body.paragraph_format.first_line_indent = Pt(32)
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for level, size in ((1, 16), (2, 16), (3, 14)):
        heading = _style(doc, f"Heading {level}", HEI, size, bold=level == 3)
        fmt = heading.paragraph_format
        fmt.space_before, fmt.space_after = Pt(12 if level == 1 else 6), Pt(6)
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(28)
        fmt.first_line_indent = Pt(32) if level == 2 else None
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if level != 2 else None
        fmt.keep_with_next = True
        heading.font.italic = False
    cell = _style(doc, CELL_STYLE, SONG, 9)
    cell.element.styleId = CELL_STYLE_ID
    cell.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    cell.paragraph_format.space_after = Pt(0)
    note = _style(doc, NOTE_STYLE, SONG, 10, base=CELL_STYLE)
    note.paragraph_format.space_before = Pt(3)
    for level, name in enumerate(TOC_STYLES, start=1):
        toc = _style(doc, name, FANGSONG if level > 1 else HEI, 14)
        toc.paragraph_format.left_indent = Pt(21 * (level - 1))
        toc.paragraph_format.space_after = Pt(0)


def _page(section: object, landscape: bool) -> None:
    long, short = Mm(297), Mm(210)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT  # type: ignore[attr-defined]
    section.page_width, section.page_height = (long, short) if landscape else (short, long)  # type: ignore[attr-defined]
    section.top_margin = section.bottom_margin = Mm(25 if not landscape else 20)  # type: ignore[attr-defined]
    section.left_margin = section.right_margin = Mm(26 if not landscape else 20)  # type: ignore[attr-defined]


def _field_char(kind: str) -> object:
    run = OxmlElement("w:r")
    node = OxmlElement("w:fldChar")
    node.set(qn("w:fldCharType"), kind)
    run.append(node)
    return run


def _instruction(text: str) -> object:
    run = OxmlElement("w:r")
    node = OxmlElement("w:instrText")
    node.set(qn("xml:space"), "preserve")
    node.text = text
    run.append(node)
    return run


def _field(paragraph: DocxParagraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE …) showing ``shown`` until Word computes it."""
    paragraph._p.append(_field_char("begin"))
    paragraph._p.append(_instruction(instruction))
    paragraph._p.append(_field_char("separate"))
    paragraph.add_run(shown)
    paragraph._p.append(_field_char("end"))


def _footer(section: object) -> None:
    footer = section.footer  # type: ignore[attr-defined]
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("- ")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" -")
    for run in paragraph.runs:
        run.font.size = Pt(14)
        set_fonts(run._r, SONG)


def _toc(doc: object, entries: list[tuple[int, str]]) -> None:
    """A TOC field over heading levels 1–3; until Word updates it, it shows the headings themselves."""
    title = doc.add_paragraph()  # type: ignore[attr-defined]
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("目  录")
    run.font.size, run.font.bold = Pt(22), True
    set_fonts(run._r, HEI)
    lines = [doc.add_paragraph(text, style=TOC_STYLES[level - 1]) for level, text in entries]  # type: ignore[attr-defined]
    first_run = lines[0].runs[0]._r
    for node in (_field_char("begin"), _instruction('TOC \\o "1-3" \\h \\z \\u'), _field_char("separate")):
        first_run.addprevious(node)
    lines[-1]._p.append(_field_char("end"))
    update = OxmlElement("w:updateFields")  # Word offers to refresh the page numbers on opening
    update.set(qn("w:val"), "true")
    doc.settings.element.append(update)  # type: ignore[attr-defined]


def _cover(doc: object, document: Document) -> None:
    for _ in range(6):
        doc.add_paragraph()  # type: ignore[attr-defined]
    title = doc.add_paragraph()  # type: ignore[attr-defined]
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing = Pt(40)
    run = title.add_run(document_title(document))
    run.font.size, run.font.bold = Pt(26), True
    set_fonts(run._r, HEI)
    title.add_run().add_break(WD_BREAK.PAGE)


def _cell_text(cell: object, text: str, size: Pt, *, align: WD_ALIGN_PARAGRAPH | None = None,
               bold: bool = False, indent: int = 0) -> None:
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    paragraph._p.style = CELL_STYLE_ID  # by id: python-docx looks a style name up in O(styles) each time
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.left_indent = size * indent
    if text:
        run = paragraph.add_run(text)
        run.font.size = size
        if bold:
            run.bold = True


def _repeat_header(row: object) -> None:
    trpr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    node = OxmlElement("w:tblHeader")
    node.set(qn("w:val"), "true")
    trpr.append(node)


def _new_table(doc: object, rows: int, ems: list[float], page_width: int, size: Pt) -> DocxTable:
    """A bordered table with fixed column widths in proportion to ``ems`` (Word's autofit would
    squeeze the names to a few characters) and narrow cell margins."""
    table = doc.add_table(rows=rows, cols=len(ems))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        node = OxmlElement(f"w:{side}")
        node.set(qn("w:w"), str(int(CELL_PADDING.twips)))
        node.set(qn("w:type"), "dxa")
        margins.append(node)
    table._tbl.tblPr.append(margins)
    padding = 2 * CELL_PADDING
    scale = (page_width - padding * len(ems)) / sum(ems)
    for column, em in zip(table.columns, ems, strict=True):
        width = int(em * scale + padding)
        column.width = width
        for cell in column.cells:
            cell.width = width
    return table


def _grid_table(doc: object, grid: Grid, page_width: int) -> DocxTable:
    size = Pt(round(fit_font_size(grid, page_width / Pt(1), 2 * CELL_PADDING / Pt(1), 9, 6.5) * 2) / 2)
    table = _new_table(doc, grid.header_rows + len(grid.body), column_widths(grid), page_width, size)
    rows = [row.cells for row in table.rows]
    for cell in grid.header:
        origin = rows[cell.row][cell.col]
        if cell.rowspan > 1 or cell.colspan > 1:
            origin = origin.merge(rows[cell.row + cell.rowspan - 1][cell.col + cell.colspan - 1])
        _cell_text(origin, cell.text, size, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    for n in range(grid.header_rows):
        _repeat_header(table.rows[n])
    for r, cells in enumerate(grid.body, start=grid.header_rows):
        for c, item in enumerate(cells):
            align = WD_ALIGN_PARAGRAPH.RIGHT if item.kind == "amount" else None
            _cell_text(rows[r][c], item.text, size, align=align, bold=item.total, indent=item.indent)
    return table


def table_heading(grid: Grid) -> str:
    return f"{grid.heading}　{grid.table.title}"


def _table_block(doc: object, grid: Grid, new_page: bool) -> None:
    """One table per page, as printed: heading, 单位名称 and 单位, the table, its notes."""
    heading = doc.add_paragraph(table_heading(grid), style=f"Heading {TABLE_HEADING}")  # type: ignore[attr-defined]
    heading.paragraph_format.page_break_before = new_page
    line = doc.add_paragraph(style=CELL_STYLE)  # type: ignore[attr-defined]
    line.add_run(grid.entity_line)
    line.add_run("\t" + grid.unit_line)
    line.paragraph_format.tab_stops.add_tab_stop(LANDSCAPE_TEXT_WIDTH, alignment=2)  # the right edge
    _grid_table(doc, grid, LANDSCAPE_TEXT_WIDTH)
    for note in grid.note_lines:
        doc.add_paragraph(note, style=NOTE_STYLE)  # type: ignore[attr-defined]


def _key_projects(doc: object, block: KeyProjects) -> None:
    size = Pt(10.5)
    table = _new_table(doc, 1 + len(block.rows), [10, 6, 18], PORTRAIT_TEXT_WIDTH, size)
    for c, text in enumerate(block.header):
        _cell_text(table.rows[0].cells[c], text, size, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    _repeat_header(table.rows[0])
    for r, (name, amount, goal) in enumerate(block.rows, start=1):
        cells = table.rows[r].cells
        _cell_text(cells[0], name, size)
        _cell_text(cells[1], amount, size, align=WD_ALIGN_PARAGRAPH.RIGHT)
        _cell_text(cells[2], goal, size)


def docx_bytes(document: Document) -> bytes:
    doc = new_docx()
    _setup_styles(doc)
    first = doc.sections[0]
    _page(first, landscape=False)
    first.different_first_page_header_footer = True  # no page number on the cover
    _footer(first)
    _cover(doc, document)
    content = blocks(document)
    _toc(doc, [(b.level, b.text) if isinstance(b, Heading) else (TABLE_HEADING, table_heading(b.grid))
               for b in content if isinstance(b, Heading | TableBlock)])
    previous = None
    for block in content:
        if isinstance(block, Heading):
            if block.level == 1:  # each part starts a page; the tables' part is landscape
                _page(doc.add_section(WD_SECTION.NEW_PAGE), landscape=block.anchor == "part2")
            doc.add_paragraph(block.text, style=f"Heading {block.level}")
        elif isinstance(block, Paragraph):
            doc.add_paragraph(block.text, style=BODY_STYLE)
        elif isinstance(block, TableBlock):
            _table_block(doc, block.grid, new_page=not isinstance(previous, Heading))
        elif isinstance(block, KeyProjects):
            _key_projects(doc, block)
        previous = block
    doc.core_properties.title = document_title(document)
    doc.core_properties.author = document.meta.entity
    when = build_time(document)
    doc.core_properties.created = doc.core_properties.modified = naive_utc(when)
    buffer = BytesIO()
    doc.save(buffer)
    return fixed_zip(buffer.getvalue(), when)


def write_docx(document: Document, path: str | Path) -> Path:
    return write_atomic(path, docx_bytes(document))
