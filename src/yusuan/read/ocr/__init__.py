"""Scanned disclosures: pages that are pictures, read by OCR into the same :class:`Page` s a text PDF
gives (runs with boxes and ruling segments), so that one reader reads both — and a mixed file (text
pages with some pages scanned) reads each page the way it needs.

The OCR itself is the optional extra ``yusuan[ocr]`` (rapidocr with its shipped PP-OCR models on
onnxruntime, :mod:`.engine`); without it a scanned file is refused with one sentence saying what to
install. What OCR read is proof-read afterwards against the document's own identities
(:mod:`.proofread`): every value keeps its OCR confidence and whether its sums confirm it.
"""

from __future__ import annotations

import time

from yusuan.errors import UnreadableInput
from yusuan.read.ocr.engine import INSTALL_HINT, available
from yusuan.read.ocr.image import render_dpi, scan_dpi
from yusuan.read.pdf.extract import Page, open_pdf

MAX_OCR_PAGES = 120  # a scanned disclosure runs to tens of pages; far more is not one
SECONDS_PER_PAGE = 60.0  # a page takes seconds on two cores; a minute means something is wrong
FIRST_PAGES = 2  # of a file that is all scans: enough to see its cover and contents, or its first table
# What a disclosure's cover, contents or first table says (an evaluation report may say 预算 in passing).
DISCLOSURE_WORDS = ("部门预算", "单位预算", "部门决算", "单位决算", "预算公开", "决算公开", "预算表", "决算表",
                    "收支总表", "预算总表", "决算总表")


def read_images(data: bytes, pages: list[Page]) -> list[Page]:
    """``pages`` with every page that has no text but an image replaced by its OCR'd reading."""
    document = open_pdf(data)
    try:
        wanted: dict[int, float] = {}
        for page in pages:
            if not page.runs:
                pdf_page = document[page.number - 1]
                try:
                    dpi = scan_dpi(pdf_page)
                finally:
                    pdf_page.close()
                if dpi is not None:
                    wanted[page.number - 1] = dpi
        if not wanted:
            return pages
        if not available():
            if any(page.runs for page in pages):
                return pages  # a mixed file reads its text pages as before
            raise UnreadableInput("PDF 是扫描件（页面是图片，没有文字层）；读取扫描件需要 OCR 组件，"
                                  f"请先安装：{INSTALL_HINT}。")
        if len(wanted) > MAX_OCR_PAGES:
            raise UnreadableInput(f"PDF 有 {len(wanted)} 页是图片，超过 OCR 上限 {MAX_OCR_PAGES} 页，"
                                  "不像是一份预算/决算公开文件。")
        pages = _ocr(document, pages, wanted, all_scanned=len(wanted) == len(pages))
    finally:
        document.close()
    if len(wanted) == len(pages):
        _refuse_unless_tables(pages)
    return pages


def _ocr(document, pages: list[Page], wanted: dict[int, float], all_scanned: bool) -> list[Page]:
    """The ``wanted`` pages OCR'd in order. A file that is all scans and whose first pages say nothing a
    disclosure's cover, contents or tables say is refused there, not after OCR of every page."""
    from yusuan.read.ocr.page import ocr_page

    deadline = time.monotonic() + SECONDS_PER_PAGE * len(wanted)
    pages = list(pages)
    for done, (index, dpi) in enumerate(sorted(wanted.items()), 1):
        if time.monotonic() > deadline:
            raise UnreadableInput(f"OCR 识别超过 {SECONDS_PER_PAGE * len(wanted):.0f} 秒仍未完成"
                                  f"（第 {index + 1} 页），已停止。")
        pdf_page = document[index]
        try:
            pages[index] = ocr_page(pdf_page, index + 1, render_dpi(dpi))
        except UnreadableInput:
            raise
        except Exception as error:  # a picture the image or OCR libraries cannot take: one sentence, no traceback
            raise UnreadableInput(f"第 {index + 1} 页是图片，OCR 识别失败（{type(error).__name__}），"
                                  "无法读取。") from None
        finally:
            pdf_page.close()
        if all_scanned and done == FIRST_PAGES < len(wanted) and not _says_disclosure(pages[:done]):
            _refuse_unless_tables(pages[:done])
    return pages


def _says_disclosure(pages: list[Page]) -> bool:
    from yusuan.read.pdf.layout import page_lines
    from yusuan.text import squash

    text = "".join(squash(line.text) for line in page_lines(pages))
    return any(word in text for word in DISCLOSURE_WORDS)


def _refuse_unless_tables(pages: list[Page]) -> None:
    """A file that is all scans must show some budget table: scans of letters, notices and evaluation
    reports are published under budget names too, and are refused with what they do say."""
    from yusuan.formats.detect import score, title_keys
    from yusuan.formats.spec import all_formats
    from yusuan.read.pdf.layout import page_lines
    from yusuan.text import squash

    lines = [squash(line.text) for line in page_lines(pages)]
    if not any(lines):
        raise UnreadableInput("扫描件：没有识别出任何文字（页面可能是空白，或图片质量太差）。")
    keys = title_keys(lines)
    if any(score(fmt, keys) for fmt in all_formats()) or any(("预算" in k or "决算" in k) and "表" in k for k in keys):
        return
    head = "".join(lines[:2])[:40]
    raise UnreadableInput(f"扫描件：识别出的文字不是预算/决算表格（第 1 页开头为“{head}”），"
                          "无法按预算/决算公开文件读取。")
