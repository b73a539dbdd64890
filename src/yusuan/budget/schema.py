"""The input layout: which sheets a budget workbook has and the columns of each.

One declaration serves the readers (xlsx, CSV folder, YAML), the blank template and its
instructions sheet, so a column renamed here is renamed everywhere. Two kinds of sheet: ``rows``
(one record per row under a header) and ``fields`` (a 项目 | 内容 list of named facts).
"""

from __future__ import annotations

from dataclasses import dataclass

from yusuan.budget import terms


@dataclass(frozen=True, slots=True)
class Field:
    """A column of a rows sheet, or a named fact of a fields sheet."""

    name: str
    required: bool = False
    hint: str = ""
    choices: tuple[str, ...] = ()  # offered as a drop-down in the template
    width: int = 16


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str
    kind: str  # rows | fields
    fields: tuple[Field, ...]
    required: bool = False
    purpose: str = ""


# Columns of every fields sheet.
FIELD_COLUMNS = ("项目", "内容", "说明")

CATEGORIES = ("主要职责", "内设机构", "部门预算构成")
YES_NO = ("是", "否")


def sheets(format_id: str = "gd-budget-12") -> tuple[Sheet, ...]:
    funds = tuple(terms.fund_sources(format_id))
    return (
        Sheet("基本信息", "fields", required=True, purpose="单位名称、年度、公开范围、格式、金额单位", fields=(
            Field("单位名称", True, "如：江门市社会保险基金管理局"),
            Field("年度", True, "预算年度，如 2024"),
            Field("公开范围", False, "部门 或 单位（默认 部门）", ("部门", "单位")),
            Field("公开格式", False, "默认 gd-budget-12（广东省部门预算公开 12 张表）"),
            Field("金额单位", False, "本工作簿所填金额的单位：元 或 万元（默认 元）；公开表格一律以万元列示",
                  ("元", "万元")),
            Field("项目支出总体绩效目标", False, "印在表12“合计”一行的绩效目标"),
        )),
        Sheet("职责与机构", "rows", purpose="第一部分概况：主要职责、内设机构、部门预算构成", fields=(
            Field("类别", True, "主要职责 / 内设机构 / 部门预算构成", CATEGORIES, 14),
            Field("内容", True, "每条职责、每个内设机构各占一行，按公开顺序填写", width=80),
        )),
        Sheet("收入", "rows", purpose="按资金来源填写的收入预算（可不填；填写时须与支出明细合计相符）", fields=(
            Field("收入来源", True, "与支出明细的资金来源相同", funds, 22),
            Field("金额", True, "本年收入预算"),
            Field("说明", False, width=30),
        )),
        Sheet("支出明细", "rows", required=True, purpose="每行一条预算明细：功能科目 × 经济科目 × 资金来源 × 支出类型",
              fields=(
            Field("功能科目编码", True, "7 位项级编码，如 2080101", width=14),
            Field("功能科目名称", False, "可不填；填写则以此名称公开（覆盖目录名称）", width=24),
            Field("经济科目编码", True, "5 位款级编码（部门预算支出经济分类），如 30201", width=14),
            Field("经济科目名称", False, "可不填；填写则以此名称公开", width=20),
            Field("资金来源", True, "下拉选择", funds, 22),
            Field("支出类型", True, "下拉选择", tuple(terms.SPENDING.values()), 22),
            Field("项目名称", False, "项目支出必填，且须在“项目”表中列出", width=28),
            Field("金额", True, "不能为负数"),
            Field("备注", False, width=24),
        )),
        Sheet("项目", "rows", purpose="项目支出的项目清单：绩效目标、是否重点项目、上年预算数", fields=(
            Field("项目名称", True, "不能重复", width=28),
            Field("绩效目标", False, "印在表12；重点项目还印在情况说明第六部分", width=60),
            Field("是否重点项目", False, "是 / 否（默认 否）", YES_NO, 14),
            Field("上年预算数", False, "可不填；填写后，收支增减原因未填时按项目增减自动说明"),
        )),
        Sheet("上年数", "rows", required=True, purpose="情况说明用来比较的上年数及增减原因", fields=(
            Field("项目", True, "固定的 9 项，不要改名", terms.PRIOR_SUBJECTS, 26),
            Field("上年数", False, "“三公”经费与公务用车购置及运行维护费可不填（由其下各项相加）"),
            Field("原因", False, "增减变化的主要原因，照录于情况说明", width=60),
        )),
        Sheet("采购与资产", "fields", purpose="政府采购与国有资产占有使用情况", fields=(
            Field("货物类采购", False, "政府采购预算（金额）"),
            Field("工程类采购", False, "政府采购预算（金额）"),
            Field("服务类采购", False, "政府采购预算（金额）"),
            Field("资产统计截止日期", False, "如 2024年1月31日"),
            Field("固定资产金额", False, "金额"),
            Field("房屋面积", False, "平方米"),
            Field("车辆", False, "辆"),
            Field("单价100万元以上设备", False, "台"),
            Field("拟购置固定资产金额", False, "不填则按资本性支出（309、310 类）明细合计"),
            Field("拟购置固定资产主要内容", False, "如：保密柜、会议桌椅"),
        )),
        Sheet("科目名称", "rows", purpose="目录中没有或需改名的科目（类、款、项或经济科目）", fields=(
            Field("科目编码", True, "功能科目 3/5/7 位，经济科目 3/5 位", width=14),
            Field("科目名称", True, width=30),
        )),
    )


def sheet(name: str, format_id: str = "gd-budget-12") -> Sheet:
    return next(s for s in sheets(format_id) if s.name == name)
