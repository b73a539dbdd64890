"""The generic reader and checker on 77 real 2026 budgets of twelve regions, each in its own layout
(``../shared/corpus/real``): who, when and which tables every document is, as its hand-made labels say;
the cells of one document per region as printed (read off the PDFs by hand); and every error-level
finding on all of them is one proved against the PDF (``tests/data/real_errors_ledger.tsv``, each line
with its proof) — a new error is either a defect of the reader or a newly proved error to add there.
"""

from __future__ import annotations

import csv
import itertools
import re
import shutil
import subprocess
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.check import Severity, check_document
from yusuan.model import Document, Row, Table
from yusuan.text import squash

LEDGER = Path(__file__).parent / "data" / "real_errors_ledger.tsv"


def _documents(real: dict[str, Document | str]) -> dict[str, Document]:
    return {name: doc for name, doc in real.items() if isinstance(doc, Document)}


def _entity(name: str) -> str:
    return squash(name).replace("（汇总）", "")


def test_every_document_is_what_its_labels_say(real: dict[str, Document | str],
                                               real_labels: list[dict[str, str]]) -> None:
    wrong = []
    for label in real_labels:
        doc = real[label["file"]]
        if label["is_disclosure"] == "scanned_other":
            if not (isinstance(doc, str) and doc.startswith("扫描件")):
                wrong.append(f"{label['file']}: a scan of something else, read as {doc!r:.80}")
            continue
        if isinstance(doc, str):
            wrong.append(f"{label['file']}: refused: {doc}")
            continue
        seen = (doc.meta.kind, str(doc.meta.year), _entity(doc.meta.entity))
        wanted = (label["kind"], label["year"], _entity(label["entity"]))
        if seen != wanted:
            wrong.append(f"{label['file']}: {seen} ≠ {wanted}")
        titles = [squash(t.title) for t in doc.tables if t.title]
        for title in filter(None, (squash(t) for t in label["table_titles"].split(" | "))):
            if not any(title in ours or ours in title for ours in titles):
                wrong.append(f"{label['file']}: table “{title}” not read")
        if label["is_disclosure"] == "narrative_only" and (doc.tables or not doc.claims):
            wrong.append(f"{label['file']}: narrative only, read as {len(doc.tables)} tables, {len(doc.claims)} claims")
    assert wrong == []


def _ledger() -> Counter[tuple[str, ...]]:
    with open(LEDGER, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert all(row["proof"].strip() for row in rows), "every proved error says how it was proved"
    return Counter((r["file"], r["rule"], r["page"], r["cell"], r["printed"]) for r in rows)


def test_every_error_on_the_real_budgets_is_a_proved_one(real: dict[str, Document | str]) -> None:
    found: Counter[tuple[str, ...]] = Counter()
    for name, doc in _documents(real).items():
        for finding in check_document(doc):
            if finding.severity is Severity.ERROR:
                cell = finding.cells[0] if finding.cells else None
                found[(name, finding.rule, str(cell.page or "") if cell else "", cell.describe() if cell else "",
                       finding.actual or "")] += 1
    ledger = _ledger()
    assert {"not proved (a defect, or add it with its proof)": sorted(found - ledger),
            "proved but no longer found": sorted(ledger - found)} == {
        "not proved (a defect, or add it with its proof)": [], "proved but no longer found": []}


def _row(table: Table, selector: str) -> Row:
    """A row by its fixed key (``income_total``), its code (``201``) or its label."""
    for row in table.rows:
        if selector in (row.key, row.code, row.label):
            return row
    raise AssertionError(f"表{table.number} has no row {selector}")


# One document per region, a few cells of its 收支总表 and 一般公共预算支出表 as printed on the page.
PRINTED = [
    ("001_上海__2026年上海市交通运输局_部门预算.pdf", "summary", "income_total", "预算数", "408696000"),
    ("001_上海__2026年上海市交通运输局_部门预算.pdf", "gpb_functional", "total", "total", "304413900"),
    ("001_上海__2026年上海市交通运输局_部门预算.pdf", "gpb_functional", "205", "basic", "215477090"),
    ("004_重庆__2026年重庆市人民政府办公厅部门预算.pdf", "gpb_functional", "total", "prior.total", "15635.80"),
    ("004_重庆__2026年重庆市人民政府办公厅部门预算.pdf", "gpb_functional", "201", "project", "8726.06"),
    ("005_广州__2026年广州市商务局部门预算.pdf", "summary", "expense_total", "预算数", "121393.52"),
    ("005_广州__2026年广州市商务局部门预算.pdf", "gpb_functional", "201", "project", "28983.73"),
    ("006_苏州__2026年苏州市应急管理局部门预算.pdf", "gpb_functional", "total", "public", "474.89"),
    ("006_苏州__2026年苏州市应急管理局部门预算.pdf", "gpb_functional", "208", "total", "429.13"),
    ("008_杭州__2026年杭州市司法局部门预算.pdf", "summary", "income_total", "预算数", "99230.46"),
    ("008_杭州__2026年杭州市司法局部门预算.pdf", "gpb_functional", "一般公共服务支出", "project", "12868.19"),
    ("015_长沙__2026年长沙市信访局部门预算.pdf", "gpb_functional", "201", "basic", "1517.95"),
    ("017_福州__2026年福州市商务局部门预算.pdf", "gpb_functional", "total", "project", "19334.69"),
    ("017_福州__2026年福州市商务局部门预算.pdf", "gpb_functional", "201", "basic", "2408.79"),
    ("020_西安__2026年西安市财政局部门预算.pdf", "gpb_functional", "201", "public", "4065989.69"),
    ("022_佛山__2026年佛山市交通运输局部门预算.pdf", "gpb_functional", "total", "project", "921.75"),
    ("025_烟台__2026年烟台市大数据局部门预算.pdf", "gpb_functional", "205", "project", "2.50"),
    ("035_昆明__2026年昆明市信访局部门预算.pdf", "summary", "income_total", "预算数", "50616.94"),
    ("035_昆明__2026年昆明市信访局部门预算.pdf", "gpb_functional", "201", "project", "6475.93"),
]


@pytest.mark.parametrize("file, kind, selector, column, printed", PRINTED,
                         ids=[f"{f[4:6]}-{k}-{s}-{c}" for f, k, s, c, _ in PRINTED])
def test_cells_as_printed(real: dict[str, Document | str], file: str, kind: str, selector: str, column: str,
                          printed: str) -> None:
    doc = real[file]
    assert isinstance(doc, Document), doc
    table = next(t for t in doc.tables if t.key == kind)
    row = _row(table, selector)
    if column == "预算数":  # a 收支总表's amount: the side's own column, however the region heads it
        assert next(v for v in row.values if v is not None) == Decimal(printed)
    else:
        assert table.value(row, column) == Decimal(printed)


def test_narrative_only_budgets_give_their_figures(real: dict[str, Document | str]) -> None:
    """Beijing publishes the explanation without tables: its figures are still claims to check."""
    doc = real["002_北京__2026年北京市商务局部门预算.pdf"]
    assert isinstance(doc, Document)
    income = next(c for c in doc.claims if c.subject == "收入预算")
    assert (income.amount, income.change, income.direction, income.percent) == (
        Decimal("288416.35"), Decimal("23967.49"), "增加", Decimal("9.06"))


def test_every_rule_runs_to_the_end_on_every_real_budget(real: dict[str, Document | str]) -> None:
    """A rule that raises on some layout is reported as CHECK-INTERNAL and its checks are lost: none may."""
    crashed = [(name, f.message) for name, doc in _documents(real).items() for f in check_document(doc)
               if f.rule == "CHECK-INTERNAL"]
    assert crashed == []


def test_items_stated_by_subject_are_checked_on_the_national_model(real: dict[str, Document | str]) -> None:
    """``1.一般公共服务支出（类）信访事务（款）行政运行（项）2026年预算数为 5,826.21 万元，比2025年执行数增加
    271.14 万元，增长 4.88%``: read as an item, and checked against that 项 of the 一般公共预算支出表."""
    import copy

    doc = copy.deepcopy(real["035_昆明__2026年昆明市信访局部门预算.pdf"])
    assert isinstance(doc, Document)
    item = next(c for c in doc.claims if c.role == "item" and c.subject == "一般公共服务支出/信访事务/行政运行")
    assert (item.amount, item.change, item.direction, item.percent) == (
        Decimal("5826.21"), Decimal("271.14"), "增加", Decimal("4.88"))
    assert not [f for f in check_document(doc) if f.rule == "NARR-ITEM"]
    item.amount = Decimal("5836.21")
    [found] = [f for f in check_document(doc) if f.rule == "NARR-ITEM" and f.severity is Severity.ERROR]
    assert "2014001 行政运行" in found.message and "+10.00" in found.message


FAMILIES = sorted({file for file, *_ in PRINTED})
_NUMBER_RE = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def _poppler_lines(path: Path, page: int) -> list[str]:
    """The page as poppler's pdftotext lays it out: a second reader, independent of PDFium."""
    done = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path), "-"],
                          capture_output=True, text=True, timeout=60, check=True)
    return [line for line in done.stdout.splitlines() if line.strip()]


def _near(lines: list[str], i: int) -> set[Decimal]:
    """The amounts on a row's line and the lines beside it: a name wrapped over two lines, an amount set
    lower, or an amount too wide for its cell wrapped in two (``21,118.5`` over ``1``)."""
    pieces = [_NUMBER_RE.findall(line) for line in lines[max(0, i - 1):i + 2]]
    found = {n for piece in pieces for n in piece}
    found |= {a + b for upper, lower in itertools.combinations(pieces, 2) for a in upper for b in lower}
    return {Decimal(n.replace(",", "")) for n in found if _NUMBER_RE.fullmatch(n)}


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed (make test installs it)")
@pytest.mark.parametrize("file", FAMILIES, ids=[f[4:6] for f in FAMILIES])
def test_every_cell_of_the_main_tables_as_another_reader_sees_it(real: dict[str, Document | str], corpus: Path,
                                                                 file: str) -> None:
    """Every amount of the 收支总表 and the 一般公共预算支出表 of one document per region stands on the line
    pdftotext prints for that row (found by its code or its name), on the row's page."""
    doc = real[file]
    assert isinstance(doc, Document)
    checked, missed = 0, []
    for table in (t for t in doc.tables if t.key in ("summary", "gpb_functional")):
        for row in table.rows:
            values = [v for v in row.values if v is not None]
            if not values or row.source.page is None:
                continue
            lines = _poppler_lines(corpus / "real" / file, row.source.page)
            names = [n for n in (row.code, squash(row.label)[:8]) if n]
            numbers = [_near(lines, i) for i, line in enumerate(lines) if any(name in squash(line) for name in names)]
            checked += len(values)
            if not any(all(v in found for v in values) for found in numbers):
                missed.append(f"表{table.number} {row.code or ''} {row.label} {values}")
    assert checked >= 20
    assert missed == []
