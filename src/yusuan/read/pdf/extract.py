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
from bisect import bisect_right
from dataclasses import dataclass, field
from math import isfinite

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from yusuan.errors import UnreadableInput
from yusuan.read.pdf.ruling import Segment, page_segments

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
    confidence: float | None = None  # OCR'd runs only: how sure the recogniser was (0–1)

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
    """A page as it is displayed (its /Rotate applied): runs and ruling segments in top-down points."""

    number: int  # 1-based
    width: float
    height: float
    runs: list[Run]
    rules: list[Segment] = field(default_factory=list)


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


def page_count(data: bytes) -> int:
    """How many pages a PDF has, 0 if PDFium cannot open it (for throughput figures, not for reading)."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return 0
    try:
        return len(document)
    finally:
        document.close()


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
    if not all(page.runs for page in pages):
        from yusuan.read.ocr import read_images  # pages that are pictures: OCR (the optional yusuan[ocr])

        pages = read_images(data, pages)
    if not any(page.runs for page in pages):
        raise UnreadableInput("PDF 文件没有文字层（可能是扫描件或图片），无法读取其中的文字；请提供带文字的 PDF。")
    return pages


def _page(document: pdfium.PdfDocument, index: int) -> Page:
    page = document[index]
    try:
        width, height = page.get_size()  # as displayed: a /Rotate 90 page is as wide as it is tall unrotated
        display = Display(page.get_rotation(), width, height)
        rules = [display.segment(s) for s in page_segments(page.raw)]
        textpage = page.get_textpage()
        try:
            runs = _runs(textpage, display, Borders.of(rules))
        finally:
            textpage.close()
    finally:
        page.close()
    return Page(index + 1, width, height, runs, rules)


@dataclass(slots=True, frozen=True)
class Display:
    """PDF user space (y up, unrotated) → the page as displayed, top-down. Characters of a rotated page
    run along y in user space; turned, they read left to right like any other line."""

    rotation: int  # 0, 90, 180, 270 (clockwise)
    width: float  # displayed
    height: float

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """(x0, top, x1, bottom) on the displayed page."""
        if self.rotation == 90:
            return bottom, left, top, right
        if self.rotation == 180:
            return self.width - right, bottom, self.width - left, top
        if self.rotation == 270:
            return self.width - top, self.height - right, self.width - bottom, self.height - left
        return left, self.height - top, right, self.height - bottom

    def segment(self, s: Segment) -> Segment:
        x0, top, x1, bottom = self.box(s.x0, s.y0, s.x1, s.y1)
        return Segment(round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1))


@dataclass(slots=True, frozen=True)
class Borders:
    """The vertical cell borders of a page, to cut a run that crosses one: two right-aligned amounts
    in narrow neighbouring cells can touch (``12,063.9611,476.19``) with no gap between them."""

    xs: tuple[float, ...]
    spans: tuple[tuple[float, float], ...]

    @classmethod
    def of(cls, rules: list[Segment]) -> Borders:
        vertical = sorted((s.x0, s.y0, s.y1) for s in rules if not s.horizontal and s.y1 - s.y0 > 4)
        return cls(tuple(v[0] for v in vertical), tuple((v[1], v[2]) for v in vertical))

    def between(self, x0: float, x1: float, top: float, bottom: float) -> bool:
        """Is a border drawn strictly inside (x0, x1) across the line from top to bottom?"""
        yc = (top + bottom) / 2
        i = bisect_right(self.xs, x0 + 0.5)
        while i < len(self.xs) and self.xs[i] < x1 - 0.5:
            low, high = self.spans[i]
            if low - 1 <= yc <= high + 1:
                return True
            i += 1
        return False


_NO_BORDERS = Borders((), ())
_NUMERIC = frozenset("0123456789,.-")  # only amounts glued to amounts are cut at a border; words may overflow
_DIGIT_RE = re.compile(r"\d")


def _runs(textpage: pdfium.PdfTextPage, display: Display, borders: Borders = _NO_BORDERS) -> list[Run]:
    """Runs of one page. PDFium separates words with (generated) blanks; a word whose first and last
    characters sit on one line no farther apart than its characters need, and that no cell border
    crosses, is one run, from two box calls. Only a word that fails this (a gap or a line break PDFium
    did not mark, a border inside it) is walked char by char."""
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
    turn = display.box
    runs: list[Run] = []
    for word in _WORD_RE.finditer(text):
        first, last = word.start(), word.end() - 1
        if not loose_box(raw_page, first, ref):
            runs += _walk(raw_page, text, first, last + 1, display, borders)
            continue
        x0, top, x1, bottom = turn(rect.left, rect.bottom, rect.right, rect.top)
        if bottom - top <= 0.1:  # text printed at no size cannot be seen: it is not part of the page
            continue
        if last == first:
            runs.append(Run(word.group(), x0, top, x1, bottom))
            continue
        h = bottom - top
        if not loose_box(raw_page, last, ref):
            runs += _walk(raw_page, text, first, last + 1, display, borders)
            continue
        _, ltop, lx1, lbottom = turn(rect.left, rect.bottom, rect.right, rect.top)
        if abs((ltop + lbottom) - (top + bottom)) > 0.6 * h or lx1 - x0 > _width(word.group(), h) or lx1 < x0 or (
                borders.xs and _DIGIT_RE.search(word.group()) and borders.between(x0, lx1, top, bottom)):
            runs += _walk(raw_page, text, first, last + 1, display, borders)
            continue
        runs.append(Run(word.group(), x0, min(top, ltop), lx1, max(bottom, lbottom)))
    return [r for r in runs if isfinite(r.x0 + r.x1 + r.top + r.bottom)]  # a damaged file may place text nowhere


def _width(word: str, height: float) -> float:
    """The most a word can span without a gap: CJK characters are square, others narrower (a character
    beyond ASCII counts as square: a dash or a middle dot more allows a gap a little wider)."""
    narrow = len(word.encode("ascii", "ignore"))
    return (len(word) - 0.3 * narrow) * height * 1.1 + 1


def _walk(raw_page, text: str, start: int, end: int, display: Display, borders: Borders = _NO_BORDERS) -> list[Run]:
    """Characters glued into runs one by one: a new run where the baseline moves, a gap opens or a
    cell border stands between two characters."""
    rect = pdfium_c.FS_RECTF()
    ref = ctypes.byref(rect)
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    runs: list[Run] = []
    chars: list[str] = []
    x0 = x1 = top = bottom = 0.0  # the current run, displayed (top-down)
    last_centre = 0.0
    for index in range(start, end):
        char = text[index]
        if not loose_box(raw_page, index, ref):
            continue
        cx0, ctop, cx1, cbottom = display.box(rect.left, rect.bottom, rect.right, rect.top)
        if cbottom - ctop <= 0.1:
            continue
        if chars:
            h = bottom - top
            centre = (cx0 + cx1) / 2
            if top - 0.3 * h <= (ctop + cbottom) / 2 <= bottom + 0.3 * h and -h < cx0 - x1 < _GAP * h and not (
                    borders.xs and char in _NUMERIC and chars[-1] in _NUMERIC
                    and borders.between(last_centre, centre, top, bottom)):
                chars.append(char)
                x1 = max(x1, cx1)
                last_centre = centre
                continue
            runs.append(Run("".join(chars), x0, top, x1, bottom))
        chars = [char]
        x0, x1, top, bottom = cx0, cx1, ctop, cbottom
        last_centre = (cx0 + cx1) / 2
    if chars:
        runs.append(Run("".join(chars), x0, top, x1, bottom))
    return runs
