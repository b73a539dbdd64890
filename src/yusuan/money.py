"""Amounts as printed in disclosures: Decimal parsing, units, and rounding bounds.

Every published figure is rounded to its last printed digit, so a printed total may differ from
the sum of its printed parts. The bound of that difference is half a unit of the last printed digit
of each number involved; anything inside it is rounding, anything outside is an error.
Money is never a float here. A blank cell is ``None`` and is not zero; a dash is a printed nil.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import lru_cache

from yusuan.errors import YusuanError

ZERO = Decimal(0)

# Full-width digits and punctuation appear in hand-typed documents; fold them before parsing.
_FOLD = str.maketrans("０１２３４５６７８９，．－−＋", "0123456789,.--+")
_NUMBER_RE = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
DASHES = frozenset({"-", "—", "–", "－", "―", "--", "——", "-－"})


class AmountError(YusuanError):
    """A cell that should hold an amount holds something else."""


class Unit(StrEnum):
    """Money units used by disclosures; the value is the printed Chinese name."""

    YUAN = "元"
    QIAN = "千元"
    WAN = "万元"
    YI = "亿元"

    @property
    def factor(self) -> Decimal:
        return _FACTORS[self]

    @classmethod
    def parse(cls, text: str) -> Unit:
        """'单位：万元' or '万元' → Unit.WAN; raises AmountError for anything else."""
        cleaned = text.replace("单位", "").replace("：", "").replace(":", "").strip()
        for unit in (cls.YI, cls.WAN, cls.QIAN, cls.YUAN):  # longest names first: '万元' ends with '元'
            if cleaned.startswith(unit.value):
                return unit
        raise AmountError(f"无法识别的金额单位：{text!r}（应为 元、千元、万元 或 亿元）")


_FACTORS = {Unit.YUAN: Decimal(1), Unit.QIAN: Decimal(1_000), Unit.WAN: Decimal(10_000), Unit.YI: Decimal(100_000_000)}


_AMOUNT_STARTS = frozenset("0123456789+-—–－―−０１２３４５６７８９＋")


@lru_cache(maxsize=8192)
def is_amount(token: str) -> bool:
    """True when ``token`` is a printed amount or a dash (the fast check readers use per token)."""
    if not token or token[0] not in _AMOUNT_STARTS:
        return False  # most tokens are labels: decide those without a regex
    if not token.isascii():
        token = token.translate(_FOLD)
    return token in DASHES or _NUMBER_RE.fullmatch(token) is not None


@lru_cache(maxsize=8192)  # tables repeat the same few strings ("0.00"); Decimal is immutable
def parse_amount(text: str | None) -> Decimal | None:
    """Parse one printed amount.

    ``'3,355.91'`` → ``Decimal('3355.91')``; ``'0.00'`` keeps its two places; a dash → ``Decimal('0')``
    (a printed nil); blank or ``None`` → ``None`` (nothing printed, not zero). Negative amounts may use
    ``-``, ``−`` or full-width ``－``. Anything else raises :class:`AmountError` with a Chinese message.
    """
    if text is None:
        return None
    token = "".join(text.split())
    if not token:
        return None
    if not token.isascii():
        token = token.translate(_FOLD)
    if token in DASHES:
        return ZERO
    if _NUMBER_RE.fullmatch(token) is None:
        raise AmountError(f"不是金额：{text!r}")
    return Decimal(token.replace(",", ""))


def format_amount(amount: Decimal | None, places: int | None = 2, grouping: bool = True) -> str:
    """Print an amount as disclosures do: ``Decimal('3355.906')`` → ``'3,355.91'``; ``None`` → ``''``.

    ``places=None`` keeps the amount's own exponent (used to reprint a parsed value unchanged).
    """
    if amount is None:
        return ""
    if places is not None:
        amount = round_half_up(amount, places)
    spec = "," if grouping else ""
    exponent = amount.as_tuple().exponent
    shown = max(0, -exponent) if isinstance(exponent, int) else 0
    return f"{amount:{spec}.{shown}f}"


def round_half_up(amount: Decimal, places: int) -> Decimal:
    """Round the way Chinese finance tables do (四舍五入), not banker's rounding."""
    return amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def convert(amount: Decimal, source: Unit, target: Unit) -> Decimal:
    """Exact unit conversion; no rounding happens here."""
    if source is target:
        return amount
    return amount * source.factor / target.factor


def places_of(amount: Decimal) -> int:
    """Number of printed decimal places of a parsed amount (``Decimal('12.50')`` → 2)."""
    exponent = amount.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def half_unit(printed: Decimal) -> Decimal:
    """Half a unit of the last printed digit: ``12.34`` → ``0.005``; ``165`` → ``0.5``."""
    exponent = printed.as_tuple().exponent
    if not isinstance(exponent, int):
        return ZERO
    return Decimal(5).scaleb(exponent - 1)


def rounding_bound(printed: Iterable[Decimal | None]) -> Decimal:
    """Largest difference rounding alone can explain between printed numbers that should agree.

    For a printed total T and printed parts p1..pn of exact amounts, |T − Σp| ≤ ½ulp(T) + Σ ½ulp(pi):
    pass the total and every part. Blank cells contribute nothing.
    """
    return sum((half_unit(p) for p in printed if p is not None), ZERO)


def total(amounts: Iterable[Decimal | None]) -> Decimal:
    """Sum of amounts, blanks skipped (the sum of nothing is zero)."""
    return sum((a for a in amounts if a is not None), ZERO)
