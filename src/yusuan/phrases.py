"""Other programs' English sentences said again in Chinese: Typer's usage errors, DuckDB's SQL errors,
uvicorn's log lines.

Each is a list of (pattern, Chinese) pairs: the first pattern found in the text gives the sentence, its
named groups filled in (``没有名为“{x}”的列``). Text no pattern fits is left to the caller.
"""

from __future__ import annotations

import re
from collections.abc import Callable


class Phrases:
    def __init__(self, pairs: list[tuple[str, str]], fill: Callable[[dict[str, str]], dict[str, str]] | None = None):
        self._pairs = [(re.compile(pattern), chinese) for pattern, chinese in pairs]
        self._fill = fill

    def say(self, text: str) -> str | None:
        """The Chinese of the first pattern found in ``text``, or None."""
        for pattern, chinese in self._pairs:
            if match := pattern.search(text):
                found = {k: v or "" for k, v in match.groupdict().items()}
                return chinese.format(**(self._fill(found) if self._fill else found))
        return None

    def knows(self, text: str) -> bool:
        return any(pattern.search(text) for pattern, _ in self._pairs)
