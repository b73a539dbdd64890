"""Batch ingest into DuckDB: rows of a real disclosure, idempotence, replacement in one transaction,
bad files reported in Chinese without stopping the batch, a crashing worker, a Dask LocalCluster."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from conftest import SEED
from store_helpers import assert_whole, crashing_analyse, variant, write_variants
from yusuan.store.db import Store, StoreError
from yusuan.store.ingest import Report, Writer, ingest, plan, run_local
from yusuan.store.work import analyse_file


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "t.duckdb") as opened:
        yield opened


def test_seed_rows(store: Store, seed_doc) -> None:
    report = ingest(store, [SEED], jobs=1)
    assert [s.entity for s in report.stored] == ["江门市社会保险基金管理局"] and not report.failed
    cur = store.cursor()
    row = cur.execute("SELECT entity, year, kind, scope, format, unit, errors, warnings, infos, tables, cells, "
                      "claims, file FROM documents").fetchall()[0]
    values = sum(len(r.values) for t in seed_doc.tables for r in t.rows)
    texts = sum(1 for t in seed_doc.tables if t.text_column for r in t.rows if r.text is not None)
    assert row == ("江门市社会保险基金管理局", 2024, "budget", "department", "gd-budget-12", "万元", 0, 0, 1, 12,
                   values + texts, len(seed_doc.claims), "published.txt")
    # printed precision and blanks are kept; the decimal column is exact
    assert cur.execute("SELECT printed, value, column_path, page, line FROM cells WHERE table_number = 6 AND "
                       "row_code = '303'").fetchall() == [("180.80", Decimal("180.8000"), ["预算"], 11, 514)]
    total = cur.execute("SELECT value FROM cells WHERE table_number = 1 AND row_key = 'income_total'").fetchall()
    assert str(total[0][0]) == "3355.9100"
    # the rounding finding cites table 6's 303 and its items, each located in its table
    cells = cur.execute("SELECT f.rule, c.code, c.printed, c.row_index, c.column_index FROM findings f JOIN "
                        "finding_cells c USING (document_id, finding_index) ORDER BY c.cell_index").fetchall()
    table6 = seed_doc.table(6)
    assert [c[1] for c in cells] == ["303", "30301", "30302", "30307"] and {c[0] for c in cells} == {"SUM-HIERARCHY"}
    for _, code, printed, r, c in cells:
        assert table6.rows[r].code == code and format(table6.rows[r].values[c], "f") == printed
    assert assert_whole(store) == 1


def test_rerun_skips_and_force_replaces_in_place(store: Store, tmp_path: Path, seed_text: str) -> None:
    paths = write_variants(seed_text, tmp_path / "docs", 3)
    first = ingest(store, [tmp_path / "docs"], jobs=2)
    assert len(first.stored) == 3
    again = ingest(store, [tmp_path / "docs", paths[0]], jobs=2)
    assert again.stored == [] and sorted(why for _, why in again.skipped) == ["已在数据库中"] * 3
    ids = dict(store.cursor().execute("SELECT sha256, id FROM documents").fetchall())
    forced = ingest(store, [paths[1]], jobs=1, force=True)
    assert len(forced.stored) == 1 and forced.stored[0].id in ids.values()
    assert dict(store.cursor().execute("SELECT sha256, id FROM documents").fetchall()) == ids
    assert assert_whole(store) == 3


def test_bad_files_reported_and_the_rest_stored(store: Store, tmp_path: Path, seed_text: str) -> None:
    folder = tmp_path / "mixed"
    write_variants(seed_text, folder, 2)
    (folder / "notes.txt").write_text("会议纪要，没有表格。", encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (folder / "copy.txt").write_text(variant(seed_text, 0), encoding="utf-8")
    (folder / ".hidden.txt").write_text(seed_text, encoding="utf-8")
    (folder / "budget.csv").write_text("a,b\n", encoding="utf-8")
    report = ingest(store, [folder, tmp_path / "nowhere"], jobs=2)
    assert len(report.stored) == 2
    reasons = {Path(p).name: why for p, why in report.failed}
    assert set(reasons) == {"notes.txt", "scan.pdf", "nowhere"}
    assert "找不到任何预算/决算表格" in reasons["notes.txt"]
    assert "扩展名是 .pdf" in reasons["scan.pdf"] and "二进制文件" in reasons["scan.pdf"]
    assert "找不到" in reasons["nowhere"]
    assert [Path(p).name for p, _ in report.skipped] == ["dept-000.txt"] or \
        [Path(p).name for p, _ in report.skipped] == ["copy.txt"]
    failures = dict(store.cursor().execute("SELECT file, reason FROM failures").fetchall())
    assert failures["notes.txt"] == reasons["notes.txt"]


def test_failed_replacement_keeps_the_stored_document(store: Store) -> None:
    good = analyse_file(SEED)
    doc_id = store.put(good.records)
    broken = analyse_file(SEED).records
    broken.tables["claims"] = pa.table({"claim_index": ["not a number"]})
    with pytest.raises(duckdb.Error):
        store.put(broken)
    assert assert_whole(store) == 1
    assert store.cursor().execute("SELECT id, cells FROM documents").fetchall() == [(doc_id, 666)]


def test_worker_crash_fails_only_its_file(store: Store, tmp_path: Path, seed_text: str) -> None:
    paths = write_variants(seed_text, tmp_path / "docs", 5)
    crash = tmp_path / "docs" / "crash.txt"
    crash.write_text(variant(seed_text, 99), encoding="utf-8")
    work = plan(store, [tmp_path / "docs"])
    run_local(work.todo, 2, Writer(store, work.report, None), work=crashing_analyse)
    assert sorted(Path(s.path).name for s in work.report.stored) == sorted(p.name for p in paths)
    assert [(Path(p).name, "意外退出" in why) for p, why in work.report.failed] == [("crash.txt", True)]
    assert assert_whole(store) == 5


def test_store_errors_are_chinese(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="找不到数据库"):
        Store(tmp_path / "none.duckdb", read_only=True)
    (tmp_path / "junk.duckdb").write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="不是 yusuan 的 DuckDB 数据库文件"):
        Store(tmp_path / "junk.duckdb")
    with Store(tmp_path / "busy.duckdb"), pytest.raises(StoreError) as error:
        # another process holding the file is simulated by a second connection of another config
        Store(tmp_path / "busy.duckdb", read_only=True)
    assert "数据库" in str(error.value)


def test_dask_local_cluster_stores_the_same_rows(tmp_path: Path, seed_text: str) -> None:
    distributed = pytest.importorskip("distributed", reason="yusuan[dask] is not installed")
    from yusuan.store.dask_ingest import ingest_dask

    write_variants(seed_text, tmp_path / "docs", 10)
    (tmp_path / "docs" / "bad.txt").write_text("没有表格", encoding="utf-8")
    rows = ("SELECT d.entity, c.table_number, c.row_index, c.column_index, c.printed "
            "FROM cells c JOIN documents d ON d.id = c.document_id ORDER BY ALL")
    with Store(tmp_path / "local.duckdb") as local:
        ingest(local, [tmp_path / "docs"], jobs=2)
        expected = local.cursor().execute(rows).fetchall()
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, Store(tmp_path / "dask.duckdb") as store:
        report = ingest_dask(store, [tmp_path / "docs"], cluster.scheduler_address, parquet=tmp_path / "parquet")
        assert len(report.stored) == 10 and [Path(p).name for p, _ in report.failed] == ["bad.txt"]
        assert store.cursor().execute(rows).fetchall() == expected and assert_whole(store) == 10
        assert sorted(p.name for p in (tmp_path / "parquet").glob("part-*/*.parquet")) == sorted(
            f"{t}.parquet" for t in ("documents", "cells", "claims", "findings", "finding_cells") for _ in range(2))
        rerun = ingest_dask(store, [tmp_path / "docs"], cluster.scheduler_address, parquet=tmp_path / "parquet2")
        assert rerun.stored == [] and len(rerun.skipped) == 10


def test_plan_reports_nothing_to_do_on_empty_folder(store: Store, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    report: Report = ingest(store, [tmp_path / "empty"])
    assert (report.stored, report.failed, report.skipped, report.todo) == ([], [], [], 0)
