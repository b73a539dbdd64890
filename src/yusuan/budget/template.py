"""The workbook finance staff fill in: Chinese headers, drop-down lists, an instructions sheet.

``write_template(path)`` writes it blank; ``write_template(path, budget)`` writes it filled with a
budget (the example's, or last year's to start from). Its layout is :mod:`yusuan.budget.schema`,
so what the template offers is exactly what the readers accept.
"""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as WorksheetCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from yusuan.budget import schema, terms
from yusuan.budget.model import Budget
from yusuan.files import write_atomic

VALIDATED_ROWS = 5000
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FONT = Font(bold=True, color="C00000")
_HEADER_FONT = Font(bold=True)
_SCOPES = {v: k for k, v in terms.SCOPES.items()}
Cell = str | Decimal | int | None


def write_template(path: str | Path, budget: Budget | None = None) -> Path:
    """Write the workbook atomically; a budget, when given, fills it."""
    workbook = Workbook()
    instructions = workbook.active
    instructions.title = "说明"
    _instructions(instructions)
    lists = workbook.create_sheet("选项")
    choices = _choice_ranges(lists)
    lists.sheet_state = "hidden"
    filled = budget_rows(budget) if budget else {}
    for sheet in schema.sheets():
        worksheet = workbook.create_sheet(sheet.name, index=len(workbook.sheetnames) - 1)
        if sheet.kind == "fields":
            _fields_sheet(worksheet, sheet, choices, filled.get(sheet.name, []))
        else:
            _rows_sheet(worksheet, sheet, choices, filled.get(sheet.name, []))
    buffer = BytesIO()
    workbook.save(buffer)
    return write_atomic(path, buffer.getvalue())


STEPS = (
    "1. 先填“基本信息”：单位名称、年度必填；金额单位写明本工作簿的金额是“元”还是“万元”（公开表格一律以万元列示）。",
    "2. “支出明细”每行一条预算明细：功能科目（7 位项级编码）、经济科目（5 位款级编码）、资金来源、支出类型、金额；"
    "项目支出还要填项目名称。",
    "3. 项目支出的每个项目在“项目”表列出一次，填写绩效目标；重点项目在“是否重点项目”选“是”。",
    "4. “上年数”填写情况说明用来比较的上年数和增减原因；上年没有的填 0（说明中将写“基数为0，不可比”）。",
    "5. “收入”可不填；若填写，每种来源的收入须等于支出明细中该来源的合计（收支平衡）。",
    "6. “采购与资产”填写政府采购和国有资产情况；“科目名称”只在目录没有或需改名的科目时填写。",
    "7. 填好后运行：yusuan build 本工作簿.xlsx -o 输出文件夹。有错误时会逐条指出表名、行号和列名，且不会写出任何文件。",
    "",
    "金额与尾数：各表金额按所填的精确值汇总，每个公开数字各自四舍五入到两位小数（万元）。"
    "因此合计与各分项四舍五入后之和可能相差尾数，差额不超过舍入界限，相关表格会注明“可能存在尾数误差”。",
    "红色表头为必填列；把鼠标停在表头上可看到填写说明；带下拉箭头的单元格请从列表中选择。",
)


def _instructions(worksheet: Worksheet) -> None:
    worksheet.column_dimensions["A"].width = 22
    worksheet.column_dimensions["B"].width = 70
    worksheet.column_dimensions["C"].width = 10
    worksheet.cell(row=1, column=1, value="部门预算公开编制工作簿").font = Font(bold=True, size=14)
    _fit_to_width(worksheet, landscape=False)
    row = 3
    for step in STEPS:  # one merged, wrapped cell per paragraph: readable on screen and in print
        cell = worksheet.cell(row=row, column=1, value=step)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        worksheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        worksheet.row_dimensions[row].height = 16 * max(1, -(-len(step) // 48))
        row += 1
    row += 1
    for column, title in enumerate(("表", "用途", "必须有"), start=1):
        worksheet.cell(row=row, column=column, value=title).font = _HEADER_FONT
    for sheet in schema.sheets():
        row += 1
        worksheet.cell(row=row, column=1, value=sheet.name)
        worksheet.cell(row=row, column=2, value=sheet.purpose)
        worksheet.cell(row=row, column=3, value="是" if sheet.required else "")
    for sheet in schema.sheets():
        row += 2
        heading = f"“{sheet.name}”的{'项目' if sheet.kind == 'fields' else '列'}"
        worksheet.cell(row=row, column=1, value=heading).font = _HEADER_FONT
        for field in sheet.fields:
            row += 1
            worksheet.cell(row=row, column=1, value=field.name).font = _REQUIRED_FONT if field.required else Font()
            options = f"（可选：{'、'.join(field.choices)}）" if field.choices else ""
            hint = worksheet.cell(row=row, column=2, value=("必填。" if field.required else "") + field.hint + options)
            hint.alignment = Alignment(wrap_text=True, vertical="top")


def _choice_ranges(lists: Worksheet) -> dict[tuple[str, ...], str]:
    """Long drop-down lists live on a hidden sheet (Excel limits inline lists to 255 characters)."""
    ranges: dict[tuple[str, ...], str] = {}
    column = 0
    for sheet in schema.sheets():
        for field in sheet.fields:
            if field.choices and field.choices not in ranges:
                column += 1
                letter = get_column_letter(column)
                for row, choice in enumerate(field.choices, start=1):
                    lists.cell(row=row, column=column, value=choice)
                ranges[field.choices] = f"{quote_sheetname('选项')}!${letter}$1:${letter}${len(field.choices)}"
    return ranges


def _validation(choices: str, field: schema.Field) -> DataValidation:
    validation = DataValidation(type="list", formula1=choices, allow_blank=not field.required)
    validation.error = f"请从下拉列表中选择{field.name}。"
    validation.errorTitle = "输入无效"
    validation.prompt = field.hint or f"请选择{field.name}"
    validation.showErrorMessage = True
    validation.showInputMessage = True
    return validation


def _fit_to_width(worksheet: Worksheet, landscape: bool) -> None:
    worksheet.page_setup.orientation = "landscape" if landscape else "portrait"
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True
    worksheet.page_setup.fitToWidth = 1
    worksheet.page_setup.fitToHeight = 0


def _header(worksheet: Worksheet, names: list[tuple[str, bool, str, int]]) -> None:
    for column, (name, required, hint, width) in enumerate(names, start=1):
        cell = worksheet.cell(row=1, column=column, value=name)
        cell.font = _REQUIRED_FONT if required else _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center")
        if hint:
            cell.comment = Comment(("必填。" if required else "") + hint, "yusuan")
        worksheet.column_dimensions[get_column_letter(column)].width = width
    worksheet.freeze_panes = "A2"
    _fit_to_width(worksheet, landscape=sum(n[3] for n in names) > 100)


def _rows_sheet(worksheet: Worksheet, sheet: schema.Sheet, choices: dict, rows: list[dict[str, Cell]]) -> None:
    _header(worksheet, [(f.name, f.required, f.hint, f.width) for f in sheet.fields])
    for column, field in enumerate(sheet.fields, start=1):
        if field.choices:
            validation = _validation(choices[field.choices], field)
            letter = get_column_letter(column)
            validation.add(f"{letter}2:{letter}{VALIDATED_ROWS}")
            worksheet.add_data_validation(validation)
    if sheet.name == "上年数" and not rows:
        rows = [{"项目": subject} for subject in terms.PRIOR_SUBJECTS]
    for r, values in enumerate(rows, start=2):
        for column, field in enumerate(sheet.fields, start=1):
            _put(worksheet.cell(row=r, column=column), values.get(field.name))


def _fields_sheet(worksheet: Worksheet, sheet: schema.Sheet, choices: dict, rows: list[dict[str, Cell]]) -> None:
    _header(worksheet, [("项目", True, "不要修改这一列", 24), ("内容", False, "在这一列填写", 60),
                        ("说明", False, "", 60)])
    values = {row["项目"]: row.get("内容") for row in rows}
    for r, field in enumerate(sheet.fields, start=2):
        name = worksheet.cell(row=r, column=1, value=field.name)
        name.font = _REQUIRED_FONT if field.required else Font()
        _put(worksheet.cell(row=r, column=2), values.get(field.name))
        worksheet.cell(row=r, column=3, value=("必填。" if field.required else "") + field.hint)
        if field.choices:
            validation = _validation(choices[field.choices], field)
            validation.add(f"B{r}")
            worksheet.add_data_validation(validation)


def _put(cell: WorksheetCell, value: Cell) -> None:
    if value is None:
        return
    cell.value = value
    if isinstance(value, Decimal):
        cell.number_format = "#,##0.00##"  # thousands separated, up to four places shown
    elif isinstance(value, str):
        cell.number_format = "@"  # codes stay text: 2080101, not 2.08E+06
        cell.alignment = Alignment(wrap_text=len(value) > 40, vertical="top")


def budget_rows(budget: Budget) -> dict[str, list[dict[str, Cell]]]:
    """A budget as the rows of each sheet: what a reader of the filled workbook reads back."""
    p = budget.profile
    fund = {key: name for name, key in terms.fund_sources(p.format_id).items()}
    info: dict[str, Cell] = {"单位名称": p.entity, "年度": p.year, "公开范围": _SCOPES[p.scope],
                             "公开格式": p.format_id, "金额单位": p.unit.value, "项目支出总体绩效目标": p.overall_goal}
    facts: dict[str, Cell] = {
        "货物类采购": budget.procurement.goods, "工程类采购": budget.procurement.works,
        "服务类采购": budget.procurement.services, "资产统计截止日期": budget.assets.as_of,
        "固定资产金额": budget.assets.fixed_assets, "房屋面积": budget.assets.building_area,
        "车辆": budget.assets.vehicles, "单价100万元以上设备": budget.assets.large_equipment,
        "拟购置固定资产金额": budget.assets.planned_purchase, "拟购置固定资产主要内容": budget.assets.planned_items,
    }
    return {
        "基本信息": [{"项目": k, "内容": v} for k, v in info.items()],
        "职责与机构": [{"类别": "主要职责", "内容": d} for d in p.duties]
        + [{"类别": "内设机构", "内容": u} for u in p.internal_units]
        + ([{"类别": "部门预算构成", "内容": p.composition}] if p.composition else []),
        "收入": [{"收入来源": fund[k], "金额": v, "说明": budget.income_notes.get(k)}
               for k, v in budget.income.items()],
        "支出明细": [{"功能科目编码": i.functional, "经济科目编码": i.economic, "资金来源": fund[i.fund],
                   "支出类型": terms.SPENDING[i.spending], "项目名称": i.project, "金额": i.amount, "备注": i.note}
                  for i in budget.items],
        "项目": [{"项目名称": x.name, "绩效目标": x.goal, "是否重点项目": "是" if x.key else "否",
                "上年预算数": x.last_year} for x in budget.projects],
        "上年数": [{"项目": s, "上年数": budget.prior[s].amount, "原因": budget.prior[s].reason}
                for s in terms.PRIOR_SUBJECTS if s in budget.prior],
        "采购与资产": [{"项目": k, "内容": v} for k, v in facts.items()],
        "科目名称": [{"科目编码": c, "科目名称": n}
                 for c, n in [*budget.functional_names.items(), *budget.economic_names.items()]],
    }
