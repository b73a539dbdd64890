"""Chinese for the words Typer prints around our own help texts (panel titles, defaults, --help, the
usage line and the placeholders of value types).

Typer exposes these only as constants of ``typer.rich_utils``, a module that pulls in Rich's whole
Markdown stack; so they are set when help is first rendered, not at start-up (a command that prints
no help never imports it). Should a future Typer rename them, the help stays usable in English:
nothing here is allowed to fail.
"""

from __future__ import annotations

import contextlib
import functools
import re

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


# The placeholders Typer prints for a value's type (<str>, <int>) and in the usage line.
_TYPE_NAMES = {"StringParamType": "文本", "IntParamType": "整数", "IntRange": "整数", "FloatParamType": "数字",
               "FloatRange": "数字", "Path": "路径", "File": "文件", "BoolParamType": "是或否"}
_USAGE = [(re.compile(r"^(\s*)Usage: "), r"\1用法："), (re.compile(r"\[OPTIONS\]"), "[选项]"),
          (re.compile(r"COMMAND \[ARGS\]\.\.\."), "命令 [参数]..."), (re.compile(r"\{([^{}]+)\}"), r"\1")]


def _type_names() -> None:
    with contextlib.suppress(ImportError, AttributeError):
        from typer._click import types

        for name, chinese in _TYPE_NAMES.items():
            getattr(types, name).name = chinese


def _argument_names(command) -> None:  # type: ignore[no-untyped-def]
    """An argument without a metavar is named in the usage line by the head of its help (公开文件：…)."""
    for param in getattr(command, "params", ()):
        help_text = getattr(param, "help", None)
        if getattr(param, "param_type_name", "") == "argument" and param.metavar is None and help_text:
            head = re.split(r"[：:，,（(；]", help_text, maxsplit=1)[0].strip()
            head = head.replace(" ", "")  # one word in the usage line: SQL语句, 文件A
            param.metavar = (head + ("..." if param.nargs != 1 else "")) if head else None


def chinese_usage(text: str) -> str:
    for pattern, replacement in _USAGE:
        text = pattern.sub(replacement, text)
    return text


def _localized(format_help):  # type: ignore[no-untyped-def]
    @functools.wraps(format_help)
    def wrapper(self, ctx, formatter):  # type: ignore[no-untyped-def]
        _rich_texts()
        _type_names()
        _argument_names(self)
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
        usage = Command.get_usage

        @functools.wraps(usage)
        def get_usage(self, ctx):  # type: ignore[no-untyped-def]
            _argument_names(self)
            return chinese_usage(usage(self, ctx))

        Command.get_usage = get_usage  # type: ignore[method-assign]
