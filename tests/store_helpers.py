"""Disclosures for the store's tests: variations of the seed (another department, another year, a figure
changed), each a distinct file, and the checks that a stored document is whole."""

from __future__ import annotations

import os
import time
from pathlib import Path

from yusuan.store.db import Store
from yusuan.store.work import Outcome, analyse_file

ENTITY = "江门市社会保险基金管理局"


def variant(seed_text: str, n: int, *, year: int = 2024) -> str:
    """The seed as department ``n``'s disclosure for ``year``: same numbers, another name and year."""
    return seed_text.replace(ENTITY, f"江门市第{n}测试局").replace("2024", str(year))


def write_variants(seed_text: str, folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"dept-{n:03d}.txt"
        path.write_text(variant(seed_text, n), encoding="utf-8")
        paths.append(path)
    return paths


def assert_whole(store: Store) -> int:
    """Every stored document has exactly the rows its counts say, and no row belongs to no document."""
    cur = store.cursor()
    broken = cur.execute("""
        SELECT d.id FROM documents d
        LEFT JOIN (SELECT document_id, count(*) n FROM cells GROUP BY 1) c ON c.document_id = d.id
        LEFT JOIN (SELECT document_id, count(*) n FROM claims GROUP BY 1) k ON k.document_id = d.id
        LEFT JOIN (SELECT document_id, count(*) n FROM findings GROUP BY 1) f ON f.document_id = d.id
        WHERE coalesce(c.n, 0) <> d.cells OR coalesce(k.n, 0) <> d.claims
           OR coalesce(f.n, 0) <> d.errors + d.warnings + d.infos""").fetchall()
    assert broken == [], f"documents with missing rows: {broken}"
    for table in ("cells", "claims", "findings", "finding_cells"):
        orphans = cur.execute(f"SELECT count(*) FROM {table} WHERE document_id NOT IN (SELECT id FROM documents)")
        assert orphans.fetchall()[0][0] == 0, table
    return cur.execute("SELECT count(*) FROM documents").fetchall()[0][0]


def crashing_analyse(path: str) -> Outcome:
    """A worker that dies (as on a reader crash or out of memory) on files named ``crash*``."""
    if Path(path).name.startswith("crash"):
        os._exit(1)
    return analyse_file(path)


def hanging_analyse(path: str) -> Outcome:
    """A worker stuck on files named ``hang*`` (as a reader in an endless loop would be); it first leaves
    its process id in ``<name>.pid`` beside the file, so a test can see whether the process is gone."""
    if Path(path).name.startswith("hang"):
        Path(path).with_suffix(".pid").write_text(str(os.getpid()))
        time.sleep(600)
    return analyse_file(path)


def hungry_analyse(path: str) -> Outcome:
    """A reader that asks for 4 GB on files named ``hungry*`` (as one expanding a huge image would)."""
    if Path(path).name.startswith("hungry"):
        bytearray(4 << 30)
    return analyse_file(path)
