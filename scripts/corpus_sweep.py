"""Edit every table value of the corpus PDFs, one at a time, and see whether the checker catches it.

    .venv/bin/python scripts/corpus_sweep.py [file.pdf …]   (a bare name is looked up in ../shared/corpus)

Each printed amount is raised by 100 元 (1.00 万元 in a table in 万元); the edit is caught when the
document then has more error-level findings than as printed. Not a test (about 30 seconds for the
corpus); its output is a report: per file, the cells edited and every edit no identity caught.
"""

from __future__ import annotations

import copy
import sys
from decimal import Decimal
from pathlib import Path

from yusuan.check import Severity, check_document
from yusuan.model import Document
from yusuan.read import read_path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def _errors(document: Document) -> int:
    return sum(1 for f in check_document(document) if f.severity is Severity.ERROR)


def sweep(path: Path) -> list[str]:
    printed = read_path(path)
    before = _errors(printed)
    missed = []
    cells = 0
    for t, table in enumerate(printed.tables):
        step = Decimal(100) if table.unit == "元" else Decimal("1.00")
        for r, row in enumerate(table.rows):
            for c, value in enumerate(row.values):
                if value is None:
                    continue
                cells += 1
                edited = copy.deepcopy(printed)
                edited.tables[t].rows[r].values[c] = value + step
                if _errors(edited) <= before:
                    missed.append(f"表{table.number} {row.code or row.label}（{table.columns[c].label}）{value}")
    print(f"{path.name}：改动 {cells} 个数值，漏报 {len(missed)} 个")
    for cell in missed:
        print(f"   未发现：{cell}")
    return missed


def main() -> int:
    paths = [p if p.exists() else CORPUS / p for p in map(Path, sys.argv[1:])] or sorted(CORPUS.glob("*.pdf"))
    if not paths:
        print(f"找不到语料库：{CORPUS}")
        return 2
    missed = sum(len(sweep(path)) for path in paths)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
