"""The identities as the proof-reader, on real tables read from the corpus' text layer: a misread
amount is solved back where two sums pin it, and is never marked verified otherwise."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yusuan.formats.spec import load_format
from yusuan.model import Document, Table
from yusuan.money import format_amount
from yusuan.read import read_path
from yusuan.read.ocr.identities import table_identities
from yusuan.read.ocr.repair import Reading, proofread_table

FILE = "sh-putuo-qzfb-2025-dept-budget.pdf"
_DOC: dict[str, Document] = {}


def _document(corpus: Path) -> Document:
    if FILE not in _DOC:
        _DOC[FILE] = read_path(corpus / FILE)
    return _DOC[FILE]


def _readings(table: Table, confidence: float = 0.99) -> dict[tuple[int, int], Reading]:
    """Every cell as a perfect OCR would read it: the printed form, thousands grouped."""
    return {(r, c): Reading(format_amount(v, places=None) if v is not None else "", confidence)
            for r, row in enumerate(table.rows) for c, v in enumerate(row.values)}


def _proofread(table: Table, readings) -> None:
    spec = load_format("sh-budget-9").table(table.number)
    proofread_table(table, table_identities(table, spec), readings)


def _misread(value: Decimal, position: int, digit: str) -> Decimal:
    text = format_amount(value, places=None)
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    index = digits[position % len(digits)]
    return Decimal(format_amount(value, places=None, grouping=False)) if text[index] == digit else \
        Decimal((text[:index] + digit + text[index + 1:]).replace(",", ""))


def test_a_clean_read_is_verified_where_identities_reach(corpus: Path) -> None:
    table = copy.deepcopy(_document(corpus).table(2))  # 收入预算总表: codes and a 合计 column
    _proofread(table, _readings(table))
    statuses = {m.status for row in table.rows for m in row.marks or () if m is not None}
    assert statuses == {"verified"}
    assert all(m is None for row in table.rows for m, v in zip(row.marks, row.values, strict=True) if v is None)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 10_000), st.integers(0, 20), st.sampled_from("0123456789"), st.sampled_from([2, 3, 5, 8]))
def test_one_misread_amount_is_solved_back_or_flagged(corpus: Path, pick: int, position: int, digit: str,
                                                      number: int) -> None:
    original = _document(corpus).table(number)
    table = copy.deepcopy(original)
    cells = [(r, c) for r, row in enumerate(table.rows) for c, v in enumerate(row.values) if v is not None]
    r, c = cells[pick % len(cells)]
    true = table.rows[r].values[c]
    wrong = _misread(true, position, digit)
    table.rows[r].values[c] = wrong
    readings = _readings(table)
    _proofread(table, readings)
    mark = table.rows[r].marks[c]
    if wrong == true:
        assert mark.status == "verified"
    elif mark.status == "corrected":
        assert table.rows[r].values[c] == true
        assert mark.seen == readings[(r, c)].text
    else:
        assert mark.status in ("unverified", "unchecked")
    for i, row in enumerate(table.rows):  # no other value was changed
        for j, value in enumerate(row.values):
            if (i, j) != (r, c):
                assert value == original.rows[i].values[j]


def test_a_cell_two_sums_pin_is_corrected_keeping_what_ocr_saw(corpus: Path) -> None:
    table = copy.deepcopy(_document(corpus).table(2))
    r = next(i for i, row in enumerate(table.rows) if row.code and len(row.code) == 7)
    true = table.rows[r].values[0]  # 合计 of a 项: in its 款's sum and in its row's column sum
    table.rows[r].values[0] = true + Decimal("600000")  # a 1 read as 7 in the hundred-thousands
    readings = _readings(table)
    _proofread(table, readings)
    assert table.rows[r].values[0] == true
    assert table.rows[r].marks[0].status == "corrected"
    assert table.rows[r].marks[0].seen == format_amount(true + Decimal("600000"))


def test_a_blank_ocr_missed_is_filled_from_the_sums(corpus: Path) -> None:
    table = copy.deepcopy(_document(corpus).table(3))
    r = next(i for i, row in enumerate(table.rows) if row.code and len(row.code) == 7 and row.values[1])
    true = table.rows[r].values[1]
    table.rows[r].values[1] = None
    readings = _readings(table)
    _proofread(table, readings)
    assert table.rows[r].values[1] == true
    assert (table.rows[r].marks[1].status, table.rows[r].marks[1].seen) == ("corrected", "")


def test_two_misreads_in_one_sum_are_not_guessed(corpus: Path) -> None:
    """A 款 with two 项 both misread by the same amount in opposite directions breaks no column sum
    of the 款, but breaks both rows' column sums: each is pinned by one sum only, so neither is solved."""
    table = copy.deepcopy(_document(corpus).table(2))
    kids = [i for i, row in enumerate(table.rows) if row.code and len(row.code) == 7 and row.values[0]]
    a, b = kids[0], kids[1]
    table.rows[a].values[0] += Decimal("10")
    table.rows[b].values[0] -= Decimal("10")
    _proofread(table, _readings(table))
    assert table.rows[a].marks[0].status == table.rows[b].marks[0].status == "unverified"


@pytest.mark.parametrize(("read", "status"), [("12.3", "unverified"), ("1,234,567.8", "unverified"),
                                              ("12.30", "unchecked"), ("1,234,567.89", "unchecked")])
def test_the_number_form_flags_what_no_sum_reaches(corpus: Path, read: str, status: str) -> None:
    table = copy.deepcopy(_document(corpus).table(9))  # 三公 and 机关运行经费: 机关运行经费 is in no sum
    spec = load_format("sh-budget-9").table(9)
    reached = {cell for identity in table_identities(table, spec) for cell in identity.cells}
    readings = _readings(table)
    cell = next(cell for cell, reading in readings.items() if reading.text and cell not in reached)
    readings[cell] = Reading(read, 0.99)
    _proofread(table, readings)
    assert table.rows[cell[0]].marks[cell[1]].status == status


def test_an_unsure_reading_nothing_checks_is_unverified(corpus: Path) -> None:
    table = copy.deepcopy(_document(corpus).table(9))
    _proofread(table, _readings(table, confidence=0.6))
    assert "unchecked" not in {m.status for row in table.rows for m in row.marks or () if m}
