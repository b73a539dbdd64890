"""The Typer application and the consoles every command prints through."""

from __future__ import annotations

import sys

import typer

from yusuan.cli.localize import localize_typer
from yusuan.cli.terminal import TerminalConsole

localize_typer()

app = typer.Typer(
    name="yusuan",
    help="部门预算/决算公开：编制、读取、校验、存储与比较。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
# Piped output is not cut to 80 columns: wide tables stay readable in a file or a pager.
# Both drop control characters from what they render (yusuan.cli.terminal).
console = TerminalConsole(width=None if sys.stdout.isatty() else 200)
console_err = TerminalConsole(stderr=True, width=None if sys.stderr.isatty() else 200)


@app.callback()
def _group() -> None:
    """部门预算/决算公开：编制、读取、校验、存储与比较。"""
