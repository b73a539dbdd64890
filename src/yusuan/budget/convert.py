"""Raw sheets → :class:`Budget`, refusing bad input with every problem named by sheet, row and column.

Structural problems (a missing sheet or column) stop the reading at once: nothing below them can be
trusted. Everything else — unknown codes, text or negative amounts, duplicated or unlisted
projects, income that does not match the line items — is collected and reported together.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from yusuan.budget import schema, terms
from yusuan.budget.model import Assets, Budget, LineItem, PriorYear, Procurement, Profile, Project
from yusuan.budget.raw import Problems, RawBudget, RawRow, RawSheet, header_key
from yusuan.formats import all_formats, load_format
from yusuan.money import AmountError, Unit, format_amount, parse_amount

MAX_DIGITS = 20  # significant digits of an amount: no budget has more, and Decimal arithmetic keeps 28


def short(text: str, limit: int = 40) -> str:
    """A cell's text quoted in a message: its start, when it is long."""
    return text if len(text) <= limit else text[:limit] + "…"

_DATE_RE = re.compile(r"^(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?$")
_CODE_RE = re.compile(r"^\d+$")
FISCAL_FUNDS = frozenset({"gpb", "gov_fund", "soe"})  # 财政拨款: 表8 and 表5/9/10 know only basic and project


def to_budget(raw: RawBudget) -> Budget:
    """Understand the raw sheets; raises :class:`~yusuan.budget.raw.InputProblems` listing every problem."""
    problems = Problems()
    sheets = _structure(raw, problems)
    problems.raise_if_any()
    reader = _Reader(sheets, problems)
    budget = reader.budget()
    problems.raise_if_any()
    return budget


def _structure(raw: RawBudget, problems: Problems) -> dict[str, RawSheet]:
    """Sheets by their schema name; missing sheets and columns are reported here."""
    declared = schema.sheets()
    found: dict[str, RawSheet] = {}
    for sheet in raw.sheets.values():
        name = header_key(sheet.name).removesuffix("表")
        if any(s.name == name for s in declared):
            found[name] = sheet
    for spec in declared:
        sheet = found.get(spec.name)
        if sheet is None:
            if spec.required:
                present = "、".join(f"“{s}”" for s in raw.sheets) or "无"
                problems.add("", raw.missing.format(source=raw.source, sheet=spec.name) + f"（现有：{present}）")
            continue
        wanted = schema.FIELD_COLUMNS[:2] if spec.kind == "fields" else [f.name for f in spec.fields if f.required]
        missing = [name for name in wanted if name not in sheet.headers]
        if missing:
            problems.add(sheet.where, "缺少" + "、".join(f"“{m}”" for m in missing) + "列（请检查表头行的列名）")
    return found


class _Reader:
    def __init__(self, sheets: dict[str, RawSheet], problems: Problems) -> None:
        self.sheets = sheets
        self.problems = problems
        self.unit = Unit.YUAN
        self.rejected_items = False

    # cells ------------------------------------------------------------------------------------
    def amount(self, row: RawRow, column: str, *, required: bool = True) -> Decimal | None:
        text = row.get(column)
        if text is None:
            if required:
                self.problems.add(row.at(column), "金额为空")
            return None
        try:
            value = parse_amount(text)
        except AmountError:
            self.problems.add(row.at(column), f"“{short(text)}”不是金额（只填数字，如 1234.56，不要带单位）")
            return None
        if value is not None and value < 0:
            self.problems.add(row.at(column), f"金额不能为负数（{text}）")
            return None
        if value is not None and len(value.as_tuple().digits) > MAX_DIGITS:  # sums would round past 28 digits
            self.problems.add(row.at(column), f"“{short(text)}”位数太多（最多 {MAX_DIGITS} 位数字）")
            return None
        return value

    def count(self, row: RawRow, column: str) -> int:
        value = self.amount(row, column, required=False)
        if value is None:
            return 0
        if value != value.to_integral_value():
            self.problems.add(row.at(column), f"应为整数（{row.get(column)}）")
            return 0
        return int(value)

    def fields(self, name: str) -> dict[str, RawRow]:
        """A 项目 | 内容 sheet as field name → its row; unknown and repeated names are problems."""
        sheet = self.sheets.get(name)
        if sheet is None:
            return {}
        known = {f.name for f in schema.sheet(name).fields}
        found: dict[str, RawRow] = {}
        for row in sheet.rows:
            label = row.get("项目")
            if label is None:
                if row.get("内容") is not None:
                    self.problems.add(row.at("项目"), "填了内容却没有项目名称")
                continue
            label = header_key(label)
            if label not in known:
                self.problems.add(row.at("项目"), f"不认识的项目“{label}”（应为：{'、'.join(sorted(known))}）")
            elif label in found:
                self.problems.add(row.at("项目"), f"“{label}”重复出现（{found[label].where}已有）")
            else:
                found[label] = row
        return found

    def rows(self, name: str) -> list[RawRow]:
        sheet = self.sheets.get(name)
        return sheet.rows if sheet else []

    # the budget -------------------------------------------------------------------------------
    def budget(self) -> Budget:
        profile = self.profile()
        functional_names, economic_names = self.names()
        projects = self.projects()
        budget = Budget(profile=profile, items=[], projects=projects, functional_names=functional_names,
                        economic_names=economic_names)
        budget.items = self.items(budget)
        budget.income, budget.income_notes = self.income(budget)
        budget.prior = self.prior()
        budget.procurement, budget.assets = self.facts()
        return budget

    def profile(self) -> Profile:
        fields = self.fields("基本信息")
        where = self.sheets["基本信息"].where

        def text(name: str) -> str | None:
            row = fields.get(name)
            return row.get("内容") if row else None

        for name in ("单位名称", "年度"):
            if name not in fields:
                self.problems.add(where, f"缺少“{name}”（在“项目”列写“{name}”，在“内容”列填写）")
            elif text(name) is None:
                self.problems.add(fields[name].at("内容"), f"未填写{name}")
        year = 0
        if (year_text := text("年度")) is not None:
            digits = year_text.removesuffix("年")
            if digits.isdigit() and 2000 <= int(digits) <= 2100:
                year = int(digits)
            else:
                self.problems.add(fields["年度"].at("内容"), f"年度应为四位数字，如 2024（填的是“{year_text}”）")
        scope = "department"
        if (scope_text := text("公开范围")) is not None:
            scope = terms.SCOPES.get(scope_text.removesuffix("预算"), "")
            if not scope:
                self.problems.add(fields["公开范围"].at("内容"), f"公开范围应为“部门”或“单位”（填的是“{scope_text}”）")
        format_id = text("公开格式") or "gd-budget-12"
        budget_formats = [f.id for f in all_formats() if f.kind == "budget"
                          and any(t.key == terms.INCOME_TABLE for t in f.tables)]
        if format_id not in budget_formats:
            self.problems.add(fields["公开格式"].at("内容"),
                              f"不支持的公开格式“{format_id}”（可用：{'、'.join(budget_formats)}）")
            format_id = "gd-budget-12"
        if (unit_text := text("金额单位")) is not None:
            try:
                self.unit = Unit.parse(unit_text)
            except AmountError:
                self.unit = Unit.YUAN
                self.problems.add(fields["金额单位"].at("内容"), f"金额单位应为“元”或“万元”（填的是“{unit_text}”）")
        profile = Profile(entity=text("单位名称") or "", year=year, scope=scope or "department",
                          format_id=format_id, unit=self.unit, overall_goal=text("项目支出总体绩效目标"))
        for row in self.rows("职责与机构"):
            category, content = row.get("类别"), row.get("内容")
            if category is None and content is None:
                continue
            if category not in schema.CATEGORIES:
                choices = "、".join(schema.CATEGORIES)
                self.problems.add(row.at("类别"), f"类别应为{choices}之一（填的是“{category or ''}”）")
            elif content is None:
                self.problems.add(row.at("内容"), "内容为空")
            elif category == "主要职责":
                profile.duties.append(content)
            elif category == "内设机构":
                profile.internal_units.append(content)
            else:
                profile.composition += content
        return profile

    def names(self) -> tuple[dict[str, str], dict[str, str]]:
        functional: dict[str, str] = {}
        economic: dict[str, str] = {}
        seen: dict[str, RawRow] = {}
        for row in self.rows("科目名称"):
            code, name = row.get("科目编码"), row.get("科目名称")
            if code is None and name is None:
                continue
            if code is None or not _CODE_RE.match(code) or len(code) not in (3, 5, 7):
                self.problems.add(row.at("科目编码"), f"科目编码应为 3、5 或 7 位数字（填的是“{code or ''}”）")
            elif name is None:
                self.problems.add(row.at("科目名称"), "科目名称为空")
            elif code in seen:
                self.problems.add(row.at("科目编码"), f"科目编码 {code} 重复（{seen[code].where}已有）")
            else:
                seen[code] = row
                (economic if code.startswith("3") else functional)[code] = name
        return functional, economic

    def projects(self) -> list[Project]:
        projects: dict[str, tuple[Project, RawRow]] = {}
        for row in self.rows("项目"):
            name = row.get("项目名称")
            if name is None:
                if any(row.get(c) for c in ("绩效目标", "上年预算数")):
                    self.problems.add(row.at("项目名称"), "项目名称为空")
                continue
            if name in projects:
                self.problems.add(row.at("项目名称"), f"项目“{name}”重复（{projects[name][1].where}已有）")
                continue
            key_text = row.get("是否重点项目") or ""
            if key_text not in terms.YES and key_text not in terms.NO:
                self.problems.add(row.at("是否重点项目"), f"应填“是”或“否”（填的是“{key_text}”）")
            project = Project(name=name, goal=row.get("绩效目标"), key=key_text in terms.YES,
                              last_year=self.amount(row, "上年预算数", required=False))
            projects[name] = (project, row)
        return [project for project, _ in projects.values()]

    def items(self, budget: Budget) -> list[LineItem]:
        sheet = self.sheets["支出明细"]
        named: dict[str, tuple[str, RawRow]] = {}
        items: list[LineItem] = []
        listed = {p.name for p in budget.projects}
        for row in sheet.rows:
            if not any(row.get(h) for h in sheet.headers):
                continue
            functional = self.code(row, "功能科目编码", "功能科目名称", 7, budget, named)
            economic = self.code(row, "经济科目编码", "经济科目名称", 5, budget, named)
            fund_text = row.get("资金来源")
            fund = terms.fund_key(fund_text or "", budget.profile.format_id)
            if fund is None:
                choices = "、".join(terms.fund_sources(budget.profile.format_id))
                self.problems.add(row.at("资金来源"), f"资金来源“{fund_text or ''}”无效（应为：{choices}）"
                                  if fund_text else "资金来源为空")
            spending_text = row.get("支出类型")
            spending = terms.spending_key(spending_text or "")
            if spending is None:
                self.problems.add(row.at("支出类型"), f"支出类型“{spending_text or ''}”无效（应为："
                                  f"{'、'.join(terms.SPENDING.values())}）" if spending_text else "支出类型为空")
            project = row.get("项目名称")
            if spending == "project" and project is None:
                self.problems.add(row.at("项目名称"), "项目支出必须填写项目名称")
            elif spending is not None and spending != "project" and project is not None:
                self.problems.add(row.at("项目名称"), f"{terms.SPENDING[spending]}不应填写项目名称（“{project}”）")
            elif project is not None and project not in listed:
                self.problems.add(row.at("项目名称"), f"项目“{project}”没有在“项目”表中列出")
            if spending == "operating" and fund in FISCAL_FUNDS:
                self.problems.add(row.at("资金来源"), "事业单位经营支出不能由财政拨款安排（应为经营收入等资金）")
                fund = None
            amount = self.amount(row, "金额")
            if functional and economic and fund and spending and amount is not None:
                items.append(LineItem(functional, economic, fund, spending, amount, project, row.get("备注")))
            else:
                self.rejected_items = True
        if not any(any(row.get(h) for h in sheet.headers) for row in sheet.rows):
            self.problems.add(sheet.where, "没有任何支出明细")
        return items

    def code(self, row: RawRow, column: str, name_column: str, digits: int, budget: Budget,
             named: dict[str, tuple[str, RawRow]]) -> str | None:
        """A subject code that must exist (in the catalog or the input's own names) at every level."""
        code = row.get(column)
        scheme = "功能分类" if digits == 7 else "经济分类"
        if code is None:
            self.problems.add(row.at(column), "科目编码为空")
            return None
        code = code.replace(" ", "")
        if not _CODE_RE.match(code) or len(code) != digits:
            self.problems.add(row.at(column), f"科目编码应为 {digits} 位数字（填的是“{code}”）")
            return None
        names = budget.functional_names if digits == 7 else budget.economic_names
        if (printed := row.get(name_column)) is not None:
            earlier = named.get(code)
            if earlier and earlier[0] != printed:
                self.problems.add(row.at(name_column),
                                  f"科目 {code} 的名称“{printed}”与{earlier[1].where}的“{earlier[0]}”不同")
            else:
                named[code] = (printed, row)
                names[code] = printed
        lookup = budget.functional_name if digits == 7 else budget.economic_name
        levels = (code[:3], code[:5], code) if digits == 7 else (code[:3], code)
        if digits == 7 and code[:3] not in dict(load_format(budget.profile.format_id).functional_classes):
            self.problems.add(row.at(column), f"科目编码 {code} 不属于支出功能分类的任何一类（类级编码 {code[:3]} 不在"
                              "表1列示的功能分类中）")
            return None
        unknown = [level for level in levels if lookup(level) is None]
        if unknown:
            parent = "类" if len(unknown[0]) == 3 else "款"
            level = "" if unknown[-1] == code else f"的{parent}级科目 {unknown[0]}"
            self.problems.add(row.at(column), f"科目编码 {code}{level} 不在{scheme}目录中"
                              f"（如确为新设科目，请在“科目名称”表中填写其名称）")
            return None
        return code

    def income(self, budget: Budget) -> tuple[dict[str, Decimal], dict[str, str]]:
        stated: dict[str, Decimal] = {}
        notes: dict[str, str] = {}
        rows: dict[str, RawRow] = {}
        for row in self.rows("收入"):
            source_text = row.get("收入来源")
            if source_text is None and row.get("金额") is None:
                continue
            fund = terms.fund_key(source_text or "", budget.profile.format_id)
            amount = self.amount(row, "金额")
            if fund is None:
                self.problems.add(row.at("收入来源"), f"收入来源“{source_text or ''}”无效")
            elif fund in rows:
                self.problems.add(row.at("收入来源"), f"收入来源“{source_text}”重复（{rows[fund].where}已有）")
            elif amount is not None:
                stated[fund], rows[fund] = amount, row
                if (note := row.get("说明")) is not None:
                    notes[fund] = note
        if not rows or self.rejected_items:  # a sum over rejected rows would only add a false problem
            return stated, notes
        spent: dict[str, Decimal] = defaultdict(Decimal)
        for item in budget.items:
            spent[item.fund] += item.amount
        unit = budget.profile.unit.value
        for fund in [*stated, *(f for f in spent if f not in stated)]:
            income, expense = stated.get(fund, Decimal(0)), spent.get(fund, Decimal(0))
            if income != expense:
                name = terms.fund_name(fund, budget.profile.format_id)
                where = rows[fund].at("金额") if fund in rows else self.sheets["收入"].where
                self.problems.add(where, f"{name}收入 {format_amount(income, None)} {unit}与支出明细中资金来源为"
                                  f"{name}的合计 {format_amount(expense, None)} {unit}不相等，收支不平衡")
        return stated, notes

    def prior(self) -> dict[str, PriorYear]:
        prior: dict[str, PriorYear] = {}
        rows: dict[str, RawRow] = {}
        for row in self.rows("上年数"):
            subject = row.get("项目")
            if subject is None:
                if row.get("上年数") or row.get("原因"):
                    self.problems.add(row.at("项目"), "没有填写项目")
                continue
            subject = header_key(subject).replace('"', "")
            if subject not in terms.PRIOR_SUBJECTS:
                self.problems.add(row.at("项目"), f"不认识的项目“{subject}”（应为：{'、'.join(terms.PRIOR_SUBJECTS)}）")
            elif subject in prior:
                self.problems.add(row.at("项目"), f"“{subject}”重复（{rows[subject].where}已有）")
            else:
                prior[subject] = PriorYear(self.amount(row, "上年数", required=False), row.get("原因"))
                rows[subject] = row
        where = self.sheets["上年数"].where
        for subject in terms.PRIOR_SUBJECTS:
            entry = prior.setdefault(subject, PriorYear())
            parts = terms.DERIVED_SUBJECTS.get(subject)
            if parts is None and entry.amount is None:
                self.problems.add(rows[subject].at("上年数") if subject in rows else where,
                                  f"缺少“{subject}”的上年数（上年没有请填 0）")
        for subject in reversed(terms.PRIOR_SUBJECTS):  # 公务用车 before 三公: the sum needs it
            parts = terms.DERIVED_SUBJECTS.get(subject)
            if parts is None or any(prior[p].amount is None for p in parts):
                continue
            total = sum((prior[p].amount for p in parts), Decimal(0))  # type: ignore[misc]
            entry = prior[subject]
            if entry.amount is not None and entry.amount != total:
                self.problems.add(rows[subject].at("上年数"), f"“{subject}”上年数 {format_amount(entry.amount, None)} "
                                  f"不等于其各项之和 {format_amount(total, None)}")
            entry.amount = total
        return prior

    def facts(self) -> tuple[Procurement, Assets]:
        fields = self.fields("采购与资产")

        def amount(name: str) -> Decimal | None:
            return self.amount(fields[name], "内容", required=False) if name in fields else None

        procurement = Procurement(goods=amount("货物类采购") or Decimal(0), works=amount("工程类采购") or Decimal(0),
                                  services=amount("服务类采购") or Decimal(0))
        assets = Assets(fixed_assets=amount("固定资产金额") or Decimal(0),
                        building_area=amount("房屋面积") or Decimal(0),
                        vehicles=self.count(fields["车辆"], "内容") if "车辆" in fields else 0,
                        large_equipment=self.count(fields["单价100万元以上设备"], "内容")
                        if "单价100万元以上设备" in fields else 0,
                        planned_purchase=amount("拟购置固定资产金额"))
        if "拟购置固定资产主要内容" in fields:
            assets.planned_items = fields["拟购置固定资产主要内容"].get("内容")
        if "资产统计截止日期" in fields and (date := fields["资产统计截止日期"].get("内容")) is not None:
            match = _DATE_RE.match(date)
            if match is None:
                self.problems.add(fields["资产统计截止日期"].at("内容"), f"日期应写成 2024年1月31日（填的是“{date}”）")
            else:
                year, month, day = (int(g) for g in match.groups())
                assets.as_of = f"{year}年{month}月{day}日"
        return procurement, assets
