"""``yusuan parse``: a disclosure file → Document JSON, or its tables in the terminal."""

from __future__ import annotations

from typing import Annotated

import typer

from yusuan.cli.app import app, console, console_err
from yusuan.errors import YusuanError

OUTPUTS = ("json", "text")


def split_format_options(values: list[str]) -> tuple[str, str | None]:
    """``--format`` names the output (json | text) or forces a disclosure format by its id; both may be given."""
    output, forced = "json", None
    for value in values:
        if value in OUTPUTS:
            output = value
        elif forced is None:
            forced = value
        else:
            raise YusuanError(f"--format 只能指定一个公开格式，却给了“{forced}”和“{value}”。")
    return output, forced


@app.command()
def parse(
    file: Annotated[str, typer.Argument(help="公开文件：PDF、文本（.txt）或 Document JSON", show_default=False)],
    format: Annotated[list[str], typer.Option(
        "--format", "-f",
        help="输出格式 json（默认）或 text（以表格显示）；也可给出公开格式 ID（如 gd-budget-12）以跳过自动识别。",
    )] = [],  # noqa: B006  (Typer reads the default, never mutates it)
    output: Annotated[str | None, typer.Option("--output", "-o", help="写入此文件，而不是输出到屏幕。")] = None,
) -> None:
    """读取一份预算/决算公开文件，输出结构化数据。"""
    from yusuan.cli import show
    from yusuan.cli.inputs import read_documents
    from yusuan.cli.terminal import echo_data, shown
    from yusuan.document_json import to_json
    from yusuan.files import write_atomic

    kind, forced = split_format_options(format)
    documents = read_documents(file, format_id=forced)
    if len(documents) > 1:
        console_err.print(f"本文件含 {len(documents)} 份公开，逐份输出"
                          f"{'（JSON 为数组）' if kind == 'json' else ''}。", highlight=False)
    if kind == "json":
        texts = [to_json(document) for document in documents]
        data = (texts[0] if len(texts) == 1 else "[\n" + ",\n".join(texts) + "\n]") + "\n"
    else:
        data = "\n".join(show.tables_as_text(document) for document in documents)
    if output is None:
        if kind == "json":
            echo_data(data)
        else:
            for document in documents:
                show.tables(document, console)
        return
    write_atomic(output, data)
    for document in documents:
        show.summary(document, console_err)
    console_err.print(f"已写入 [bold]{shown(output)}[/]", highlight=False)
