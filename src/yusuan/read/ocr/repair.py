"""The document's own identities as the proof-reader of what OCR read.

OCR's confidence does not find wrong numbers (misread amounts scored 0.99), but a table's sums do:
every misread amount breaks a sum or the printed number form (``#,##0.00``). So, per table:

1. An OCR'd amount whose print breaks the form the table's other amounts share (two decimals, thousands
   grouped or not) is suspect; where reading it in the form (a point that is a comma, a lost point)
   makes its sums hold, it is corrected so.
2. Where one OCR'd cell is pinned down by two independent sums that fail — solving each for that cell
   gives the same value, and with it every identity it is in holds — the cell is solved back and marked
   ``corrected``, keeping what OCR saw. A blank OCR missed is solved back the same way. One cell at a
   time, the best-pinned first, until nothing more can be pinned.
3. Every OCR'd value then gets its status: ``corrected``; ``verified`` when the identities it is in
   hold and one holds exactly; ``unverified`` when one fails, or they hold only within rounding (a last
   digit misread by one is 尾数误差 to a sum), or none reaches it and its print breaks the form or OCR
   was unsure; ``unchecked`` when none reaches it otherwise.

A rounding difference (尾数误差) within the printed precision is no failure: the bound is the checker's
(:func:`yusuan.money.rounding_bound`). A solution is never negative in a table that prints no negative
amount: that would be a printed error or two misreads, not one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from yusuan.model import Table, ValueMark
from yusuan.money import DASHES, ZERO, AmountError, parse_amount, places_of, rounding_bound
from yusuan.read.ocr.identities import Cell, Identity

_GROUPED_RE = re.compile(r"-?\d{1,3}(?:,\d{3})+")
LOW_CONFIDENCE = 0.9  # below this an amount nothing checks is not taken on trust
MAX_ROUNDS = 200  # cells solved back per table at most: a table that needs more was not read, it was guessed


@dataclass(frozen=True, slots=True)
class Reading:
    """What OCR gave one cell of an OCR'd row: its text as normalised (``""``: nothing) and confidence."""

    text: str
    confidence: float | None


def proofread_table(table: Table, identities: list[Identity], readings: dict[Cell, Reading]) -> None:
    """Solve back what the identities pin down and mark every OCR'd value of ``table`` (in place)."""
    values = _Values(table)
    by_cell: dict[Cell, list[Identity]] = {}
    for identity in identities:
        for cell in identity.cells:
            by_cell.setdefault(cell, []).append(identity)
    places, grouped = _form(readings.values())
    corrected = _reform(values, by_cell, readings, places, grouped)
    corrected |= _solve(values, identities, by_cell, set(readings) - corrected, _allows_negative(table))
    failing = {cell for identity in identities if not values.holds(identity) for cell in identity.cells}
    exact = {cell for identity in identities if values.residual(identity)[0] == 0 for cell in identity.cells}
    for (r, c), reading in readings.items():
        row = table.rows[r]
        if row.marks is None:
            row.marks = [None] * len(row.values)
        value = row.values[c]
        if (r, c) in corrected:
            row.marks[c] = ValueMark(reading.confidence, "corrected", reading.text)
        elif value is not None:
            row.marks[c] = ValueMark(reading.confidence, _status(
                (r, c) in failing, (r, c) in by_cell, (r, c) in exact, _breaks_form(reading.text, places, grouped),
                reading.confidence))


def _status(failing: bool, checked: bool, exact: bool, misprinted: bool, confidence: float | None) -> str:
    if failing:
        return "unverified"
    if checked:
        # a sum that holds only within rounding cannot tell a misread last digit from 尾数误差
        return "verified" if exact else "unverified"
    if misprinted or (confidence is not None and confidence < LOW_CONFIDENCE):
        return "unverified"
    return "unchecked"


class _Values:
    """The table's values as the identities weigh them (a blank is 0), with corrections applied."""

    def __init__(self, table: Table) -> None:
        self.table = table

    def get(self, cell: Cell) -> Decimal | None:
        return self.table.rows[cell[0]].values[cell[1]]

    def set(self, cell: Cell, value: Decimal) -> None:
        self.table.rows[cell[0]].values[cell[1]] = value

    def residual(self, identity: Identity, override: tuple[Cell, Decimal] | None = None) -> tuple[Decimal, Decimal]:
        """(Σ coefficient × value, the rounding bound of the values involved)."""
        total, printed = ZERO, []
        for cell, coefficient in identity.terms:
            value = override[1] if override and override[0] == cell else self.get(cell)
            printed.append(value)
            total += coefficient * (value or ZERO)
        return total, rounding_bound(printed)

    def holds(self, identity: Identity, override: tuple[Cell, Decimal] | None = None) -> bool:
        residual, bound = self.residual(identity, override)
        return abs(residual) <= bound


def _reform(values: _Values, by_cell: dict[Cell, list[Identity]], readings: dict[Cell, Reading],
            places: int | None, grouped: bool | None) -> set[Cell]:
    """Cells whose print breaks the table's form, read in the form instead where that makes a sum they
    are in hold and none fail that held: ``767.579`` in a table of whole 元 grouped by commas is 767,579
    (a comma read as a point), ``1234567`` among two-place amounts is 12,345.67. All are tried together (a misread part
    and its misread total break the same sum), and each is kept only where its sums are better for it."""
    tried: dict[Cell, Decimal | None] = {}
    held = {id(i): values.holds(i) for ids in by_cell.values() for i in ids}
    for cell, reading in readings.items():
        if cell not in by_cell or not _breaks_form(reading.text, places, grouped):
            continue
        digits = reading.text.replace(",", "").replace(".", "")
        if places == 0 and grouped and _GROUPED_RE.fullmatch(reading.text.replace(".", ",")):
            other = Decimal(digits)
        elif places == 2 and digits.isdigit() and "." not in reading.text and len(digits) > 2:
            other = Decimal(f"{digits[:-2]}.{digits[-2:]}")
        else:
            continue
        tried[cell] = values.get(cell)
        values.set(cell, other)
    kept = {cell for cell in tried if any(values.holds(i) and not held[id(i)] for i in by_cell[cell])
            and not any(held[id(i)] and not values.holds(i) for i in by_cell[cell])}
    for cell in tried.keys() - kept:
        values.set(cell, tried[cell])  # type: ignore[arg-type]
    return kept


def _solve(values: _Values, identities: list[Identity], by_cell: dict[Cell, list[Identity]], ocr: set[Cell],
           negative_ok: bool) -> set[Cell]:
    """Cells solved back, each pinned by two or more failing identities that agree on its value."""
    corrected: set[Cell] = set()
    for _ in range(MAX_ROUNDS):
        proposals: dict[Cell, list[Decimal]] = {}
        for identity in identities:
            residual, bound = values.residual(identity)
            if abs(residual) <= bound:
                continue
            for cell, coefficient in identity.terms:
                if cell in ocr and cell not in corrected:
                    proposals.setdefault(cell, []).append((values.get(cell) or ZERO) - coefficient * residual)
        best: tuple[int, Cell, Decimal] | None = None
        for cell, solutions in proposals.items():
            solution = solutions[0]
            if len(solutions) < 2 or any(s != solution for s in solutions) or (solution < 0 and not negative_ok):
                continue
            if (best is None or len(solutions) > best[0]) and all(
                    values.holds(identity, (cell, solution)) for identity in by_cell[cell]):
                best = (len(solutions), cell, solution)
        if best is None:
            return corrected
        _, cell, solution = best
        values.set(cell, solution)
        corrected.add(cell)
    return corrected


def _allows_negative(table: Table) -> bool:
    return any(v is not None and v < 0 for row in table.rows for v in row.values)


def _parsed(text: str) -> Decimal | None:
    try:
        return parse_amount(text)
    except AmountError:
        return None


def _form(readings) -> tuple[int | None, bool | None]:
    """The table's number form from its OCR'd amounts: the usual decimal places, and whether amounts of
    four digits and more are grouped in thousands (None where the table prints none that large)."""
    places: Counter[int] = Counter()
    grouping: Counter[bool] = Counter()
    for reading in readings:
        value = _parsed(reading.text)
        if value is None or reading.text in DASHES or value == 0:
            continue
        places[places_of(value)] += 1
        if abs(value) >= 1000:
            grouping["," in reading.text] += 1
    return (places.most_common(1)[0][0] if places else None), (grouping.most_common(1)[0][0] if grouping else None)


def _breaks_form(text: str, places: int | None, grouped: bool | None) -> bool:
    value = _parsed(text)
    if value is None:
        return bool(text)
    if text in DASHES or value == 0:
        return False
    if places is not None and places_of(value) != places:
        return True
    return grouped is not None and abs(value) >= 1000 and ("," in text) != grouped
