"""The ``yusuan`` command. Each sub-command lives in its own module and registers itself on ``app``.

Users see Chinese only: errors from yusuan are :class:`~yusuan.errors.YusuanError` with a Chinese
message (one line, exit code 2); usage mistakes are translated from Typer's English here. Set
``YUSUAN_DEBUG=1`` to see the traceback of an unexpected failure.
"""

from __future__ import annotations

import os
import sys

import typer

# Importing a command module registers its command on ``app``.
from yusuan.cli import build, check, compare, dump, export, ingest, parse, query, serve, template  # noqa: F401
from yusuan.cli.app import app, console_err
from yusuan.cli.terminal import shown
from yusuan.cli.usage import usage_message
from yusuan.errors import YusuanError
from yusuan.store.intake import NESTED

EXIT_UNREADABLE = 2
EXIT_INTERNAL = 70


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code instead of raising."""
    try:
        result = app(args=argv, prog_name="yusuan", standalone_mode=False)
        return result if isinstance(result, int) else 0
    except YusuanError as error:
        console_err.print(f"[bold red]错误：[/]{shown(error)}", highlight=False, soft_wrap=True)
        return EXIT_UNREADABLE
    except typer.TyperException as error:
        if type(error).__name__ == "NoArgsIsHelpError":
            return 0
        console_err.print(f"[bold red]用法错误：[/]{shown(usage_message(error))}（用 yusuan --help 查看用法）",
                          highlight=False, soft_wrap=True)
        return EXIT_UNREADABLE
    except RecursionError:  # a reader or writer recursing on a deeply nested input
        console_err.print(f"[bold red]错误：[/]{NESTED}", highlight=False, soft_wrap=True)
        return EXIT_UNREADABLE
    except MemoryError:
        console_err.print("[bold red]错误：[/]内存不足，无法完成（输入可能过大）。", highlight=False, soft_wrap=True)
        return EXIT_UNREADABLE
    except (typer.Abort, KeyboardInterrupt):
        console_err.print("已中断。", soft_wrap=True)
        return 130
    except Exception as error:  # the last line of defence: never a traceback for users
        if os.environ.get("YUSUAN_DEBUG"):
            raise
        console_err.print(f"[bold red]内部错误：[/]{type(error).__name__}: {shown(error)}。这是 yusuan 的缺陷，"
                          "请附上输入文件报告；设置 YUSUAN_DEBUG=1 可看到详细信息。", highlight=False, soft_wrap=True)
        return EXIT_INTERNAL


def run() -> None:
    sys.exit(main())
