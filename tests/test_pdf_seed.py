"""The Guangdong 12-table format read from a PDF: the seed printed as a PDF reads back into the
Document the text reader makes of the same seed (tables, text parts, narrative claims).

Two printings: one laid out like the published PDF the seed text was extracted from (``seed_pdf``),
and the PDF our own writer makes (``yusuan export --to pdf``) — the round trip of issue 6."""

from __future__ import annotations

from dataclasses import astuple

import pytest

from seed_pdf import HEIGHT, WIDTH, seed_pdf
from yusuan.model import Document
from yusuan.read import read_bytes
from yusuan.write.pdf import pdf_bytes as write_pdf_bytes


@pytest.fixture(scope="session", params=["published-layout", "our-writer"])
def pdf_bytes(request: pytest.FixtureRequest, seed_doc: Document, seed_text: str) -> bytes:
    if request.param == "our-writer":
        return write_pdf_bytes(seed_doc)
    return seed_pdf(seed_doc, seed_text)


@pytest.fixture(scope="session")
def pdf_doc(pdf_bytes: bytes) -> Document:
    return read_bytes(pdf_bytes, name="jiangmen-2024.pdf")


def _row(row) -> tuple:
    return (row.code, row.label, row.ordinal, row.level, row.side, row.key, row.values, row.text)


def test_meta(pdf_doc: Document, seed_doc: Document) -> None:
    assert pdf_doc.meta.reader == "pdf"
    assert pdf_doc.meta.format == "gd-budget-12"
    assert (pdf_doc.meta.entity, pdf_doc.meta.year, pdf_doc.meta.kind, pdf_doc.meta.scope, pdf_doc.meta.unit) == (
        seed_doc.meta.entity, seed_doc.meta.year, seed_doc.meta.kind, seed_doc.meta.scope, seed_doc.meta.unit)
    assert pdf_doc.diagnostics == []


def test_every_table_reads_back(pdf_doc: Document, seed_doc: Document) -> None:
    assert [t.number for t in pdf_doc.tables] == [t.number for t in seed_doc.tables] == list(range(1, 13))
    for ours, theirs in zip(pdf_doc.tables, seed_doc.tables, strict=True):
        assert (ours.key, ours.title, ours.unit, ours.entity, ours.notes) == (
            theirs.key, theirs.title, theirs.unit, theirs.entity, theirs.notes), ours.number
        assert [c.key for c in ours.columns] == [c.key for c in theirs.columns], ours.number
        assert [_row(r) for r in ours.rows] == [_row(r) for r in theirs.rows], ours.number


def test_long_tables_follow_their_pages(pdf_doc: Document) -> None:
    assert max(len(t.pages) for t in pdf_doc.tables) >= 2  # 表6 or 表12 continues under a repeated header
    assert sum(len(r.text or "") > 30 for r in pdf_doc.table(12).rows) >= 5  # goals wrapped over several lines


def test_text_parts_read_back(pdf_doc: Document, seed_doc: Document) -> None:
    ours, theirs = pdf_doc.sections, seed_doc.sections
    assert ours.duties == theirs.duties
    assert (ours.internal_units, ours.internal_unit_count) == (theirs.internal_units, theirs.internal_unit_count)
    assert ours.composition == theirs.composition
    assert ours.glossary == theirs.glossary
    assert [(s.number, s.title, s.text) for s in ours.explanations] == [
        (s.number, s.title, s.text) for s in theirs.explanations]


def test_claims_read_back(pdf_doc: Document, seed_doc: Document) -> None:
    def key(claim) -> tuple:
        return astuple(claim)[:-2]  # everything but the words read and the source (they differ by layout)

    assert [key(c) for c in pdf_doc.claims] == [key(c) for c in seed_doc.claims]


def test_every_value_has_its_page_and_box(pdf_doc: Document) -> None:
    for table in pdf_doc.tables:
        for row in table.rows:
            assert row.source.page in table.pages and row.source.line is None
            x0, top, x1, bottom = row.source.box
            assert 0 <= x0 < x1 <= max(WIDTH, HEIGHT) and 0 <= top < bottom <= max(WIDTH, HEIGHT)  # A4, either way
            assert row.boxes is not None and len(row.boxes) == len(row.values)
            for value, box in zip(row.values, row.boxes, strict=True):
                assert (value is None) == (box is None)
    for claim in pdf_doc.claims:
        assert claim.source.page and claim.source.box and claim.source.line is None


def test_checks_like_the_text(pdf_doc: Document, seed_doc: Document) -> None:
    """Read from either PDF, the seed gets the same findings as from its text (the 表6 类303 尾数误差)."""
    from yusuan.check import check_document

    assert [(f.rule, f.severity, f.message) for f in check_document(pdf_doc)] == [
        (f.rule, f.severity, f.message) for f in check_document(seed_doc)]
