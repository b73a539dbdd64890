"""Part 3 (情况说明) written the way published Guangdong budgets write it, and the claims it makes.

The wording follows the seed document sentence by sentence: amounts in 万元 without trailing
zeros (6.5万元, 1,050万元), changes as 比上年增加/减少, percentages to two places, 增长--（基数为0，
不可比） when last year was 0, reasons after 主要原因是. Every figure is the printed table cell it
talks about; a change is this year's printed figure minus last year's, and a percentage is that
change over last year's printed figure, so the text agrees with the tables to the last digit.
The claims are then read back from the generated text with the same reader that reads published
documents, so a compiled Document claims exactly what its text says.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.budget.model import Budget, PriorYear
from yusuan.compile.ledger import Entry
from yusuan.compile.rounding import printed
from yusuan.compile.standard import Standard
from yusuan.model import Claim, Section, Source, Table
from yusuan.money import Unit, convert, round_half_up
from yusuan.read import claims as claim_reader
from yusuan.read.lines import Line

ZERO = Decimal(0)
SAME = "与上年持平，无增减变化"
ADMIN_TERM = "行政经费（机关运行经费）"


def say(amount: Decimal) -> str:
    """A figure as the narrative prints it: 6.50 → 6.5, 1050.00 → 1,050, 0.00 → 0."""
    return f"{amount.normalize():,f}"


def change(now: Decimal, last: Decimal, *, percent: bool = True) -> str:
    """比上年增加0.62万元，增长8.71% — from printed figures, so the arithmetic checks on the page."""
    difference = now - last
    text = f"比上年{'增加' if difference >= 0 else '减少'}{say(abs(difference))}万元"
    if not percent:
        return text
    if last == 0:
        return text + "，增长--（基数为0，不可比）"
    rate = round_half_up(abs(difference) / last * 100, 2)
    return text + f"，{'增长' if difference >= 0 else '下降'}{say(rate)}%"


class _Writer:
    def __init__(self, budget: Budget, tables: list[Table], entries: list[Entry], standard: Standard) -> None:
        self.budget = budget
        self.tables = {t.key: t for t in tables}
        self.entries = entries
        self.standard = standard
        self.unit = Unit.parse(next(iter(self.tables.values())).unit)
        self.me = "本单位" if budget.profile.scope == "unit" else "本部门"
        self.year = budget.profile.year
        self.notices: list[str] = []

    def wan(self, amount: Decimal | None) -> Decimal:
        """An input amount (in the budget's unit) as a printed figure in the tables' unit."""
        return printed(convert(amount or ZERO, self.budget.profile.unit, self.unit))

    def cell(self, table: str, key: str, column: str) -> Decimal:
        found = self.tables[table]
        row = found.find(key=key)
        assert row is not None, (table, key)
        return found.value(row, column) or ZERO

    def prior(self, subject: str) -> PriorYear:
        return self.budget.prior.get(subject) or PriorYear()

    def last(self, subject: str) -> Decimal:
        return self.wan(self.prior(subject).amount)

    def because(self, subject: str, now: Decimal, last: Decimal, fallback: str | None = None) -> str:
        reason = self.prior(subject).reason or (SAME if now == last else fallback)
        if reason is None:
            self.notices.append(f"情况说明中“{subject}”比上年{'增加' if now > last else '减少'}"
                                f"{say(abs(now - last))}万元，但“上年数”表没有填写原因。")
            return ""
        return "，主要原因是" + reason.rstrip("。；;，, ")

    def stated(self, subject: str, now: Decimal, fallback: str | None = None) -> str:
        """``<figure>万元，比上年…，主要原因是…`` for one subject."""
        last = self.last(subject)
        return f"{say(now)}万元，{change(now, last)}{self.because(subject, now, last, fallback)}"

    # sections ----------------------------------------------------------------------------------
    def totals(self) -> str:
        income = self.cell("summary", "income_total", "budget")
        expense = self.cell("summary", "expense_total", "budget")
        income_text = self.stated("收入预算", income, self.project_reason("收入", income))
        expense_text = self.stated("支出预算", expense, self.project_reason("支出", expense))
        return f"{self.year}年{self.me}收入预算{income_text}；支出预算{expense_text}。"

    def project_reason(self, side: str, now: Decimal) -> str | None:
        """The project whose change is largest in the direction of the total's: the usual stated cause."""
        subject = f"{side}预算"
        direction = now - self.last(subject)
        table = self.tables["project"]
        changes = []
        for project in self.budget.projects:
            if project.last_year is None:
                continue
            row = next((r for r in table.rows if r.level == 1 and r.label == project.name), None)
            current = table.value(row, "total") or ZERO if row else ZERO
            changes.append((current - self.wan(project.last_year), project.name))
        same_way = [(d, name) for d, name in changes if d * direction > 0]
        if not same_way:
            return None
        difference, name = max(same_way, key=lambda c: abs(c[0]))
        word = "增加" if difference > 0 else "减少"
        return f"{name}项目{side}预算较上年{word}{say(abs(difference))}万元"

    def sangong(self) -> str:
        def part(key: str) -> Decimal:
            return self.cell("sangong", key, "total")

        purchase, operation = part("vehicle_purchase"), part("vehicle_operation")
        vehicle = part("vehicle")
        inner = (f"公务用车购置费{say(purchase)}万元，{change(purchase, self.last('公务用车购置费'), percent=False)}；"
                 f"公务用车运行维护费{say(operation)}万元，"
                 f"{change(operation, self.last('公务用车运行维护费'), percent=False)}。")
        vehicle_last = self.last("公务用车购置及运行维护费")
        return (f"{self.year}年{self.me}财政拨款安排“三公”经费{self.stated('三公经费', part('sangong'))}。"
                f"其中：因公出国（境）费{self.stated('因公出国（境）费', part('abroad'))}；"
                f"公务用车购置及运行维护费{say(vehicle)}万元（{inner}）{change(vehicle, vehicle_last)}"
                f"{self.because('公务用车购置及运行维护费', vehicle, vehicle_last)}；"
                f"公务接待费{self.stated('公务接待费', part('reception'))}。")

    def admin(self) -> str:
        admin = self.cell("sangong", "admin", "total")
        return (f"{ADMIN_TERM}{self.standard.definition(ADMIN_TERM)}"
                f"{self.year}年，{self.me}机关运行经费安排{self.stated('机关运行经费', admin)}。")

    def procurement(self) -> str:
        p = self.budget.procurement
        return (f"{self.year}年{self.me}政府采购安排{say(self.wan(p.total))}万元，其中：货物类采购预算"
                f"{say(self.wan(p.goods))}万元，工程类采购预算{say(self.wan(p.works))}万元，"
                f"服务类采购预算{say(self.wan(p.services))}万元等。")

    def assets(self) -> str:
        a = self.budget.assets
        planned = a.planned_purchase
        if planned is None:
            capital = self.standard.capital_classes
            planned_wan = printed(sum((e.amount for e in self.entries if e.economic[:3] in capital), ZERO))
        else:
            planned_wan = self.wan(planned)
        since = f"截至{a.as_of}，" if a.as_of else ""
        items = f"，主要是{a.planned_items.rstrip('。等')}等" if a.planned_items else ""
        return (f"{since}{self.me}固定资产金额{say(self.wan(a.fixed_assets))}万元，分布构成情况为："
                f"房屋{say(a.building_area)}平方米，车辆{a.vehicles}辆，单价在100万元以上的设备{a.large_equipment}台等。"
                f"本年度拟购置固定资产{say(planned_wan)}万元{items}。")

    def key_projects(self) -> tuple[str, list[Claim]]:
        table = self.tables["project"]
        claims = []
        for project in self.budget.projects:
            row = next((r for r in table.rows if r.level == 1 and r.label == project.name), None)
            if not project.key or row is None:
                continue
            amount = (table.value(row, "total") or ZERO).normalize()
            claims.append(Claim(section="六", subject=project.name, name=project.name, role="key_project",
                                amount=amount, unit=table.unit, goal=project.goal,
                                text=f"{project.name}{say(amount)}"))
        if not claims:
            return f"{self.year}年，{self.me}无重点项目。", []
        return f"{self.year}年，{self.me}重点项目绩效目标情况如下：", claims


def explanations(budget: Budget, tables: list[Table], entries: list[Entry],
                 standard: Standard) -> tuple[list[Section], list[Claim], list[str]]:
    """Part 3 sections, the claims they make, and notices for the user (reasons not given …)."""
    writer = _Writer(budget, tables, entries, standard)
    six, key_claims = writer.key_projects()
    texts = [writer.totals(), writer.sangong(), writer.admin(), writer.procurement(), writer.assets(), six]
    sections: list[Section] = []
    claims: list[Claim] = []
    for (number, title), text in zip(standard.sections, texts, strict=True):
        sections.append(Section(number, title, text))
        for claim in claim_reader.narrative_claims(number, [Line(text, 0, 0)]):
            claim.source = Source()
            claims.append(claim)
    return sections, claims + key_claims, writer.notices
