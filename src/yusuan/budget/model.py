"""The Budget: what a department has before it publishes (line items, projects, last year, facts).

``compile`` turns a Budget into a :class:`yusuan.model.Document`; a Document is never turned back
into a Budget. Amounts are exact Decimals in the budget's own unit (``profile.unit``, usually 元):
nothing is rounded here, rounding happens only when a figure is printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from yusuan.formats import catalog
from yusuan.money import Unit


@dataclass(frozen=True, slots=True)
class LineItem:
    """One row of 支出明细: a functional 项 × economic 款 × fund source × spending type amount."""

    functional: str  # 7-digit 项 code, e.g. 2080101
    economic: str  # 5-digit 款 code of 部门预算支出经济分类, e.g. 30201
    fund: str  # a fund-source key: the 表2 column keys (gpb, gov_fund, business …)
    spending: str  # personnel | public | project | operating
    amount: Decimal
    project: str | None = None
    note: str | None = None  # 备注: kept so a workbook written from this budget loses nothing


@dataclass(slots=True)
class Project:
    name: str
    goal: str | None = None  # 绩效目标
    key: bool = False  # 重点项目: listed with its goal in Part 3 section 六
    last_year: Decimal | None = None  # 上年预算数, used to name the cause of a change when none is given


@dataclass(slots=True)
class PriorYear:
    """Last year's figure of a narrative subject and the stated reason of the change."""

    amount: Decimal | None = None
    reason: str | None = None


@dataclass(slots=True)
class Procurement:
    goods: Decimal = Decimal(0)
    works: Decimal = Decimal(0)
    services: Decimal = Decimal(0)

    @property
    def total(self) -> Decimal:
        return self.goods + self.works + self.services


@dataclass(slots=True)
class Assets:
    """国有资产占有使用情况: the facts Part 3 section 五 states."""

    as_of: str | None = None  # printed date, e.g. 2024年1月31日
    fixed_assets: Decimal = Decimal(0)
    building_area: Decimal = Decimal(0)  # 平方米
    vehicles: int = 0
    large_equipment: int = 0  # 单价100万元以上的设备（台）
    planned_purchase: Decimal | None = None  # None: the capital line items (309/310) are summed
    planned_items: str | None = None  # 拟购置固定资产主要内容


@dataclass(slots=True)
class Profile:
    entity: str
    year: int
    scope: str = "department"  # department | unit
    format_id: str = "gd-budget-12"
    unit: Unit = Unit.YUAN  # the unit amounts are entered in
    duties: list[str] = field(default_factory=list)
    internal_units: list[str] = field(default_factory=list)
    composition: str = ""
    overall_goal: str | None = None  # 表12 合计 row: the goal of all projects together


@dataclass(slots=True)
class Budget:
    profile: Profile
    items: list[LineItem]
    projects: list[Project] = field(default_factory=list)
    income: dict[str, Decimal] = field(default_factory=dict)  # stated income by fund key (checked, optional)
    income_notes: dict[str, str] = field(default_factory=dict)  # 说明 of each stated income
    prior: dict[str, PriorYear] = field(default_factory=dict)  # narrative subject → last year
    procurement: Procurement = field(default_factory=Procurement)
    assets: Assets = field(default_factory=Assets)
    functional_names: dict[str, str] = field(default_factory=dict)  # overrides of the catalog
    economic_names: dict[str, str] = field(default_factory=dict)

    def functional_name(self, code: str) -> str | None:
        return self.functional_names.get(code) or catalog.name_of(code, "functional")

    def economic_name(self, code: str) -> str | None:
        return self.economic_names.get(code) or catalog.name_of(code, "economic")
