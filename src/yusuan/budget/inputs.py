"""Budget input files → raw sheets: an Excel workbook, a folder of CSV files, or one YAML file.

Each reader only turns cells into text and says where each row is; understanding the text is
:mod:`yusuan.budget.convert`'s job, the same for all three. Numbers never pass through float on the
way: YAML is read with every scalar kept as text, and an Excel number (stored as a binary double)
is written back with Excel's own 15 significant digits, which is what the user typed.
"""

from __future__ import annotations

import csv
import datetime as dt
import reprlib
import zipfile
from decimal import Decimal
from pathlib import Path

import yaml

from yusuan.budget.raw import RawBudget, RawRow, RawSheet, header_key
from yusuan.budget.schema import FIELD_COLUMNS, sheets
from yusuan.errors import UnreadableInput
from yusuan.files import os_reason
from yusuan.read.lines import decode
from yusuan.store.intake import NESTED, check_size, check_zip

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
YAML_SUFFIXES = (".yaml", ".yml")
_QUOTE = reprlib.Repr()  # a value quoted in a message: a few items and characters, never the whole
_QUOTE.maxlevel, _QUOTE.maxlist, _QUOTE.maxdict, _QUOTE.maxstring, _QUOTE.maxother = 2, 4, 4, 40, 40


def read_raw(path: str | Path) -> RawBudget:
    """Read any supported input into raw sheets; unreadable files raise :class:`UnreadableInput`."""
    path = Path(path)
    if not path.exists():
        raise UnreadableInput(f"找不到预算输入：{path}")
    if path.is_dir():
        return read_csv_folder(path)
    check_size(_size(path), path.name)
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        data = _bytes(path)
        if data[:4] == b"PK\x03\x04":  # a zip: refused before openpyxl unpacks it if it is a bomb
            check_zip(data, path.name)
        return read_workbook(path)
    if suffix in YAML_SUFFIXES:
        return read_yaml(path)
    if suffix == ".xls":
        raise UnreadableInput(f"{path.name} 是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后再试。")
    if suffix == ".csv":
        raise UnreadableInput(f"{path.name} 是单个 CSV 文件；请给出存放各表 CSV 文件（支出明细.csv 等）的文件夹。")
    raise UnreadableInput(f"无法识别的预算输入：{path.name}（应为 .xlsx 工作簿、.yaml 文件或存放 CSV 文件的文件夹）。")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError as error:
        raise UnreadableInput(f"无法读取 {path}：{os_reason(error)}。") from None


def _bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise UnreadableInput(f"无法读取 {path}：{os_reason(error)}。") from None


def _sheet(name: str, where: str, table: list[tuple[int, list[str | None]]], row_where: str) -> RawSheet:
    """Rows of text cells → a sheet: the first non-blank row is the header, blank rows are skipped."""
    body = [(number, cells) for number, cells in table if any(c is not None and c.strip() for c in cells)]
    if not body:
        return RawSheet(name, where, [])
    _, header_cells = body[0]
    headers = [header_key(c) if c else "" for c in header_cells]
    rows = [
        RawRow(row_where.format(number), {h: cells[i] if i < len(cells) else None for i, h in enumerate(headers) if h})
        for number, cells in body[1:]
    ]
    return RawSheet(name, where, [h for h in headers if h], rows)


# Excel ---------------------------------------------------------------------------------------------

def cell_text(value: object) -> str | None:
    """One Excel cell as the text the user sees."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format(Decimal(format(value, ".15g")), "f")  # Excel keeps 15 significant digits
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)


def read_workbook(path: Path) -> RawBudget:
    from openpyxl import load_workbook  # imported here: only workbook users pay for it

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise UnreadableInput(f"无法打开 Excel 文件 {path.name}：文件已损坏或不是 .xlsx 格式（{error}）。") from None
    try:
        found = {}
        for worksheet in workbook.worksheets:
            worksheet.reset_dimensions()  # some writers record a wrong used range; read every row there is
            table = [(number, [cell_text(v) for v in values])
                     for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1)]
            name = worksheet.title.strip()
            found[name] = _sheet(name, f"“{name}”表", table, f"“{name}”表第 {{}} 行")
    finally:
        workbook.close()
    return RawBudget(path.name, found, "工作簿 {source} 中缺少“{sheet}”表")


# CSV ------------------------------------------------------------------------------------------------

MAX_CSV_FIELD = 131_072  # the csv module's default; a library may raise the process-wide limit


def _too_long(name: str) -> str:
    return f"{name} 中有一个单元格超过 {MAX_CSV_FIELD:,} 个字符，不像预算明细；请检查文件。"


def read_csv_folder(path: Path) -> RawBudget:
    files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv")
    if not files:
        raise UnreadableInput(f"文件夹 {path} 中没有 CSV 文件（应有 基本信息.csv、支出明细.csv 等）。")
    found = {}
    for file in files:
        check_size(_size(file), file.name)
        try:
            text = decode(_bytes(file))
        except UnreadableInput as error:
            raise UnreadableInput(f"{file.name}：{error}") from None
        try:
            records = list(csv.reader(text.splitlines()))
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                raise UnreadableInput(_too_long(file.name)) from None
            raise UnreadableInput(f"{file.name} 不是有效的 CSV 文件（{error}）。") from None
        if any(len(cell) > MAX_CSV_FIELD for record in records for cell in record):
            raise UnreadableInput(_too_long(file.name))  # whatever limit another library set for the process
        table = [(number, [c if c.strip() else None for c in record]) for number, record in enumerate(records, 1)]
        found[file.stem] = _sheet(file.stem, file.name, table, f"{file.name} 第 {{}} 行")
    return RawBudget(path.name, found, "文件夹 {source} 中缺少 {sheet}.csv")


# YAML -----------------------------------------------------------------------------------------------

def read_yaml(path: Path) -> RawBudget:
    text = decode(_bytes(path))
    try:
        data = yaml.load(text, Loader=_TextLoader)  # every scalar stays text: no float money
    except _Alias as alias:
        raise UnreadableInput(f"{path.name} 第 {alias.line} 行用了 YAML 别名（*{alias.name[:40]}）；"
                              "预算输入不支持锚点与别名，请把内容直接写出。") from None
    except RecursionError:
        raise UnreadableInput(f"{path.name}：{NESTED}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark else ""
        raise UnreadableInput(f"{path.name} {where}不是有效的 YAML：{getattr(error, 'problem', error)}。") from None
    if not isinstance(data, dict):
        raise UnreadableInput(f"{path.name} 的顶层应是以表名（基本信息、支出明细 …）为键的映射。")
    kinds = {s.name: s.kind for s in sheets()}
    found = {}
    for name, content in data.items():
        sheet_where = f"{path.name}“{name}”"
        if kinds.get(name) == "fields" and isinstance(content, dict):
            rows = [RawRow(f"{sheet_where}的“{k}”", {FIELD_COLUMNS[0]: k, FIELD_COLUMNS[1]: _scalar(v, path, name)},
                           "") for k, v in content.items()]
            found[name] = RawSheet(name, sheet_where, list(FIELD_COLUMNS[:2]), rows)
        elif isinstance(content, dict):  # 职责与机构: 类别 → list of entries
            rows = [RawRow(f"{sheet_where}的“{k}”第 {i} 项", {"类别": k, "内容": _scalar(v, path, name)}, "")
                    for k, values in content.items()
                    for i, v in enumerate(values if isinstance(values, list) else [values], 1)]
            found[name] = RawSheet(name, sheet_where, ["类别", "内容"], rows)
        elif isinstance(content, list):
            rows = []
            headers: list[str] = []
            for i, entry in enumerate(content, 1):
                if not isinstance(entry, dict):
                    raise UnreadableInput(f"{sheet_where}第 {i} 项应是“列名: 值”的映射。")
                cells = {header_key(k): _scalar(v, path, name) for k, v in entry.items()}
                headers += [h for h in cells if h not in headers]
                rows.append(RawRow(f"{sheet_where}第 {i} 项", cells, "的“{}”"))
            found[name] = RawSheet(name, sheet_where, headers, rows)
        else:
            raise UnreadableInput(f"{sheet_where}应是一个列表（每项一行）或映射。")
    return RawBudget(path.name, found, "{source} 中缺少“{sheet}”")


class _Alias(Exception):
    def __init__(self, name: str, line: int) -> None:
        self.name, self.line = name, line


class _TextLoader(yaml.BaseLoader):
    """Every scalar as text, and no aliases: a few hundred bytes of nested aliases name a billion values
    (billion laughs), and a budget has nothing to repeat that way."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Alias(event.anchor, event.start_mark.line + 1)
        return super().compose_node(parent, index)


def _scalar(value: object, path: Path, sheet: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise UnreadableInput(f"{path.name}“{sheet}”中的值应是文字或数字，不能是列表或映射：{_QUOTE.repr(value)}。")
