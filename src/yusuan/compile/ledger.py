"""Line items summed by everything a table can tell apart, converted to the format's unit.

Ten thousand line items usually share far fewer (functional, economic, fund, spending, project)
keys; summing them once here means every table afterwards walks the short list. Amounts stay exact:
the conversion from 元 to 万元 is a division by 10 000, which Decimal does without rounding.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from yusuan.budget.model import Budget
from yusuan.money import Unit, convert


@dataclass(frozen=True, slots=True)
class Entry:
    functional: str
    economic: str
    fund: str
    spending: str
    project: str | None
    amount: Decimal  # exact, in the format's unit


def ledger(budget: Budget, unit: Unit) -> list[Entry]:
    sums: dict[tuple[str, str, str, str, str | None], Decimal] = {}
    for item in budget.items:
        key = (item.functional, item.economic, item.fund, item.spending, item.project)
        previous = sums.get(key)
        sums[key] = item.amount if previous is None else previous + item.amount
    return [Entry(*key, convert(total, budget.profile.unit, unit)) for key, total in sums.items()]
