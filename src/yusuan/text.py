"""Small text helpers for Chinese disclosures: numerals, ordinals, and label keys for matching."""

from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"
_VALUES = {c: i for i, c in enumerate(_DIGITS)} | {"〇": 0, "两": 2}

# Whitespace as it occurs in extracted text: ASCII, full-width (U+3000), no-break, tabs.
SPACES = " \u3000\xa0\t"

# Printed ordinals in front of labels: 一、  （一）  (一)  1.  1、  2．  and a leading 其中：
ORDINAL_RE = re.compile(
    r"^(?:其中[:：]\s*)?"
    r"(?P<ordinal>[（(][一二三四五六七八九十]+[）)]|[（(]\d{1,2}[）)]|[一二三四五六七八九十]+、|\d{1,2}[.．、](?!\d))\s*"
)
_OF_RE = re.compile(r"^其中[:：]\s*")


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 23 → 二十三 (ordinals as disclosures print them, 1–99)."""
    if not 0 < n < 100:
        raise ValueError(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def parse_chinese_numeral(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十六 → 26; None when ``text`` is not a numeral of 1–99."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens_text, _, ones_text = text.partition("十")
        tens = 1 if not tens_text else _VALUES.get(tens_text)
        ones = 0 if not ones_text else _VALUES.get(ones_text)
        if tens is None or ones is None or len(tens_text) > 1 or len(ones_text) > 1:
            return None
        return tens * 10 + ones
    if len(text) == 1 and text in _VALUES:
        return _VALUES[text] or None
    return None


def squash(text: str) -> str:
    """Remove every kind of space: wrapped Chinese text joins without separators."""
    return "".join(text.split())


def split_ordinal(label: str) -> tuple[str | None, str]:
    """'其中：（一）因公出国（境）支出' → ('（一）', '因公出国（境）支出'); '1.公务用车购置费' → ('1.', …)."""
    label = label.strip(SPACES)
    match = ORDINAL_RE.match(label)
    if match is None:
        return None, _OF_RE.sub("", label)
    ordinal = match.group("ordinal").replace("(", "（").replace(")", "）").replace("．", ".")
    return ordinal, label[match.end():].strip(SPACES)


def ordinal_number(ordinal: str | None) -> int | None:
    """'（二）' → 2, '二十四、' → 24, '1.' → 1."""
    if not ordinal:
        return None
    return parse_chinese_numeral(ordinal.strip("（）()、.．"))


_KEY_TABLE = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，"} | dict.fromkeys(" \u3000\xa0\t“”\"'‘’"))


def label_key(label: str) -> str:
    """A form of a label for matching: no spaces or quotes, parentheses and colons full-width."""
    return label.translate(_KEY_TABLE)
