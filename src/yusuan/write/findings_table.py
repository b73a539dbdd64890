"""Findings as one table, for Excel and WPS: ``yusuan check … --format csv`` / ``--format xlsx``.

One row per finding, of one file or of many (the file and entity columns tell them apart), with the
columns a reviewer sorts and filters on: 规则, 级别, 说明, and where the finding is — the table, the
row (code and name), the column, the page — and the printed and the expected value. The place is
its first cell's (for a sum, the total), and so is 印刷值 where the finding tests no one figure; the other
cells it cites are listed in 涉及单元格.
A narrative finding names its sentence in 原文语句. Review columns (复核, 备注) come from the store when
it has marks for the finding.

CSV is UTF-8 with a byte-order mark (Excel and WPS then read the Chinese as Chinese, not as GBK), and
no cell can become a formula: text starting ``=``, ``+``, ``-`` or ``@`` is written inert
(:mod:`yusuan.store.csvtext`), in the workbook too. Values are the printed strings, never floats.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from io import BytesIO, StringIO

from yusuan.check.findings import Cell, Finding
from yusuan.model import Document
from yusuan.store.csvtext import inert

HEADER = ("文件", "单位", "年度", "规则", "级别", "规则说明", "说明", "表", "行", "列", "页码", "印刷值", "应为",
          "原文语句", "涉及单元格", "复核", "备注")
_WIDTHS = (28, 28, 6, 20, 6, 30, 70, 10, 28, 20, 8, 12, 12, 50, 50, 8, 24)

# What the store says of a finding's review: (status, note), keyed by the finding's index in its file.
Reviews = dict[int, tuple[str, str]]


def _where(cell: Cell) -> str:
    if cell.table is not None:
        return f"表{cell.table}"
    return f"说明{cell.section}" if cell.section else "文字部分"


def _row_name(cell: Cell) -> str:
    name = f"{cell.code} {cell.label}" if cell.code and cell.side is None else cell.label
    return f"{cell.side}：{name}" if cell.side else name


def _pages(finding: Finding) -> str:
    pages = dict.fromkeys(m[0] for c in finding.cells for m in c.boxes) or dict.fromkeys(
        c.page for c in finding.cells if c.page is not None)
    return "、".join(str(p) for p in pages)


def finding_row(document: Document, finding: Finding, review: tuple[str, str] | None = None) -> list[str]:
    meta = document.meta
    first = finding.cells[0] if finding.cells else None
    others = "；".join(f"{c.describe()} {c.value}" if c.value is not None else c.describe()
                      for c in finding.cells[1:])
    text = next((c.text for c in finding.cells if c.text), "")
    status, note = review or ("", "")
    return [meta.file or "", meta.entity, str(meta.year or ""), finding.rule, finding.severity.chinese, finding.title,
            finding.message, _where(first) if first else "", _row_name(first) if first else "",
            "·".join(first.column) if first else "", _pages(finding),
            finding.actual or (first.value if first and first.value is not None else ""), finding.expected or "",
            text, others, status, note]


def rows(reports: Iterable[tuple[Document, list[Finding], Reviews | None]]) -> list[list[str]]:
    return [finding_row(document, finding, (reviews or {}).get(i))
            for document, findings, reviews in reports for i, finding in enumerate(findings)]


def to_csv(reports: Iterable[tuple[Document, list[Finding], Reviews | None]]) -> bytes:
    buffer = StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows(reports):
        writer.writerow([inert(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(reports: Iterable[tuple[Document, list[Finding], Reviews | None]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "校验发现"
    sheet.append(HEADER)
    fills = {"错误": "FDE2E2", "警告": "FEF3C7", "提示": "DBEAFE"}
    for row in rows(reports):
        sheet.append([inert(value) for value in row])
        fill = fills.get(row[4])
        if fill:
            sheet.cell(sheet.max_row, 5).fill = PatternFill("solid", fgColor=fill)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.data_type = "s"  # text as printed: never a formula, never a float
            cell.alignment = wrap
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
