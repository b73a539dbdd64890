"""A table as printed: header cells with their spans, body cells, the lines above and below.

Every writer (xlsx, docx, html, pdf) prints the same grid, so a table looks the same in each and the
layout rules live in one place. The header tree comes from the columns' header paths (the format's
column declaration, carried by the Document): columns that share a path prefix share a merged cell,
a column whose path ends early spans the rows below. Label columns depend on the table's layout —
``code_rows`` print 科目编码 and 科目名称 under 功能/经济分类科目, two-sided tables print 收入 and
支出 side by side. The layout is the format's when the format is known, else read off the rows, so a
Document of a format this version does not declare still prints sensibly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import zip_longest

from yusuan.formats.spec import FormatSpec, TableSpec, load_format
from yusuan.model import Column, Document, Row, Table
from yusuan.money import format_amount

CODE_HEADERS = {"functional": "功能分类科目", "economic": "经济分类科目"}
CODE_COLUMN = "科目编码"
NAME_COLUMN = "科目名称"
ITEM_COLUMN = "项目"
SIDES = ("收入", "支出")
NOTE_PREFIX = "注："


@dataclass(frozen=True, slots=True)
class HeaderCell:
    """One (possibly merged) header cell; ``row``/``col`` are 0-based inside the header block."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True, slots=True)
class Cell:
    """One body cell. ``kind`` is ``code``, ``label``, ``amount`` or ``text``; ``indent`` counts levels."""

    text: str
    kind: str
    value: Decimal | None = None
    indent: int = 0
    total: bool = False  # a 合计/总计 row: printed bold
    row: int | None = None  # the index of the Table row it prints (pages link findings to cells by it)
    column: int | None = None  # the index of its amount column; the text column comes after them


@dataclass(slots=True)
class Grid:
    table: Table
    layout: str
    kinds: list[str]  # the kind of each column: code | label | amount | text
    header: list[HeaderCell]
    header_rows: int
    body: list[list[Cell]] = field(default_factory=list)

    @property
    def width(self) -> int:
        return len(self.kinds)

    @property
    def heading(self) -> str:
        """``表3`` — printed alone on the line above the title, as the official tables do."""
        return f"表{self.table.number}"

    @property
    def unit_line(self) -> str:
        return f"单位：{self.table.unit or '万元'}"

    @property
    def entity_line(self) -> str:
        return f"单位名称：{self.table.entity}" if self.table.entity else ""

    @property
    def note_lines(self) -> list[str]:
        """The notes as printed: the first after ``注：``, each further one on its own line."""
        return [(NOTE_PREFIX if i == 0 else "") + note for i, note in enumerate(self.table.notes)]


def format_spec(document: Document) -> FormatSpec | None:
    """The document's format declaration, or None for a format this version does not declare."""
    try:
        return load_format(document.meta.format)
    except KeyError:
        return None


def table_spec(spec: FormatSpec | None, table: Table) -> TableSpec | None:
    if spec is None:
        return None
    found = next((t for t in spec.tables if t.key == table.key), None)
    return found if found is not None else next((t for t in spec.tables if t.number == table.number), None)


def infer_layout(table: Table) -> str:
    """The layout a table's rows show when no declaration says it."""
    if any(row.side for row in table.rows):
        return "two_sided"
    if table.text_column is not None:
        return "project_rows"
    if any(row.code for row in table.rows):
        return "code_rows"
    return "fixed_rows"


def infer_codes(table: Table) -> str | None:
    """Functional codes start with 2 (201 一般公共服务支出 …), economic ones with 3 or 5 (301, 501 …)."""
    firsts = {row.code[0] for row in table.rows if row.code}
    if firsts == {"2"}:
        return "functional"
    if firsts and firsts <= {"3", "5"}:
        return "economic"
    return None


def amount_text(value: Decimal | None) -> str:
    """An amount exactly as the Document holds it: printed precision kept, thousands separated."""
    return format_amount(value, places=None)


def label_text(row: Row) -> str:
    return f"{row.ordinal or ''}{row.label}"


def indent_of(row: Row) -> int:
    return max(0, (row.level or 1) - 1)


def build_grid(table: Table, spec: TableSpec | None = None) -> Grid:
    layout = spec.layout if spec is not None else infer_layout(table)
    if layout == "two_sided":
        return _two_sided(table)
    amount_header, depth = _column_tree(table.columns)
    if layout == "code_rows":
        codes = spec.codes if spec is not None else infer_codes(table)
        group = CODE_HEADERS.get(codes or "", "科目")
        rows = max(depth, 2)
        label_header = [HeaderCell(group, 0, 0, 1, 2), HeaderCell(CODE_COLUMN, 1, 0, rows - 1),
                        HeaderCell(NAME_COLUMN, 1, 1, rows - 1)]
        kinds = ["code", "label"]
    else:
        rows = depth
        label_header = [HeaderCell(ITEM_COLUMN, 0, 0, rows)]
        kinds = ["label"]
    offset = len(kinds)
    header = label_header + _stretch(amount_header, depth, rows, offset)
    kinds += ["amount"] * len(table.columns)
    if table.text_column is not None:
        header.append(HeaderCell(table.text_column.label, 0, len(kinds), rows))
        kinds.append("text")
    grid = Grid(table, layout, kinds, header, rows)
    for r, row in enumerate(table.rows):
        total = row.level == 0
        cells = [Cell(row.code or "", "code", total=total, row=r)] if layout == "code_rows" else []
        cells.append(Cell(label_text(row), "label", indent=indent_of(row), total=total, row=r))
        cells += [Cell(amount_text(v), "amount", v, total=total, row=r, column=c) for c, v in enumerate(row.values)]
        if table.text_column is not None:
            cells.append(Cell(row.text or "", "text", row=r, column=len(row.values)))
        grid.body.append(cells)
    return grid


def _column_tree(columns: list[Column]) -> tuple[list[HeaderCell], int]:
    """Merged header cells of the amount columns, as if their block were ``depth`` rows high."""
    depth = max((len(c.path) for c in columns), default=1)
    cells: list[HeaderCell] = []
    for level in range(depth):
        start = 0
        while start < len(columns):
            path = columns[start].path
            if len(path) <= level:
                start += 1
                continue
            end = start + 1
            if len(path) > level + 1:  # a group: merge the neighbours under the same prefix
                while end < len(columns) and columns[end].path[:level + 1] == path[:level + 1] \
                        and len(columns[end].path) > level + 1:
                    end += 1
            rowspan = depth - level if len(path) == level + 1 else 1
            cells.append(HeaderCell(path[level], level, start, rowspan, end - start))
            start = end
    return cells, depth


def _stretch(cells: list[HeaderCell], depth: int, rows: int, offset: int) -> list[HeaderCell]:
    """Fit a tree ``depth`` rows high into ``rows`` header rows: leaves reach down to the last row."""
    extra = rows - depth
    result = []
    for cell in cells:
        leaf = cell.row + cell.rowspan == depth
        result.append(HeaderCell(cell.text, cell.row, cell.col + offset,
                                 cell.rowspan + (extra if leaf else 0), cell.colspan))
    return result


def _two_sided(table: Table) -> Grid:
    """收入 rows on the left, 支出 rows on the right, paired line by line in printed order."""
    tree, depth = _column_tree(table.columns)
    block = 1 + len(table.columns)
    header: list[HeaderCell] = []
    kinds: list[str] = []
    for n, side in enumerate(SIDES):
        base = n * block
        header.append(HeaderCell(side, 0, base, 1, block))
        header.append(HeaderCell(ITEM_COLUMN, 1, base, depth))
        header += [HeaderCell(c.text, c.row + 1, c.col + base + 1, c.rowspan, c.colspan) for c in tree]
        kinds += ["label"] + ["amount"] * len(table.columns)
    grid = Grid(table, "two_sided", kinds, header, depth + 1)
    income = [r for r in table.rows if r.side != SIDES[1]]
    expense = [r for r in table.rows if r.side == SIDES[1]]
    index = {id(row): r for r, row in enumerate(table.rows)}
    for left, right in _aligned(income, expense):
        cells: list[Cell] = []
        for row in (left, right):
            if row is None:
                cells += [Cell("", "label")] + [Cell("", "amount")] * len(table.columns)
                continue
            total, r = row.level == 0, index[id(row)]
            cells.append(Cell(label_text(row), "label", indent=indent_of(row), total=total, row=r))
            cells += [Cell(amount_text(v), "amount", v, total=total, row=r, column=c) for c, v in enumerate(row.values)]
        grid.body.append(cells)
    return grid


def _segments(rows: list[Row]) -> list[list[Row | None]]:
    """Runs of rows, each ending with a total (本年收入合计, 收入总计 …); the rest after the last total."""
    segments: list[list[Row | None]] = [[]]
    for row in rows:
        segments[-1].append(row)
        if row.level == 0:
            segments.append([])
    return segments


def _aligned(income: list[Row], expense: list[Row]) -> list[tuple[Row | None, Row | None]]:
    """Pair the sides so that their totals share a line (本年收入合计 beside 本年支出合计, 收入总计 beside
    支出总计), as the official template prints them: the shorter side gets blank lines before its total."""
    pairs: list[tuple[Row | None, Row | None]] = []
    for left, right in zip_longest(_segments(income), _segments(expense), fillvalue=[]):
        length = max(len(left), len(right))
        padded = []
        for side in (left, right):
            total = side[-1:] if side and side[-1] is not None and side[-1].level == 0 else []
            body = side[:len(side) - len(total)]
            padded.append(body + [None] * (length - len(side)) + total)
        pairs += list(zip(*padded, strict=True))
    return pairs


def document_grids(document: Document) -> list[Grid]:
    spec = format_spec(document)
    return [build_grid(table, table_spec(spec, table)) for table in document.tables]


def text_width(text: str) -> float:
    """Printed width in ems: a Chinese character is one em, a digit or Latin letter about half."""
    return sum(1.0 if ord(c) > 0x2E7F else 0.55 for c in text)


def column_widths(grid: Grid) -> list[float]:
    """Each column's natural width in ems, so every writer gives names room and keeps amounts whole.

    Names get their longest text (capped: longer ones wrap), amounts their widest figure and at least
    three ems, every column half its header (which then wraps once at most), a text column (绩效目标)
    a fixed measure that it wraps within.
    """
    leaves = {cell.col: cell.text for cell in grid.header if cell.colspan == 1}
    widths: list[float] = []
    for c, kind in enumerate(grid.kinds):
        texts = [text_width(row[c].text) + row[c].indent for row in grid.body]
        leaf = text_width(leaves.get(c, ""))
        widest = max(max(texts, default=0.0), min(leaf, max(leaf / 2, 4.0)))  # a header wraps at most once
        if kind == "text":
            widths.append(16.0)
        elif kind == "label":
            widths.append(min(max(widest, 6.0), 20.0) + 1.0)
        else:
            widths.append(max(widest, 3.0) + 0.5)
    return widths


def fit_font_size(grid: Grid, available: float, padding: float, largest: float, smallest: float) -> float:
    """The largest font size (in the unit of ``available``) at which the natural widths fit the page.

    ``padding`` is what each cell adds left and right together; below ``smallest`` the names wrap.
    """
    ems = sum(column_widths(grid))
    fitting = (available - padding * grid.width) / ems
    return max(smallest, min(largest, fitting))
