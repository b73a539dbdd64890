"""From raw text to numbered, paged, non-blank lines.

Text extracted from a disclosure PDF marks a new page with a form feed or, after some converters,
with one ASCII space at the start of the page's first line; pages end with a footer such as
``- 3 -``. Footers are dropped, page numbers kept on every line. Blank lines carry no meaning in
extracted text (every wrapped line is followed by one) and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yusuan.errors import UnreadableInput

_FOOTER_RE = re.compile(r"^[-—－]\s*\d{1,4}\s*[-—－]$|^第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?$")
_STRIP = " \u3000\xa0\t\ufeff"


@dataclass(slots=True)
class Line:
    text: str  # without surrounding spaces; inner spaces kept (they separate cells)
    page: int
    number: int  # 1-based line number in the text file


def decode(data: bytes) -> str:
    """Bytes of a text file → str: UTF-8 (with or without BOM), else GB18030; binary is refused."""
    if not data.strip():
        raise UnreadableInput("文件是空的，没有可读取的内容。")
    head = data[:4096]
    if b"\x00" in head:
        raise UnreadableInput("这不是文本文件（含有二进制内容），无法按文本读取。")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            break
        return text
    raise UnreadableInput("无法识别文件的文字编码（既不是 UTF-8 也不是 GB18030），可能不是文本文件。")


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    return len(_CONTROL_RE.findall(sample)) > len(sample) // 50


def split_lines(text: str) -> list[Line]:
    """Number every line, assign pages, drop footers and blank lines."""
    lines: list[Line] = []
    page = 1
    page_has_content = False
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if not raw:
            continue  # every other line of extracted text is empty
        for index, segment in enumerate(raw.split("\f") if "\f" in raw else (raw,)):
            starts_page = index > 0 or (
                len(segment) > 1 and segment[0] == " " and segment[1] not in " \t"
            )
            if starts_page and page_has_content:
                page += 1
                page_has_content = False
            stripped = segment.strip(_STRIP)
            if not stripped:
                continue
            if stripped[0] in "-—－第" and _FOOTER_RE.match(stripped):
                if page_has_content:
                    page += 1
                    page_has_content = False
                continue
            lines.append(Line(stripped, page, number))
            page_has_content = True
    return lines
