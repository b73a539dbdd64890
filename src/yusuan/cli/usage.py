"""Typer's usage errors in Chinese: what was typed wrong, named as the user typed it.

Typer (its vendored Click) words these in English; the kinds of mistake are few, so each is said
here: a parameter missing, an option unknown or without its value, a value of the wrong type, an
unknown command, arguments left over. A message of a kind not listed keeps Typer's text.
"""

from __future__ import annotations

import typer

from yusuan.phrases import Phrases

_TYPES = {"integer": "整数", "int": "整数", "int range": "整数", "float": "数字", "float range": "数字",
          "boolean": "是或否", "text": "文本", "str": "文本"}
_MESSAGES = Phrases([
    (r"No such command '(?P<x>[^']*)'\.?", "没有“{x}”这个命令"),
    (r"Option '(?P<x>[^']+)' requires an argument\.?", "选项 {x} 后面要给出一个值"),
    (r"Option '(?P<x>[^']+)' requires (?P<n>\d+) arguments\.?", "选项 {x} 后面要给出 {n} 个值"),
    (r"Got unexpected extra argument(?:s|\(s\))? \((?P<x>[^)]*)\)", "多出了参数：{x}"),
    (r"'?(?P<x>[^']*)'? is not a valid (?P<t>[\w ]+?)\.?$", "“{x}”不是有效的{t}"),
    (r"'?(?P<x>[^']*)'? is not one of (?P<c>.+?)\.?$", "“{x}”不在可选值 {c} 之中"),
    (r"(?P<x>\S+) is not in the range (?P<r>.+?)\.?$", "{x} 不在范围 {r} 之内"),
    (r"No such option: (?P<x>\S+?)(?: Did you mean (?P<d>\S+?)\?)?$", "没有这个选项：{x}"),
], fill=lambda found: {**found, "t": _TYPES.get(found["t"], found["t"])} if "t" in found else found)


def _chinese(message: str) -> str:
    return _MESSAGES.say(message) or message


def usage_message(error: typer.TyperException) -> str:
    kind = type(error).__name__
    param = getattr(error, "param", None)
    hint = getattr(param, "opts", None) or [getattr(param, "name", "")]
    name = "/".join(hint) if hint and hint[0] else ""
    if kind == "MissingParameter":
        return f"缺少参数 {name.upper() if name and not name.startswith('-') else name}。"
    if kind == "NoSuchOption":
        return f"没有这个选项：{getattr(error, 'option_name', '')}。"
    if kind == "BadParameter":
        return f"参数 {name} 的值无效：{_chinese(error.message)}。"
    if kind == "BadOptionUsage":
        return f"{_chinese(error.message)}。"
    return _chinese(error.message) + "。"
