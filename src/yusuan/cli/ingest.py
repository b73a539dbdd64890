"""``yusuan ingest``: files and folders into the DuckDB store, in parallel, with progress and a summary.

Exit code 0 when every file was stored or skipped as already stored, 2 when some could not be read
(the others are stored all the same). On a terminal a progress bar shows files and pages per second;
piped, each file gets one line as it is stored and a progress line comes every few seconds, so a log
shows exactly what was committed and how fast. The database is held only while a group of documents
is written, so ``yusuan serve`` and ``yusuan query`` on the same file keep working meanwhile.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from yusuan.cli.app import app, console, console_err
from yusuan.cli.database import DbOption, db_path
from yusuan.cli.limits import MemoryLimit, TimeLimit
from yusuan.cli.terminal import shown
from yusuan.store.limits import DEFAULT_MEMORY_MB, DEFAULT_SECONDS

if TYPE_CHECKING:
    from yusuan.store.db import Store
    from yusuan.store.ingest import Report
    from yusuan.store.work import Outcome

EXIT_FAILED = 2
LOG_SECONDS = 10.0  # piped output: a progress line at most this often
WAIT_SECONDS = 300.0  # a group waits this long for the database (an upload being read on the web page)


def plan_line(report: Report) -> str:
    duplicates = sum(1 for _, why in report.skipped if why != "已在数据库中")
    known = len(report.skipped) - duplicates
    parts = [f"待读取 {report.todo} 个", f"已在数据库中 {known} 个"]
    if duplicates:
        parts.append(f"内容重复 {duplicates} 个")
    if report.failed:
        parts.append(f"无法使用 {len(report.failed)} 个")
    return "文件：" + "，".join(parts) + "。"


def rate_text(report: Report, seconds: float) -> str:
    """``12.3 份/秒，456 页/秒``: files finished (stored, repeats, failures) and pages read per second."""
    if seconds <= 0:
        return ""
    return f"{report.done / seconds:.1f} 个文件/秒，{report.pages / seconds:.0f} 页/秒"


def summary(report: Report, store: Store) -> None:
    from rich.table import Table as RichTable

    with_errors = sum(1 for s in report.stored if s.errors)
    rate = len(report.stored) / report.seconds if report.seconds else 0.0
    pages = report.pages / report.seconds if report.seconds else 0.0
    console.print(f"[bold]入库完成[/]：存入 {len(report.stored)} 份（其中 {with_errors} 份发现错误），"
                  f"跳过 {len(report.skipped)} 份，失败 {len(report.failed)} 份；读取 {report.pages} 页，"
                  f"用时 {report.seconds:.1f} 秒（{rate:.1f} 份/秒，{pages:.0f} 页/秒）。", highlight=False)
    if report.failed:
        view = RichTable(title="未能存入的文件", title_style="bold red", show_lines=False)
        view.add_column("文件", overflow="fold")
        view.add_column("原因", overflow="fold", ratio=1)
        for path, reason in report.failed:
            view.add_row(shown(path), shown(reason))
        console.print(view)
    console.print(f"数据库 {shown(store.path)} 共有 {store.count()} 份文件。", highlight=False)


def _line(report: Report, outcome: Outcome) -> str:
    if report.skipped and report.skipped[-1][0] == outcome.path:
        return f"跳过 {shown(outcome.path)}：{shown(report.skipped[-1][1])}"
    if outcome.ok:
        last = report.stored[-1]
        flag = f"，发现 {last.errors} 个错误" if last.errors else ""
        flag += f"；本文件另含 {len(outcome.more)} 份公开，一并存入" if outcome.more else ""
        return f"已存入 #{last.id} {shown(outcome.path)}（{shown(last.entity)}{flag}）"
    return f"失败 {shown(outcome.path)}：{shown(outcome.reason)}"


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[str], typer.Argument(
        help="公开文件或文件夹（递归查找 .pdf、.txt、.json、.xlsx），可给多个", show_default=False)],
    db: DbOption = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="并行读取的进程数（默认为 CPU 核数）。",
                                             show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="已存入的文件也重新读取，并替换库中的旧结果。")] = False,
    dask: Annotated[str | None, typer.Option(
        "--dask",
        help="在 Dask 集群上读取与校验（调度器地址，如 tcp://10.0.0.5:8786），结果写成 Parquet 再载入数据库。",
        show_default=False)] = None,
    parquet: Annotated[str | None, typer.Option(
        "--parquet", help="与 --dask 同用：Parquet 文件夹（各机器都能访问的共享路径；默认在数据库旁）。",
        show_default=False)] = None,
    time_limit: TimeLimit = DEFAULT_SECONDS,
    memory_limit: MemoryLimit = DEFAULT_MEMORY_MB,
) -> None:
    """把公开文件读取、校验后存入 DuckDB 数据库；已存入的文件（按内容校验值）与内容相同的文件自动跳过。"""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from yusuan.store.db import Store
    from yusuan.store.ingest import ingest
    from yusuan.store.limits import Limits

    workers = jobs or os.cpu_count() or 1
    store = Store(db_path(db), wait=WAIT_SECONDS)  # held only while writing: serve and query go on meanwhile
    live = console_err.is_terminal
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[rate]}"), TimeRemainingColumn(), console=console_err,
                   transient=True, disable=not live)
    task = bar.add_task("入库中", total=None, rate="")
    planned: list[Report] = []
    clock = {"start": time.monotonic(), "logged": time.monotonic()}

    def on_plan(report: Report) -> None:
        planned.append(report)
        console_err.print(plan_line(report), highlight=False)
        bar.update(task, total=report.todo)
        clock["start"] = clock["logged"] = time.monotonic()

    def on_done(report: Report, outcome: Outcome | None) -> None:
        now = time.monotonic()
        rate = rate_text(report, now - clock["start"])
        if live:
            bar.update(task, completed=report.done, rate=rate,
                       description=f"入库中 {Path(outcome.path).name}" if outcome else "入库中")
            return
        if outcome is not None:
            console_err.print(_line(report, outcome), highlight=False, soft_wrap=True)
        if now - clock["logged"] >= LOG_SECONDS:
            clock["logged"] = now
            console_err.print(f"进度：{report.done}/{report.todo} 个文件，{rate}。", highlight=False)

    try:
        with bar:
            if dask:
                from yusuan.store.dask_ingest import ingest_dask

                report = ingest_dask(store, paths, dask, force=force, parquet=parquet, listener=on_done,
                                     on_plan=on_plan)
            else:
                report = ingest(store, paths, jobs=workers, force=force, listener=on_done, on_plan=on_plan,
                                limits=Limits(time_limit, memory_limit))
    except KeyboardInterrupt:
        stored = len(planned[0].stored) if planned else 0
        console_err.print(f"已中断：本次已存入 {stored} 份，均已完整保存；再次运行同一命令即可继续其余文件。",
                          highlight=False)
        raise typer.Exit(130) from None
    summary(report, store)
    if report.failed:
        raise typer.Exit(EXIT_FAILED)
