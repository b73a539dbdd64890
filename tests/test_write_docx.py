"""The Word document: parts, headings, paragraphs, tables with merged headers, fonts, page numbers, contents."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from write_helpers import shanghai_document
from yusuan.model import Document
from yusuan.write.docx import docx_bytes
from yusuan.write.table_grid import amount_text


@pytest.fixture(scope="module")
def word(seed_doc: Document):
    return open_docx(BytesIO(docx_bytes(seed_doc)))


def _styled(word, style: str) -> list[str]:
    return [p.text for p in word.paragraphs if p.style.name == style]


def test_parts_and_section_headings(word) -> None:
    assert _styled(word, "Heading 1") == ["第一部分 江门市社会保险基金管理局概况", "第二部分 2024年部门预算表",
                                          "第三部分 2024年部门预算情况说明", "第四部分 名词解释"]
    assert _styled(word, "Heading 2") == [
        "一、主要职责", "二、部门机构设置", "三、部门预算构成", "一、部门预算收支增减变化情况",
        "二、“三公”经费安排情况",
        "三、机关运行经费安排情况", "四、政府采购情况", "五、国有资产占有使用情况", "六、重点项目预算绩效目标情况"]
    tables = _styled(word, "Heading 3")
    assert tables[0] == "表1　收支总体情况表" and tables[11] == "表12　部门预算项目支出及其他支出预算表"


def test_paragraphs_carry_the_text(word, seed_doc: Document) -> None:
    body = _styled(word, "正文仿宋")
    assert body[0] == "（一）贯彻执行国家和省有关社会保险方面的方针政策和法律法规。"
    assert "江门市社会保险基金管理局内设机构12个，具体为：办公室、人事科、" in body[9]
    for section in seed_doc.sections.explanations:
        assert section.text in body
    assert "十、“三公”经费：“三公”经费指部门（单位）使用财政拨款安排的因公出国（境）费用、" in body[-1]


def test_every_value_in_its_table_and_merged_header_cells(word, seed_doc: Document) -> None:
    assert len(word.tables) == 13  # 12 tables and the key-project list of section 六
    for table, docx_table in zip(seed_doc.tables, word.tables, strict=False):
        cells = {cell.text for row in docx_table.rows for cell in row.cells}
        for row in table.rows:
            assert row.label in "".join(cells)
            assert all(amount_text(v) in cells for v in row.values), (table.number, row.label)
    t2 = word.tables[1]
    assert t2.cell(0, 0)._tc is t2.cell(0, 1)._tc and t2.cell(0, 0).text == "功能分类科目"
    assert t2.cell(0, 3)._tc is t2.cell(0, 5)._tc and t2.cell(0, 3).text == "财政拨款收入"
    assert t2.cell(0, 2)._tc is t2.cell(1, 2)._tc and t2.cell(0, 2).text == "合计"
    assert [c.text for c in t2.rows[3].cells[:4]] == ["208", "社会保障和就业支出", "2,957.80", "2,957.80"]
    headers = [row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None for row in t2.rows]
    assert headers[:3] == [True, True, False]
    projects = word.tables[12]
    assert [c.text for c in projects.rows[0].cells] == ["项目", "预算数（单位：万元）", "绩效目标"]
    assert [c.text for c in projects.rows[5].cells[:2]] == ["代发企业退休干部职级补贴", "1,050"]


def _east_asia(style) -> str:
    return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_chinese_fonts_are_set_for_east_asian_text(word) -> None:
    styles = word.styles
    assert _east_asia(styles["Normal"]) == "仿宋"
    assert _east_asia(styles["正文仿宋"]) == "仿宋"
    assert _east_asia(styles["Heading 1"]) == _east_asia(styles["Heading 3"]) == "黑体"
    assert _east_asia(styles["表格文字"]) == "宋体"
    fonts = styles["Heading 1"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:asciiTheme")) is None and fonts.get(qn("w:eastAsiaTheme")) is None


def test_page_numbers_contents_and_landscape_tables(word) -> None:
    footer = word.sections[0].footer._element
    assert [t.text for t in footer.iter(qn("w:instrText"))] == ["PAGE"]
    assert "".join(t.text for t in footer.iter(qn("w:t"))) == "- 1 -"
    assert word.sections[0].different_first_page_header_footer  # the cover has no number
    body = word.element.body
    assert any('TOC \\o "1-3"' in t.text for t in body.iter(qn("w:instrText")))
    toc = [p.text for p in word.paragraphs if p.style.name.startswith("TOC")]
    assert toc[:2] == ["第一部分 江门市社会保险基金管理局概况", "一、主要职责"]
    assert "表8　财政拨款安排的行政经费及“三公”经费预算表" in toc
    assert word.settings.element.find(qn("w:updateFields")) is not None
    orientations = [s.orientation for s in word.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT,
                            WD_ORIENT.PORTRAIT]


def test_a_shanghai_document_writes_its_own_tables(corpus: Path) -> None:
    document = shanghai_document(corpus)
    word = open_docx(BytesIO(docx_bytes(document)))
    assert len(word.tables) == len(document.tables)
    t2 = word.tables[1]
    assert [c.text for c in t2.rows[0].cells[:4]] == ["功能分类科目", "功能分类科目", "收入预算", "收入预算"]
    assert [c.text for c in t2.rows[1].cells[:4]] == ["科目编码", "科目名称", "合计", "财政拨款收入"]
    assert word.tables[7].rows[0].cells[0].text == "经济分类科目"  # 表8, by its 30x codes
    cells = {cell.text for row in t2.rows for cell in row.cells}
    assert all(amount_text(v) in cells for row in document.table(2).rows for v in row.values)
