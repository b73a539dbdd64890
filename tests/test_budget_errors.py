"""Each kind of bad input gets a Chinese message naming sheet, row and column; all problems at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_examples import SPORTS, edit_csv, jiangmen_copy
from yusuan.budget import InputProblems, read_budget

FIRST_ITEM = "2080101,,30101,,一般公共预算,基本支出·人员类,,2196100"


def problems(folder: Path) -> str:
    with pytest.raises(InputProblems) as error:
        read_budget(folder)
    message = str(error.value)
    assert "\n" not in message and message.endswith("。")
    return message


def test_unknown_functional_code(tmp_path: Path) -> None:
    folder = jiangmen_copy(tmp_path)
    edit_csv(folder, "支出明细", FIRST_ITEM, FIRST_ITEM.replace("2080101", "2089998"))
    assert problems(folder).startswith("支出明细.csv 第 2 行“功能科目编码”列：科目编码 2089998 不在功能分类目录中")


def test_unknown_economic_code_and_a_class_outside_the_format(tmp_path: Path) -> None:
    folder = jiangmen_copy(tmp_path)
    edit_csv(folder, "支出明细", FIRST_ITEM, FIRST_ITEM.replace("30101", "30198").replace("2080101", "2300101"))
    message = problems(folder)
    assert "第 2 行“功能科目编码”列：科目编码 2300101 不属于支出功能分类的任何一类" in message
    assert "第 2 行“经济科目编码”列：科目编码 30198 不在经济分类目录中" in message


def test_a_code_the_catalog_lacks_is_accepted_once_named(tmp_path: Path) -> None:
    folder = jiangmen_copy(tmp_path)
    edit_csv(folder, "支出明细", FIRST_ITEM, FIRST_ITEM.replace("2080101", "2080198"))
    assert "科目编码 2080198 不在功能分类目录中" in problems(folder)
    (folder / "科目名称.csv").write_text("科目编码,科目名称\n2080198,其他社会保险经办支出\n", encoding="utf-8")
    assert read_budget(folder).functional_name("2080198") == "其他社会保险经办支出"


def test_negative_amount(tmp_path: Path) -> None:
    folder = jiangmen_copy(tmp_path)
    edit_csv(folder, "支出明细", FIRST_ITEM, FIRST_ITEM.replace("2196100", "-2196100"))
    assert problems(folder).startswith("支出明细.csv 第 2 行“金额”列：金额不能为负数（-2196100）")


def test_text_amount(tmp_path: Path) -> None:
    folder = jiangmen_copy(tmp_path)
    edit_csv(folder, "支出明细", FIRST_ITEM, FIRST_ITEM.replace("2196100", "约220万"))
    assert problems(folder).startswith("支出明细.csv 第 2 行“金额”列：“约220万”不是金额")


def test_missing_sheet(tmp_path: Path) -> None:
    folder = jiangmen_copy(tmp_path)
    (folder / "支出明细.csv").unlink()
    assert problems(folder).startswith("文件夹 budget 中缺少 支出明细.csv（现有：“上年数”、")


def test_missing_column(tmp_path: Path) -> None:
    folder = jiangmen_copy(tmp_path)
    edit_csv(folder, "支出明细", "资金来源,支出类型", "来源,支出类型")
    assert problems(folder) == "支出明细.csv：缺少“资金来源”列（请检查表头行的列名）。"


def test_duplicated_project(tmp_path: Path) -> None:
    folder = jiangmen_copy(tmp_path)
    edit_csv(folder, "项目", "办公设备购置,", "社保业务培训项目,")
    assert "项目.csv 第 11 行“项目名称”列：项目“社保业务培训项目”重复（项目.csv 第 8 行已有）" in problems(folder)


def test_line_item_whose_project_is_not_listed(tmp_path: Path) -> None:
    folder = jiangmen_copy(tmp_path)
    edit_csv(folder, "支出明细", "社保业务培训项目,", "社保业务培训班,")
    assert "“项目名称”列：项目“社保业务培训班”没有在“项目”表中列出" in problems(folder)


def test_income_that_does_not_match_the_line_items(tmp_path: Path) -> None:
    folder = jiangmen_copy(tmp_path)
    edit_csv(folder, "收入", "33559120", "33559000")
    assert problems(folder) == ("收入.csv 第 2 行“金额”列：一般公共预算收入 33,559,000 元与支出明细中资金来源为一般公共预算的"
                                "合计 33,559,120 元不相等，收支不平衡。")


def test_invalid_choices_and_spending_without_project(tmp_path: Path) -> None:
    folder = jiangmen_copy(tmp_path)
    edit_csv(folder, "支出明细", FIRST_ITEM, "2080101,,30101,,财政资金,项目支出,,2196100")
    message = problems(folder)
    assert "第 2 行“资金来源”列：资金来源“财政资金”无效" in message
    assert "第 2 行“项目名称”列：项目支出必须填写项目名称" in message


def test_every_problem_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    folder = jiangmen_copy(tmp_path)
    edit_csv(folder, "支出明细", FIRST_ITEM, FIRST_ITEM.replace("2080101", "2089998").replace("2196100", "-1"))
    edit_csv(folder, "上年数", "公务接待费,11200", "公务接待费,")
    edit_csv(folder, "基本信息", "年度,2024", "年度,二〇二四")
    message = problems(folder)
    assert message.startswith("输入有 4 处问题：（1）基本信息.csv 第 3 行“内容”列：年度应为四位数字")
    for part in ("科目编码 2089998", "金额不能为负数", "上年数.csv 第 9 行“上年数”列：缺少“公务接待费”的上年数"):
        assert part in message
    assert "收支不平衡" not in message  # not a consequence of the rejected row


def test_yaml_problems_name_the_entry(tmp_path: Path) -> None:
    path = tmp_path / "budget.yaml"
    path.write_text(SPORTS.read_text(encoding="utf-8").replace('金额: "386.42"', '金额: "三百"'), encoding="utf-8")
    assert "budget.yaml“支出明细”第 1 项的“金额”：“三百”不是金额" in problems(path)


def test_missing_sheet_in_a_workbook_and_in_yaml(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from yusuan.budget.template import write_template

    path = write_template(tmp_path / "预算.xlsx", read_budget(SPORTS))
    workbook = load_workbook(path)
    del workbook["上年数"]
    workbook.save(path)
    assert problems(path).startswith("工作簿 预算.xlsx 中缺少“上年数”表（现有：“说明”、“基本信息”")
    text = SPORTS.read_text(encoding="utf-8")
    (tmp_path / "budget.yaml").write_text(text[: text.index("上年数:")], encoding="utf-8")
    assert problems(tmp_path / "budget.yaml").startswith("budget.yaml 中缺少“上年数”（现有：")
