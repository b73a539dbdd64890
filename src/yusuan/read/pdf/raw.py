"""One printed table as it stands on its pages: header tree, column roles, body rows of cells.

This is what every disclosure table has whatever its region: a header of (possibly merged) cells,
columns that hold codes, names, amounts or text, and rows. It knows nothing of table kinds or
formats; :mod:`yusuan.read.recognise` maps it onto the national model.

On a ruled page (nearly all of them: spreadsheet exports draw every border) the grid of
:mod:`grid` gives the cells exactly: a header cell's span is its merged cell, a wrapped name stays
in its row. The header ends at the first row that prints an amount, a subject code or a 合计 line.
Rows whose cells hold several printed lines of amounts (a body drawn without horizontal rules) are
cut into one row per line, wrapped names joining the row they belong to.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from yusuan.money import is_amount
from yusuan.read.pdf.extract import Run
from yusuan.read.pdf.grid import Cell, Grid
from yusuan.read.pdf.rows import reading_order, stripes
from yusuan.text import ORDINAL_RE, squash

_CODE_RE = re.compile(r"^[\[［【]?(\d{3}|\d{5}|\d{7})[\]］】]?$")
_PIECE_RE = re.compile(r"^\d{1,3}$")
_TOTALS = ("合计", "总计", "小计")
_INDEX_HEADERS = ("行次", "栏次", "序号")
_CODE_HEADERS = ("编码", "代码", "科目编号")
_LEVEL_HEADERS = frozenset({"类", "款", "项"})


@lru_cache(maxsize=65536)
def is_number(text: str) -> bool:
    return is_amount(text) and any(c.isdigit() for c in text)


@dataclass(slots=True)
class RawCell:
    """The text printed in one cell, with its runs (for boxes) and page."""

    text: str
    runs: list[Run]
    page: int

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (round(min(r.x0 for r in self.runs), 1), round(min(r.top for r in self.runs), 1),
                round(max(r.x1 for r in self.runs), 1), round(max(r.bottom for r in self.runs), 1))


@dataclass(slots=True)
class RawColumn:
    """A leaf column: its header path (top cell first) and what its body cells hold."""

    path: list[str]
    role: str  # code | label | amount | text | index
    x0: float
    x1: float
    level: str | None = None  # 类 | 款 | 项 for a code printed in one column per level

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(slots=True)
class RawRow:
    cells: list[RawCell | None]  # aligned with the table's columns
    page: int

    def text(self, index: int) -> str:
        cell = self.cells[index]
        return cell.text if cell else ""

    @property
    def runs(self) -> list[Run]:
        return [r for cell in self.cells if cell for r in cell.runs]


@dataclass(slots=True)
class RawTable:
    columns: list[RawColumn]
    rows: list[RawRow] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    header_rows: int = 0  # how many grid rows the header took on its first page


def _cell_runs(grid: Grid, runs: list[Run]) -> tuple[dict[int, list[Run]], list[Run]]:
    """Runs by the merged cell they sit in (keyed by the cell's index in ``grid.cells``); runs outside."""
    index = {id(cell): i for i, cell in enumerate(grid.cells)}
    inside: dict[int, list[Run]] = {}
    outside: list[Run] = []
    x0, top, x1, bottom = grid.box
    for run in runs:
        x = run.x0 + min(run.height, run.x1 - run.x0) / 2 if not is_number(run.text) else run.xc
        y = run.yc
        if not (x0 <= x <= x1 and top <= y <= bottom):
            outside.append(run)
            continue
        column, row = _centred_column(grid, run, grid.column_of(x)), grid.row_of(y)
        if column is None or row is None:
            outside.append(run)
            continue
        inside.setdefault(index[id(grid.cell(column, row))], []).append(run)
    return inside, outside


def _centred_column(grid: Grid, run: Run, start: int | None) -> int | None:
    """The column of a text run: where its first character stands (a name too long for its cell runs on
    to the right), unless the run is centred on another column and starts well inside its neighbour —
    a centred header wider than its cell spills to both sides (``政府预算支出经济科目（按大类）``)."""
    centre = grid.column_of(run.xc)
    if start is None or centre is None or centre == start:
        return start
    x0, x1 = grid.xs[centre], grid.xs[centre + 1]
    if abs(run.xc - (x0 + x1) / 2) < 0.2 * (x1 - x0) and run.x0 - grid.xs[start] > 6:
        return centre
    return start


def _text(runs: list[Run]) -> str:
    return squash("".join(r.text for r in reading_order(runs)))


def _is_code(text: str) -> bool:
    return bool(_CODE_RE.match(text))


def _body_start(grid: Grid, texts: dict[int, str]) -> int:
    """The first grid row of the body: one that prints an amount, a code, or a 合计 with amounts."""
    by_row: dict[int, list[tuple[Cell, str]]] = {}
    for i, cell in enumerate(grid.cells):
        if i in texts:
            by_row.setdefault(cell.r0, []).append((cell, texts[i]))
    for r in range(len(grid.ys) - 1):
        cells = sorted(by_row.get(r, []), key=lambda pair: pair[0].c0)
        if not cells:
            continue
        first_cell, first = cells[0]
        if any(word in first for word in _INDEX_HEADERS):
            continue  # 栏次 1 2 3 …: a header row of column numbers
        numbers = [t for c, t in cells if c.r0 == c.r1 and is_number(t)]
        if (first_cell.c0 == 0 and _is_code(first)) or (numbers and not _column_numbers(numbers)):
            return r
        if any(c.r0 == c.r1 and ORDINAL_RE.match(t) and not t.startswith("其中") for c, t in cells):
            return r  # 一、… （一）…: a fixed row of a table left blank (a template, an empty table)
        if first_cell.c0 == 0 and _total_label(first) and len(cells) == 1:
            return r  # 合计 with nothing beside it: the first row of a table left blank
    return len(grid.ys) - 1


def _total_label(text: str) -> bool:
    return any(text.endswith(word) for word in _TOTALS) and len(text) <= 8


def _column_numbers(texts: list[str]) -> bool:
    """1 2 3 … printed under the header to number the columns."""
    return len(texts) >= 3 and all(t.isdigit() for t in texts) and [int(t) for t in texts] == list(
        range(int(texts[0]), int(texts[0]) + len(texts)))


def _header_paths(grid: Grid, texts: dict[int, str], body: int) -> list[list[str]]:
    """Each grid column's header path: the header cells over it, top first, each once."""
    paths: list[list[str]] = []
    index = {id(cell): i for i, cell in enumerate(grid.cells)}
    for c in range(len(grid.xs) - 1):
        path: list[str] = []
        seen: set[int] = set()
        for r in range(body):
            cell = grid.cell(c, r)
            i = index[id(cell)]
            if i in seen or cell.r0 >= body:
                continue
            seen.add(i)
            text = texts.get(i)
            if text and not _numbering_cell(text):
                path.append(text)
        paths.append(path)
    return paths


def _numbering_cell(text: str) -> bool:
    """栏次 and the column numbers under it (1, 2, 3 …) number the columns; they are not names."""
    return text == "栏次" or (text.isdigit() and len(text) <= 2) or not text.strip("*＊")


def _nested(texts: list[str]) -> bool:
    """Subject codes, not amounts: 3-, 5- and 7-digit numbers each under the one before it (205 20502)."""
    codes = [t.strip("[]［］【】") for t in texts]
    return len(codes) >= 2 and all(len(c) in (3, 5, 7) for c in codes) and any(
        b.startswith(a) and len(b) > len(a) for a, b in pairwise(codes))


def _names_rows(header: str) -> bool:
    """A header over the rows' names (项目, 科目名称, 单位名称), not over amounts (项目支出)."""
    return header in ("项目", "科目", "名称") or header.endswith("名称") or header.endswith("科目")


# what the header of an amount column says (an empty 规格型号 column is text, an empty 基本支出 one amounts)
_MONEY_HEADERS = ("金额", "预算", "决算", "数", "计", "支出", "收入", "经费", "资金", "费", "拨款", "结转", "结余",
                  "补助", "上缴", "基金")
_TEXT_HEADERS = ("简介", "说明", "目标", "内容", "备注", "理由", "依据", "方式", "形式", "指标", "用途", "概况", "类别",
                 "性质", "时间", "地点", "对象")


def _role(path: list[str], cells: list[str]) -> str:
    last = path[-1] if path else ""
    joined = "".join(path)
    if any(word in last for word in _INDEX_HEADERS):
        return "index"
    if any(word in last for word in _TEXT_HEADERS) and not any(w in last for w in ("金额", "预算数", "资金")):
        return "text"
    if last in _LEVEL_HEADERS or any(word in last for word in _CODE_HEADERS):
        return "code"
    filled = [t for t in cells if t.strip("…．.·")]
    if not filled:  # an empty column: the header alone says what it holds
        if not path or _names_rows(last):
            return "label"
        return "amount" if any(w in joined for w in _MONEY_HEADERS) else "text"
    numbers = sum(1 for t in filled if is_number(t) or t in ("-", "—", "－"))
    codes = sum(1 for t in filled if _is_code(t) or _PIECE_RE.match(t))
    if (codes == len(filled) and numbers < len(filled)) or (codes == len(filled) and "科目" in joined) or (
            codes == len(filled) and _nested(filled)):
        return "code"
    if numbers >= 0.6 * len(filled):
        return "amount"
    if any(w in joined for w in ("名称", "项目", "科目", "单位")) or not joined or last.endswith("分类"):
        return "label"  # the last: 支出功能分类 | 预算数 — names of one classification beside their amounts
    return "text"


def page_table(grid: Grid, runs: list[Run], page: int, known: list[RawColumn] | None = None
               ) -> tuple[RawTable, list[Run]]:
    """The table one grid draws, and the runs of the page outside it (titles, notes). ``known``: the
    columns of the table this grid continues (a page without a header cannot tell its codes from its
    amounts by itself)."""
    runs = [piece for run in runs for piece in unglue(run, grid.xs)]
    inside, outside = _cell_runs(grid, runs)
    texts = {i: _text(rs) for i, rs in inside.items()}
    body = _body_start(grid, texts)
    paths = _header_paths(grid, texts, body)
    index = {id(cell): i for i, cell in enumerate(grid.cells)}
    columns_n = len(grid.xs) - 1
    body_cells: list[list[str]] = [[] for _ in range(columns_n)]
    for r in range(body, len(grid.ys) - 1):
        for c in range(columns_n):
            cell = grid.cell(c, r)
            if cell.r0 == r and cell.c0 == c and cell.c0 == cell.c1:
                body_cells[c].append(texts.get(index[id(cell)], ""))
    columns = []
    for c in range(columns_n):
        role = _role(paths[c], body_cells[c])
        level = paths[c][-1] if role == "code" and paths[c] and paths[c][-1] in _LEVEL_HEADERS else None
        columns.append(RawColumn(paths[c], role, grid.xs[c], grid.xs[c + 1], level))
    if known is not None and len(known) == len(columns):
        columns = [RawColumn(k.path, k.role, c.x0, c.x1, k.level) for k, c in zip(known, columns, strict=True)]
    table = RawTable(columns, pages=[page], header_rows=body)
    table.rows = _body_rows(grid, inside, body, columns, page)
    return table, outside


def _body_rows(grid: Grid, inside: dict[int, list[Run]], body: int, columns: list[RawColumn],
               page: int) -> list[RawRow]:
    """One row per grid row of the body; a grid row holding several lines of amounts is cut per line."""
    rows: list[RawRow] = []
    for r in range(body, len(grid.ys) - 1):
        found: dict[int, list[Run]] = {}
        for i, cell in enumerate(grid.cells):
            if cell.r0 == r and i in inside:
                found.setdefault(cell.c0, []).extend(inside[i])
        if not found:
            continue
        runs = [run for rs in found.values() for run in rs]
        if _stacked([run for c, rs in found.items() if c < len(columns) and columns[c].role == "amount" for run in rs]):
            rows += split_rows(runs, columns, page)
            continue
        rows.append(_row_of(runs, columns, page))
    return rows


def _row_of(runs: list[Run], columns: list[RawColumn], page: int) -> RawRow:
    """One row's runs into its cells. A name too long for its cell runs on over the border into the
    amount beside it (``缴费支出43608.96``): the words go back to the name, the amount stays."""
    cells: list[RawCell | None] = [None] * len(columns)
    for run in [piece for printed in runs for piece in unglue(printed, [c.x0 for c in columns])]:
        c = _column(columns, run)
        if columns[c].role == "amount" and not is_number(run.text) and run.text.strip("-—－ "):
            c = next((k for k in range(c - 1, -1, -1) if columns[k].role == "label"), c)
        if cells[c] is None:
            cells[c] = RawCell("", [], page)
        cells[c].runs.append(run)
    for cell in cells:
        if cell is not None:
            cell.text = _text(cell.runs)
    return RawRow(cells, page)


_GLUED_AMOUNT_RE = re.compile(r"^(?P<words>.*[^\d,.\-+\s])(?P<amount>-?\d[\d,]*\.\d{1,2})$")
_AMOUNT_GLUED_RE = re.compile(r"^(?P<amount>-?\d[\d,]*\.\d{2})(?P<words>[^\d,.%％].*)$")


def unglue(run: Run, borders: list[float] = ()) -> list[Run]:
    """Words and an amount printed touching (no gap PDFium could see) as two runs, split where a cell
    border crosses the run, else where the amount starts (estimated: CJK square, digits narrower)."""
    match = _GLUED_AMOUNT_RE.match(run.text) or _AMOUNT_GLUED_RE.match(run.text)
    if match is None:
        return [run]
    first, second = (match.group("words"), match.group("amount")) if match.start("words") == 0 else (
        match.group("amount"), match.group("words"))
    weight = [1.0 if ord(c) > 0x2E80 else 0.55 for c in run.text]
    cut = run.x0 + (run.x1 - run.x0) * sum(weight[:len(first)]) / sum(weight)
    inside = [x for x in borders if run.x0 + 2 < x < run.x1 - 2]
    if inside:
        cut = min(inside, key=lambda x: abs(x - cut))
    return [Run(first, run.x0, run.top, cut, run.bottom), Run(second, cut, run.top, run.x1, run.bottom)]


def _column(columns: list[RawColumn], run: Run) -> int:
    x = run.xc if is_number(run.text) else run.x0 + min(run.height, run.x1 - run.x0) / 2
    for i, column in enumerate(columns):
        if column.x0 <= x < column.x1:
            return i
    return min(range(len(columns)), key=lambda i: abs(columns[i].xc - x))


def _stacked(runs: list[Run]) -> bool:
    """Do two amounts of this grid row stand one above the other (a body drawn without row rules)? Only
    the amount columns tell: a long text cell beside them may print numbers on every line."""
    numbers = sorted((r for r in runs if is_number(r.text)), key=lambda r: r.yc)
    return any(b.yc - a.yc > 0.8 * max(a.height, b.height) for a, b in itertools.pairwise(numbers))


def split_rows(runs: list[Run], columns: list[RawColumn], page: int) -> list[RawRow]:
    """Rows of a region drawn without row rules: a line with an amount or a code is a row; a line of
    name text alone is a wrapped part of the nearest such row."""
    lines = stripes(runs)
    anchors: list[tuple[float, list[Run]]] = []
    loose: list[tuple[float, list[Run]]] = []
    for line in lines:
        yc = sum(r.yc for r in line) / len(line)
        if any(is_number(r.text) or _is_code(r.text) for r in line):
            anchors.append((yc, list(line)))
        else:
            loose.append((yc, list(line)))
    if not anchors:
        anchors, loose = loose, []
    last_amount = max((c.x1 for c in columns if c.role == "amount"), default=float("inf"))
    for yc, line in loose:
        above = [a for a in anchors if a[0] < yc]
        if above and all(r.x0 >= last_amount for r in line):
            target = max(above, key=lambda a: a[0])  # a long text cell wraps downwards from its row
        else:
            target = min(anchors, key=lambda a: (abs(a[0] - yc), a[0]))
        target[1].extend(line)
    return [_row_of(line, columns, page) for _, line in anchors]
