"""The tables as an Excel workbook laid out like the official template (openpyxl).

One sheet per table: ``表N`` on the first line, the title, 单位名称 and 单位, the merged multi-level
header, one row per printed row (codes in their own column, names indented by level, amounts as
numbers shown with thousands separators at their printed precision), the 注 lines under the table.
Each sheet prints on A4, fitted to the page width, header rows repeated, ``- N -`` in the footer.
A 目录 sheet links to every table. The Document's other parts (meta, text, claims) are kept as JSON
in a hidden sheet so :mod:`yusuan.read.xlsx` can read the workbook back into the same Document:
a hidden sheet survives editing in Excel and WPS and has no length limit, unlike document properties.

openpyxl rather than XlsxWriter: the round trip needs a reader anyway, and one library that both
writes and reads the format keeps the dependencies to one.
"""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from yusuan.document_json import to_dict
from yusuan.files import write_atomic
from yusuan.model import Document
from yusuan.money import places_of
from yusuan.write.outline import document_title
from yusuan.write.stamp import build_time, fixed_zip, naive_utc
from yusuan.write.table_grid import Grid, document_grids

META_SHEET = "yusuan"
CONTENTS_SHEET = "目录"
CHUNK = 30_000  # a cell holds at most 32,767 characters
HEADER_TOP = 4  # first header row: 表N, title and the unit line come before
LINE_HEIGHT = 13.5  # points per line of 10-point 宋体
_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", ""))

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BODY_FONT = Font(name="宋体", size=10)
_BOLD_FONT = Font(name="宋体", size=10, bold=True)
_HEADER_FILL = PatternFill("solid", start_color="F2F2F2")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def sheet_name(grid: Grid) -> str:
    """``表3 支出总体情况表``, cut to Excel's 31 characters and without the characters it forbids."""
    return f"表{grid.table.number} {grid.table.title}".translate(_FORBIDDEN)[:31]


def number_format(places: int) -> str:
    return "#,##0" + ("." + "0" * places if places else "")


def _display_width(text: str) -> int:
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)


def _table_sheet(ws: Worksheet, grid: Grid) -> None:
    width = grid.width
    last = get_column_letter(width)
    ws["A1"] = grid.heading
    ws["A1"].font = Font(name="黑体", size=12)
    ws["A2"] = grid.table.title
    ws["A2"].font = Font(name="黑体", size=16, bold=True)
    ws["A2"].alignment = _CENTER
    ws.merge_cells(f"A2:{last}2")
    ws.row_dimensions[2].height = 30
    ws["A3"] = grid.entity_line
    ws.cell(3, width, grid.unit_line).alignment = Alignment(horizontal="right")
    if width > 2:
        ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=width - 1)

    for cell in grid.header:
        row, col = HEADER_TOP + cell.row, 1 + cell.col
        ws.cell(row, col, cell.text)
        if cell.rowspan > 1 or cell.colspan > 1:
            ws.merge_cells(start_row=row, start_column=col, end_row=row + cell.rowspan - 1,
                           end_column=col + cell.colspan - 1)
    body_top = HEADER_TOP + grid.header_rows
    for row in ws.iter_rows(min_row=HEADER_TOP, max_row=body_top - 1, max_col=width):
        for cell in row:
            cell.font, cell.alignment, cell.border, cell.fill = _BOLD_FONT, _CENTER, _BORDER, _HEADER_FILL

    for r, cells in enumerate(grid.body, start=body_top):
        for c, item in enumerate(cells, start=1):
            target = ws.cell(r, c)
            target.border = _BORDER
            target.font = _BOLD_FONT if item.total else _BODY_FONT
            if item.kind == "amount":
                if item.value is not None:
                    target.value = item.value
                    target.number_format = number_format(places_of(item.value))
                target.alignment = Alignment(horizontal="right", vertical="top")
            elif item.kind == "label":
                target.value = item.text or None
                target.alignment = Alignment(indent=2 * item.indent, vertical="top", wrap_text=True)
            elif item.kind == "text":
                target.value = item.text or None
                target.alignment = Alignment(vertical="top", wrap_text=True)
            else:
                target.value = item.text or None
                target.alignment = Alignment(horizontal="left", vertical="top")
    note_top = body_top + len(grid.body)
    for n, line in enumerate(grid.note_lines):
        row = note_top + n
        ws.cell(row, 1, line).alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    _column_widths(ws, grid)
    _row_heights(ws, grid, body_top, note_top)
    _print_setup(ws, grid, body_top)


def _column_widths(ws: Worksheet, grid: Grid) -> None:
    for c, kind in enumerate(grid.kinds):
        texts = [row[c].text for row in grid.body]
        widest = max((_display_width(t) + 2 * row[c].indent for t, row in zip(texts, grid.body, strict=True)),
                     default=0)
        if kind == "code":
            width = max(10, widest + 2)
        elif kind == "label":
            width = min(max(16, widest + 2), 44)
        elif kind == "text":
            width = 48
        else:
            width = max(12, widest + 2)
        ws.column_dimensions[get_column_letter(c + 1)].width = width


def _lines(text: str, width: float) -> int:
    """Lines a wrapped cell needs: Excel and WPS keep a written file's row heights, so we size rows."""
    return max(1, -(-_display_width(text) // max(1, int(width) - 1)))


def _row_heights(ws: Worksheet, grid: Grid, body_top: int, note_top: int) -> None:
    widths = [ws.column_dimensions[get_column_letter(c + 1)].width or 10 for c in range(grid.width)]
    heights = [1] * grid.header_rows
    for cell in sorted(grid.header, key=lambda c: c.rowspan):
        needed = _lines(cell.text, sum(widths[cell.col:cell.col + cell.colspan]))
        spanned = heights[cell.row:cell.row + cell.rowspan]
        if sum(spanned) < needed:
            heights[cell.row + cell.rowspan - 1] += needed - sum(spanned)
    for n, lines in enumerate(heights):
        ws.row_dimensions[HEADER_TOP + n].height = LINE_HEIGHT * lines + 4
    for r, cells in enumerate(grid.body, start=body_top):
        lines = max(_lines(c.text, widths[i] - 2 * c.indent) for i, c in enumerate(cells)
                    if c.kind in ("label", "text"))
        if lines > 1:
            ws.row_dimensions[r].height = LINE_HEIGHT * lines + 2
    for n, line in enumerate(grid.note_lines):
        ws.row_dimensions[note_top + n].height = LINE_HEIGHT * _lines(line, sum(widths)) + 2


def _print_setup(ws: Worksheet, grid: Grid, body_top: int) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if grid.width > 8 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"{HEADER_TOP}:{body_top - 1}"
    ws.oddFooter.center.text = "- &P -"
    first_amount = grid.kinds.index("amount") + 1 if "amount" in grid.kinds else 1
    ws.freeze_panes = f"{get_column_letter(first_amount if grid.layout != 'two_sided' else 1)}{body_top}"


def _contents_sheet(ws: Worksheet, document: Document, grids: list[Grid]) -> None:
    ws["A1"] = document_title(document)
    ws["A1"].font = Font(name="黑体", size=16, bold=True)
    ws.merge_cells("A1:B1")
    ws["A2"] = "目录"
    ws["A2"].font = Font(name="黑体", size=12)
    for n, grid in enumerate(grids, start=3):
        ws.cell(n, 1, grid.heading)
        link = ws.cell(n, 2, grid.table.title)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{sheet_name(grid)}'!A1")  # within the file
        link.font = Font(name="宋体", color="0563C1", underline="single")
    ws.column_dimensions["A"].width = 8
    ws.column_dimensions["B"].width = 60


def _meta_sheet(ws: Worksheet, document: Document) -> None:
    data = to_dict(document)
    data.pop("tables")
    text = json.dumps(data, ensure_ascii=False)
    ws["A1"] = "yusuan Document（不含表格；表格以各表工作表为准）"
    for n, start in enumerate(range(0, len(text), CHUNK), start=2):
        ws.cell(n, 1, text[start:start + CHUNK])
    ws.sheet_state = "hidden"


def _no_formulas(workbook: Workbook) -> None:
    """Every cell we write is data: openpyxl would store text beginning with ``=`` (an entity, a 绩效目标,
    a chunk of the hidden JSON) as a live formula, so such cells are kept text, shown with Excel's
    quote prefix so that editing them does not turn them into one either."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
                    cell.quotePrefix = True


def xlsx_bytes(document: Document) -> bytes:
    grids = document_grids(document)
    workbook = Workbook()
    _contents_sheet(workbook.active, document, grids)
    workbook.active.title = CONTENTS_SHEET
    for grid in grids:
        _table_sheet(workbook.create_sheet(sheet_name(grid)), grid)
    _meta_sheet(workbook.create_sheet(META_SHEET), document)
    _no_formulas(workbook)
    workbook.properties.title = document_title(document)
    workbook.properties.creator = "yusuan"
    when = build_time(document)
    workbook.properties.created = workbook.properties.modified = naive_utc(when)
    buffer = BytesIO()
    ExcelWriter(workbook, ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True)).save()  # not Workbook.save:
    return fixed_zip(buffer.getvalue(), when)  # that stamps "modified" with the clock


def write_xlsx(document: Document, path: str | Path) -> Path:
    return write_atomic(path, xlsx_bytes(document))
