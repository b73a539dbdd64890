"""Every finding knows its exact place: a table value's box, a narrative finding's own sentence.

Checked against the PDF itself: the text PDFium prints inside a finding's boxes is the cell's value or
the sentence the finding names, so a reviewer who opens the page finds exactly what the finding says.
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from hypothesis import given
from hypothesis import strategies as st

from yusuan.check import check_document
from yusuan.check.places import TextIndex, locate
from yusuan.model import TextLine
from yusuan.read import read_path
from yusuan.write.annotate import geometry

_FILES = ["sh-putuo-wanli-2024-budget.pdf", "sh-putuo-fuliyuan-2024-unit-budget.pdf", "sh-putuo-czj-2024-final.pdf"]


def _printed_in(pdf: pdfium.PdfDocument, pages, mark) -> str:
    page_number, *box = mark
    left, bottom, right, top = pages[page_number - 1].to_user(tuple(box))
    textpage = pdf[page_number - 1].get_textpage()
    return re.sub(r"\s+", "", textpage.get_text_bounded(left, bottom, right, top))


@pytest.mark.parametrize("name", _FILES)
def test_each_cited_value_and_sentence_is_printed_inside_its_boxes(corpus: Path, name: str) -> None:
    path = corpus / name
    findings = check_document(read_path(path))
    pages = geometry(path.read_bytes())
    pdf = pdfium.PdfDocument(path)
    sentences = values = 0
    for finding in findings:
        for cell in finding.cells:
            if cell.table is not None and cell.value is not None and cell.boxes:
                assert len(cell.boxes) == 1
                printed = _printed_in(pdf, pages, cell.boxes[0]).replace(",", "")
                assert cell.value.replace(",", "") in printed, (finding.rule, cell, printed)
                values += 1
            elif cell.table is None and cell.text:
                assert cell.boxes, (finding.rule, cell)
                printed = "".join(_printed_in(pdf, pages, mark) for mark in cell.boxes)
                # character boxes are shared out evenly over a run: an edge character may fall just outside
                assert re.sub(r"\s+", "", cell.text)[2:-2] in printed, (finding.rule, cell.text, printed)
                assert cell.page == cell.boxes[0][0]
                sentences += 1
    assert values and sentences


def test_a_narrative_finding_names_its_sentence_not_its_section(corpus: Path) -> None:
    findings = check_document(read_path(corpus / "sh-putuo-fuliyuan-2024-unit-budget.pdf"))
    empty = next(f for f in findings if f.rule == "WORD-EMPTY")
    assert empty.cells[0].text == "（二）公务用车购置及运行费6.40万元，与2023年预算持平，主要原因是。"
    hint = next(f for f in findings if f.rule == "WORD-TEMPLATE")
    assert hint.cells[0].text == "五、国有资产占有使用情况（增加内容）"  # a heading: the line, not the next paragraph


def test_repeated_phrases_point_at_their_own_places_in_order(corpus: Path) -> None:
    """Five findings citing the same phrase must not all stand on the first copy."""
    document = read_path(corpus / "sh-putuo-wanli-2024-budget.pdf")
    level = [f for f in check_document(document) if f.rule == "WORD-LEVEL"]
    boxes = [cell.boxes for f in level for cell in f.cells]
    assert len(boxes) == 5 and len(set(boxes)) == 4  # one sentence says 市级财政 twice
    firsts = [b[0][:3] for b in boxes]
    assert firsts == sorted(firsts)


def test_documents_without_a_layout_are_left_as_they_are(seed_doc) -> None:
    findings = check_document(seed_doc)
    assert locate(seed_doc, findings) == findings
    assert all(not c.boxes for f in findings for c in f.cells)


_CJK = st.text(alphabet="财政拨款收入预算支出增加减少主要原因是一二三四、，（）", min_size=1, max_size=12)


@given(st.lists(st.lists(_CJK, min_size=1, max_size=4), min_size=1, max_size=8), st.data())
def test_any_phrase_of_the_lines_is_found_within_one_sentence(lines, data) -> None:
    layout = [TextLine(1, [(word, (10.0 * k, 20.0 * n, 10.0 * k + 9 * len(word), 20.0 * n + 12))
                           for k, word in enumerate(words)]) for n, words in enumerate(lines)]
    index = TextIndex(layout)
    start = data.draw(st.integers(0, len(index.text) - 1))
    end = data.draw(st.integers(start + 1, len(index.text)))
    begin, finish = index.sentence(start, end)
    assert begin <= start and finish >= end
    marks = index.marks(begin, finish)
    assert len(marks) == len({index.line_of[i] for i in range(begin, finish)})
    assert all(m[1] <= m[3] and m[2] < m[4] for m in marks)
