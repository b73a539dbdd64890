"""``yusuan dump``: the whole store as CSV / Parquet files and as a Fiscal Data Package.

A command of its own, not ``yusuan export`` (which writes one Document as xlsx/docx/html/pdf) and
not an option of ``yusuan query`` (which prints the result of one statement): a dump writes every
table of the store into a folder, in a documented layout other tools can rely on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from yusuan.cli.app import app, console_err
from yusuan.cli.database import DbOption, db_path
from yusuan.errors import YusuanError


@app.command()
def dump(
    output: Annotated[str, typer.Argument(help="输出文件夹（不存在时自动创建）", show_default=False)],
    db: DbOption = None,
    to: Annotated[list[str], typer.Option(
        "--to", "-t", help="导出格式，逗号分隔：csv（默认）、parquet、fdp（财政数据包 Fiscal Data Package）。")] = [],  # noqa: B006
) -> None:
    """把数据库中的全部数据导出为 CSV、Parquet 或财政数据包（datapackage.json + CSV）。"""
    from rich.markup import escape

    from yusuan.cli.writing import size_text
    from yusuan.files import os_reason
    from yusuan.store.db import Store
    from yusuan.store.dump import dump_tables, parse_formats
    from yusuan.store.fdp import write_fiscal_data_package

    formats = parse_formats(to)
    outdir = Path(output)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise YusuanError(f"无法创建文件夹 {outdir}：{os_reason(error)}。") from None
    with Store(db_path(db), read_only=True) as store:
        written: list[Path] = []
        for fmt in formats:
            if fmt == "fdp":
                written += write_fiscal_data_package(store, outdir / "fiscal-data-package")
            else:
                written += dump_tables(store, outdir, fmt)
    for path in written:
        console_err.print(f"  已写入 {escape(str(path))}（{size_text(path.stat().st_size)}）", highlight=False)
