"""Print the seed disclosure as a PDF the way a Guangdong department would (fpdf2, Noto Sans CJK).

Test support, not a writer: the writers issue produces yusuan's own PDF. This one exists so the PDF
reader's Guangdong path is proven on a real text layer: each table's 表N and title, the unit/entity
line, two header rows (parents above leaves), one row per line with code, name and amounts as
separate text runs right-aligned in their columns, wrapped 绩效目标 text, 注 lines; the text parts
are the seed's own lines. Long tables continue on the next page under a repeated header.
"""

from __future__ import annotations

from fpdf import FPDF
from noto_cjk_sans_otc import FONT_PATH

from yusuan.model import Document, Table
from yusuan.money import format_amount

WIDTH, HEIGHT = 842.0, 595.0
LEFT, RIGHT, TOP, BOTTOM = 30.0, 812.0, 40.0, 555.0
PITCH = 14.0
SIZE = 8.0
SC_IN_COLLECTION = 2  # Noto Sans CJK collection: JP, KR, SC, TC, HK


class _Printer:
    def __init__(self, compress: bool) -> None:
        self.pdf = FPDF(orientation="L", unit="pt", format="A4")
        self.pdf.set_compression(compress)
        self.pdf.set_auto_page_break(False)
        self.pdf.add_font("noto", fname=str(FONT_PATH), collection_font_number=SC_IN_COLLECTION)
        self.pdf.set_font("noto", size=SIZE)
        self.y = BOTTOM
        self.page = 0

    def new_page(self) -> None:
        if self.page:
            self.footer()
        self.pdf.add_page()
        self.page += 1
        self.y = TOP

    def footer(self) -> None:
        self.pdf.set_font_size(SIZE)
        self.put(WIDTH / 2, HEIGHT - 20, f"- {self.page} -", align="center")

    def put(self, x: float, y: float, text: str, align: str = "left", size: float = SIZE) -> None:
        if not text:
            return
        self.pdf.set_font_size(size)
        width = self.pdf.get_string_width(text)
        if align == "right":
            x -= width
        elif align == "center":
            x -= width / 2
        self.pdf.text(x, y, text)

    def line(self, text: str, x: float = LEFT) -> None:
        if self.y > BOTTOM:
            self.new_page()
        self.put(x, self.y, text)
        self.y += PITCH

    def room(self, lines: int) -> bool:
        return self.y + lines * PITCH <= BOTTOM


def _columns(table: Table, text_width: float) -> tuple[list[tuple[float, float]], float]:
    """(x0, x1) of each amount column, and where the label column starts."""
    label_start = LEFT + (60 if table.rows and any(r.code for r in table.rows) else 0)
    first = label_start + 170
    last = RIGHT - text_width
    width = (last - first) / max(1, len(table.columns))
    return [(first + i * width, first + (i + 1) * width) for i in range(len(table.columns))], label_start


def _header(p: _Printer, table: Table, spans: list[tuple[float, float]], label_start: float,
            text_span: tuple[float, float] | None) -> None:
    parents: dict[str, list[int]] = {}
    for i, column in enumerate(table.columns):
        if len(column.path) > 1:
            parents.setdefault(column.path[0], []).append(i)
    for parent, members in parents.items():
        p.put((spans[members[0]][0] + spans[members[-1]][1]) / 2, p.y, parent, align="center")
    p.y += PITCH
    if label_start > LEFT:
        p.put(LEFT, p.y, "科目编码")
    p.put(label_start, p.y, "科目名称" if label_start > LEFT else "项目")
    for (x0, x1), column in zip(spans, table.columns, strict=True):
        for k, piece in enumerate(_wrap(column.path[-1], 4)):  # narrow columns wrap their headers
            p.put((x0 + x1) / 2, p.y + k * 9, piece, align="center")
    if text_span and table.text_column:
        p.put(sum(text_span) / 2, p.y, table.text_column.path[-1], align="center")
    p.y += PITCH + 9 * max(len(_wrap(c.path[-1], 4)) - 1 for c in table.columns)


def _wrap(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def _table(p: _Printer, table: Table) -> None:
    text_width = 220.0 if table.text_column else 0.0
    spans, label_start = _columns(table, text_width)
    text_span = (RIGHT - text_width + 10, RIGHT) if text_width else None
    p.new_page()
    p.put(WIDTH / 2, p.y, f"表{table.number}", align="center", size=10)
    p.y += PITCH
    p.put(WIDTH / 2, p.y, table.title, align="center", size=12)
    p.y += PITCH * 1.5
    p.put(LEFT, p.y, f"单位名称：{table.entity}")
    p.put(RIGHT, p.y, f"单位：{table.unit}", align="right")
    p.y += PITCH * 1.5
    if any(row.side for row in table.rows):
        _two_sided(p, table)
    else:
        _header(p, table, spans, label_start, text_span)
        for row in table.rows:
            goal = _wrap(row.text or "", 30) if text_span else [""]
            if not p.room(len(goal)):
                p.new_page()
                _header(p, table, spans, label_start, text_span)
            if row.code:
                p.put(LEFT, p.y, row.code)
            p.put(label_start, p.y, (row.ordinal or "") + row.label)
            for (_, x1), value in zip(spans, row.values, strict=True):
                p.put(x1 - 6, p.y, format_amount(value, places=None), align="right")
            for k, piece in enumerate(goal):
                p.put(text_span[0] if text_span else 0, p.y + k * PITCH, piece, size=7)
            p.y += PITCH * len(goal)
    for note in table.notes:
        for k, piece in enumerate(_wrap(note, 70)):
            p.line(("注：" if k == 0 else "") + piece)


def _two_sided(p: _Printer, table: Table) -> None:
    middle = (LEFT + RIGHT) / 2
    p.put(LEFT, p.y, "项目")
    p.put(middle - 60, p.y, table.columns[0].path[-1], align="center")
    p.put(middle + 10, p.y, "项目")
    p.put(RIGHT - 60, p.y, table.columns[0].path[-1], align="center")
    p.y += PITCH
    income = [row for row in table.rows if row.side == "收入"]
    expense = [row for row in table.rows if row.side == "支出"]
    for k in range(max(len(income), len(expense))):
        for rows, x_label, x_amount in ((income, LEFT, middle - 20), (expense, middle + 10, RIGHT - 20)):
            if k < len(rows):
                p.put(x_label, p.y, (rows[k].ordinal or "") + rows[k].label)
                p.put(x_amount, p.y, format_amount(rows[k].values[0], places=None), align="right")
        p.y += PITCH


def seed_pdf(document: Document, text: str, compress: bool = True) -> bytes:
    """The seed as a PDF: its text parts line by line, its tables (read from the text) positioned.
    Uncompressed, its page content is plain operators a fuzzer can usefully damage."""
    p = _Printer(compress)
    lines = [line.strip(" \u3000\f") for line in text.splitlines()]
    starts = [i for i, line in enumerate(lines) if line.startswith("第") and "部分" in line[:5]]
    part2, part3 = starts[1], starts[2]
    p.new_page()
    for line in lines[:part2]:
        if line and not line.startswith("- "):
            p.line(line)
    p.line(lines[part2])
    for table in document.tables:
        _table(p, table)
    p.new_page()
    for line in lines[part3:]:
        if line and not line.startswith("- "):
            p.line(line)
    p.footer()
    return bytes(p.pdf.output())
