"""The store commands as a user runs them: ingest (killed mid-run and resumed), query, compare, dump."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import SEED
from store_helpers import assert_whole, variant, write_variants
from yusuan.store.db import Store
from yusuan.store.ingest import BATCH

SCHEMA = Path(__file__).parent / "data" / "fiscal-data-package.schema.json"


@pytest.fixture
def db(tmp_path: Path, cli, seed_text: str) -> Path:
    """The seed, and the same department's next year with 表6 303 raised by 10 (so the sums break)."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "2025.txt").write_text(variant(seed_text, 0, year=2025).replace("180.80", "190.80", 1)
                                              .replace("江门市第0测试局", "江门市社会保险基金管理局"), encoding="utf-8")
    path = tmp_path / "s.duckdb"
    code, out, err = cli("ingest", str(SEED), str(tmp_path / "in"), "--db", str(path), "--jobs", "1")
    assert code == 0, err
    assert "存入 2 份（其中 1 份发现错误），跳过 0 份，失败 0 份" in out and "已存入 #1" in err
    return path


def test_ingest_summary_and_exit_code(tmp_path: Path, cli, db: Path) -> None:
    (tmp_path / "bad.txt").write_text("没有表格", encoding="utf-8")
    code, out, err = cli("ingest", str(SEED), str(tmp_path / "bad.txt"), "--db", str(db))
    assert code == 2
    assert "已在数据库中 1 个" in err and "未能存入的文件" in out and "找不到任何预算/决算表格" in out
    assert "数据库" in out and "共有 2 份文件" in out


def test_sigkill_mid_ingest_loses_nothing_committed(tmp_path: Path, seed_text: str) -> None:
    folder = tmp_path / "docs"
    paths = write_variants(seed_text, folder, 2 * BATCH + 20)  # more than two transactions' worth
    db = tmp_path / "k.duckdb"
    command = [sys.executable, "-c", "from yusuan.cli import run; run()",
               "ingest", str(folder), "--db", str(db), "--jobs", "2"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                               start_new_session=True, env=env)
    reported = []
    assert process.stderr is not None
    for line in process.stderr:
        if line.startswith("已存入"):
            reported.append(line.split()[2].split("（")[0])
            if len(reported) == 8:
                os.killpg(process.pid, signal.SIGKILL)
                break
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    with Store(db) as store:
        committed = assert_whole(store)
        stored = {p for (p,) in store.cursor().execute("SELECT path FROM documents").fetchall()}
    assert set(reported) <= stored and 8 <= committed < len(paths)
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    assert rerun.returncode == 0, rerun.stderr
    assert f"已在数据库中 {committed} 个" in rerun.stderr
    with Store(db) as store:
        assert assert_whole(store) == len(paths)


def test_query_formats_and_read_only(cli, db: Path) -> None:
    code, out, _ = cli("query", "SELECT printed, value FROM cells WHERE row_code = '303' AND table_number = 6 "
                       "ORDER BY document_id", "--db", str(db), "-f", "json")
    assert code == 0 and json.loads(out) == [{"printed": "180.80", "value": "180.8000"},
                                            {"printed": "190.80", "value": "190.8000"}]
    code, out, _ = cli("query", "SELECT entity, year, errors, column_path FROM documents, (SELECT "
                       "['财政拨款', '一般公共预算'] AS column_path) ORDER BY year", "--db", str(db), "-f", "csv")
    assert list(csv.reader(out.splitlines())) == [["entity", "year", "errors", "column_path"],
                                                  ["江门市社会保险基金管理局", "2024", "0", "财政拨款·一般公共预算"],
                                                  ["江门市社会保险基金管理局", "2025", "2", "财政拨款·一般公共预算"]]
    code, out, err = cli("query", "SELECT count(*) AS n FROM documents", "--db", str(db))
    assert code == 0 and "n" in out and "2" in out and "共 1 行" in err
    code, _, err = cli("query", "DELETE FROM documents", "--db", str(db))
    assert code == 2 and "只读" in err
    code, _, err = cli("query", "SELEC 1", "--db", str(db))
    assert code == 2 and "语法错误" in err
    assert Store(db, read_only=True).count() == 2


def test_compare_two_years(cli, db: Path) -> None:
    code, out, _ = cli("compare", "1", "2025.txt", "--db", str(db))
    assert code == 0
    assert "表6 一般公共预算基本支出情况表（按经济分类科目）" in out and "1 处不同" in out
    assert "303" in out and "180.80" in out and "190.80" in out and "+10.00" in out and "5.53%" in out
    code, out, _ = cli("compare", "1", "2", "--db", str(db), "-f", "json")
    data = json.loads(out)
    assert data["changed"] == 1 and data["a"]["year"] == 2024 and data["b"]["year"] == 2025
    [table] = [t for t in data["tables"] if t["differences"]]
    assert table["differences"] == [{"code": "303", "label": "对个人和家庭的补助", "side": None, "column": "预算",
                                     "column_key": "budget", "a": "180.80", "b": "190.80", "change": "10.00",
                                     "percent": "5.53", "status": "changed"}]
    with Store(db, read_only=True) as store:
        sha = store.cursor().execute("SELECT sha256 FROM documents WHERE id = 1").fetchall()[0][0]
    code, out, _ = cli("compare", sha[:10], "1", "--db", str(db), "-f", "csv")
    assert code == 0 and out.splitlines() == ["表,表名,单位,收支,科目编码,名称,栏目,A,B,增减,增减率%,状态"]
    code, _, err = cli("compare", "1", "nothing.txt", "--db", str(db))
    assert code == 2 and "找不到“nothing.txt”" in err


def test_dump_csv_parquet_and_fiscal_data_package(tmp_path: Path, cli, db: Path) -> None:
    frictionless = pytest.importorskip("frictionless", reason="dev dependency frictionless is not installed")
    out = tmp_path / "dump"
    code, _, err = cli("dump", str(out), "--db", str(db), "--to", "csv,parquet,fdp")
    assert code == 0 and "已写入" in err
    tables = ("documents", "cells", "claims", "findings", "finding_cells", "failures")
    assert {p.name for p in out.iterdir()} >= {f"{t}.{x}" for t in tables for x in ("csv", "parquet")}
    rows = list(csv.DictReader((out / "cells.csv").open(encoding="utf-8")))
    cell = next(r for r in rows if (r["row_code"], r["column_key"], r["document_id"]) == ("2080101", "total", "1"))
    assert (cell["printed"], cell["column_path"], cell["unit"]) == ("1148.95", "合计", "万元")
    package = out / "fiscal-data-package"
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    jsonschema.validate(descriptor, json.loads(SCHEMA.read_text(encoding="utf-8")))
    report = frictionless.Package(str(package / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]
    facts = list(csv.DictReader((package / "cells.csv").open(encoding="utf-8")))
    total = next(f for f in facts if f["document_id"] == "1" and f["row_key"] == "income_total")
    assert (total["amount"].rstrip("0").rstrip("."), total["printed"], total["phase"]) == ("33559100", "3355.91",
                                                                                          "approved")
    functional = {f["functional_code"] for f in facts if f["functional_code"]}
    economic = {f["economic_code"] for f in facts if f["economic_code"]}
    assert "2080101" in functional and "30301" in economic and not functional & economic
    assert descriptor["fiscalPeriod"] == {"start": "2024-01-01", "end": "2025-12-31"}


def test_dump_refuses_unknown_format(tmp_path: Path, cli, db: Path) -> None:
    code, _, err = cli("dump", str(tmp_path / "x"), "--db", str(db), "--to", "xml")
    assert code == 2 and "不认识的导出格式：xml" in err
