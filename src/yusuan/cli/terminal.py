"""Document text on the terminal: shown as text, never as control sequences or Rich markup.

A disclosure's entity, labels or file names are other people's text. Printed raw, ``ESC [2J`` clears
the screen, ``ESC ]0;…`` retitles the window and ``[/x]`` is a Rich markup tag (a malformed one stops
the program). So the consoles drop control characters from every string they render, and text put
into our own markup goes through :func:`shown`. Data written to files and pipes is left as it is.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.text import Text

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 but tab and newline, DEL, C1


def plain(text: str) -> str:
    """``text`` without control characters (tab and newline kept)."""
    return _CONTROLS.sub("", text)


def shown(text: object) -> str:
    """Any text to put inside Rich markup: no control characters, no markup of its own."""
    return escape(plain(str(text)))


class TerminalConsole(Console):
    """A Rich console that renders every string without control characters."""

    def render_str(self, text: str, **options: Any) -> Text:
        return super().render_str(plain(text), **options)


def echo_data(text: str) -> None:
    """CSV or JSON on standard output: as it is into a pipe or file, without control characters on a terminal."""
    sys.stdout.write(plain(text) if sys.stdout.isatty() else text)
    sys.stdout.flush()
