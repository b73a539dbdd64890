"""Text runs with their boxes, straight from PDFium (pypdfium2: Apache-2.0/BSD, fast, ships CJK CMaps).

PDFium has no call that returns every character's box at once, and its own text segments
(``count_rects``) are one per character in letter-spaced government PDFs, so this module walks the
characters once through the raw C API and glues them into *runs*: characters on one baseline with
no visible gap between them (a cell's text, an amount, a code piece). Everything later works on runs,
never on characters. Coordinates are turned top-down (``top`` grows down the page) so that boxes
read like the page: ``(x0, top, x1, bottom)`` in PDF points.

The work per file is bounded (pages, characters, seconds) so that no input can hang a reader, and
every failure of PDFium becomes one Chinese sentence.
"""

from __future__ import annotations

import ctypes
import re
import time
from dataclasses import dataclass
from math import isfinite

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from yusuan.errors import UnreadableInput

MAX_PAGES = 400  # a disclosure runs to tens of pages; more is not one
MAX_CHARS_PER_PAGE = 60_000
TIME_BUDGET_SECONDS = 30.0
_GAP = 0.5  # a gap wider than this many text heights starts a new run
_BLANKS = "\u3000\xa0\u2002\u2003\u2009\u200b\ufeff\x7f\ufffe\uffff"
_WORD_RE = re.compile(f"[^\\x00-\\x20{_BLANKS}]+")


@dataclass(slots=True)
class Run:
    """Characters printed together on one line: a word, a cell, an amount."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (round(self.x0, 1), round(self.top, 1), round(self.x1, 1), round(self.bottom, 1))


@dataclass(slots=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    runs: list[Run]


_PDFIUM_ERRORS = {
    pdfium_c.FPDF_ERR_PASSWORD: "PDF 文件已加密（需要密码），无法读取；请提供未加密的文件。",
    pdfium_c.FPDF_ERR_SECURITY: "PDF 文件使用了不支持的加密方式，无法读取。",
    pdfium_c.FPDF_ERR_FILE: "PDF 文件无法打开或已损坏。",
    pdfium_c.FPDF_ERR_FORMAT: "PDF 文件已损坏（格式错误），无法读取。",
}


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        message = _PDFIUM_ERRORS.get(getattr(error, "err_code", None), "PDF 文件已损坏，无法读取。")
        raise UnreadableInput(message) from None


def extract_pages(data: bytes, *, max_pages: int = MAX_PAGES, budget: float = TIME_BUDGET_SECONDS) -> list[Page]:
    """Every page's runs. Raises :class:`UnreadableInput` for damaged, encrypted, empty or scanned PDFs."""
    document = open_pdf(data)
    try:
        count = len(document)
        if count == 0:
            raise UnreadableInput("PDF 文件没有任何页面。")
        if count > max_pages:
            raise UnreadableInput(f"PDF 文件有 {count} 页，超过上限 {max_pages} 页，不像是一份预算/决算公开文件。")
        deadline = time.monotonic() + budget
        pages = []
        for index in range(count):
            if time.monotonic() > deadline:
                raise UnreadableInput(f"读取 PDF 超过 {budget:.0f} 秒仍未完成（第 {index + 1} 页），已停止。")
            pages.append(_page(document, index))
    except pdfium.PdfiumError:
        raise UnreadableInput("PDF 文件已损坏，页面内容无法读取。") from None
    finally:
        document.close()
    if not any(page.runs for page in pages):
        raise UnreadableInput("PDF 文件没有文字层（可能是扫描件或图片），无法读取其中的文字；请提供带文字的 PDF。")
    return pages


def _page(document: pdfium.PdfDocument, index: int) -> Page:
    page = document[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            runs = _runs(textpage, height)
        finally:
            textpage.close()
    finally:
        page.close()
    return Page(index + 1, width, height, runs)


def _runs(textpage: pdfium.PdfTextPage, page_height: float) -> list[Run]:
    """Runs of one page. PDFium separates words with (generated) blanks; a word whose first and last
    characters sit on one line no farther apart than its characters need is one run, from two box
    calls. Only a word that fails this (a gap or a line break PDFium did not mark) is walked char by char."""
    raw_page = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw_page)
    if count <= 0:
        return []
    if count > MAX_CHARS_PER_PAGE:
        raise UnreadableInput(f"PDF 某页有 {count} 个字符，超过上限，不像是一份预算/决算公开文件。")
    text = textpage.get_text_range(0, count)[:count]
    rect = pdfium_c.FS_RECTF()
    ref = ctypes.byref(rect)
    loose_box = pdfium_c.FPDFText_GetLooseCharBox  # font-height boxes: a comma stands as tall as a digit
    runs: list[Run] = []
    for word in _WORD_RE.finditer(text):
        first, last = word.start(), word.end() - 1
        if not loose_box(raw_page, first, ref):
            runs += _walk(raw_page, text, first, last + 1, page_height)
            continue
        x0, top, bottom = rect.left, rect.top, rect.bottom
        if top - bottom <= 0.1:  # text printed at no size cannot be seen: it is not part of the page
            continue
        if last == first:
            runs.append(Run(word.group(), x0, page_height - top, rect.right, page_height - bottom))
            continue
        h = top - bottom
        if not loose_box(raw_page, last, ref) or abs((rect.top + rect.bottom) - (top + bottom)) > 0.6 * h or (
                rect.right - x0 > _width(word.group(), h)):
            runs += _walk(raw_page, text, first, last + 1, page_height)
            continue
        runs.append(Run(word.group(), x0, page_height - max(top, rect.top), rect.right,
                        page_height - min(bottom, rect.bottom)))
    return [r for r in runs if isfinite(r.x0 + r.x1 + r.top + r.bottom)]  # a damaged file may place text nowhere


def _width(word: str, height: float) -> float:
    """The most a word can span without a gap: CJK characters are square, others narrower (a character
    beyond ASCII counts as square: a dash or a middle dot more allows a gap a little wider)."""
    narrow = len(word.encode("ascii", "ignore"))
    return (len(word) - 0.3 * narrow) * height * 1.1 + 1


def _walk(raw_page, text: str, start: int, end: int, page_height: float) -> list[Run]:
    """Characters glued into runs one by one: a new run where the baseline moves or a gap opens."""
    rect = pdfium_c.FS_RECTF()
    ref = ctypes.byref(rect)
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    runs: list[Run] = []
    chars: list[str] = []
    x0 = x1 = y0 = y1 = 0.0  # the current run, PDF coordinates (y up)
    for index in range(start, end):
        char = text[index]
        if not loose_box(raw_page, index, ref):
            continue
        cx0, cx1, cy0, cy1 = rect.left, rect.right, rect.bottom, rect.top
        if cy1 - cy0 <= 0.1:
            continue
        if chars:
            h = y1 - y0
            if y0 - 0.3 * h <= (cy0 + cy1) / 2 <= y1 + 0.3 * h and -h < cx0 - x1 < _GAP * h:
                chars.append(char)
                x1 = max(x1, cx1)
                continue
            runs.append(Run("".join(chars), x0, page_height - y1, x1, page_height - y0))
        chars = [char]
        x0, x1, y0, y1 = cx0, cx1, cy0, cy1
    if chars:
        runs.append(Run("".join(chars), x0, page_height - y1, x1, page_height - y0))
    return runs
