"""Single-number edits of the seed text: the right rule reports an error that names the edited cell.

Each case changes one printed number (line and token found by hand in examples/jiangmen-2024/
published.txt) by far more than any rounding could, reads the edited text and checks it.
"""

from __future__ import annotations

import pytest

from check_helpers import caught, check_text, edit
from yusuan.check import Severity

# (name, line, old, new, occurrence on the line, rule, table, row (code, label, or claim name), column, value)
EDITS = [
    ("表2 项 行政运行 合计", 221, "1,148.95", "1,248.95", 0, "SUM-HIERARCHY", 2, "2080101", "合计", "1248.95"),
    ("表2 项 行政运行 一般公共预算", 221, "1,148.95", "1,141.95", 1, "SUM-COLUMNS", 2, "2080101", "一般公共预算",
     "1141.95"),
    ("表2 合计", 211, "3,355.91", "3,356.91", 0, "CROSS-SUMMARY-INCOME", 2, "合计", "合计", "3356.91"),
    ("表1 预算拨款", 85, "3,355.91", "3,345.91", 0, "CROSS-SUMMARY-INCOME", 1, "预算拨款", "预算", "3345.91"),
    ("表1 收入总计", 147, "3,355.91", "3,365.91", 0, "SUM-BALANCE", 1, "收入总计", "预算", "3365.91"),
    ("表1 本年收入合计", 139, "3,355.91", "3,355.19", 0, "SUM-ROWS", 1, "本年收入合计", "预算", "3355.19"),
    ("表1 社会保障和就业支出", 99, "2,957.80", "2,967.80", 0, "CROSS-SUMMARY-EXPENSE", 1, "社会保障和就业支出",
     "预算", "2967.80"),
    ("表1 住房保障支出", 121, "277.67", "277.76", 0, "CROSS-SUMMARY-EXPENSE", 1, "住房保障支出", "预算", "277.76"),
    ("表1 本年支出合计", 139, "3,355.91", "3,365.91", 1, "SUM-ROWS", 1, "本年支出合计", "预算", "3365.91"),
    ("表3 行政运行 基本支出", 294, "1,148.95", "1,184.95", 1, "SUM-COLUMNS", 3, "2080101", "基本支出", "1184.95"),
    ("表3 合计 基本支出", 284, "1,918.42", "1,981.42", 0, "CROSS-BASIC", 3, "合计", "基本支出", "1981.42"),
    ("表4 一般公共预算", 347, "3,355.91", "3,335.91", 0, "CROSS-T4-FUNDS", 4, "一般公共预算", "预算", "3335.91"),
    ("表4 住房保障支出", 383, "277.67", "287.67", 0, "CROSS-T4-FUNDS", 4, "住房保障支出", "预算", "287.67"),
    ("表5 合计 项目支出", 414, "1,437.49", "1,473.49", 0, "CROSS-PROJECT", 5, "合计", "项目支出", "1473.49"),
    ("表6 合计", 459, "1,918.42", "1,918.24", 0, "CROSS-BASIC", 6, "合计", "预算", "1918.24"),
    ("表6 30217 公务接待费", 499, "0.80", "1.80", 0, "CROSS-T8-ECONOMIC", 6, "30217", "预算", "1.80"),
    ("表6 30108 养老保险缴费", 469, "137.59", "173.59", 0, "SUM-HIERARCHY", 6, "30108", "预算", "173.59"),
    ("表7 合计", 531, "1,437.49", "1,347.49", 0, "CROSS-PROJECT", 7, "合计", "预算", "1347.49"),
    ("表7 30902 办公设备购置", 571, "5.00", "50.00", 0, "ADMIN-EXPENSE", 7, "30902", "预算", "50.00"),
    ("表8 行政经费 一般公共预算", 582, "242.39", "224.39", 1, "ADMIN-EXPENSE", 8, "行政经费", "一般公共预算",
     "224.39"),
    ("表8 三公经费 合计", 584, "6.50", "7.50", 0, "SUM-ROWS", 8, "“三公”经费", "合计", "7.50"),
    ("表8 公务用车运行维护费 一般公共预算", 592, "5.70", "7.50", 1, "CROSS-T8-ECONOMIC", 8, "公务用车运行维护费",
     "一般公共预算", "7.50"),
    ("表9 合计 小计", 607, "0.00", "1.00", 0, "CROSS-T4-FUNDS", 9, "合计", "小计", "1.00"),
    ("表11 人员类", 641, "1,804.14", "1,904.14", 0, "SUM-HIERARCHY", 11, "人员类", "总计", "1904.14"),
    ("表12 项目 社保经办工作经费", 704, "165.00", "175.00", 0, "SUM-HIERARCHY", 12, "社保经办工作经费", "总计",
     "175.00"),
    ("表12 合计 一般公共预算", 680, "1,437.49", "1,437.94", 2, "CROSS-PROJECT", 12, "合计", "一般公共预算", "1437.94"),
    ("说明 收入预算增长率", 778, "3.68", "4.68", 0, "NARR-PERCENT", None, "收入预算", "增减率", "4.68"),
    ("说明 支出预算增加额", 782, "118.97", "181.97", 0, "NARR-PERCENT", None, "支出预算", "增减额", "181.97"),
    ("说明 三公经费金额", 788, "6.5", "7.5", 0, "NARR-TABLE", None, "三公", "金额", "7.5"),
    ("说明 三公经费减少额", 790, "0.62", "0.82", 0, "NARR-PERCENT", None, "三公", "增减额", "0.82"),
    ("说明 三公经费减少额与各项不符", 790, "0.62", "1.62", 0, "NARR-SUM", None, "三公", "增减额", "1.62"),
    ("说明 公务接待费下降率", 804, "28.57", "25.87", 0, "NARR-PERCENT", None, "公务接待费", "增减率", "25.87"),
    ("说明 因公出国 基数为0", 794, "0", "1", 0, "NARR-BASE", None, "因公出国", "增减额", "1"),
    ("说明 公务用车购置及运行维护费减少额", 800, "0.3", "0.5", 1, "NARR-PERCENT", None, "公务用车购置及运行维护费",
     "增减额", "0.5"),
    ("说明 机关运行经费", 823, "242.39", "243.39", 0, "NARR-TABLE", None, "机关运行经费", "金额", "243.39"),
    ("说明 服务类采购", 835, "210.9", "201.9", 0, "NARR-SUM", None, "服务类采购", "金额", "201.9"),
    ("说明 货物类采购", 833, "231.9", "213.9", 0, "NARR-SUM", None, "政府采购", "金额", "213.9"),
    ("重点项目 社保政策宣传服务", 863, "50", "60", 0, "NARR-KEY-PROJECT", None, "社保政策宣传服务", "金额", "60"),
    ("重点项目 代发企业退休干部职级补贴", 890, "1,050", "1,005", 0, "NARR-KEY-PROJECT", None, "代发企业退休干部",
     "金额", "1005"),
    ("概况 内设机构数", 58, "12", "11", 0, "OVERVIEW-UNITS", None, "内设机构", "数量", "11"),
]


def test_enough_distinct_edits() -> None:
    assert len({(e[1], e[2], e[4]) for e in EDITS}) >= 25
    assert len({e[5] for e in EDITS}) >= 15  # identity families


@pytest.mark.parametrize(("line", "old", "new", "occurrence", "rule", "table", "row", "column", "value"),
                         [e[1:] for e in EDITS], ids=[e[0] for e in EDITS])
def test_edit_is_caught(seed_text: str, line: int, old: str, new: str, occurrence: int, rule: str,
                        table: int | None, row: str, column: str, value: str) -> None:
    findings = check_text(edit(seed_text, line, old, new, occurrence))
    assert caught(findings, rule, table, row, column, value), [
        (f.rule, f.severity.value, f.message) for f in findings if f.severity is not Severity.INFO]


def test_edited_text_is_read_without_diagnostics(seed_text: str) -> None:
    """The edits change numbers, not the layout: every edited seed still reads cleanly."""
    from yusuan.read import read_text

    for _, line, old, new, occurrence, *_ in EDITS:
        assert read_text(edit(seed_text, line, old, new, occurrence)).diagnostics == []
