from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yusuan.money import (
    AmountError,
    Unit,
    convert,
    format_amount,
    half_unit,
    is_amount,
    parse_amount,
    places_of,
    round_half_up,
    rounding_bound,
    total,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3,355.91", Decimal("3355.91")),
        ("0.00", Decimal("0.00")),
        ("1,050", Decimal("1050")),
        ("165", Decimal("165")),
        ("-0.30", Decimal("-0.30")),
        ("－12.5", Decimal("-12.5")),
        ("−12.5", Decimal("-12.5")),
        ("１，２３４．５０", Decimal("1234.50")),
        (" 12.00 ", Decimal("12.00")),
        ("-", Decimal(0)),
        ("—", Decimal(0)),
        ("－", Decimal(0)),
    ],
)
def test_parse_amount(text: str, expected: Decimal) -> None:
    assert parse_amount(text) == expected
    assert str(parse_amount(text)) == str(expected)  # the printed precision survives


def test_blank_is_none_not_zero() -> None:
    assert parse_amount("") is None
    assert parse_amount("   ") is None
    assert parse_amount("\u3000") is None
    assert parse_amount(None) is None
    assert parse_amount("0.00") == 0 and parse_amount("0.00") is not None


def test_zero_keeps_its_places() -> None:
    assert places_of(parse_amount("0.00")) == 2
    assert places_of(parse_amount("-")) == 0


@pytest.mark.parametrize("text", ["abc", "3,35.91", "1.2.3", "12%", "万元", "1,0000"])
def test_not_an_amount(text: str) -> None:
    assert not is_amount(text)
    with pytest.raises(AmountError, match="不是金额"):
        parse_amount(text)


def test_units_and_conversion() -> None:
    assert Unit.parse("单位：万元") is Unit.WAN
    assert Unit.parse("元") is Unit.YUAN
    assert Unit.parse("亿元") is Unit.YI
    assert convert(Decimal("3355.91"), Unit.WAN, Unit.YUAN) == Decimal("33559100")
    assert convert(Decimal("12345"), Unit.YUAN, Unit.WAN) == Decimal("1.2345")
    assert convert(Decimal("1.5"), Unit.YI, Unit.WAN) == Decimal("15000")
    with pytest.raises(AmountError, match="无法识别的金额单位"):
        Unit.parse("美元")


def test_rounding_bound() -> None:
    assert half_unit(Decimal("12.34")) == Decimal("0.005")
    assert half_unit(Decimal("165")) == Decimal("0.5")
    # 表6 类303: 180.80 printed against items 26.10 + 133.88 + 20.81 = 180.79
    printed = [Decimal("180.80"), Decimal("26.10"), Decimal("133.88"), Decimal("20.81")]
    assert rounding_bound(printed) == Decimal("0.020")
    assert abs(printed[0] - total(printed[1:])) <= rounding_bound(printed)
    assert rounding_bound([None, Decimal("1.0")]) == Decimal("0.05")


def test_format_and_round() -> None:
    assert format_amount(Decimal("3355.906")) == "3,355.91"
    assert format_amount(Decimal("0.005")) == "0.01"  # 四舍五入, not banker's rounding
    assert round_half_up(Decimal("2.5"), 0) == Decimal("3")
    assert format_amount(None) == ""
    assert format_amount(Decimal("1050"), places=None) == "1,050"
    assert format_amount(Decimal("-1234.5"), grouping=False) == "-1234.50"


amounts = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False)


@given(amounts)
def test_printed_amounts_read_back(amount: Decimal) -> None:
    for grouping in (True, False):
        text = format_amount(amount, grouping=grouping)
        assert is_amount(text)
        assert parse_amount(text) == amount


@given(st.text(max_size=20))
def test_parse_amount_never_fails_unclearly(text: str) -> None:
    try:
        value = parse_amount(text)
    except AmountError as error:
        assert "不是金额" in str(error)
    else:
        assert value is None or isinstance(value, Decimal)
        assert value is None or value.is_finite()


@given(st.lists(amounts, min_size=1, max_size=30))
def test_sum_of_rounded_parts_within_bound(parts: list[Decimal]) -> None:
    """The bound is sound: rounding exact parts and their exact total never exceeds it."""
    exact = [p / 7 for p in parts]  # values with many digits, as before printing
    printed_parts = [round_half_up(x, 2) for x in exact]
    printed_total = round_half_up(sum(exact), 2)
    assert abs(printed_total - sum(printed_parts)) <= rounding_bound([printed_total, *printed_parts])
