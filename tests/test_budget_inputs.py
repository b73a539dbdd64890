"""The three input kinds read the same budget; the template round-trips; no float touches money."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from budget_examples import EXAMPLES, JIANGMEN, SPORTS
from yusuan.budget import InputProblems, read_budget
from yusuan.budget.inputs import cell_text
from yusuan.budget.template import write_template
from yusuan.budget.terms import PRIOR_SUBJECTS, SPENDING, fund_sources
from yusuan.errors import UnreadableInput


def test_the_jiangmen_folder_reads_as_line_items() -> None:
    budget = read_budget(JIANGMEN)
    assert len(budget.items) == 50 and len(budget.projects) == 11
    assert sum(i.amount for i in budget.items) == budget.income["gpb"] == Decimal("33559120")
    assert budget.profile.entity == "江门市社会保险基金管理局" and budget.profile.unit.value == "元"
    assert budget.prior["三公经费"].amount == Decimal("71200")  # left blank: the sum of its parts
    assert [p.name for p in budget.projects if p.key] == [
        "社保经办工作经费", "社保政策宣传服务", "社保业务购买服务项目", "社保业务培训项目", "代发企业退休干部职级补贴"]


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_a_filled_template_reads_back_the_same_budget(tmp_path: Path, name: str) -> None:
    budget = read_budget(EXAMPLES[name])
    workbook = write_template(tmp_path / "filled.xlsx", budget)
    assert read_budget(workbook) == budget


def test_gb18030_csv_as_excel_saves_it_reads_the_same(tmp_path: Path) -> None:
    folder = tmp_path / "gbk"
    folder.mkdir()
    for path in JIANGMEN.iterdir():
        (folder / path.name).write_bytes(path.read_text(encoding="utf-8-sig").encode("gb18030"))
    assert read_budget(folder) == read_budget(JIANGMEN)


def test_yaml_amounts_are_never_floats() -> None:
    budget = read_budget(SPORTS)
    assert next(i for i in budget.items if i.economic == "30112").amount == Decimal("8.3528")
    assert all(type(i.amount) is Decimal for i in budget.items)


@given(st.decimals(min_value=0, max_value=Decimal("99999999999.9999"), places=4, allow_nan=False, allow_infinity=False))
def test_an_excel_number_reads_as_the_decimal_typed(amount: Decimal) -> None:
    """Excel stores 1148.95 as a double and keeps 15 significant digits; those give back what was typed."""
    assert Decimal(cell_text(float(amount))) == amount


def test_blank_template_has_headers_dropdowns_and_instructions(tmp_path: Path) -> None:
    path = write_template(tmp_path / "blank.xlsx")
    workbook = load_workbook(path)
    assert workbook.sheetnames[0] == "说明" and workbook["选项"].sheet_state == "hidden"
    details = workbook["支出明细"]
    headers = [c.value for c in details[1]]
    assert headers[:8] == ["功能科目编码", "功能科目名称", "经济科目编码", "经济科目名称", "资金来源", "支出类型",
                           "项目名称", "金额"]
    lists = {str(dv.sqref): dv.formula1 for dv in details.data_validations.dataValidation}
    options = workbook["选项"]

    def choices(formula: str) -> list[str]:
        column = formula.split("!$")[1][0]
        return [c.value for c in options[column] if c.value]

    assert choices(lists["E2:E5000"]) == list(fund_sources()) and "事业收入" in choices(lists["E2:E5000"])
    assert choices(lists["F2:F5000"]) == list(SPENDING.values())
    assert [r[0].value for r in workbook["上年数"].iter_rows(min_row=2)] == list(PRIOR_SUBJECTS)
    text = " ".join(str(c.value) for row in workbook["说明"].iter_rows() for c in row if c.value)
    assert "yusuan build" in text and "尾数" in text


def test_reading_the_blank_template_says_what_to_fill(tmp_path: Path) -> None:
    with pytest.raises(InputProblems) as error:
        read_budget(write_template(tmp_path / "blank.xlsx"))
    message = str(error.value)
    assert "“基本信息”表第 2 行“内容”列：未填写单位名称" in message
    assert "“支出明细”表：没有任何支出明细" in message
    assert "“上年数”表第 2 行“上年数”列：缺少“收入预算”的上年数" in message
    assert "\n" not in message


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("budget.xls", b"\xd0\xcf\x11\xe0", "另存为 .xlsx"),
    ("budget.xlsx", b"not a zip", "无法打开 Excel 文件"),
    ("budget.yaml", "基本信息: [unclosed".encode(), "不是有效的 YAML"),
    ("budget.yaml", "- 一个列表".encode(), "顶层应是以表名"),
    ("budget.txt", b"hello", "无法识别的预算输入"),
    ("支出明细.csv", b"a,b", "请给出存放各表 CSV 文件"),
])
def test_unreadable_files_are_refused_in_chinese(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableInput, match=expected):
        read_budget(path)


def test_a_missing_input_is_named(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match="找不到预算输入"):
        read_budget(tmp_path / "nowhere.xlsx")
    with pytest.raises(UnreadableInput, match="没有 CSV 文件"):
        read_budget(tmp_path)
