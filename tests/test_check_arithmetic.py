"""Rounding-aware arithmetic never raises a false alarm on numbers that were rounded honestly."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from yusuan.check.arithmetic import Interval, Operand, growth_rate, weigh
from yusuan.check.findings import Cell
from yusuan.money import round_half_up

CELL = Cell(table=None, label="x", column=(), value=None)
YUAN = st.integers(min_value=0, max_value=5_000_000_000)  # exact amounts in 元, up to 50 亿


def printed(yuan: int, places: int) -> Decimal:
    """An exact amount in 元 as a 万元 table prints it, rounded half-up to ``places``."""
    return round_half_up(Decimal(yuan) / 10_000, places)


def operand(value: Decimal) -> Operand:
    return Operand.of(value, CELL)


@given(parts=st.lists(YUAN, min_size=1, max_size=30), places=st.sampled_from([0, 1, 2]))
def test_sum_of_honestly_rounded_parts_is_within_the_bound(parts: list[int], places: int) -> None:
    total = printed(sum(parts), places)
    verdict = weigh(operand(total), [operand(printed(p, 2)) for p in parts])
    assert verdict.within


@given(parts=st.lists(YUAN, min_size=1, max_size=10), wrong=st.integers(1, 1000))
def test_a_total_off_by_more_than_the_bound_is_outside(parts: list[int], wrong: int) -> None:
    printed_parts = [printed(p, 2) for p in parts]
    bound = Decimal("0.005") * (len(parts) + 1)
    total = sum(printed_parts, Decimal(0)) + bound + Decimal(wrong) / 100
    assert not weigh(operand(total), [operand(p) for p in printed_parts]).within


def test_the_seeds_class_303_is_within() -> None:
    verdict = weigh(operand(Decimal("180.80")), [operand(Decimal(v)) for v in ("26.10", "133.88", "20.81")])
    assert (verdict.difference, verdict.bound, verdict.within) == (Decimal("0.01"), Decimal("0.020"), True)


@given(before=st.integers(1, 5_000_000_000), now=YUAN,
       amount_places=st.sampled_from([0, 1, 2]), change_places=st.sampled_from([0, 1, 2]),
       percent_places=st.sampled_from([0, 1, 2]))
def test_recomputed_percentage_admits_the_honestly_printed_one(before: int, now: int, amount_places: int,
                                                               change_places: int, percent_places: int) -> None:
    change = now - before
    sign = -1 if change < 0 else 1
    amount = printed(now, amount_places)
    delta = printed(abs(change), change_places)
    percent = round_half_up(Decimal(abs(change)) / Decimal(before) * 100, percent_places)
    rate = growth_rate(Interval.printed(amount), Interval.printed(delta), sign)
    assert rate is None or Interval.printed(percent).meet(rate) is not None


def test_seed_percentages_are_admitted_and_a_wrong_one_is_not() -> None:
    rate = growth_rate(Interval.printed(Decimal("3355.91")), Interval.printed(Decimal("118.97")), 1)
    assert rate is not None and Interval.printed(Decimal("3.68")).meet(rate)
    assert not Interval.printed(Decimal("3.69")).meet(rate)
    rate = growth_rate(Interval.printed(Decimal("0.8")), Interval.printed(Decimal("0.32")), -1)
    assert rate is not None and Interval.printed(Decimal("28.57")).meet(rate)


def test_last_year_zero_has_no_rate() -> None:
    assert growth_rate(Interval.printed(Decimal("0")), Interval.printed(Decimal("0")), 1) is None
    assert growth_rate(Interval.printed(Decimal("5.00")), Interval.printed(Decimal("5.00")), 1) is None
