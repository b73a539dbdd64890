"""What OCR reads becomes what a text PDF prints: full-width forms folded, amounts split and joined."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yusuan.money import format_amount, parse_amount
from yusuan.read.ocr.text import normalise, pieces

amounts = st.decimals(min_value=Decimal("-99999999.99"), max_value=Decimal("999999999.99"), places=2,
                      allow_nan=False, allow_infinity=False)
_WIDE = str.maketrans("0123456789,.-", "０１２３４５６７８９，．－")


@given(amounts, st.booleans())
def test_full_width_amounts_read_as_printed(value: Decimal, grouping: bool) -> None:
    printed = format_amount(value, grouping=grouping)
    assert pieces(printed.translate(_WIDE)) == [printed]
    assert parse_amount(normalise(printed.translate(_WIDE))) == value


@given(st.lists(amounts, min_size=2, max_size=6), st.booleans())
def test_amounts_printed_edge_to_edge_split_after_their_decimals(values: list[Decimal], grouping: bool) -> None:
    printed = [format_amount(v, grouping=grouping) for v in values]
    assert pieces("".join(printed)) == printed
    assert pieces(" ".join(printed)) == printed


@given(amounts.filter(lambda v: abs(v) >= 1000))
def test_a_blank_inside_a_grouped_amount_joins_it(value: Decimal) -> None:
    printed = format_amount(value)
    cut = printed.index(",") + 1
    assert pieces(printed[:cut] + " " + printed[cut:]) == [printed]
    assert pieces(printed[:cut - 1] + " " + printed[cut - 1:]) == [printed]


@given(amounts)
def test_a_decimal_point_read_as_a_comma_is_the_point(value: Decimal) -> None:
    printed = format_amount(value)
    misread = printed[:-3] + "," + printed[-2:]
    assert pieces(misread) == [printed]


@pytest.mark.parametrize(("read", "printed"), [
    ("行政运行(项)", ["行政运行（项）"]),
    ("单位:元", ["单位：元"]),
    ("２０８ ０５ ０６", ["208", "05", "06"]),
    ("ＡＢ类", ["AB类"]),
    ("1,234", ["1,234"]),  # a grouped integer is no decimal comma
    ("12,345,678", ["12,345,678"]),
    ("合 计", ["合", "计"]),
    ("30L", ["301"]),  # black-and-white scans thin a 1 to an l
    ("9,50L, 164", ["9,501,164"]),
    ("2O8", ["208"]),
    ("IO", ["IO"]),  # no digits: a word, not a number
    ("1OOL", ["1OOL"]),  # more letters than a misread
])
def test_text_forms(read: str, printed: list[str]) -> None:
    assert pieces(read) == printed
