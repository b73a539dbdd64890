"""The checks reviewers make: placeholders and alternatives left in, punctuation, years and names in table
titles, notes and dated asset statements, an empty table's note copied from another table, blank pages.

Each is shown on a real document edited in the one place its rule looks at, silent on the unedited
document, and — where a real document of ../shared/corpus/real prints the defect — found there.
The five corpus PDFs print none of these defects: every new rule is silent on each of them.
"""

from __future__ import annotations

import copy
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from yusuan.check import Finding, Severity, check_document
from yusuan.model import Document
from yusuan.read import read_bytes, read_path

NEW = ("WORD-PLACEHOLDER", "WORD-PUNCT", "CONSIST-TITLE", "CONSIST-ASOF", "COMPLETE-NOTE-FIT", "COMPLETE-BLANK-PAGE")
_READ: dict[str, Document] = {}


def _fresh(corpus: Path, name: str) -> Document:
    if name not in _READ:
        path = corpus / name
        if not path.exists():
            pytest.skip(f"{name} is not in the corpus")
        _READ[name] = read_path(path)
    return copy.deepcopy(_READ[name])


def _of(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def _section(document: Document, number: str):
    return next(s for s in document.sections.explanations if s.number == number)


@pytest.mark.parametrize("name", ["sh-putuo-wanli-2024-budget.pdf", "sh-putuo-fuliyuan-2024-unit-budget.pdf",
                                  "sh-putuo-qzfb-2025-dept-budget.pdf", "sh-putuo-czj-2024-final.pdf",
                                  "sh-template-2024-final-XX.pdf"])
def test_the_new_rules_are_silent_on_every_corpus_document(corpus: Path, name: str) -> None:
    assert [f for f in check_document(_fresh(corpus, name)) if f.rule in NEW] == []


def test_placeholders_and_alternatives_left_in(corpus: Path) -> None:
    doc = _fresh(corpus, "sh-putuo-wanli-2024-budget.pdf")
    section = _section(doc, "四")
    section.text = section.text.replace("比2023年预算减少876.75万元；", "比2023年预算增加（减少）876.75万元；", 1)
    section.text = section.text.replace("事业收入0.00万元", "事业收入XX万元", 1)
    section.text = section.text.replace("其他收入0.00万元", "其他收入……万元", 1)
    found = _of(check_document(doc), "WORD-PLACEHOLDER")
    assert sorted((f.severity, f.actual) for f in found) == [(Severity.ERROR, "XX"), (Severity.ERROR, "……"),
                                                             (Severity.ERROR, "增加（减少）")]
    alternative = next(f for f in found if f.actual == "增加（减少）")
    assert "说明四" in alternative.message and "只保留一个" in alternative.message


def test_alternatives_left_in_a_real_budget(corpus: Path) -> None:
    found = _of(check_document(_fresh(corpus, "real/020_西安__医疗保障局_2026年部门预算.pdf")), "WORD-PLACEHOLDER")
    assert len(found) == 4 and {f.actual for f in found} == {"增加（减少）"}
    assert all(f.severity is Severity.ERROR and f.cells[0].boxes for f in found)
    assert len({f.cells[0].text for f in found}) == 2  # two sentences, each with the alternative twice


def test_doubled_marks_and_unpaired_quotes_and_brackets(corpus: Path) -> None:
    doc = _fresh(corpus, "sh-putuo-wanli-2024-budget.pdf")
    section = _section(doc, "四")
    section.text = section.text.replace("其他收入0.00万元。", "其他收入0.00万元。。", 1)
    section.text = section.text.replace("（项）”25.77万元", "（项）25.77万元", 1)
    glossary = doc.sections.glossary
    glossary["财政拨款收入"] = glossary["财政拨款收入"].replace("财政拨款，", "财政拨款（，", 1)
    found = _of(check_document(doc), "WORD-PUNCT")
    assert {f.severity for f in found} == {Severity.WARNING}
    assert sorted(f.actual for f in found) == sorted(["。。", "“", "（"])
    assert "名词解释“财政拨款收入”" in next(f for f in found if f.actual == "（").message


def test_a_half_width_bracket_closing_a_full_width_one_in_a_real_budget(corpus: Path) -> None:
    found = _of(check_document(_fresh(corpus, "real/025_烟台__2026年烟台市民政局部门预算.pdf")), "WORD-PUNCT")
    assert [(f.severity, f.actual) for f in found] == [(Severity.WARNING, "(…）")]
    assert "(烟办发电〔2024〕87号）" in found[0].cells[0].text


def test_years_in_table_titles_and_notes(corpus: Path) -> None:
    doc = _fresh(corpus, "sh-putuo-wanli-2024-budget.pdf")
    doc.table(2).title = "2023年部门收入预算总表"
    doc.table(6).notes = ["本部门2023年无政府性基金预算财政拨款安排的预算，故本表为空表。"]
    found = _of(check_document(doc), "CONSIST-TITLE")
    assert [(f.severity, f.actual, f.cells[0].label) for f in found] == [
        (Severity.ERROR, "2023", "表2"), (Severity.WARNING, "2023", "表6")]


def test_dated_asset_statements(corpus: Path) -> None:
    doc = _fresh(corpus, "sh-putuo-fuliyuan-2024-unit-budget.pdf")
    section = _section(doc, "六.五")
    section.text = section.text.replace("截至2023年12月31日，上海市普陀区社会福利院共有车辆",
                                        "截至2021年12月31日，上海市普陀区民政局共有车辆")
    found = _of(check_document(doc), "CONSIST-ASOF")
    assert [(f.severity, f.actual) for f in found] == [(Severity.ERROR, "上海市普陀区民政局"),
                                                       (Severity.WARNING, "2021")]


def test_an_asset_date_ahead_of_a_real_budget(corpus: Path) -> None:
    found = _of(check_document(_fresh(corpus, "real/025_烟台__2026年烟台市审计局部门预算.pdf")), "CONSIST-ASOF")
    assert [(f.severity, f.actual) for f in found] == [(Severity.WARNING, "2026")]
    assert "截至2026年12月31日" in found[0].cells[0].text


def test_an_empty_tables_note_copied_from_another_table(corpus: Path) -> None:
    doc = _fresh(corpus, "sh-putuo-wanli-2024-budget.pdf")
    doc.table(7).notes = list(doc.table(6).notes)  # the 政府性基金 note under the 国有资本经营 table
    found = _of(check_document(doc), "COMPLETE-NOTE-FIT")
    assert [(f.severity, f.cells[0].label) for f in found] == [(Severity.WARNING, "表7")]
    assert "“政府性基金”" in found[0].message


def test_a_blank_page_in_a_real_pdf(corpus: Path) -> None:
    path = corpus / "sh-putuo-czj-2024-final.pdf"
    writer = PdfWriter(clone_from=PdfReader(path))
    writer.insert_blank_page(index=5)
    out = BytesIO()
    writer.write(out)
    found = _of(check_document(read_bytes(out.getvalue(), name=path.name)), "COMPLETE-BLANK-PAGE")
    assert [(f.severity, f.cells[0].page) for f in found] == [(Severity.WARNING, 6)]
    # its page 14 has no text but an empty table grid: not blank
    assert _of(check_document(_fresh(corpus, path.name)), "COMPLETE-BLANK-PAGE") == []


def test_pages_of_charts_are_not_blank(corpus: Path) -> None:
    doc = _fresh(corpus, "real/020_西安__医疗保障局_2026年部门预算.pdf")  # page 16: a chart, no text
    assert doc.blank_pages == []
