"""Rounding-aware comparison of printed numbers.

Every printed figure is the exact amount rounded to its last printed digit, so a printed total may
miss the sum of its printed parts by up to half a unit of the last digit of each number involved
(:func:`yusuan.money.rounding_bound`). Inside that bound a difference is 尾数误差 (info); outside
it, the numbers cannot all be right. Amounts in different units are compared in one unit, each
bound converted with its number. Percentages are recomputed with interval arithmetic over the
bounds of the amounts they come from, so a percentage is only wrong when no exact amounts that
round to the printed ones could give it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from yusuan.check.findings import Cell, Severity, printed
from yusuan.money import ZERO, Unit, format_amount, half_unit

HUNDRED = Decimal(100)
ONE = Decimal(1)


class Operand:
    """A printed number in the unit of comparison, with its rounding bound and where it was printed.

    Most identities hold exactly, so the bound and the cited cell are only worked out when asked
    for: ``cell`` may be given as a function that makes it (checking the seed builds ~1,700 operands).
    """

    __slots__ = ("_cell", "factor", "missing", "printed", "value")

    def __init__(self, printed: Decimal | None, cell: Cell | Callable[[], Cell], factor: Decimal = ONE,
                 missing: bool = False) -> None:
        self.printed = printed  # as printed, in its own unit; None for a blank or missing cell
        self.factor = factor
        self.missing = missing  # a row the table does not print
        self.value = ZERO if printed is None else (printed if factor == ONE else printed * factor)
        self._cell = cell

    @classmethod
    def of(cls, value: Decimal | None, cell: Cell | Callable[[], Cell], unit: str | None = None,
           target: str | None = None) -> Operand:
        return cls(value, cell, _factor(unit, target))

    @property
    def bound(self) -> Decimal:
        return ZERO if self.printed is None else half_unit(self.printed) * abs(self.factor)

    @property
    def cell(self) -> Cell:
        if callable(self._cell):
            self._cell = self._cell()
        return self._cell


@lru_cache(maxsize=64)
def _factor(unit: str | None, target: str | None) -> Decimal:
    if not unit or not target or unit == target:
        return ONE
    try:
        return Unit(unit).factor / Unit(target).factor
    except ValueError:
        return ONE


def amount(value: Decimal) -> str:
    """A number for a message: thousands grouped, its own places kept (``2,586.44``, ``-0.01``)."""
    return format_amount(value, places=None)


def signed(value: Decimal) -> str:
    return ("+" if value > 0 else "") + amount(value)


@dataclass(frozen=True, slots=True)
class Verdict:
    """How a total compares with the sum of its parts."""

    total: Decimal
    parts: Decimal
    difference: Decimal  # total − parts
    bound: Decimal

    @property
    def exact(self) -> bool:
        return self.difference == 0

    @property
    def within(self) -> bool:
        return abs(self.difference) <= self.bound

    def severity(self, outside: Severity) -> Severity | None:
        """None when the numbers agree exactly; info inside the bound; ``outside`` beyond it."""
        if self.exact:
            return None
        return Severity.INFO if self.within else outside


def weigh(total: Operand, parts: list[Operand]) -> Verdict:
    parts_sum = sum((p.value for p in parts), ZERO)
    difference = total.value - parts_sum
    bound = total.bound + sum((p.bound for p in parts), ZERO) if difference else ZERO
    return Verdict(total.value, parts_sum, difference, bound)


def tail(verdict: Verdict, unit: str | None) -> str:
    """The end of a message: the difference and whether rounding can explain it."""
    u = f" {unit}" if unit else ""
    bound = amount(verdict.bound.normalize())
    if verdict.within:
        return f"差额 {signed(verdict.difference)}{u}，在尾数误差范围（±{bound}）内，属尾数误差。"
    return f"差额 {signed(verdict.difference)}{u}，超出尾数误差范围（±{bound}）。"


def expected_of(verdict: Verdict) -> str:
    return printed(verdict.parts) or "0"


# ---- percentages ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Interval:
    low: Decimal
    high: Decimal

    @classmethod
    def around(cls, value: Decimal, bound: Decimal) -> Interval:
        return cls(value - bound, value + bound)

    @classmethod
    def printed(cls, value: Decimal) -> Interval:
        return cls.around(value, half_unit(value))

    def meet(self, other: Interval) -> Interval | None:
        low, high = max(self.low, other.low), min(self.high, other.high)
        return Interval(low, high) if low <= high else None

    def contains(self, value: Decimal) -> bool:
        return self.low <= value <= self.high

    @property
    def middle(self) -> Decimal:
        return (self.low + self.high) / 2


def last_year(current: Interval, change: Interval, sign: int) -> Interval:
    """Last year's amount = this year's − signed change, as an interval."""
    if sign >= 0:
        return Interval(current.low - change.high, current.high - change.low)
    return Interval(current.low + change.low, current.high + change.high)


def growth_rate(current: Interval, change: Interval, sign: int) -> Interval | None:
    """Percentage change = change / last year × 100 over every amount the printed figures allow.

    The rate is monotone in each of the two printed figures while last year's amount stays positive,
    so its extremes lie at the corners of the box. None when last year's amount may be zero or less
    (the rate is then undefined).
    """
    base = last_year(current, change, sign)
    if base.low <= 0:
        return None
    low_change = max(change.low, ZERO)
    rates = []
    for now in (current.low, current.high):
        for delta in (low_change, change.high):
            before = now - sign * delta
            if before <= 0:
                return None
            rates.append(delta / before * HUNDRED)
    return Interval(min(rates), max(rates))
