"""Splitting one extracted line into label, amounts and trailing text, and spotting subject codes."""

from __future__ import annotations

import re
from decimal import Decimal

from yusuan.money import is_amount, parse_amount

_BRACKET_CODE_RE = re.compile(r"^[\[［【]([0-9]{3,7})[\]］】]\s*(.*)$")
_GLUED_CODE_RE = re.compile(r"^([0-9]{3}|[0-9]{5}|[0-9]{7})(?=[^0-9,.\s])(.*)$")
_CODE_RE = re.compile(r"^(?:[0-9]{3}|[0-9]{5}|[0-9]{7})$")


def split_cells(tokens: list[str]) -> tuple[list[str], list[str], list[str]]:
    """``[label…, amount…, text…]``: leading non-amount tokens, the run of amounts, what follows."""
    i = 0
    n = len(tokens)
    while i < n and not is_amount(tokens[i]):
        i += 1
    j = i
    while j < n and is_amount(tokens[j]):
        j += 1
    return tokens[:i], tokens[i:j], tokens[j:]


def take_code(tokens: list[str]) -> tuple[str | None, list[str]]:
    """Take a subject code off the front of a row's tokens.

    Accepts ``[2080101]行政运行``, ``2080101 行政运行``, ``2080101行政运行`` and a code alone on its
    line (its label follows on the next lines). A bare number is a code only where it cannot be an
    amount: alone on its line, or followed by a label.
    """
    if not tokens:
        return None, tokens
    first = tokens[0]
    match = _BRACKET_CODE_RE.match(first)
    if match:
        rest = [match.group(2)] if match.group(2) else []
        return match.group(1), rest + tokens[1:]
    if _CODE_RE.match(first) and (len(tokens) == 1 or not is_amount(tokens[1])):
        return first, tokens[1:]
    match = _GLUED_CODE_RE.match(first)
    if match:
        return match.group(1), [match.group(2), *tokens[1:]]
    return None, tokens


def code_level(code: str) -> int:
    """类/款/项 from the length of a subject code: 208 → 1, 20801 → 2, 2080101 → 3."""
    return {3: 1, 5: 2, 7: 3}.get(len(code), 3)


def amounts(tokens: list[str]) -> list[Decimal | None]:
    return [parse_amount(t) for t in tokens]
