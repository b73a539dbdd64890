"""Chinese for the words Typer prints around our own help texts (panel titles, defaults, --help).

Typer exposes these only as constants of ``typer.rich_utils``, a module that pulls in Rich's whole
Markdown stack; so they are set when help is first rendered, not at start-up (a command that prints
no help never imports it). Should a future Typer rename them, the help stays usable in English:
nothing here is allowed to fail.
"""

from __future__ import annotations

import contextlib
import functools

_TEXTS = {
    "ARGUMENTS_PANEL_TITLE": "参数",
    "OPTIONS_PANEL_TITLE": "选项",
    "COMMANDS_PANEL_TITLE": "命令",
    "ERRORS_PANEL_TITLE": "错误",
    "DEFAULT_STRING": "[默认：{}]",
    "REQUIRED_LONG_STRING": "[必填]",
    "ABORTED_TEXT": "已中断。",
}


def _rich_texts() -> None:
    with contextlib.suppress(ImportError, AttributeError):
        from typer import rich_utils

        for name, text in _TEXTS.items():
            setattr(rich_utils, name, text)


def _localized(format_help):  # type: ignore[no-untyped-def]
    @functools.wraps(format_help)
    def wrapper(self, ctx, formatter):  # type: ignore[no-untyped-def]
        _rich_texts()
        return format_help(self, ctx, formatter)

    wrapper._yusuan = True  # type: ignore[attr-defined]
    return wrapper


def localize_typer() -> None:
    with contextlib.suppress(ImportError, AttributeError):
        from typer.core import TyperCommand, TyperGroup

        for cls in (TyperCommand, TyperGroup):
            if not getattr(cls.format_help, "_yusuan", False):
                cls.format_help = _localized(cls.format_help)  # type: ignore[method-assign]
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
