"""A large document is stored and compared in linear time: each table is walked a fixed number of times,
however many findings cite its cells (issue 14: locating each finding cell scanned its table), and
repeated rows are numbered without a search. The timing at 13k and 52k rows is in bench/bench_big_table.py."""

from __future__ import annotations

from conftest import SEED
from yusuan.check import check_document
from yusuan.read import read_text
from yusuan.store.records import document_records

ANCHOR = "　　[2210203]"  # the last item row of 表5


class CountedRows(list):
    """A table's rows that count how often they are walked from the start."""

    passes = 0

    def __iter__(self):
        self.passes += 1
        return super().__iter__()


def big_table(rows: int) -> str:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(ANCHOR))
    extra = [f"{ANCHOR}住房补贴{k} 1.00 1.00 0.00\n" for k in range(rows)]
    return "\n".join(lines[:at + 1] + extra + lines[at + 1:])


def test_finding_cells_located_with_one_pass_per_table() -> None:
    document = read_text(big_table(1500), file="big.txt")
    findings = check_document(document)
    table = next(t for t in document.tables if t.number == 5)
    cited = sum(1 for f in findings for c in f.cells if c.table == 5)
    assert cited >= 1500  # every extra row is cited, so a scan per cell would walk the table thousands of times
    table.rows = CountedRows(table.rows)
    records = document_records(document, findings, sha256="0" * 64, path=None, size=1)
    assert table.rows.passes <= 6, f"表5 walked {table.rows.passes} times for {cited} cited cells"

    located = records.tables["finding_cells"].to_pylist()
    labels = {i: row.label for i, row in enumerate(table.rows)}
    extra = [c for c in located if c["table_number"] == 5 and (c["label"] or "").startswith("住房补贴")]
    assert len(extra) >= 1500
    assert all(c["row_index"] is not None and labels[c["row_index"]] == c["label"] for c in extra)


def test_repeated_rows_compared_in_one_pass(monkeypatch) -> None:
    """Rows of one identity are numbered by a counter, not by searching #2, #3, … from the start each time."""
    from yusuan.store import compare

    document = read_text(big_table(3000), file="big.txt")
    table = next(t for t in document.tables if t.number == 5)
    calls = []
    identity = compare._identity
    monkeypatch.setattr(compare, "_identity", lambda row: calls.append(1) or identity(row))
    rows = compare._rows(table)
    assert len(calls) <= len(table.rows)
    assert len(rows) == len(table.rows) and (None, "2210203#3001") in rows
    result = compare.compare_tables(table, table)
    assert not result.changed and len(result.differences) == sum(
        1 for row in table.rows for v in row.values if v is not None)
