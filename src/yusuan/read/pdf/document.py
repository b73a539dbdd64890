"""Orchestrates the PDF reader: runs → lines → format → tables, sections, claims → Document.

Lines of the text parts are numbered through the document only so the text readers can be reused;
a Document read from a PDF points at page and box instead (the ``line`` of every source is replaced
by the box of that line).
"""

from __future__ import annotations

import hashlib
import re

from yusuan.errors import UnreadableInput
from yusuan.formats.detect import detect_format
from yusuan.model import Diagnostic, Document, Meta
from yusuan.read.pdf.extract import extract_pages
from yusuan.read.pdf.layout import PdfLine, page_lines
from yusuan.read.pdf.sections import is_heading, read_sections
from yusuan.read.pdf.tables import read_tables
from yusuan.text import squash

_YEAR_RE = re.compile(r"(20\d{2})\s*年")
_COVER_ENTITY_RE = re.compile(r"(?:预算主管部门|预算单位|部门名称|单位名称)[:：]\s*(\S.*)$")
_COVER_TITLE_RE = re.compile(r"^(?P<entity>.+?)(?:20\d{2}年度?)(?:区级|市级)?(?:部门|单位)(?:预算|决算)$")


def is_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


def read_pdf(data: bytes, *, format_id: str | None = None, file: str | None = None) -> Document:
    """Read a disclosure PDF. Raises :class:`UnreadableInput` with a Chinese sentence on bad input."""
    pages = extract_pages(data)
    lines = page_lines(pages)
    fmt = detect_format((line.text for line in lines), format_id)
    diagnostics: list[Diagnostic] = []
    tables, span = read_tables(lines, fmt, lambda line: is_heading(line, fmt), diagnostics)
    if not tables:
        raise UnreadableInput(f"按“{fmt.name}”格式没有读到任何表格。")
    found = {t.number for t in tables}
    diagnostics += [Diagnostic(f"没有找到表{spec.number}“{spec.title}”。") for spec in fmt.tables
                    if spec.number not in found]
    toc = _contents_pages(lines)
    cover = [line for line in lines if line.page == 1]
    entity = _entity(cover, tables)
    sections, claims = read_sections([line for line in lines if line.page not in toc], fmt,
                                     _span_without(lines, toc, span), entity)
    meta = Meta(
        entity=entity,
        year=_year(lines),
        kind=fmt.kind,
        scope=_scope(cover, lines),
        format=fmt.id,
        unit=_main_unit(tables, fmt.unit),
        title="".join(squash(line.text) for line in cover[:3] if not _COVER_ENTITY_RE.search(line.text)) or None,
        file=file,
        sha256=hashlib.sha256(data).hexdigest(),
        reader="pdf",
    )
    document = Document(meta=meta, sections=sections, tables=tables, claims=claims, diagnostics=diagnostics)
    _boxes_for_lines(document, {line.number: line for line in lines})
    if any(run.confidence is not None for page in pages for run in page.runs):
        from yusuan.read.ocr.proofread import proofread  # scanned pages: marks, and the identities' repairs

        proofread(document, pages, fmt)
    return document


_CONTENTS_LINE_RE = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|\d{1,2}[.．、]|表\d)|…|\.{3}")


def _contents_pages(lines: list[PdfLine]) -> set[int]:
    """Pages of the table of contents (目录 and the pages that continue its list): their headings must
    not be taken for the document's own."""
    pages: set[int] = set()
    by_page: dict[int, list[str]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(squash(line.text))
    for page, texts in sorted(by_page.items()):
        if "目录" in texts[:2] or (page - 1 in pages and all(_CONTENTS_LINE_RE.search(t) for t in texts)):
            pages.add(page)
    return pages


def _span_without(lines: list[PdfLine], toc: set[int], span: tuple[int, int] | None) -> tuple[int, int] | None:
    """The tables' span of line indices, counted in the lines that remain once the contents are dropped."""
    if span is None or not toc:
        return span
    dropped = [i for i, line in enumerate(lines) if line.page in toc]
    return tuple(index - sum(1 for d in dropped if d < index) for index in span)  # type: ignore[return-value]


def _entity(cover: list[PdfLine], tables: list) -> str:
    for line in cover:
        if match := _COVER_ENTITY_RE.search(squash(line.text)):
            return match.group(1)
    counted: dict[str, int] = {}
    for table in tables:
        if table.entity:
            counted[table.entity] = counted.get(table.entity, 0) + 1
    if counted:
        return max(counted, key=lambda name: counted[name])
    text = squash("".join(line.text for line in cover[:3]))
    if match := _COVER_TITLE_RE.match(text):
        return match.group("entity")
    if cover:
        return squash(cover[0].text)
    raise UnreadableInput("找不到单位名称（封面和表格上都没有）。")


def _year(lines: list[PdfLine]) -> int | None:
    for line in lines[:40]:
        if match := _YEAR_RE.search(squash(line.text)):
            return int(match.group(1))
    return None


def _scope(cover: list[PdfLine], lines: list[PdfLine]) -> str:
    heads = squash(" ".join(line.text for line in (cover or lines[:5])))
    return "unit" if re.search(r"单位(?:预算|决算)|预算单位[:：]", heads) else "department"


def _main_unit(tables: list, default: str) -> str:
    units = [t.unit for t in tables if t.unit]
    return max(set(units), key=units.count) if units else default


def _boxes_for_lines(document: Document, by_number: dict[int, PdfLine]) -> None:
    """Every source that names a line of the text parts now names that line's box on its page
    (tables are read from boxes already; text sections, claims and diagnostics name lines)."""
    sources = [s.source for s in document.sections.explanations]
    sources += [c.source for c in document.claims] + [d.source for d in document.diagnostics]
    for source in sources:
        if source.line is not None and (line := by_number.get(source.line)):
            source.page, source.box, source.line = line.page, line.box, None
