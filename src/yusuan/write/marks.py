"""Findings as numbered marks on pages: what the annotated PDF and the web page's page view both draw.

Each finding gets a number (its place in the report), the colour of its severity and every box of
every cell it cites, merged per page. A mark's label sits beside its first box, to the left where
there is room (amounts are right-aligned in their cells, so the cell's own blank left part takes it;
a sentence's label stands left of its leftmost line, in the margin), else to the right; labels on
one page never cover one another. Everything here is on the page *as displayed* (top-down points), the reader's
coordinates; turning them into a file's own coordinates is the writer's business.
"""

from __future__ import annotations

from dataclasses import dataclass

from yusuan.check.findings import Finding, Severity

Box = tuple[float, float, float, float]

COLOURS = {Severity.ERROR: (214, 40, 40), Severity.WARNING: (230, 126, 0), Severity.INFO: (37, 99, 235)}
_PAD = 1.5  # points around the printed text
_GAP = 1.5


@dataclass(frozen=True, slots=True)
class Numbered:
    """A finding with its number and the pages it is printed on (first page first)."""

    number: int
    finding: Finding

    @property
    def pages(self) -> list[int]:
        seen: list[int] = []
        for cell in self.finding.cells:
            for mark in cell.boxes:
                if mark[0] not in seen:
                    seen.append(mark[0])
        if not seen:
            seen = [p for p in dict.fromkeys(c.page for c in self.finding.cells if c.page is not None)]
        return seen

    @property
    def colour(self) -> tuple[int, int, int]:
        return COLOURS[self.finding.severity]


@dataclass(frozen=True, slots=True)
class Mark:
    """One finding's boxes on one page, and where its numbered label goes."""

    number: int
    severity: Severity
    boxes: tuple[Box, ...]
    label: Box

    @property
    def colour(self) -> tuple[int, int, int]:
        return COLOURS[self.severity]


def numbered(findings: list[Finding]) -> list[Numbered]:
    return [Numbered(n, finding) for n, finding in enumerate(findings, start=1)]


def page_marks(items: list[Numbered], page: int, width: float) -> list[Mark]:
    """The marks of one page (``width`` is the displayed page's), labels placed clear of each other."""
    marks: list[Mark] = []
    taken: list[Box] = []
    for item in items:
        boxes = _unique([_padded(m[1:]) for cell in item.finding.cells for m in cell.boxes if m[0] == page])
        if not boxes:
            continue
        anchor = boxes[0]
        if all(cell.table is None for cell in item.finding.cells):
            # a sentence: its label in the margin, left of its leftmost line, not over the sentence before it
            anchor = (min(b[0] for b in boxes), anchor[1], anchor[2], anchor[3])
        label = _label(str(item.number), anchor, width, taken)
        taken.append(label)
        marks.append(Mark(item.number, item.finding.severity, tuple(boxes), label))
    return marks


def _padded(box: tuple[float, ...]) -> Box:
    x0, top, x1, bottom = box
    return (x0 - _PAD, top - _PAD, x1 + _PAD, bottom + _PAD)


def _unique(boxes: list[Box]) -> list[Box]:
    return list(dict.fromkeys(boxes))


def label_size(text: str, box: Box) -> tuple[float, float]:
    height = min(max(box[3] - box[1] - 2, 9.0), 11.0)
    return len(text) * 0.62 * height * 0.8 + 3.0, height


def _label(text: str, box: Box, width: float, taken: list[Box]) -> Box:
    w, h = label_size(text, box)
    top = box[1] + (box[3] - box[1] - h) / 2
    x1 = box[0] - _GAP
    while True:
        x0 = x1 - w
        if x0 < 1:  # no room on the left: to the right of the box, moving on right past other labels
            return _right_of(box, w, h, top, width, taken)
        candidate = (x0, top, x1, top + h)
        if not any(_overlap(candidate, other) for other in taken):
            return candidate
        x1 = x0 - _GAP


def _right_of(box: Box, w: float, h: float, top: float, width: float, taken: list[Box]) -> Box:
    x0 = box[2] + _GAP
    candidate = (x0, top, x0 + w, top + h)
    while any(_overlap(candidate, other) for other in taken) and candidate[2] + w < width:
        x0 = candidate[2] + _GAP
        candidate = (x0, top, x0 + w, top + h)
    return candidate


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
