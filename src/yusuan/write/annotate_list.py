"""The first page(s) of an annotated PDF: every finding in a numbered list, each row linked to its page.

A4 portrait in Noto Sans SC (embedded, as ``yusuan export`` embeds it), one row per finding: its
number in its severity's colour (the colour of its boxes in the pages behind), 级别, 规则, the
message, and 第N页. The rectangles of the rows are returned so the writer can link each to its page.
"""

from __future__ import annotations

from dataclasses import dataclass

from fpdf import FPDF

from yusuan.model import Document
from yusuan.write.marks import COLOURS, Numbered
from yusuan.write.pdf import font_files

SANS = "sans"
_W, _H = 595.28, 841.89  # A4 in points
_MARGIN = 42.0
_COLUMNS = (("编号", 34.0), ("级别", 34.0), ("规则", 112.0), ("说明", 0.0), ("页码", 46.0))
_SIZE = 8.5
_LEADING = 11.5
_NEXT_LINE = {"new_x": "LMARGIN", "new_y": "NEXT"}  # fpdf2 leaves x at the right edge otherwise: width 0 next


@dataclass(frozen=True, slots=True)
class ListLink:
    """A row of the list (on front page ``list_page``, 0-based) that opens original page ``page``."""

    list_page: int
    rect: tuple[float, float, float, float]  # left, bottom, right, top in PDF points
    number: int
    page: int


@dataclass(frozen=True, slots=True)
class ListPage:
    pdf: bytes
    links: list[ListLink]


def _widths() -> list[float]:
    fixed = sum(w for _, w in _COLUMNS)
    return [w or (_W - 2 * _MARGIN - fixed) for _, w in _COLUMNS]


def _kind(document: Document) -> str:
    return "决算" if document.meta.kind == "final_accounts" else "预算"


def findings_list(document: Document, items: list[Numbered], summary: dict[str, int]) -> ListPage:
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_font(SANS, fname=str(font_files()[1]))
    for font in pdf.fonts.values():
        font.ttfont.recalcBBoxes = False  # as the export does: the font's own boxes, a third of the time
    pdf.set_margins(_MARGIN, _MARGIN, _MARGIN)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    meta = document.meta
    pdf.set_font(SANS, size=15)
    year = f"{meta.year}年" if meta.year else ""
    pdf.multi_cell(0, 20, f"校验结果：{meta.entity} {year}{_kind(document)}", wrapmode="CHAR", **_NEXT_LINE)
    pdf.set_font(SANS, size=9.5)
    pdf.set_text_color(60, 60, 60)
    lines = [f"文件：{meta.file or '—'}",
             f"共 {summary['error']} 个错误、{summary['warning']} 个警告、{summary['info']} 个提示。"
             "原文各页上，每条发现所涉的单元格和语句以其级别的颜色框出（红色为错误，橙色为警告，蓝色为提示），"
             "框旁的数字即下表的编号；点击一行可跳到该页，书签中也逐条列出。"]
    for line in lines:
        pdf.multi_cell(0, 13, line, wrapmode="CHAR", **_NEXT_LINE)
    pdf.ln(6)
    links: list[ListLink] = []
    widths = _widths()
    if items:
        _header(pdf, widths)
    for item in items:
        cells = _row(item)
        height = max(len(pdf.multi_cell(w - 4, _LEADING, text, dry_run=True, output="LINES", wrapmode="CHAR"))
                     for w, text in zip(widths, cells, strict=True)) * _LEADING + 4
        if pdf.get_y() + height > _H - _MARGIN:
            pdf.add_page()
            _header(pdf, widths)
        top = pdf.get_y()
        _draw_row(pdf, widths, cells, item, top, height)
        if item.pages:
            links.append(ListLink(pdf.page_no() - 1, (_MARGIN, _H - top - height, _W - _MARGIN, _H - top),
                                  item.number, item.pages[0]))
        pdf.set_y(top + height)
    if not items:
        pdf.set_font(SANS, size=10)
        pdf.cell(0, 16, "没有发现。")
    return ListPage(bytes(pdf.output()), links)


def _row(item: Numbered) -> list[str]:
    finding = item.finding
    pages = "、".join(str(p) for p in item.pages[:3]) + ("…" if len(item.pages) > 3 else "")
    return [str(item.number), finding.severity.chinese, f"{finding.rule}\n{finding.title}", finding.message,
            f"第{pages}页" if pages else "—"]


def _header(pdf: FPDF, widths: list[float]) -> None:
    pdf.set_font(SANS, size=_SIZE)
    pdf.set_fill_color(235, 235, 235)
    pdf.set_text_color(0, 0, 0)
    x = _MARGIN
    top = pdf.get_y()
    for (name, _), w in zip(_COLUMNS, widths, strict=True):
        pdf.set_xy(x, top)
        pdf.cell(w, 16, name, border=1, fill=True, align="C")
        x += w
    pdf.set_y(top + 16)


def _draw_row(pdf: FPDF, widths: list[float], cells: list[str], item: Numbered, top: float, height: float) -> None:
    x = _MARGIN
    pdf.set_draw_color(180, 180, 180)
    for k, (w, text) in enumerate(zip(widths, cells, strict=True)):
        pdf.rect(x, top, w, height)
        if k == 0:
            pdf.set_fill_color(*COLOURS[item.finding.severity])
            pdf.rect(x + 4, top + 3, w - 8, _LEADING + 1, style="F")
            pdf.set_text_color(255, 255, 255)
        else:
            pdf.set_text_color(0, 0, 0)
        pdf.set_font(SANS, size=_SIZE)
        pdf.set_xy(x + 2, top + 2.5)
        pdf.multi_cell(w - 4, _LEADING, text, align="C" if k in (0, 1, 4) else "L", wrapmode="CHAR")
        x += w
