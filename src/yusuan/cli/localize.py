"""Chinese for the words Typer prints around our own help texts (panel titles, defaults, --help).

Typer exposes these only as module constants, so they are set here once at start-up. Should a
future Typer rename them, the help stays usable in English: nothing here is allowed to fail.
"""

from __future__ import annotations

import contextlib
import functools


def localize_typer() -> None:
    with contextlib.suppress(ImportError, AttributeError):
        from typer import rich_utils

        rich_utils.ARGUMENTS_PANEL_TITLE = "参数"
        rich_utils.OPTIONS_PANEL_TITLE = "选项"
        rich_utils.COMMANDS_PANEL_TITLE = "命令"
        rich_utils.ERRORS_PANEL_TITLE = "错误"
        rich_utils.DEFAULT_STRING = "[默认：{}]"
        rich_utils.REQUIRED_LONG_STRING = "[必填]"
        rich_utils.ABORTED_TEXT = "已中断。"
    with contextlib.suppress(ImportError, AttributeError):
        from typer._click.core import Command

        original = Command.get_help_option
        if getattr(original, "_yusuan", False):
            return

        @functools.wraps(original)
        def get_help_option(self, ctx):  # type: ignore[no-untyped-def]
            option = original(self, ctx)
            if option is not None:
                option.help = "显示此帮助并退出。"
            return option

        get_help_option._yusuan = True  # type: ignore[attr-defined]
        Command.get_help_option = get_help_option  # type: ignore[method-assign]
