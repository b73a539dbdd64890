"""``yusuan serve`` and the store commands on one database at the same time, all as real processes.

The server holds the DuckDB file only while it answers a request and ``ingest`` only while it writes a
group of documents, so the commands work beside a running server and what they store is on its pages.
"""

from __future__ import annotations

import json
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from serve_helpers import COMMAND, serving
from store_helpers import write_variants
from yusuan.store.ingest import BATCH

pytest.importorskip("uvicorn", reason="yusuan[web] is not installed")


def yusuan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*COMMAND, *args], capture_output=True, text=True, timeout=300)


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.status, response.read().decode("utf-8")


def total(url: str) -> int:
    status, body = get(url + "/api/documents?limit=1")
    assert status == 200
    return json.loads(body)["total"]


@pytest.fixture
def server(tmp_path: Path):
    db = tmp_path / "shared.duckdb"
    with serving(db) as url:
        yield url, db


def test_commands_work_while_serve_runs_and_the_page_shows_what_they_stored(server, tmp_path: Path,
                                                                            seed_text: str) -> None:
    url, db = server
    assert "江门市第0测试局" not in get(url + "/")[1]
    write_variants(seed_text, tmp_path / "docs", 2)
    done = yusuan("ingest", str(tmp_path / "docs"), "--db", str(db), "--jobs", "1")
    assert done.returncode == 0, done.stderr
    assert "存入 2 份" in done.stdout
    status, page = get(url + "/")
    assert status == 200 and "江门市第0测试局" in page and "江门市第1测试局" in page
    done = yusuan("query", "SELECT entity FROM documents ORDER BY entity", "--db", str(db), "-f", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["entity", "江门市第0测试局", "江门市第1测试局"]
    done = yusuan("compare", "dept-000.txt", "dept-001.txt", "--db", str(db), "-f", "json")
    assert done.returncode == 0, done.stderr
    compared = json.loads(done.stdout)
    assert (compared["a"]["entity"], compared["b"]["entity"]) == ("江门市第0测试局", "江门市第1测试局")
    done = yusuan("dump", str(tmp_path / "out"), "--db", str(db), "--to", "csv")
    assert done.returncode == 0, done.stderr
    assert len((tmp_path / "out" / "documents.csv").read_text(encoding="utf-8").splitlines()) == 3
    assert total(url) == 2  # the server still answers after all of them


def test_pages_answer_during_an_ingest_and_show_each_group_as_it_is_committed(server, tmp_path: Path,
                                                                              seed_text: str) -> None:
    url, db = server
    count = 2 * BATCH + 20  # at least three transactions
    write_variants(seed_text, tmp_path / "docs", count)
    ingest = subprocess.Popen([*COMMAND, "ingest", str(tmp_path / "docs"), "--db", str(db), "--jobs", "1"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen = []
    while ingest.poll() is None:
        n = total(url)  # a page answered, never "busy", while the ingest runs
        if ingest.poll() is None:
            seen.append(n)
        time.sleep(0.05)
    out, err = ingest.communicate()
    assert ingest.returncode == 0, err
    assert seen == sorted(seen), "a document seen once is never gone again"
    assert any(0 < n < count for n in seen), f"no partial ingest was visible while it ran: {seen}"
    assert total(url) == count and f"存入 {count} 份" in out
