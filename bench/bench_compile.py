"""Compile a generated 10,000-line-item budget (Budget → Document); target under 1 s.

Baseline, measured in the same run: the least any compiler must do — sum the 10,000 Decimal amounts
by (functional, economic, fund, spending, project) key with a plain dict. Also timed: reading the
same budget from a folder of CSV files and from an Excel workbook (what ``yusuan build`` does first).
"""

from __future__ import annotations

import random
import tempfile
from decimal import Decimal
from pathlib import Path

from common import median_seconds, report
from yusuan.budget import read_budget
from yusuan.budget.model import Budget, LineItem, PriorYear, Profile, Project
from yusuan.budget.template import budget_rows, write_template
from yusuan.budget.terms import DERIVED_SUBJECTS, PRIOR_SUBJECTS
from yusuan.compile import compile_budget
from yusuan.formats import catalog

ITEMS = 10_000
FUNDS = ["gpb"] * 6 + ["gov_fund", "soe", "other_special", "business", "other"]


def generated_budget(items: int = ITEMS, seed: int = 2024) -> Budget:
    """A large department: 60 functional 项, every economic 款, 300 projects, amounts in 元 to the 分."""
    rng = random.Random(seed)
    functional = sorted(c for c, s in catalog.functional().items() if s.level == 3 and s.verified)[:60]
    economic = sorted(c for c, s in catalog.economic().items() if s.level == 2)
    projects = [Project(f"项目{i:03d}", goal=f"完成第{i}项工作任务。", key=i % 25 == 0,
                        last_year=Decimal(rng.randint(0, 10**8)) / 100) for i in range(300)]
    lines = []
    for _ in range(items):
        spending = rng.choice(["personnel", "public", "project", "project"])
        lines.append(LineItem(rng.choice(functional), rng.choice(economic), rng.choice(FUNDS), spending,
                              Decimal(rng.randint(1, 10**8)) / 100,
                              rng.choice(projects).name if spending == "project" else None))
    prior = {s: PriorYear(Decimal(rng.randint(0, 10**10)) / 100) for s in PRIOR_SUBJECTS}
    for subject in reversed(PRIOR_SUBJECTS):  # sums as the input reader makes them: 公务用车 first, then 三公
        if subject in DERIVED_SUBJECTS:
            prior[subject].amount = sum((prior[p].amount for p in DERIVED_SUBJECTS[subject]), Decimal(0))
    return Budget(profile=Profile("基准测试单位", 2024), items=lines, projects=projects, prior=prior)


def write_csv_folder(budget: Budget, folder: Path) -> None:
    import csv

    from yusuan.budget.schema import sheets

    rows = budget_rows(budget)
    for sheet in sheets():
        columns = ["项目", "内容"] if sheet.kind == "fields" else [f.name for f in sheet.fields]
        with open(folder / f"{sheet.name}.csv", "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            writer.writerows([["" if r.get(c) is None else r.get(c) for c in columns] for r in rows[sheet.name]])


def main() -> None:
    budget = generated_budget()

    def baseline() -> None:
        sums: dict[tuple, Decimal] = {}
        for item in budget.items:
            key = (item.functional, item.economic, item.fund, item.spending, item.project)
            sums[key] = sums.get(key, Decimal(0)) + item.amount

    base = median_seconds(baseline, repeat=20, warmup=2)
    compiled = median_seconds(lambda: compile_budget(budget), repeat=10, warmup=1)
    report("baseline: Σ 10,000 Decimals by key (dict)", base, base, "baseline")
    report("compile 10,000 line items → Document", compiled, base, "baseline", "< 1 s")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "csv"
        folder.mkdir()
        write_csv_folder(budget, folder)
        workbook = write_template(Path(tmp) / "budget.xlsx", budget)
        read_csv = median_seconds(lambda: read_budget(folder), repeat=5, warmup=1)
        read_xlsx = median_seconds(lambda: read_budget(workbook), repeat=3, warmup=1)
    report("read the same as a CSV folder", read_csv, base, "baseline")
    report("read the same as an .xlsx workbook", read_xlsx, base, "baseline")


if __name__ == "__main__":
    main()
