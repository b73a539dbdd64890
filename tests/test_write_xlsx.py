"""The Excel workbook: laid out like the official tables, and read back into the same Document."""

from __future__ import annotations

import copy
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from write_helpers import meta_as_data, shanghai_document, tables_as_data
from yusuan.errors import UnreadableInput
from yusuan.model import Document
from yusuan.read import read_bytes
from yusuan.write.xlsx import xlsx_bytes


@pytest.fixture(scope="module")
def seed_xlsx(seed_doc: Document) -> bytes:
    return xlsx_bytes(seed_doc)


@pytest.fixture(scope="module")
def workbook(seed_xlsx: bytes):
    return load_workbook(BytesIO(seed_xlsx))


def test_one_sheet_per_table_after_the_contents(workbook) -> None:
    assert workbook.sheetnames[0] == "目录"
    assert workbook.sheetnames[1:13] == [
        "表1 收支总体情况表", "表2 收入总体情况表", "表3 支出总体情况表", "表4 财政拨款收支总体情况表",
        "表5 一般公共预算支出情况表（按功能分类科目）", "表6 一般公共预算基本支出情况表（按经济分类科目）",
        "表7 一般公共预算项目支出情况表（按经济分类科目）", "表8 财政拨款安排的行政经费及“三公”经费预算表",
        "表9 政府性基金预算支出情况表", "表10 国有资本经营预算支出情况表", "表11 部门预算基本支出预算表",
        "表12 部门预算项目支出及其他支出预算表",
    ]
    assert workbook["yusuan"].sheet_state == "hidden"
    contents = workbook["目录"]
    assert contents["B4"].value == "收入总体情况表"
    assert contents["B4"].hyperlink.location == "'表2 收入总体情况表'!A1"


def test_table_2_title_lines_and_merged_header(workbook) -> None:
    ws = workbook["表2 收入总体情况表"]
    assert (ws["A1"].value, ws["A2"].value) == ("表2", "收入总体情况表")
    assert ws["A3"].value == "单位名称：江门市社会保险基金管理局"
    assert ws["N3"].value == "单位：万元"
    merged = {str(r) for r in ws.merged_cells.ranges}
    header = {r for r in merged if r[1] in "45" and r[-1] in "45"}
    assert header == {"A4:B4", "C4:C5", "D4:F4", "G4:H4", "I4:K4", "L4:L5", "M4:M5", "N4:N5"}
    assert {"A2:N2", "A3:M3", "A24:N24"} <= merged
    assert [ws.cell(5, c).value for c in range(1, 3)] == ["科目编码", "科目名称"]
    assert [ws.cell(5, c).value for c in range(4, 12)] == [
        "一般公共预算", "政府性基金预算", "国有资本经营预算", "教育收费", "其他专户收入拨款", "事业收入", "经营收入",
        "其他收入"]
    assert ws["A24"].value == "注：无。"


def test_rows_codes_indents_and_number_formats(workbook) -> None:
    ws = workbook["表2 收入总体情况表"]
    assert [ws.cell(6, c).value for c in (1, 2, 3)] == [None, "合计", 3355.91]
    assert ws["C6"].number_format == "#,##0.00" and ws["C6"].font.bold
    assert (ws["A7"].value, ws["B7"].value, ws["C7"].value) == ("208", "社会保障和就业支出", 2957.80)
    assert (ws["A9"].value, ws["B9"].value) == ("2080101", "行政运行")
    assert [ws.cell(r, 2).alignment.indent for r in (7, 8, 9)] == [0, 2, 4]
    assert ws.freeze_panes == "C6"
    t8 = workbook["表8 财政拨款安排的行政经费及“三公”经费预算表"]
    assert t8.print_title_rows == "$4:$4"
    assert [t8.cell(r, 1).value for r in range(5, 12)] == [
        "行政经费", "“三公”经费", "（一）因公出国（境）支出", "（二）公务用车购置及运行维护支出", "1.公务用车购置费",
        "2.公务用车运行维护费", "（三）公务接待费支出"]
    t12 = workbook["表12 部门预算项目支出及其他支出预算表"]
    assert t12["I7"].value == "确保社保信息系统稳定运行。" and t12["I7"].alignment.wrap_text


def test_two_sided_table_pairs_the_totals(workbook) -> None:
    ws = workbook["表1 收支总体情况表"]
    assert [ws.cell(4, c).value for c in (1, 3)] == ["收入", "支出"]
    assert [ws.cell(5, c).value for c in range(1, 5)] == ["项目", "预算", "项目", "预算"]
    totals = {ws.cell(r, 1).value: (ws.cell(r, 3).value, ws.cell(r, 4).value) for r in range(6, ws.max_row + 1)}
    assert totals["本年收入合计"] == ("本年支出合计", 3355.91)
    assert totals["收入总计"] == ("支出总计", 3355.91)


def test_print_setup(workbook) -> None:
    for name in workbook.sheetnames[1:13]:
        ws = workbook[name]
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.oddFooter.center.text == "- &P -"
    assert workbook["表2 收入总体情况表"].print_title_rows == "$4:$5"
    assert workbook["表2 收入总体情况表"].page_setup.orientation == "landscape"
    assert workbook["表6 一般公共预算基本支出情况表（按经济分类科目）"].page_setup.orientation == "portrait"


def test_round_trip_gives_the_same_document(seed_doc: Document, seed_xlsx: bytes) -> None:
    back = read_bytes(seed_xlsx, name="jiangmen.xlsx")
    assert tables_as_data(back) == tables_as_data(seed_doc)
    assert meta_as_data(back) == meta_as_data(seed_doc)
    assert back.meta.reader == "xlsx" and back.meta.file == "jiangmen.xlsx"
    assert back.sections == seed_doc.sections
    assert back.claims == seed_doc.claims
    assert back.table(2).rows[1].source.line == 7  # the sheet row, for findings to point at


def test_figures_are_read_from_the_cells_not_the_hidden_copy(seed_xlsx: bytes) -> None:
    workbook = load_workbook(BytesIO(seed_xlsx))
    workbook["表8 财政拨款安排的行政经费及“三公”经费预算表"]["B6"] = Decimal("7.25")
    del workbook["yusuan"]
    buffer = BytesIO()
    workbook.save(buffer)
    back = read_bytes(buffer.getvalue())
    assert back.table(8).find(key="sangong").values[0] == Decimal("7.25")
    assert back.meta.entity == "江门市社会保险基金管理局" and back.meta.format == "gd-budget-12"


amounts = st.one_of(st.none(), st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False),
                    st.integers(min_value=0, max_value=10**11).map(Decimal))


@settings(max_examples=25, deadline=None)
@given(st.lists(amounts, min_size=31, max_size=31))
def test_any_amounts_round_trip_at_their_printed_precision(seed_doc: Document, values: list) -> None:
    table = copy.deepcopy(seed_doc.table(6))
    for row, value in zip(table.rows, values, strict=True):
        row.values[0] = value
    back = read_bytes(xlsx_bytes(Document(meta=seed_doc.meta, tables=[table])))
    got = [row.values[0] for row in back.table(6).rows]
    assert [None if v is None else str(v) for v in got] == [None if v is None else str(v) for v in values]


def test_shanghai_document_round_trips_without_a_format_declaration(corpus: Path) -> None:
    document = shanghai_document(corpus)
    back = read_bytes(xlsx_bytes(document))
    for got, want in zip(back.tables, document.tables, strict=True):
        assert (got.number, got.title, got.unit, got.notes) == (want.number, want.title, want.unit, want.notes)
        assert [c.path for c in got.columns] == [c.path for c in want.columns]
        assert [(r.side, r.code, r.ordinal, r.label, r.values) for r in got.rows] == \
               [(r.side, r.code, r.ordinal, r.label, r.values) for r in want.rows]


def test_damaged_or_foreign_workbooks_are_refused_in_chinese(seed_xlsx: bytes) -> None:
    with pytest.raises(UnreadableInput, match="无法打开 Excel 文件"):
        read_bytes(seed_xlsx[: len(seed_xlsx) // 2])
    from openpyxl import Workbook

    buffer = BytesIO()
    Workbook().save(buffer)
    with pytest.raises(UnreadableInput, match="没有按 yusuan 版式的表格"):
        read_bytes(buffer.getvalue())
