"""Orchestrates the PDF reader: pages → printed tables → national kinds → regional names → Document.

Tables are found and read whatever the region (:mod:`scan`, :mod:`raw`, :mod:`recognise`); then the
declared format whose titles the document prints most (if any) renames them (:mod:`region`), else the
national model is the document's format. The text parts are the lines outside the tables. Lines of the
text parts are numbered through the document only so the text readers can be reused; a Document read
from a PDF points at page and box instead.
"""

from __future__ import annotations

import hashlib
import re

from yusuan.errors import UnreadableInput
from yusuan.formats.detect import detect_region
from yusuan.formats.national import vocabulary
from yusuan.formats.spec import FormatSpec
from yusuan.model import Diagnostic, Document, Meta, Source, Table, TextLine
from yusuan.read.pdf.blank import blank_pages
from yusuan.read.pdf.bodies import entity_of_body, split_bodies
from yusuan.read.pdf.extract import Page, extract_pages
from yusuan.read.pdf.identity import document_kind, entity_of, main_unit, scope_of, title_of, year_of
from yusuan.read.pdf.layout import PdfLine, page_lines
from yusuan.read.pdf.recognise import recognise, share_sides
from yusuan.read.pdf.region import apply_region, may_be_empty, sides_declared
from yusuan.read.pdf.scan import PrintedTable, scan
from yusuan.read.pdf.sections import read_sections
from yusuan.text import squash

NOT_TABLES = frozenset({"contents"})


def is_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


def read_pdf(data: bytes, *, format_id: str | None = None, file: str | None = None) -> Document:
    """Read a disclosure PDF (the first body of a file that holds several, see :func:`read_pdf_bodies`).
    Raises :class:`UnreadableInput` with a Chinese sentence on bad input."""
    return read_pdf_bodies(data, format_id=format_id, file=file)[0]


def read_pdf_bodies(data: bytes, *, format_id: str | None = None, file: str | None = None) -> list[Document]:
    """Every disclosure a PDF holds (a department's, then each unit's), each its own Document."""
    pages = extract_pages(data)
    lines = page_lines(pages)
    printed = scan(pages)
    kind = document_kind(lines, printed)
    vocab = vocabulary(kind)
    diagnostics: list[Diagnostic] = []
    tables: list[Table] = []
    kept: list[PrintedTable] = []
    for one in printed:
        if not one.caption.found:
            continue  # a grid without a title (a list drawn in the narrative) stays text
        table = recognise(one, vocab, len(tables) + 1, diagnostics)
        if table.key in NOT_TABLES or _lists_tables(table) or not (
                table.rows or table.columns or one.caption.numbering):
            continue
        tables.append(table)
        kept.append(one)
    _number_apart(tables)
    toc = contents_pages(lines)
    text_lines = [line for line in lines if line.page not in toc and not _in_table(line, kept)]
    bodies = split_bodies(tables, lines)
    sha = hashlib.sha256(data).hexdigest()
    documents = []
    for n, body in enumerate(bodies, start=1):
        own_lines = [line for line in lines if not body.pages or line.page in body.pages] if len(bodies) > 1 else lines
        own_text = [line for line in text_lines if (line.page in body.pages if body.pages else n == 1)]
        notes = diagnostics if n == 1 else []
        document = _body(body.tables, own_lines, own_text, kind, format_id, notes, file, sha,
                         entity_of_body(body) if n > 1 else None,
                         [page for page in pages if not body.pages or page.number in body.pages])
        if len(bodies) > 1:
            document.meta.body, document.meta.bodies = n, len(bodies)
            if n > 1:
                document.meta.scope = "unit"
        documents.append(document)
    textless = sorted({page.number for page in pages} - {line.page for line in lines})
    for number in blank_pages(data, textless):
        owner = next((d for d, b in zip(documents, bodies, strict=True) if number in b.pages), documents[0])
        owner.blank_pages.append(number)
    return documents


def _body(tables: list[Table], lines: list[PdfLine], text_lines: list[PdfLine], kind: str, format_id: str | None,
          diagnostics: list[Diagnostic], file: str | None, sha: str, entity: str | None,
          pages: list[Page]) -> Document:
    fmt = detect_region(((t.numbering and t.number, t.title) for t in tables), format_id, kind)
    if not fmt.extra.get("national"):
        applied = apply_region(tables, fmt, diagnostics, forced=bool(format_id))
        if format_id and not applied:
            raise UnreadableInput(f"按“{fmt.name}”格式没有读到任何表格（文件中的表名都不是该格式的表）。")
    for table in tables:
        if not sides_declared(table, fmt):
            share_sides(table)
        if not table.rows and not may_be_empty(table, fmt):
            diagnostics.append(Diagnostic(f"表{table.number}“{table.title}”没有读到任何数据行。",
                                          Source(page=table.pages[0] if table.pages else None)))
    unmapped = [t for t in tables if t.key == "generic" and t.title and t.rows]
    if unmapped:  # read and summed all the same: one warning names them
        named = "、".join(f"表{t.number}“{t.title}”" for t in unmapped[:8]) + (" 等" if len(unmapped) > 8 else "")
        diagnostics.append(Diagnostic(f"{len(unmapped)} 张表未能归入全国统一的表种：{named}；"
                                      "这些表只做表内通用核对（合计行、类款项、合计列），不参与表间核对。",
                                      Source(page=unmapped[0].pages[0] if unmapped[0].pages else None)))
    entity = entity or entity_of(lines, tables)
    sections, claims = read_sections(text_lines, fmt, None, entity)
    meta = Meta(
        entity=entity,
        year=year_of(lines, tables),
        kind=kind,
        scope=scope_of(lines),
        format=fmt.id,
        unit=main_unit(tables, fmt.unit),
        title=title_of(lines),
        file=file,
        sha256=sha,
        reader="pdf",
    )
    if not tables and not sections.explanations and not claims:
        raise UnreadableInput("这不是部门预算或决算公开文件：既找不到预算/决算表格，也找不到情况说明。")
    document = Document(meta=meta, sections=sections, tables=tables, claims=claims, diagnostics=diagnostics)
    _boxes_for_lines(document, {line.number: line for line in lines})
    toc = contents_pages(lines)  # every line but the contents': a table's notes are cited too
    document.layout = [TextLine(line.page, [(run.text, run.box) for run in line.runs])
                       for line in lines if line.page not in toc]
    if any(run.confidence is not None for page in pages for run in page.runs):
        from yusuan.read.ocr.proofread import proofread  # scanned pages: marks, and the identities' repairs

        proofread(document, pages, fmt)
    return document


_CONTENTS_LINE_RE = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|\d{1,2}[.．、]|表\d|（[一二三四五六七八九十]+）)|…|\.{3}")

_PAGE_NUMBER_RE = re.compile(r"^[-—－\s]*\d{1,3}[-—－\s]*$")


def _number_apart(tables: list[Table]) -> None:
    """Tables printed without a number (a 会议费明细表 in the narrative) are numbered after the printed
    ones, where their place in the document would give them a printed table's number."""
    printed = {t.number for t in tables if t.numbering}
    after = max(printed, default=0)
    for table in tables:
        if not table.numbering and table.number in printed:
            after += 1
            table.number = after


def _lists_tables(table: Table) -> bool:
    """A grid that lists the report's tables by name (a contents page drawn as a table), not a table."""
    names = [r.label for r in table.rows] + [part for c in table.columns for part in c.path]
    titled = sum(1 for name in names if name.endswith("表") or name.endswith("表）"))
    return titled >= 3 and titled * 2 > len(names) and not any(v is not None for r in table.rows for v in r.values)


def contents_pages(lines: list[PdfLine]) -> set[int]:
    """Pages of the table of contents (目录 and the pages that continue its list): their headings must
    not be taken for the document's own."""
    pages: set[int] = set()
    by_page: dict[int, list[str]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(squash(line.text))
    for page, texts in sorted(by_page.items()):
        heads = [t.replace(" ", "") for t in texts[:3]]
        listed = [t for t in texts if not _PAGE_NUMBER_RE.match(t) and len(t) > 6]  # page numbers, running heads
        if "目录" in heads or any(t in ("目 录", "目录") for t in heads) or (
                page - 1 in pages and all(_CONTENTS_LINE_RE.search(t) for t in texts)) or (
                page <= 3 and len(listed) >= 6 and all(_CONTENTS_LINE_RE.search(t) for t in listed)):
            pages.add(page)  # the last: a list of headings alone on an opening page, 目录 not printed
    return pages


def _in_table(line: PdfLine, tables: list[PrintedTable]) -> bool:
    x0, top, x1, bottom = line.box
    return any(t.covers(line.page, (x0 + x1) / 2, (top + bottom) / 2) for t in tables)


def _boxes_for_lines(document: Document, by_number: dict[int, PdfLine]) -> None:
    """Every source that names a line of the text parts now names that line's box on its page
    (tables are read from boxes already; text sections, claims and diagnostics name lines)."""
    sources = [s.source for s in document.sections.explanations]
    sources += [c.source for c in document.claims] + [d.source for d in document.diagnostics]
    for source in sources:
        if source.line is not None and (line := by_number.get(source.line)):
            source.page, source.box, source.line = line.page, line.box, None


__all__ = ["FormatSpec", "is_pdf", "read_pdf"]
