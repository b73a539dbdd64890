"""Each file is read in a worker with a time and a memory limit: a hanging file, a flate bomb and a
greedy reader fail alone with a Chinese reason, and a killed ingest leaves no worker running."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from bombs import flate_bomb_pdf
from conftest import ROOT
from store_helpers import assert_whole, hanging_analyse, hungry_analyse, variant, write_variants
from yusuan.errors import YusuanError
from yusuan.store.db import Store
from yusuan.store.ingest import Writer, ingest, plan, run_local
from yusuan.store.sandbox import Busy, Limits, Task, Workers

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc and PR_SET_PDEATHSIG are Linux's")


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "t.duckdb") as opened:
        yield opened


def gone(pid: int) -> bool:
    """The process has exited (a zombie nobody reaps counts as exited)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state in {"Z", "X"}


def wait_for(condition, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@linux_only
def test_hanging_file_stopped_at_its_time_limit(store: Store, tmp_path: Path, seed_text: str) -> None:
    paths = write_variants(seed_text, tmp_path / "docs", 3)
    (tmp_path / "docs" / "hang.txt").write_text(variant(seed_text, 50), encoding="utf-8")
    work = plan(store, [tmp_path / "docs"])
    start = time.monotonic()
    run_local(work.todo, 2, Writer(store, work.report, None), work=hanging_analyse, limits=Limits(seconds=2))
    assert time.monotonic() - start < 30
    assert sorted(Path(s.path).name for s in work.report.stored) == sorted(p.name for p in paths)
    assert [(Path(p).name, why) for p, why in work.report.failed] == [
        ("hang.txt", "读取与校验这个文件超过 2 秒的时间上限，已停止（文件可能过大或结构异常）。")]
    assert gone(int((tmp_path / "docs" / "hang.pid").read_text()))
    assert assert_whole(store) == 3


def test_flate_bomb_fails_alone(store: Store, tmp_path: Path, seed_text: str) -> None:
    write_variants(seed_text, tmp_path / "docs", 2)
    bomb = flate_bomb_pdf(1024)  # 1 MB that inflates to 1 GB
    assert len(bomb) < 1.2 * 1024 * 1024
    (tmp_path / "docs" / "bomb.pdf").write_bytes(bomb)
    report = ingest(store, [tmp_path / "docs"], jobs=2, limits=Limits(memory_mb=512))
    assert len(report.stored) == 2
    [(path, reason)] = report.failed
    assert Path(path).name == "bomb.pdf" and "512 MB 的上限" in reason


def test_reader_out_of_memory_fails_alone(store: Store, tmp_path: Path, seed_text: str) -> None:
    write_variants(seed_text, tmp_path / "docs", 2)
    (tmp_path / "docs" / "hungry.txt").write_text(variant(seed_text, 70), encoding="utf-8")
    work = plan(store, [tmp_path / "docs"])
    run_local(work.todo, 1, Writer(store, work.report, None), work=hungry_analyse, limits=Limits(memory_mb=600))
    assert len(work.report.stored) == 2
    assert [(Path(p).name, why) for p, why in work.report.failed] == [
        ("hungry.txt", "读取这个文件需要的内存超过 600 MB 的上限，已停止（文件可能是“解压炸弹”或过大）。")]


def test_memory_limit_below_what_a_worker_needs_is_refused(store: Store) -> None:
    with pytest.raises(YusuanError, match="内存上限 64 MB 太低"):
        ingest(store, [ROOT / "examples" / "jiangmen-2024" / "published.txt"], limits=Limits(memory_mb=64))


@linux_only
def test_web_workers_stop_a_hang_and_go_on(tmp_path: Path, seed_text: str) -> None:
    hang = tmp_path / "hang.txt"
    hang.write_text(variant(seed_text, 60), encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(variant(seed_text, 61), encoding="utf-8")
    workers = Workers(Limits(seconds=2), size=1, waiting=0)
    try:
        results = {}
        stuck = threading.Thread(target=lambda: results.setdefault(
            "hang", workers.run(Task(str(hang), hang.name, None, hanging_analyse, (str(hang),)))))
        stuck.start()
        assert wait_for(hang.with_suffix(".pid").exists, 30)
        with pytest.raises(Busy, match="稍后再试"):  # one worker, no queue: a second file is refused at once
            workers.run(Task(str(good), good.name, None, hanging_analyse, (str(good),)))
        stuck.join(30)
        assert "超过 2 秒的时间上限" in results["hang"].reason
        assert gone(int(hang.with_suffix(".pid").read_text()))
        after = workers.run(Task(str(good), good.name, None, hanging_analyse, (str(good),)))
        assert after.ok and after.records.entity == "江门市第61测试局"
    finally:
        workers.close()


@linux_only
@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM])
def test_killed_ingest_takes_its_workers_with_it(tmp_path: Path, seed_text: str, stop: signal.Signals) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for n in (1, 2):
        (docs / f"hang-{n}.txt").write_text(variant(seed_text, n), encoding="utf-8")
    script = textwrap.dedent(f"""
        import sys
        sys.path[:0] = [{str(ROOT / "tests")!r}]
        from store_helpers import hanging_analyse
        from yusuan.store.db import Store
        from yusuan.store.ingest import Writer, plan, run_local
        store = Store({str(tmp_path / "k.duckdb")!r})
        work = plan(store, [{str(docs)!r}])
        run_local(work.todo, 2, Writer(store, work.report, None), work=hanging_analyse)
    """)
    ingest_process = subprocess.Popen([sys.executable, "-c", script])
    try:
        assert wait_for(lambda: all((docs / f"hang-{n}.pid").exists() for n in (1, 2)), 60)
        pids = [int((docs / f"hang-{n}.pid").read_text()) for n in (1, 2)]
        ingest_process.send_signal(stop)
        ingest_process.wait(10)
        assert wait_for(lambda: all(gone(pid) for pid in pids), 10), "workers outlived the ingest"
    finally:
        ingest_process.kill()
        ingest_process.wait()
