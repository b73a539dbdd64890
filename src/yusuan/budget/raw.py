"""The common form every budget input is read into before it is understood.

A workbook, a folder of CSV files and a YAML file all become named sheets of rows of text cells,
each row knowing how to say where it is in the user's own terms (“支出明细”表第 12 行, 支出明细.csv
第 12 行, budget.yaml“支出明细”第 3 项). Validation works on this form only, so every input kind
gets the same checks and the same messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yusuan.errors import YusuanError
from yusuan.text import label_key

MAX_LISTED = 30
MAX_MESSAGE = 300  # characters of one problem's message


@dataclass(slots=True)
class RawRow:
    where: str  # “支出明细”表第 12 行
    cells: dict[str, str | None]  # column header → text (None: blank)
    column_phrase: str = "“{}”列"

    def at(self, column: str) -> str:
        return self.where + self.column_phrase.format(column)

    def get(self, column: str) -> str | None:
        value = self.cells.get(column)
        if value is None:
            return None
        value = value.strip()
        return value or None


@dataclass(slots=True)
class RawSheet:
    name: str
    where: str  # “支出明细”表
    headers: list[str]
    rows: list[RawRow] = field(default_factory=list)


@dataclass(slots=True)
class RawBudget:
    """The sheets of one input, by name; ``source`` names the file or folder in messages."""

    source: str
    sheets: dict[str, RawSheet]
    missing: str = "{source} 中缺少“{sheet}”表"  # how to say a sheet is missing in this kind of input


def header_key(text: str) -> str:
    """Headers match whatever marks the template puts around them: ``*金额`` ``金额（必填）`` → ``金额``."""
    key = label_key(text).lstrip("*＊").removesuffix("（必填）").removesuffix("（选填）").rstrip("*＊")
    return key


class InputProblems(YusuanError):
    """Everything wrong with one input, collected; the message lists them on one line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        if len(problems) == 1:
            message = problems[0]
        else:
            shown = problems[:MAX_LISTED]
            message = f"输入有 {len(problems)} 处问题：" + "；".join(f"（{i}）{p.rstrip('。')}"
                                                          for i, p in enumerate(shown, 1))
            if len(problems) > MAX_LISTED:
                message += f"；另有 {len(problems) - MAX_LISTED} 处未列出"
        super().__init__(message if message.endswith("。") else message + "。")


@dataclass(slots=True)
class Problems:
    """Collects problems so a user sees all of them at once, not one per run."""

    found: list[str] = field(default_factory=list)

    def add(self, where: str, message: str) -> None:
        if len(message) > MAX_MESSAGE:  # a message quoting a huge cell shows its start
            message = message[:MAX_MESSAGE] + "…"
        self.found.append(f"{where}：{message}" if where else message)

    def raise_if_any(self) -> None:
        if self.found:
            raise InputProblems(self.found)
