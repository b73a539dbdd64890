"""Every cell of sh-putuo-wanli-2024-budget equals the hand-checked truth (read from ../shared/corpus)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.model import Document, Table
from yusuan.read import read_path
from yusuan.text import squash

NAME = "sh-putuo-wanli-2024-budget"
LEVELS = {"类": 1, "款": 2, "项": 3, "合计": 0}


@pytest.fixture(scope="module")
def truth(corpus: Path) -> dict:
    return json.loads((corpus / "truth" / f"{NAME}.tables.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def doc(corpus: Path) -> Document:
    return read_path(corpus / f"{NAME}.pdf")


def _amounts(values: list) -> list[Decimal | None]:
    return [None if v is None else Decimal(str(v)) for v in values]


def _side_values(table: Table, row, side_columns: list[str]) -> list[Decimal | None]:
    """A two-sided row's values in the columns of its own side (truth lists only those)."""
    return [table.value(row, key) for key in side_columns]


def test_tables_titles_units_pages(doc: Document, truth: dict) -> None:
    assert [t.number for t in doc.tables] == [t["no"] for t in truth["tables"]]
    for table, expected in zip(doc.tables, truth["tables"], strict=True):
        assert table.title in squash(expected["title"])
        assert table.unit == expected["unit"]
        assert table.pages == expected["pages"]
        assert table.notes == [n.removeprefix("注:") for n in expected["notes"]]
        assert table.entity == "上海市普陀区人民政府万里街道办事处"


@pytest.mark.parametrize("number", [2, 3, 5, 6, 7, 8])
def test_code_tables_every_cell(doc: Document, truth: dict, number: int) -> None:
    table = doc.table(number)
    expected = next(t for t in truth["tables"] if t["no"] == number)
    assert [c.path[-1] for c in table.columns] == expected["columns"]
    assert len(table.rows) == len(expected["rows"])
    for row, want in zip(table.rows, expected["rows"], strict=True):
        assert (row.code, row.label, row.level, row.source.page) == (
            want["code"], want["label"], LEVELS[want["level"]], want["page"])
        assert row.values == _amounts(want["values"]), row.name


@pytest.mark.parametrize("number", [1, 4])
def test_two_sided_tables_every_cell(doc: Document, truth: dict, number: int) -> None:
    table = doc.table(number)
    expected = next(t for t in truth["tables"] if t["no"] == number)
    keys = {"收入": [c.key for c in table.columns[:1]], "支出": [c.key for c in table.columns[1:]]}
    assert [c.path[-1] for c in table.columns[1:]] == (
        expected["columns"]["支出"] if number == 4 else ["预算数"])  # 表1 prints 预算数 alone: the 合计 column
    for side in ("收入", "支出"):
        ours = [r for r in table.rows if r.side == side]
        theirs = [r for r in expected["rows"] if r["side"] == side]
        assert [(r.ordinal or "") + r.label for r in ours] == [squash(r["label"]) for r in theirs]
        for row, want in zip(ours, theirs, strict=True):
            values = _side_values(table, row, keys[side])
            wanted = _amounts(want["values"]) or [None]
            assert values[: len(wanted)] == wanted and all(v is None for v in values[len(wanted):]), row.label


def test_sangong_table(doc: Document, truth: dict) -> None:
    table = doc.table(9)
    (want,) = next(t for t in truth["tables"] if t["no"] == 9)["rows"]
    (row,) = table.rows
    assert (row.label, row.key, row.values) == (want["label"], "budget", _amounts(want["values"]))
    assert table.unit == "万元"


def test_printed_code_forms_are_reported(doc: Document) -> None:
    """301 2 / 301 7 are read as 30102 / 30107, and said so (errors.tsv T1)."""
    messages = [d.message for d in doc.diagnostics]
    assert messages == ["表8“津贴补贴”编码“301 2”少前导零，读作 30102。",
                        "表8“绩效工资”编码“301 7”少前导零，读作 30107。"]
    assert {d.source.page for d in doc.diagnostics} == {29}
