"""Where a narrative finding is printed: the sentence itself, its page and the boxes of its lines.

The rules about the text parts cite a phrase (``比2023年预算增加``, ``主要原因是。``) or a claim's
sentence, and the reader knows only the section it came from. A reviewer needs the sentence: which of
five identical phrases is meant, and where on which page. A PDF Document keeps the words of its text
lines with their boxes (``Document.layout``); this module finds each cited phrase there, widens it to
its sentence and gives the sentence's boxes, one per printed line (a sentence may wrap over a page).

Text is compared without blanks (the text parts are read squashed). Of several printed copies of a
phrase, the first on or after the page the rule names is taken, and a copy already given to an
earlier finding of the same rule is skipped, so repeated findings point at repeated places in order.
"""

from __future__ import annotations

import re
from dataclasses import replace

from yusuan.check.findings import Cell, Finding, Mark
from yusuan.model import Document, TextLine

_ENDS = "。！？；"
_NUMBERED_RE = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d{1,2}[.．、](?!\d))")
_BLANK_RE = re.compile(r"\s+")
_MOST_BACK = 160  # a sentence reaches back at most this many characters from its phrase
_MOST_ON = 240


def _squashed(text: str) -> str:
    return _BLANK_RE.sub("", text)


class TextIndex:
    """The text lines as one string without blanks, each character with its line and horizontal extent."""

    def __init__(self, layout: list[TextLine]) -> None:
        chars: list[str] = []
        self.line_of: list[int] = []
        self.xs: list[tuple[float, float]] = []
        self.line_starts: set[int] = set()
        self.lines = layout
        for n, line in enumerate(layout):
            self.line_starts.add(len(chars))
            for word, (x0, _, x1, _) in line.words:
                letters = _squashed(word)
                step = (x1 - x0) / max(len(letters), 1)
                for i, char in enumerate(letters):
                    chars.append(char)
                    self.line_of.append(n)
                    self.xs.append((x0 + i * step, x0 + (i + 1) * step))
        self.text = "".join(chars)
        self.ends_paragraph = _paragraph_ends(layout)

    def occurrences(self, needle: str) -> list[int]:
        found, start = [], self.text.find(needle)
        while start >= 0:
            found.append(start)
            start = self.text.find(needle, start + 1)
        return found

    def page_at(self, offset: int) -> int:
        return self.lines[self.line_of[offset]].page

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around text[start:end]: back to the last full stop, on to the next, never past
        the end of a paragraph (a line that stops short of the margin: a heading, a paragraph's last
        line) or the start of a numbered item."""
        text = self.text
        begin = start
        while begin > 0 and start - begin < _MOST_BACK and text[begin - 1] not in _ENDS:
            if begin in self.line_starts and self._breaks(begin):
                break
            begin -= 1
        finish = end
        if not (end > start and text[end - 1] in _ENDS):
            while finish < len(text) and finish - end < _MOST_ON and text[finish] not in _ENDS:
                if finish in self.line_starts and self._breaks(finish):
                    break
                finish += 1
            if finish < len(text) and text[finish] in _ENDS:
                finish += 1
        return begin, finish

    def _breaks(self, line_start: int) -> bool:
        """Does a new paragraph begin at this line start?"""
        return line_start == 0 or self.ends_paragraph[self.line_of[line_start - 1]] or bool(
            _NUMBERED_RE.match(self.text, line_start))

    def marks(self, start: int, end: int) -> tuple[Mark, ...]:
        """One box per printed line of text[start:end], each with its page."""
        result: list[Mark] = []
        offset = start
        while offset < end:
            n = self.line_of[offset]
            last = offset
            while last + 1 < end and self.line_of[last + 1] == n:
                last += 1
            line = self.lines[n]
            top = min(box[1] for _, box in line.words)
            bottom = max(box[3] for _, box in line.words)
            result.append((line.page, round(self.xs[offset][0], 1), top, round(self.xs[last][1], 1), bottom))
            offset = last + 1
        return tuple(result)


def _paragraph_ends(layout: list[TextLine]) -> list[bool]:
    """For each line: does it stop short of its page's right margin by more than a character and a
    half (the last line of a paragraph, a heading), so that the next line starts afresh?"""
    rights = [max(box[2] for _, box in line.words) for line in layout]
    margin: dict[int, float] = {}
    for line, right in zip(layout, rights, strict=True):
        margin[line.page] = max(margin.get(line.page, 0.0), right)
    heights = [max(box[3] - box[1] for _, box in line.words) for line in layout]
    return [right < margin[line.page] - 1.5 * height for line, right, height in zip(layout, rights, heights,
                                                                                     strict=True)]


def _needle(cell: Cell) -> str | None:
    """What to look for: the claim's sentence, else the phrase the rule cites (not a bare number)."""
    for text in (cell.text, cell.value):
        if text and len(squashed := _squashed(text)) >= 4 and not re.fullmatch(r"[-\d.,%]+", squashed):
            return squashed
    return None


def locate(document: Document, findings: list[Finding]) -> list[Finding]:
    """The findings with every narrative cell placed at its sentence (PDF documents; others unchanged)."""
    if not document.layout:
        return findings
    index = TextIndex(document.layout)
    used: dict[tuple[str, str], set[int]] = {}
    result = []
    for finding in findings:
        cells = tuple(_placed(index, cell, used.setdefault((finding.rule, _needle(cell) or ""), set()))
                      if cell.table is None else cell for cell in finding.cells)
        result.append(replace(finding, cells=cells) if cells != finding.cells else finding)
    return result


def _placed(index: TextIndex, cell: Cell, used: set[int]) -> Cell:
    needle = _needle(cell)
    if needle is None:
        return cell
    found = index.occurrences(needle)
    if not found:
        return cell
    hint = cell.page or 0
    ordered = [o for o in found if index.page_at(o) >= hint] + [o for o in found if index.page_at(o) < hint]
    start = next((o for o in ordered if o not in used), ordered[0])
    used.add(start)
    begin, end = index.sentence(start, start + len(needle))
    marks = index.marks(begin, end)
    return replace(cell, page=marks[0][0], boxes=marks, text=index.text[begin:end])
