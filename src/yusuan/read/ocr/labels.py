"""Row names OCR read — code and label — proof-read against the classification catalogs.

A coded row's name is fixed by its code: the functional (类/款/项, codes from 2) or economic (codes
from 3) catalog says what 2080501 is called. So the two halves of a name check each other:

- A code that cannot be a code (not 3, 5 or 7 digits) but is one digit off a catalog code under a
  printed code whose name is exactly the row's label is that code, misread (a ``06`` read as ``016``).
  This comes first: the code hierarchy the values are checked by rests on the codes.
- Black-and-white scans lose thin strokes (一, 十, 、), so a label the recogniser was unsure of that is
  one or two characters off the catalog's verified name for its code (or off exactly one verified name
  of its catalog: documents number some 款 their own way) is that name, misread. A label read with
  confidence is what the document prints (``机关事业单位基本养老保险费`` where the catalog says 缴费) and is
  kept, as is one further off (an older name, a local one).

Either correction marks the row's name ``corrected`` and keeps what OCR read (``seen``: code and label).
A row the format fixes by name (收入总计, 人员经费) was matched to its declared name by the reader, so
that name is confirmed; other names have only OCR's confidence.
"""

from __future__ import annotations

from collections import Counter

from yusuan.formats.catalog import Subject, economic, functional
from yusuan.model import Row, Table, ValueMark
from yusuan.read.cells import code_level
from yusuan.read.ocr.repair import LOW_CONFIDENCE
from yusuan.text import label_key

_DIGITS = "0123456789"


def mark_names(table: Table, scanned: dict[int, float | None]) -> None:
    """Repair and mark the names of the rows ``scanned`` (row index → least OCR confidence of its name)."""
    printed = Counter(row.code for row in table.rows if row.code)
    for index, confidence in scanned.items():
        row = table.rows[index]
        seen = row.name
        code_fixed = _repair_code(row, printed)
        row.label_mark = _label_mark(row, confidence)
        if code_fixed or row.label_mark.status == "corrected":
            row.label_mark = ValueMark(confidence, "corrected", seen)


def _subject(code: str) -> Subject | None:
    return (economic() if code.startswith("3") else functional()).get(code)


def _fits(code: str, printed: Counter) -> bool:
    return len(code) == 3 or (len(code) in (5, 7) and printed[code[:-2]] > 0)


def _repair_code(row: Row, printed: Counter) -> bool:
    """A code that cannot be a code (not 3, 5 or 7 digits) read as the one catalog code a digit off it
    that is named exactly as the row and sits under a printed code. A code of the right length is left
    alone even where the catalog names it otherwise: documents number some 款 their own way (上海 2024
    单位预算 prints 30207 工会经费, the catalog 30228), so the catalog cannot tell a misread from that."""
    code = row.code
    if code is None or len(code) in (3, 5, 7):
        return False
    key = label_key(row.label)
    matches = {v for v in _one_off(code) if _fits(v, printed) and not printed[v]
               and (subject := _subject(v)) is not None and label_key(subject.name) == key}
    if len(matches) != 1:
        return False
    printed[code] -= 1
    row.code = matches.pop()
    printed[row.code] += 1
    row.level = code_level(row.code)
    return True


def _one_off(code: str) -> set[str]:
    """Every digit string one deletion, insertion or substitution away from ``code``."""
    found = {code[:i] + code[i + 1:] for i in range(len(code))}
    found |= {code[:i] + d + code[i:] for i in range(len(code) + 1) for d in _DIGITS}
    found |= {code[:i] + d + code[i + 1:] for i in range(len(code)) for d in _DIGITS}
    found.discard(code)
    return found


def _label_mark(row: Row, confidence: float | None) -> ValueMark:
    """The name's mark; a name the recogniser was unsure of and that is a character or two off a
    verified catalog name (its code's, else the one such name of its catalog) is that name."""
    subject = _subject(row.code) if row.code else None
    if subject is not None and subject.verified and label_key(row.label) == label_key(subject.name):
        return ValueMark(confidence, "verified")
    if row.key is not None and row.code is None:
        return ValueMark(confidence, "verified")
    unsure = confidence is not None and confidence < LOW_CONFIDENCE
    if unsure and row.code and (name := _near_name(row.label, row.code, subject)):
        row.label = name
        return ValueMark(confidence, "corrected")
    return ValueMark(confidence, "unverified" if unsure else "unchecked")


def _near_name(label: str, code: str, subject: Subject | None) -> str | None:
    key = label_key(label)

    def near(name: str) -> bool:
        return _distance(key, label_key(name)) <= max(1, len(name) // 6)

    if subject is not None and subject.verified and near(subject.name):
        return subject.name
    catalog = economic() if code.startswith("3") else functional()
    names = {s.name for s in catalog.values() if s.verified and near(s.name)}
    return names.pop() if len(names) == 1 else None


def _distance(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions): a lost stroke is a deleted or changed character."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]
