"""What OCR read and the document's identities could not confirm, as warnings at the cells.

A value on a scanned page carries its mark (``Row.marks``, set by :mod:`yusuan.read.ocr.proofread`):
a value two sums solved back (``corrected``) is read as solved, and says what OCR saw; a value that
breaks a sum or the number form, or that nothing checks and OCR was unsure of (``unverified``), and
values no identity reaches at all (``unchecked``, one finding per row) are never silently trusted.
Names work the same way (``Row.label_mark``). Values the identities confirm say nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.check.arithmetic import amount
from yusuan.check.engine import Context, rule
from yusuan.check.findings import Finding, Severity, printed, table_cell
from yusuan.model import Row, Table, ValueMark


def _marked(ctx: Context, status: str) -> Iterator[tuple[Table, Row, int, ValueMark]]:
    for table in ctx.document.tables:
        for row in table.rows:
            for index, mark in enumerate(row.marks or ()):
                if mark is not None and mark.status == status:
                    yield table, row, index, mark


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit()).lstrip("0")


def _sure(mark: ValueMark) -> str:
    return f"（识别置信度 {mark.confidence:.2f}）" if mark.confidence is not None else ""


@rule("OCR-CORRECTED", "扫描件识别值已按表内勾稽关系更正", Severity.WARNING)
def corrected(ctx: Context) -> Iterator[Finding]:
    for table, row, index, mark in _marked(ctx, "corrected"):
        cell = table_cell(table, row, index)
        value = row.values[index]
        seen = f"“{mark.seen}”" if mark.seen else "空白"
        solved = amount(value) if value is not None else "空白"
        if mark.seen and value is not None and _digits(mark.seen) == _digits(printed(value) or ""):
            why = f"不合本表的数字格式；按本表格式读作 {solved}，合计随之相符"
        else:
            why = f"与两处合计都不符；按合计推算应为 {solved}"
        yield ctx.finding(Severity.WARNING, f"{cell.describe()} 扫描件识别为{seen}，{why}，"
                          "已按此读取，请对照原件核对。", [cell], expected=printed(value), actual=mark.seen)


@rule("OCR-UNVERIFIED", "扫描件识别值未能核实", Severity.WARNING)
def unverified(ctx: Context) -> Iterator[Finding]:
    for table, row, index, mark in _marked(ctx, "unverified"):
        cell = table_cell(table, row, index)
        value = row.values[index]
        shown = amount(value) if value is not None else "空白"
        yield ctx.finding(Severity.WARNING, f"{cell.describe()} 扫描件识别为 {shown}{_sure(mark)}，"
                          "未能由表内勾稽关系确认（合计不符、数字格式异常或识别把握不足），请对照原件核对。", [cell],
                          actual=printed(value))


@rule("OCR-UNCHECKED", "扫描件识别值无勾稽关系可核对", Severity.WARNING)
def unchecked(ctx: Context) -> Iterator[Finding]:
    for table in ctx.document.tables:
        for row in table.rows:
            marks = [(i, m) for i, m in enumerate(row.marks or ()) if m is not None and m.status == "unchecked"]
            if not marks:
                continue
            least = min((m.confidence for _, m in marks if m.confidence is not None), default=None)
            sure = f"（最低识别置信度 {least:.2f}）" if least is not None else ""
            yield ctx.finding(Severity.WARNING, f"表{table.number} {row.name} 有 {len(marks)} 个扫描件识别值"
                              f"没有表内勾稽关系可以核对{sure}，请对照原件核对。",
                              [table_cell(table, row, i) for i, _ in marks])


@rule("OCR-NAME", "扫描件识别的科目名称已更正或把握不足", Severity.WARNING)
def names(ctx: Context) -> Iterator[Finding]:
    for table in ctx.document.tables:
        for row in table.rows:
            mark = row.label_mark
            if mark is None or mark.status not in ("corrected", "unverified") or not row.values:
                continue
            first = next((i for i, v in enumerate(row.values) if v is not None), 0)
            cells = [table_cell(table, row, first)] if table.columns else []
            if mark.status == "corrected":
                message = (f"表{table.number} 扫描件识别的科目为“{mark.seen}”，与分类科目表不符，"
                           f"已读作“{row.name}”，请对照原件核对。")
            else:
                message = f"表{table.number} 扫描件识别的科目“{row.name}”把握不足{_sure(mark)}，请对照原件核对。"
            yield ctx.finding(Severity.WARNING, message, cells, expected=row.name, actual=mark.seen)
