"""What OCR read, in the forms the text layer of a disclosure prints: the reader then treats an OCR'd
page exactly as a text page.

- Full-width digits and Latin letters (``１２３``) become ASCII everywhere; inside an amount or a code
  the full-width comma, point and minus do too (``１，２３４．５６`` → ``1,234.56``), so that
  :func:`yusuan.money.parse_amount` and the code splitter see what a text PDF gives them.
- In Chinese text the recogniser sometimes answers ASCII brackets and colons where the page prints
  full-width ones (``行政运行(项)``); they become full-width, as disclosures print them.
- In a piece that is otherwise digits, a letter shaped like a digit is that digit (``30L`` → ``301``,
  ``2O8`` → ``208``: black-and-white scans thin a 1 to an l); at most two such letters, and never in a
  piece without two digits, so no word is ever turned into a number.
- A decimal point read as a comma (``82,096,797,42``: a group of two digits after a comma is never a
  thousands group) becomes the point it is; the identities check the value afterwards like any other.
- One recognised box may hold several printed pieces: words the recogniser separated by a space (each
  its own run, as PDFium gives words), or amounts printed edge to edge in a table without borders
  (``82,096,797.4282,096,797.42``), which split after the two decimals of each. A blank the recogniser
  put inside an amount (``12, 029,501.84``) is not a separation: the pieces join.
"""

from __future__ import annotations

import re

_WIDE_ALNUM = {chr(c): chr(c - 0xFEE0) for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B),
                                                   *range(0xFF41, 0xFF5B))}
_NUMERIC_FOLD = str.maketrans(_WIDE_ALNUM | {"，": ",", "．": ".", "。": ".", "－": "-", "−": "-"})
_ALNUM_FOLD = str.maketrans(_WIDE_ALNUM)
_CJK_FORMS = str.maketrans({"(": "（", ")": "）", ":": "："})
_NUMERIC_RE = re.compile(r"[-−－]?[0-9０-９][0-9０-９,，.．。]*")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_AMOUNT_2 = r"-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}"
_GLUED_RE = re.compile(f"(?:{_AMOUNT_2}){{2,}}")
_ONE_RE = re.compile(_AMOUNT_2)
_LOOKALIKE = str.maketrans("lLIi|丨Oo", "11111100")
_LOOKALIKE_RE = re.compile(r"[0-9０-９,，.．lLIi|丨Oo]+")
_COMMA_POINT_RE = re.compile(r"(-?\d{1,3}(?:,\d{3})*),(\d{2})")


def normalise(token: str) -> str:
    """One printed piece (no blanks inside) in the text layer's forms."""
    if _NUMERIC_RE.fullmatch(token):
        token = token.translate(_NUMERIC_FOLD)
        return _COMMA_POINT_RE.sub(r"\1.\2", token) if _COMMA_POINT_RE.fullmatch(token) else token
    token = token.translate(_ALNUM_FOLD)
    return token.translate(_CJK_FORMS) if _CJK_RE.search(token) else token


def pieces(text: str) -> list[str]:
    """The printed pieces of one recognised box, normalised, in reading order."""
    words: list[str] = []
    for word in map(_digits, text.split()):
        if words and _NUMERIC_RE.fullmatch(words[-1] + word) and (words[-1][-1] in ",.，．" or word[0] in ",.，．"):
            words[-1] += word
        else:
            words.append(word)
    found: list[str] = []
    for word in map(normalise, words):
        if _GLUED_RE.fullmatch(word):
            found += _ONE_RE.findall(word)
        else:
            found.append(word)
    return found


def _digits(word: str) -> str:
    """``word`` with look-alike letters read as digits, where it is a number with one or two misread."""
    if not _LOOKALIKE_RE.fullmatch(word):
        return word
    digits = sum(c.isdigit() for c in word)
    letters = sum(c in "lLIi|丨Oo" for c in word)
    return word.translate(_LOOKALIKE) if digits >= 2 and 0 < letters <= 2 else word


def width(text: str) -> float:
    """Printed width in ems: CJK characters are square, digits and Latin letters about half as wide."""
    return sum(1.0 if ord(c) > 0x2000 else 0.55 for c in text)
