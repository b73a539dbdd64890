"""The PDF: A4, the CJK fonts embedded as subsets, searchable text that reads back as the same disclosure."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from write_helpers import meta_as_data, shanghai_document, tables_as_data
from yusuan.model import Document
from yusuan.read import read_text
from yusuan.write.pdf import pdf_bytes
from yusuan.write.table_grid import amount_text

A4 = (595.28, 841.89)


@pytest.fixture(scope="module")
def seed_pdf(seed_doc: Document) -> bytes:
    return pdf_bytes(seed_doc)


def page_texts(data: bytes) -> list[str]:
    document = pdfium.PdfDocument(data)
    return [page.get_textpage().get_text_range().replace("\r\n", "\n") for page in document]


@pytest.fixture(scope="module")
def pages(seed_pdf: bytes) -> list[str]:
    return page_texts(seed_pdf)


def test_a4_pages_with_footers(seed_pdf: bytes, pages: list[str]) -> None:
    sizes = {tuple(round(x, 2) for x in page.get_size()) for page in pdfium.PdfDocument(seed_pdf)}
    assert sizes == {A4, A4[::-1]}  # portrait, and landscape for the widest tables
    assert "- " not in pages[0]  # the cover carries no number
    for n, text in enumerate(pages[1:], start=1):
        assert text.rstrip().endswith(f"- {n} -")


def test_fonts_are_embedded_subsets(seed_pdf: bytes) -> None:
    names = set(re.findall(rb"/BaseFont /([A-Z]{6}\+[\w-]+)", seed_pdf))
    assert names == {b"MPDFAA+NotoSerifSC", b"MPDFAA+NotoSansSC"}
    assert seed_pdf.count(b"/FontFile3") == 2  # each CID font carries its glyphs (CFF)
    assert len(seed_pdf) < 600_000  # subsets, not the 8–12 MB fonts


def _table_pages(pages: list[str], number: int) -> str:
    """The text of the pages table ``number`` is printed on: from its ``表N`` line to the next table's."""
    starts = [next(i for i, text in enumerate(pages) if re.search(rf"(?m)^(?:- \d+ -)?表{n}$", text))
              for n in (number, number + 1) if n <= 12]
    end = starts[1] if len(starts) > 1 else starts[0] + 2
    return "\n".join(pages[starts[0]:end + (1 if len(starts) == 1 else 0)])


def test_every_value_in_the_text_of_its_table(seed_doc: Document, pages: list[str]) -> None:
    for table in seed_doc.tables:
        text = _table_pages(pages, table.number)
        assert table.title in text and "单位名称：江门市社会保险基金管理局 单位：万元" in text
        for row in table.rows:
            printed = [amount_text(v) for v in row.values]
            if row.side is None:  # a line of the table: code, name and every amount as separate runs
                line = " ".join(x for x in (row.code, f"{row.ordinal or ''}{row.label}", *printed) if x)
                assert line in text, (table.number, line)
            else:
                assert f"{row.ordinal or ''}{row.label} {' '.join(printed)}" in text
        for note in table.notes:
            assert note in text.replace("\n", "")


def test_long_table_continues_with_its_header(pages: list[str]) -> None:
    text = _table_pages(pages, 12)
    assert text.count("绩效目标") == 2 and text.count("项目 总计") == 2
    assert "代发企业退休干部职级补贴 1,050.00 1,050.00 1,050.00 0.00 0.00 0.00 0.00" in text


def test_text_reads_back_as_the_same_disclosure(seed_doc: Document, pages: list[str]) -> None:
    back = read_text("\f".join(pages))
    assert back.diagnostics == []
    assert tables_as_data(back) == tables_as_data(seed_doc)
    assert meta_as_data(back) == meta_as_data(seed_doc)
    assert [(s.number, s.title, s.text) for s in back.sections.explanations] == \
           [(s.number, s.title, s.text) for s in seed_doc.sections.explanations]
    assert back.sections.duties == seed_doc.sections.duties
    assert back.sections.internal_units == seed_doc.sections.internal_units
    assert back.sections.internal_unit_count == seed_doc.sections.internal_unit_count
    assert back.sections.glossary == seed_doc.sections.glossary
    key = [(c.name, c.amount, c.goal) for c in seed_doc.claims]
    assert [(c.name, c.amount, c.goal) for c in back.claims] == key


def test_a_shanghai_document_prints_every_value(corpus: Path) -> None:
    document = shanghai_document(corpus)
    text = "\n".join(page_texts(pdf_bytes(document)))
    for table in document.tables:
        assert table.title in text
        for row in table.rows:
            for value in row.values:
                assert amount_text(value) in text
    assert "单位：万元" in text and "单位：元" in text


def test_nothing_runs_into_the_footer(seed_pdf: bytes) -> None:
    margin = 20 * 72 / 25.4 - 1  # the 20 mm bottom margin, in points, less a point of tolerance
    for number, page in enumerate(pdfium.PdfDocument(seed_pdf)):
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        footer = text.rfind("- ") if number else len(text)
        lowest = min(textpage.get_charbox(i)[1] for i in range(footer) if not text[i].isspace())
        assert lowest >= margin, f"第 {number + 1} 页的正文进入了页脚区域"
