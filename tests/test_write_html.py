"""The HTML edition: every value in its table, merged headers, charts, self-contained, text escaped."""

from __future__ import annotations

import copy
from html.parser import HTMLParser
from pathlib import Path

import pytest

from write_helpers import shanghai_document
from yusuan.model import Document
from yusuan.write.html import html_text
from yusuan.write.table_grid import amount_text


class _Tables(HTMLParser):
    """Cell texts of each ``<section id="tableN">``, row by row; header cells with their spans."""

    def __init__(self) -> None:
        super().__init__()
        self.section: str | None = None
        self.rows: dict[str, list[list[str]]] = {}
        self.headers: dict[str, list[tuple[str, dict]]] = {}
        self.cell: list[str] | None = None
        self.cell_attrs: dict = {}
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        attrs = dict(attrs)
        if tag == "section" and str(attrs.get("id", "")).startswith("table"):
            self.section = attrs["id"]
            self.rows[self.section], self.headers[self.section] = [], []
        elif self.section and tag == "tr":
            self.rows[self.section].append([])
        elif self.section and tag in ("td", "th"):
            self.cell, self.cell_attrs = [], attrs

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None and self.section:
            text = "".join(self.cell)
            self.rows[self.section][-1].append(text)
            if tag == "th":
                self.headers[self.section].append((text, self.cell_attrs))
            self.cell = None
        elif tag == "section":
            self.section = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


@pytest.fixture(scope="module")
def page(seed_doc: Document) -> str:
    return html_text(seed_doc)


@pytest.fixture(scope="module")
def parsed(page: str) -> _Tables:
    parser = _Tables()
    parser.feed(page)
    return parser


def test_every_value_in_the_right_table(seed_doc: Document, parsed: _Tables) -> None:
    assert list(parsed.rows) == [f"table{n}" for n in range(1, 13)]
    for table in seed_doc.tables:
        cells = [cell for row in parsed.rows[f"table{table.number}"] for cell in row]
        for row in table.rows:
            assert f"{row.ordinal or ''}{row.label}" in cells
            assert all(amount_text(v) in cells for v in row.values), (table.number, row.label)
            if row.text:
                assert row.text in cells
    t3 = parsed.rows["table3"]
    assert ["2080101", "行政运行", "1,148.95", "1,148.95", "0.00", "0.00", "0.00", "0.00", "0.00"] in t3


def test_merged_header_cells(parsed: _Tables) -> None:
    header = parsed.headers["table2"]
    assert ("功能分类科目", {"scope": "col", "colspan": "2"}) in header
    assert ("财政拨款收入", {"scope": "col", "colspan": "3"}) in header
    assert ("合计", {"scope": "col", "rowspan": "2"}) in header
    assert ("收入", {"scope": "col", "colspan": "2"}) in parsed.headers["table1"]


def test_narrative_parts_and_notes(seed_doc: Document, page: str) -> None:
    titles = ("第一部分 江门市社会保险基金管理局概况", "一、主要职责", "第四部分 名词解释",
              "六、重点项目预算绩效目标情况")
    for title in titles:
        assert f">{title}</h" in page
    for section in seed_doc.sections.explanations:
        assert section.text in page
    assert "注：财政拨款收支情况包括一般公共预算、政府性基金预算、国有资本经营预算拨款收支情况。" in page
    assert '<td class="num">1,050</td>' in page  # the key-project list, amounts as stated


def test_charts_of_spending_structure(page: str) -> None:
    charts = page[page.index('<section id="charts">'):page.index("<main>")]
    assert charts.count("<svg") == 4
    for caption in ("支出按功能分类（类）", "基本支出与项目支出", "一般公共预算支出按经济分类（类）", "“三公”经费构成"):
        assert f"<figcaption>{caption}（万元）</figcaption>" in charts
    assert "社会保障和就业支出" in charts and "2,957.80（88.1%）" in charts
    assert "基本支出　1,918.42（57.2%）" in charts and "项目支出　1,437.49（42.8%）" in charts
    assert "公务用车运行维护费" in charts and "5.70（87.7%）" in charts


def test_self_contained_phone_and_print_ready(page: str) -> None:
    assert "<script" not in page and "<link" not in page and " src=" not in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "@media print" in page and "@page { size: A4" in page


def test_document_text_is_escaped(seed_doc: Document) -> None:
    hostile = copy.deepcopy(seed_doc)
    hostile.meta.entity = '<script>alert("x")</script>'
    hostile.table(2).notes = ["a<b & c>d"]
    hostile.table(12).rows[1].label = "<img src=x onerror=alert(1)>"
    page = html_text(hostile)
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "注：a&lt;b &amp; c&gt;d" in page


def test_a_shanghai_document_without_charts_declared_gets_the_national_ones(corpus: Path) -> None:
    document = shanghai_document(corpus)
    parser = _Tables()
    page = html_text(document)
    parser.feed(page)
    assert '<section id="charts">' in page  # from its tables' kinds: its format declares no charts
    assert "支出按功能分类（类）" in page and "“三公”经费构成" in page
    for table in document.tables:
        cells = [cell for row in parser.rows[f"table{table.number}"] for cell in row]
        assert all(amount_text(v) in cells for row in table.rows for v in row.values)
    assert "本部门2024年无政府性基金预算财政拨款安排的预算，故本表为空表。" in page
