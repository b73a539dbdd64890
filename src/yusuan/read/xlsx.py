"""Read a workbook of our own layout (:mod:`yusuan.write.xlsx`) back into a Document.

The tables are read from what the sheets show, so a department can edit figures in Excel and check
them again: ``表N`` and the title, 单位名称/单位, the header (its rows are the sheet's print titles,
merged cells give the column paths), then the rows — code, name with its numbering and indentation,
amounts at the precision their number format shows — and the 注 lines. Keys and levels of fixed rows
come from the format declaration, as the text reader assigns them. Meta, text parts and claims come
from the hidden ``yusuan`` sheet when it is there.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from decimal import Decimal
from io import BytesIO
from typing import Any

from yusuan.document_json import from_dict
from yusuan.errors import UnreadableInput
from yusuan.formats.detect import detect_format
from yusuan.formats.spec import FormatSpec, RowSpec, TableSpec, load_format
from yusuan.model import SCHEMA, Column, Document, Meta, Row, Source, Table
from yusuan.money import AmountError, parse_amount, round_half_up
from yusuan.read.cells import code_level
from yusuan.text import label_key, split_ordinal

_TABLE_RE = re.compile(r"^表\s*(\d{1,2})$")
_UNIT_RE = re.compile(r"单位[:：]\s*(亿元|万元|元)")
_ENTITY_RE = re.compile(r"单位名称[:：]\s*(.+)$")
_TITLES_RE = re.compile(r"\$?(\d+):\$?(\d+)")
_NOTE = ("注：", "注:")
_TOTALS = frozenset({"合计", "总计"})
_SIDES = ("收入", "支出")
META_SHEET = "yusuan"


def is_xlsx(data: bytes) -> bool:
    """Zip bytes (as every Office file is): read as a workbook, which says so when it is not one."""
    return data[:4] == b"PK\x03\x04"


def read_xlsx(data: bytes, *, name: str | None = None, format_id: str | None = None) -> Document:
    """Read the workbook; raises :class:`UnreadableInput` with a Chinese message when it is not ours."""
    from openpyxl import load_workbook  # imported here: reading text must not pay for openpyxl

    try:
        if "xl/workbook.xml" not in zipfile.ZipFile(BytesIO(data)).namelist():
            raise UnreadableInput("这是一个压缩文件（可能是 Word 文档或 zip），不是 Excel 工作簿（.xlsx）。")
        workbook = load_workbook(BytesIO(data), data_only=True)
    except UnreadableInput:
        raise
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise UnreadableInput(f"无法打开 Excel 文件{f' {name}' if name else ''}：文件已损坏或不是 xlsx"
                              f"（{type(error).__name__}）。") from None
    stored = _stored_document(workbook)
    sheets = [(ws, int(m.group(1))) for ws in workbook.worksheets
              if ws.sheet_state == "visible" and (m := _TABLE_RE.match(str(ws["A1"].value or "").strip()))]
    if not sheets:
        raise UnreadableInput("这个 Excel 文件里没有按 yusuan 版式的表格（各表工作表第一格应为“表N”）。")
    fmt = _format(stored, [str(ws["A2"].value or "") for ws, _ in sheets], format_id)
    tables = [_read_sheet(ws, number, fmt) for ws, number in sheets]
    if stored is not None:
        document = stored
        document.tables = tables
    else:
        assert fmt is not None  # detected, or detection raised
        entity = next((t.entity for t in tables if t.entity), None)
        if entity is None:
            raise UnreadableInput("Excel 文件中找不到单位名称（各表第三行应为“单位名称：…”）。")
        units = [t.unit for t in tables if t.unit]
        document = Document(meta=Meta(entity=entity, year=None, kind=fmt.kind, scope="department",
                                      format=fmt.id, unit=max(set(units), key=units.count) if units else fmt.unit),
                            tables=tables)
    document.meta.reader = "xlsx"
    document.meta.file = name
    document.meta.sha256 = hashlib.sha256(data).hexdigest()
    return document


def _format(stored: Document | None, titles: list[str], format_id: str | None) -> FormatSpec | None:
    """The declared format; None for a workbook we wrote from a Document of an undeclared format."""
    if format_id is None and stored is not None:
        try:
            return load_format(stored.meta.format)
        except KeyError:
            return None
    return detect_format(titles, format_id)


def _stored_document(workbook: Any) -> Document | None:
    if META_SHEET not in workbook.sheetnames:
        return None
    ws = workbook[META_SHEET]
    text = "".join(str(row[0] or "") for row in ws.iter_rows(min_row=2, max_col=1, values_only=True))
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        raise UnreadableInput("Excel 文件中隐藏的 yusuan 工作表已损坏，无法读取单位信息和文字部分。") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise UnreadableInput(f"Excel 文件中隐藏的 yusuan 工作表不是 {SCHEMA} 格式。")
    data["tables"] = []
    return from_dict(data)


class _Sheet:
    """Cell access that sees through merged ranges: every cell of a range reads as its top-left."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.merged: dict[tuple[int, int], tuple[int, int]] = {}
        for rng in ws.merged_cells.ranges:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    self.merged[(r, c)] = (rng.min_row, rng.min_col)

    def origin(self, row: int, col: int) -> tuple[int, int]:
        return self.merged.get((row, col), (row, col))

    def text(self, row: int, col: int) -> str:
        value = self.ws.cell(*self.origin(row, col)).value
        return "" if value is None else str(value).strip()


def _header_rows(ws: Any) -> tuple[int, int]:
    titles = ws.print_title_rows or ""
    match = _TITLES_RE.search(titles)
    if match:
        return int(match.group(1)), int(match.group(2))
    raise UnreadableInput(f"工作表“{ws.title}”没有设置打印标题行，无法确定表头（不是 yusuan 写出的版式）。")


def _read_sheet(ws: Any, number: int, fmt: FormatSpec | None) -> Table:
    sheet = _Sheet(ws)
    spec = next((t for t in fmt.tables if t.number == number), None) if fmt is not None else None
    width = ws.max_column
    unit = entity = None
    for c in range(1, width + 1):
        text = sheet.text(3, c)
        unit = unit or (m.group(1) if (m := _UNIT_RE.search(text)) else None)
        entity = entity or (m.group(1).strip() if (m := _ENTITY_RE.search(text)) else None)
    top, bottom = _header_rows(ws)
    paths = [_path(sheet, top, bottom, c) for c in range(1, width + 1)]
    two_sided = paths[0][:1] == [_SIDES[0]]
    table = Table(number=number, key=spec.key if spec else f"table{number}", title=sheet.text(2, 1),
                  unit=unit or "", columns=[], entity=entity)
    body_end = next((r - 1 for r in range(bottom + 1, ws.max_row + 1) if sheet.text(r, 1).startswith(_NOTE)),
                    ws.max_row)
    notes = [sheet.text(r, 1) for r in range(body_end + 1, ws.max_row + 1)]
    table.notes = [note[2:].strip() if n == 0 else note for n, note in enumerate(notes) if note]
    if two_sided:
        _read_two_sided(sheet, table, paths, range(bottom + 1, body_end + 1), spec)
    else:
        _read_rows(sheet, table, paths, range(bottom + 1, body_end + 1), spec)
    return table


def _path(sheet: _Sheet, top: int, bottom: int, col: int) -> list[str]:
    path: list[str] = []
    seen: set[tuple[int, int]] = set()
    for r in range(top, bottom + 1):
        origin = sheet.origin(r, col)
        if origin in seen:
            continue
        seen.add(origin)
        text = sheet.text(r, col)
        if text:
            path.append(text)
    return path


def _columns(paths: list[list[str]], spec: TableSpec | None) -> list[Column]:
    declared = {tuple(c.path): c.key for c in spec.columns} if spec else {}
    return [Column(declared.get(tuple(p), "·".join(p)), p) for p in paths]


def _amount(cell: Any, where: str) -> Decimal | None:
    """A cell's amount at the precision its number format shows (a number format ``#,##0.00`` → 2)."""
    value = cell.value
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise UnreadableInput(f"{where} 应为金额，却是 {value}。")
    if isinstance(value, int | float):
        fmt = str(cell.number_format or "")
        places = len(fmt.split(".", 1)[1].split(";")[0].rstrip("_)")) if "." in fmt else 0
        return round_half_up(Decimal(repr(value)), places)
    try:
        return parse_amount(str(value))
    except AmountError:
        raise UnreadableInput(f"{where} 应为金额，却是“{value}”。") from None


def _read_rows(sheet: _Sheet, table: Table, paths: list[list[str]], rows: range, spec: TableSpec | None) -> None:
    ws = sheet.ws
    leaves = [p[-1] if p else "" for p in paths]
    has_code = leaves[0] == "科目编码"
    label_col = 2 if has_code else 1
    if spec is not None:
        text_col = len(paths) if spec.text_column is not None else None
    else:  # undeclared format: a last column holding words is the text column
        text_col = len(paths) if any(isinstance(ws.cell(r, len(paths)).value, str) for r in rows) else None
    amount_cols = list(range(label_col + 1, (text_col or len(paths) + 1)))
    table.columns = _columns([paths[c - 1] for c in amount_cols], spec)
    if text_col is not None:
        table.text_column = Column(spec.text_column.key if spec and spec.text_column else "text", paths[-1])
    fixed = _names(spec.rows) if spec is not None else {}
    for r in rows:
        code = sheet.text(r, 1) if has_code else ""
        printed = sheet.text(r, label_col)
        if not code and not printed:
            continue
        ordinal, label = split_ordinal(printed)
        where = f"工作表“{ws.title}”第 {r} 行"
        values = [_amount(ws.cell(r, c), where) for c in amount_cols]
        row = Row(label=label, values=values, code=code or None, ordinal=ordinal, source=Source(line=r),
                  text=(sheet.text(r, text_col) or None) if text_col else None)
        declared = fixed.get(label_key(label))
        if declared is not None:
            row.key, row.level = declared.key, declared.level
        elif label in _TOTALS:
            row.key, row.level = "total", 0
        elif code:
            row.level = code_level(code)
        else:
            row.level = 1 + int((ws.cell(r, label_col).alignment.indent or 0) // 2)
        table.rows.append(row)


def _read_two_sided(sheet: _Sheet, table: Table, paths: list[list[str]], rows: range,
                    spec: TableSpec | None) -> None:
    block = len(paths) // 2
    table.columns = _columns([p[1:] for p in paths[1:block]], spec)
    sides = {_SIDES[0]: _names(spec.income), _SIDES[1]: _names(spec.expense)} if spec else {}
    found: dict[str, list[Row]] = {_SIDES[0]: [], _SIDES[1]: []}
    for r in rows:
        for n, side in enumerate(_SIDES):
            base = 1 + n * block
            printed = sheet.text(r, base)
            if not printed:
                continue
            ordinal, label = split_ordinal(printed)
            where = f"工作表“{sheet.ws.title}”第 {r} 行"
            values = [_amount(sheet.ws.cell(r, c), where) for c in range(base + 1, base + block)]
            declared = sides.get(side, {}).get(label_key(label))
            row = Row(label=label, values=values, ordinal=ordinal, side=side, source=Source(line=r))
            if declared is not None:
                row.key, row.level, row.code = declared.key, declared.level, declared.code
            else:
                row.level = 0 if label.endswith(("合计", "总计")) else 1
            found[side].append(row)
    table.rows = found[_SIDES[0]] + found[_SIDES[1]]


def _names(rows: tuple[RowSpec, ...]) -> dict[str, RowSpec]:
    return {label_key(name): row for row in rows for name in row.names}
