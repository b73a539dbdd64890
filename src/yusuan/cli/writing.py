"""Writing a Document in the chosen formats with a progress spinner (shared by ``build`` and ``export``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from yusuan.cli.app import console_err
from yusuan.cli.terminal import shown
from yusuan.write import FORMATS, RENDERERS, write_document

if TYPE_CHECKING:
    from yusuan.model import Document

TO_HELP = f"输出格式，逗号分隔：{','.join(FORMATS)}；默认全部。"


def size_text(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def write_with_progress(document: Document, outdir: str | Path, formats: tuple[str, ...]) -> list[Path]:
    from rich.progress import Progress, SpinnerColumn, TextColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), console=console_err, transient=True) as bar:
        task = bar.add_task("正在生成…", total=len(formats))

        def step(fmt: str) -> None:
            bar.update(task, description=f"正在生成 {RENDERERS[fmt][2]}…", advance=0)

        paths = write_document(document, outdir, formats, progress=step)
    for path in paths:
        console_err.print(f"  已写入 {shown(path)}（{size_text(path.stat().st_size)}）", highlight=False)
    return paths
