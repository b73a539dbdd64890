"""``yusuan ingest --dask ADDRESS``: the same read+check on a Dask cluster, exchanged as Parquet.

The files to read are planned here exactly as for a local ingest (found, hashed, stored ones
skipped). A ``dask.bag`` over their paths is cut into small partitions; each Dask worker process
reads and checks its partition's files (:func:`yusuan.store.work.analyse_file`) and writes the rows
as Parquet files, one per store table, into a folder every machine can reach. As each partition
finishes, this process loads its Parquet files into DuckDB, one transaction per document, so the
store has a single writer here too. The Parquet folder is kept: it is the run's record and can be
loaded or inspected with any Parquet tool.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from time import perf_counter
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from yusuan.errors import YusuanError
from yusuan.store.db import Store
from yusuan.store.ingest import CRASHED, Listener, Report, Writer, plan
from yusuan.store.records import SCHEMAS, Records
from yusuan.store.work import Outcome, analyse_file

PARTITION = 8  # files per task: small enough for a steady progress bar and cheap retries


def analyse_partition(paths: list[str], outdir: str) -> list[dict[str, Any]]:
    """Run on a Dask worker: read and check ``paths``, write their rows under ``outdir`` as Parquet.

    Returns one small dict per file (what the client needs for its summary and to load the rows).
    """
    outcomes = [analyse_file(p) for p in paths]
    good = [r for o in outcomes for r in o.every]
    if good:
        Path(outdir).mkdir(parents=True, exist_ok=True)
        for name in SCHEMAS:
            tables = [r.tables[name].append_column("sha256_key", pa.array([r.sha256] * r.tables[name].num_rows,
                                                                            pa.string())) for r in good]
            pq.write_table(pa.concat_tables(tables), f"{outdir}/{name}.parquet", compression="zstd")
    return [{"path": o.path, "file": o.file, "sha256": o.sha256, "reason": o.reason, "ok": o.ok,
             "outdir": outdir} for o in outcomes]


def load_partition(outdir: str) -> dict[str, Records]:
    """The Parquet files of one partition, split back into one :class:`Records` per document."""
    tables = {name: pq.read_table(f"{outdir}/{name}.parquet") for name in SCHEMAS}
    result = {}
    for sha in tables["documents"]["sha256_key"].to_pylist():
        parts = {name: table.filter(pc.equal(table["sha256_key"], sha)).drop_columns(["sha256_key"])
                 for name, table in tables.items()}
        result[sha] = Records(sha, {name: parts[name].cast(SCHEMAS[name]) for name in SCHEMAS})
    return result


def analyse_numbered(item: tuple[int, list[str]], root: str) -> list[dict[str, Any]]:
    number, paths = item
    return analyse_partition(paths, f"{root}/part-{number:05d}")


def default_parquet_dir(store: Store) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return store.path.with_name(store.path.name + ".parquet") / stamp


def ingest_dask(store: Store, paths: Iterable[str | Path], address: str, *, force: bool = False,
                parquet: str | Path | None = None, listener: Listener | None = None,
                on_plan: Callable[[Report], None] | None = None) -> Report:
    """Like :func:`yusuan.store.ingest.ingest`, with the reading done by the Dask cluster at ``address``."""
    try:
        import dask.bag as db
        from distributed import Client, as_completed
    except ImportError:
        raise YusuanError("--dask 需要 Dask：请安装 pip install 'yusuan[dask]'。") from None
    start = perf_counter()
    work = plan(store, paths, force=force)
    if on_plan is not None:
        on_plan(work.report)
    root = str((Path(parquet) if parquet else default_parquet_dir(store)).resolve())
    writer = Writer(store, work.report, listener)
    try:
        if work.todo:
            try:
                client = Client(address, timeout="15s")
            except (OSError, TimeoutError, ValueError) as error:
                raise YusuanError(f"无法连接 Dask 调度器 {address}：{error}。"
                                  "请检查地址，以及调度器是否在运行。") from None
            with client:
                files = [str(Path(p).resolve()) for p, _ in work.todo]
                chunks = [files[i:i + PARTITION] for i in range(0, len(files), PARTITION)]
                bag = db.from_sequence(list(enumerate(chunks)), npartitions=len(chunks))
                tasks = bag.map(analyse_numbered, root=root).to_delayed()
                futures = {client.compute(task): n for n, task in enumerate(tasks)}
                for future in as_completed(futures):
                    _take(future, chunks[futures[future]], writer)
    finally:
        writer.flush()
        work.report.seconds = perf_counter() - start
    return work.report


def _take(future: Any, chunk: list[str], writer: Writer) -> None:
    """Load one finished partition; a partition whose worker died fails its files, never the run."""
    try:
        results = [r for part in future.result() for r in part]
    except Exception:  # KilledWorker and the like: the cluster gave up on this partition
        for path in chunk:
            writer.take(Outcome(path=path, file=Path(path).name, sha256=None, reason=CRASHED))
        return
    loaded = load_partition(results[0]["outdir"]) if any(r["ok"] for r in results) else {}
    for r in results:
        more = sorted((k for k in loaded if r["ok"] and k.startswith(f"{r['sha256']}#")),
                      key=lambda k: int(k.rsplit("#", 1)[1]))  # a file's other disclosures, in order
        writer.take(Outcome(path=r["path"], file=r["file"], sha256=r["sha256"], reason=r["reason"],
                            records=loaded.get(r["sha256"]) if r["ok"] else None, more=[loaded[k] for k in more]))
