"""The same input builds the same bytes, so rebuilding a disclosure stores nothing twice.

Two ``yusuan build`` runs of the bundled example, as separate processes with different hash seeds and a
second apart, must write identical files in every format; ingesting the second build after the first
skips every file. A build stamped with another date (``SOURCE_DATE_EPOCH``) differs in its bytes but
says the same: ingest recognises its content and skips it too, naming the document it repeats.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT

BUDGET = ROOT / "examples" / "jiangmen-sports-2024" / "budget.yaml"
COMMAND = [sys.executable, "-c", "from yusuan.cli import run; run()"]


def build(folder: Path, **env: str) -> dict[str, bytes]:
    done = subprocess.run([*COMMAND, "build", str(BUDGET), "-o", str(folder)], capture_output=True, text=True,
                          timeout=300, env={**os.environ, **env})
    assert done.returncode == 0, done.stderr
    return {p.suffix: p.read_bytes() for p in sorted(folder.iterdir())}


def test_two_builds_are_byte_identical_and_stored_once(tmp_path: Path, cli) -> None:
    first = build(tmp_path / "a", PYTHONHASHSEED="1")
    time.sleep(1.1)  # zip entries and PDF dates count seconds: a clock in them would show
    second = build(tmp_path / "b", PYTHONHASHSEED="2")
    assert set(first) == {".json", ".xlsx", ".docx", ".html", ".pdf"}
    assert [s for s in first if first[s] != second[s]] == []
    db = str(tmp_path / "s.duckdb")
    files = [str(tmp_path / "a" / f"{p.stem}{s}") for p in (tmp_path / "a").iterdir() for s in (".pdf", ".xlsx")
             if p.suffix == ".json"]
    code, out, _ = cli("ingest", *files, "--db", db, "--jobs", "1")
    assert code == 0 and "存入 2 份" in out
    again = [f.replace(str(tmp_path / "a"), str(tmp_path / "b")) for f in files]
    code, out, err = cli("ingest", *again, "--db", db, "--jobs", "1")
    assert code == 0 and "已在数据库中 2 个" in err and "存入 0 份" in out


def test_same_content_other_bytes_is_recognised(tmp_path: Path, cli) -> None:
    plain = build(tmp_path / "a")[".pdf"]
    dated = build(tmp_path / "b", SOURCE_DATE_EPOCH="1735689600")[".pdf"]  # 2025-01-01: another stamp
    assert plain != dated  # the bytes differ (dates, the /ID)
    [a] = (tmp_path / "a").glob("*.pdf")
    [b] = (tmp_path / "b").glob("*.pdf")
    db = str(tmp_path / "s.duckdb")
    code, out, _ = cli("ingest", str(a), "--db", db, "--jobs", "1")
    assert code == 0 and "存入 1 份" in out
    code, out, err = cli("ingest", str(b), "--db", db, "--jobs", "1")
    assert code == 0 and "存入 0 份" in out and "跳过 1 份" in out
    assert f"跳过 {b}：与库中 #1（{a}）内容相同" in err
