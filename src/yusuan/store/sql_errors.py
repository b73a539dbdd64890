"""DuckDB's error messages in Chinese, for the people who type SQL into ``yusuan query``.

The messages users meet most are said in full (a syntax error and where, a column or table that is
not there and what there is instead, a value of the wrong type); any other keeps DuckDB's own detail
after a Chinese name of its kind, so nothing it says is lost.
"""

from __future__ import annotations

from yusuan.phrases import Phrases

_KINDS = {"Parser Error": "语法错误", "Binder Error": "名称错误", "Catalog Error": "找不到对象",
          "Conversion Error": "类型转换错误", "Invalid Input Error": "输入无效", "Out of Range Error": "数值超出范围",
          "Not implemented Error": "暂不支持", "Constraint Error": "违反约束", "Invalid Error": "无效操作",
          "Interrupt Error": "查询被中断", "Dependency Error": "依赖错误", "Type Error": "类型错误"}
_PHRASES = Phrases([
    (r'syntax error at or near "(?P<x>[^"]*)"', "在“{x}”附近有语法错误"),
    (r"syntax error at end of input", "语句不完整（在末尾处有语法错误）"),
    (r'Referenced column "(?P<x>[^"]+)" not found in FROM clause!?', "没有名为“{x}”的列"),
    (r"Table with name (?P<x>\S+?) does not exist!?", "没有名为“{x}”的表"),
    (r'Referenced table "(?P<x>[^"]+)" not found!?', "没有名为“{x}”的表"),
    (r"Scalar Function with name (?P<x>\S+?) does not exist!?", "没有名为“{x}”的函数"),
    (r"Could not convert string '(?P<x>[^']*)' to (?P<y>\w+)", "文字“{x}”无法转换为 {y} 类型"),
    (r"Candidate bindings: (?P<x>.+)", "可用的有：{x}"),
    (r'Did you mean "(?P<x>[^"]+)"\?', "是否指“{x}”？"),
])


def chinese(message: str) -> str:
    """One DuckDB error (its lines) as one Chinese sentence."""
    lines = [line.strip() for line in message.strip().splitlines() if line.strip() and not line.strip().startswith(
        ("LINE ", "^"))]
    if not lines:
        return "SQL 执行出错。"
    head = lines[0]
    kind, _, detail = head.partition(": ")
    name = _KINDS.get(kind)
    if name is None:
        name, detail = "SQL 执行出错", head
    parts = [_phrase(detail)] + [_phrase(line) for line in lines[1:] if _PHRASES.knows(line)]
    text = "；".join(p for p in parts if p)
    return f"{name}：{text}" + ("" if text.endswith(("？", "。")) else "。")


def _phrase(text: str) -> str:
    return _PHRASES.say(text) or text.rstrip("!.")
