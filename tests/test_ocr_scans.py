"""Scans made from the corpus' text PDFs read back to the text layer's values, under every scanning
condition (150/100 dpi; grey JPEG 80/30 or black-and-white; straight or 1° askew); the scanned page
replaces the text page in a copy of the file, so each read is also a mixed file (text and image pages).

Per condition the test measures the fraction of the page's values (blank cells included) that are
exact as OCR read them and after the identities' repair, and asserts that whatever is still wrong is
never marked verified. ``scripts/ocr_score.py`` runs the same over more pages for the full table.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fixtures.scans import CONDITIONS, Condition, compare, mixed_scan, tools_missing
from yusuan.check import check_document
from yusuan.document_json import from_dict, from_json, to_json
from yusuan.errors import UnreadableInput
from yusuan.model import Document
from yusuan.read import read_path
from yusuan.read.ocr.engine import available

pytestmark = [
    pytest.mark.skipif(not available(), reason="the yusuan[ocr] extra is not installed (make test installs it)"),
    pytest.mark.skipif(bool(tools_missing()), reason="pdftoppm/img2pdf are not installed (make test installs them)"),
]

FILE, PAGE = "sh-putuo-czj-2024-final.pdf", 8  # 决算 表2 收入决算表: 8 columns, codes to 项, a 合计 row
# The least fraction exact after repair, per condition, as measured (scripts/ocr_score.py) less a margin.
FLOOR = {150: 0.97, 100: 0.93}
_READ: dict[str, Document] = {}


@pytest.fixture(scope="module")
def truth(corpus: Path) -> Document:
    return read_path(corpus / FILE)


def _scanned(corpus: Path, condition: Condition, workdir: Path) -> Document:
    if condition.tag not in _READ:
        _READ[condition.tag] = read_path(mixed_scan(corpus / FILE, [PAGE], condition, workdir))
    return _READ[condition.tag]


@pytest.mark.parametrize("condition", CONDITIONS, ids=[c.tag for c in CONDITIONS])
def test_scans_read_back_to_the_text_layer(corpus: Path, truth: Document, condition: Condition,
                                           tmp_path_factory: pytest.TempPathFactory) -> None:
    document = _scanned(corpus, condition, tmp_path_factory.mktemp("scans"))
    score = compare(truth, document, {PAGE})
    assert score.values >= 100
    print(f"{condition.name}: exact as read {score.fraction('before'):.1%}, after repair "
          f"{score.fraction('after'):.1%}, names {score.fraction('labels_after'):.1%}")
    assert score.fraction("after") >= FLOOR[condition.dpi], score.misses
    assert score.after >= score.before  # the repair never makes a right value wrong
    # what is still wrong is never trusted: no such value is marked verified
    assert all(row.marks[i] is None or row.marks[i].status != "verified" for row, i in score.wrong if row.marks)


def test_the_text_pages_of_a_mixed_file_read_as_before(corpus: Path, truth: Document,
                                                       tmp_path_factory: pytest.TempPathFactory) -> None:
    document = _scanned(corpus, CONDITIONS[0], tmp_path_factory.mktemp("scans"))
    assert [t.number for t in document.tables] == [t.number for t in truth.tables]
    for ours, theirs in zip(document.tables, truth.tables, strict=True):
        for mine, row in zip(ours.rows, theirs.rows, strict=False):
            if row.source.page != PAGE:
                assert (mine.values, mine.marks) == (row.values, None)
    assert document.sections == truth.sections and document.claims == truth.claims


def test_the_checker_reports_what_ocr_left_unconfirmed(corpus: Path, truth: Document,
                                                       tmp_path_factory: pytest.TempPathFactory) -> None:
    document = _scanned(corpus, CONDITIONS[0], tmp_path_factory.mktemp("scans"))
    ocr_rules = {f.rule for f in check_document(document) if f.rule.startswith("OCR-")}
    statuses = {m.status for t in document.tables for r in t.rows for m in r.marks or () if m}
    assert ("OCR-UNVERIFIED" in ocr_rules) == ("unverified" in statuses)
    assert ("OCR-CORRECTED" in ocr_rules) == ("corrected" in statuses)
    assert not any(f.rule.startswith("OCR-") for f in check_document(truth))
    table = next(t for t in document.tables if t.rows and t.rows[0].marks)
    row = next(r for r in table.rows if r.marks and r.marks[0] and r.values[0])
    row.marks[0].status, row.marks[0].seen = "corrected", "1,234.56"
    found = [f for f in check_document(document) if f.rule == "OCR-CORRECTED"]
    assert any(f.cells[0].label == row.label and "1,234.56" in f.message and "两处合计" in f.message for f in found)
    row.marks[0].seen = format(row.values[0], "f").replace(".", ",")  # the same digits, a comma for its point
    found = [f for f in check_document(document) if f.rule == "OCR-CORRECTED" and f.cells[0].label == row.label]
    assert found and "不合本表的数字格式" in found[0].message


def test_marks_survive_the_json_and_bad_ones_are_refused(corpus: Path,
                                                          tmp_path_factory: pytest.TempPathFactory) -> None:
    document = _scanned(corpus, CONDITIONS[-1], tmp_path_factory.mktemp("scans"))
    assert from_json(to_json(document)) == document
    data = json.loads(to_json(document))
    row = next(r for t in data["tables"] for r in t["rows"] if r.get("marks") and r["marks"][0])
    row["marks"][0]["status"] = "trusted"
    with pytest.raises(UnreadableInput, match="status 应为"):
        from_dict(data)
    row["marks"] = row["marks"][:-1]
    with pytest.raises(UnreadableInput, match="marks 有"):
        from_dict(data)
