"""Per region of ``../shared/corpus/real``: what the reader and the checker make of its budgets.

    .venv/bin/python scripts/real_report.py [corpus/real]

For each region (the file name's prefix): files, disclosures read (a file may hold several), files
refused; tables the labels list and tables read with a known kind; the structural identity instances
checked (every 类 = Σ款, every total column = Σ parts in every row, every fixed-row sum, in every
column), how many hold only within rounding and how many not at all; error and warning findings, and
rules that failed to run (``CHECK-INTERNAL``, a defect); milliseconds per page to read and check.
Not a test: a report for the notes.
"""

from __future__ import annotations

import csv
import sys
import time
from collections import defaultdict
from pathlib import Path

import pypdfium2 as pdfium

from yusuan.check import Severity, check_document
from yusuan.check.rules.structure import FIXED_ROWS, NO_HIERARCHY, NO_SUMS
from yusuan.check.structure import column_sums, row_groups, side_sums
from yusuan.errors import YusuanError
from yusuan.formats.national import vocabulary
from yusuan.model import Document
from yusuan.read import read_all_bytes

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "real"
SUMS = ("SUM-HIERARCHY", "SUM-COLUMNS", "SUM-ROWS")


def identity_instances(document: Document) -> int:
    """How many printed identities the structural rules weigh (an identity over blanks only not counted)."""
    vocab = vocabulary(document.meta.kind)
    count = 0
    for table in document.tables:
        if table.key in NO_SUMS:
            continue
        width = len(table.columns)
        groups = [] if table.key in NO_HIERARCHY else row_groups(table)
        sides = side_sums(table) if table.key in FIXED_ROWS else []
        for total, parts in [(g.total, g.parts) for g in groups] + [(s.total, s.parts) for s in sides]:
            count += sum(1 for c in range(width) if any(r.values[c] is not None for r in (total, *parts)))
        for identity in column_sums(table, vocab):
            count += sum(1 for r in table.rows if any(r.values[p] is not None for p in identity.parts))
    return count


def main(folder: Path) -> None:
    with open(folder / "LABELS.tsv", encoding="utf-8") as handle:
        labels = {r["file"]: r for r in csv.DictReader(handle, delimiter="\t")}
    by_region: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for path in sorted(folder.glob("*.pdf")):
        region = path.name.split("__")[0].split("_", 1)[1]
        row = by_region[region]
        row["files"] += 1
        data = path.read_bytes()
        pages = len(pdfium.PdfDocument(data))
        start = time.perf_counter()
        try:
            documents = read_all_bytes(data, name=path.name)
        except YusuanError:
            row["refused"] += 1
            continue
        findings = [f for d in documents for f in check_document(d)]
        row["seconds"] += time.perf_counter() - start
        row["pages"] += pages
        row["disclosures"] += len(documents)
        row["tables listed"] += int(labels.get(path.name, {}).get("n_tables") or 0)
        row["tables read"] += sum(len(d.tables) for d in documents)
        row["kinds known"] += sum(1 for d in documents for t in d.tables if t.key != "generic")
        row["identities"] += sum(identity_instances(d) for d in documents)
        row["within rounding"] += sum(1 for f in findings if f.rule in SUMS and f.severity is Severity.INFO)
        row["not holding"] += sum(1 for f in findings if f.rule in SUMS and f.severity is not Severity.INFO)
        row["internal"] += sum(1 for f in findings if f.rule == "CHECK-INTERNAL")
        row["errors"] += sum(1 for f in findings if f.severity is Severity.ERROR)
        row["warnings"] += sum(1 for f in findings if f.severity is Severity.WARNING)
    columns = ["files", "refused", "disclosures", "tables listed", "tables read", "kinds known", "identities",
               "within rounding", "not holding", "errors", "warnings", "internal"]
    print("| region | " + " | ".join(columns) + " | ms/page |")
    print("|---|" + "---|" * (len(columns) + 1))
    for region, row in by_region.items():
        per_page = 1000 * row["seconds"] / row["pages"] if row["pages"] else 0
        print(f"| {region} | " + " | ".join(f"{row[c]:.0f}" for c in columns) + f" | {per_page:.1f} |")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REAL)
