"""Table bodies: lines of runs → rows of (code, label, amounts under their columns, trailing text).

A row is anchored by what only rows print — a subject code or an amount. A line of label text alone
is either a row of its own (it starts with an ordinal such as ``二、``, or the layout knows its name)
or a wrapped piece of the nearest row's label: in a tall row the label's two lines sit above and below
the amounts. Codes printed in pieces (``208 05 01``, ``301 2``) are joined here; a piece printed
without its leading zero or a 类 printed wrongly (``7 11 02`` under 210 11) is read from its context
and reported, never silently changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from yusuan.money import is_amount
from yusuan.read.pdf.columns import Slot, assign
from yusuan.read.pdf.extract import Run
from yusuan.text import ORDINAL_RE, squash

_DIGITS_RE = re.compile(r"^\d{1,7}$")
_GLUED_CODE_RE = re.compile(r"^[\[［【]?(\d{3}|\d{5}|\d{7})[\]］】]?(?=\D)(.+)$")
_WRAP = 1.8  # a label line this many text heights from a row's centre is a wrapped part of it


@dataclass(slots=True)
class BodyRow:
    page: int
    codes: list[Run] = field(default_factory=list)
    labels: list[Run] = field(default_factory=list)
    amounts: list[tuple[int, Run]] = field(default_factory=list)  # (column index, run)
    texts: list[Run] = field(default_factory=list)
    anchored: bool = False
    yc: float = 0.0
    height: float = 10.0
    problems: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return squash("".join(r.text for r in reading_order(self.labels)))

    @property
    def text(self) -> str:
        return squash("".join(r.text for r in reading_order(self.texts)))

    @property
    def runs(self) -> list[Run]:
        return [*self.codes, *self.labels, *(run for _, run in self.amounts), *self.texts]


def reading_order(runs: list[Run]) -> list[Run]:
    """Runs of a wrapped cell line by line, each line left to right. A line is a band of centres, not a
    rounded top: letter-spaced text puts a full-width bracket a point lower than the characters
    around it (``因 公 出 国 （ 境 ） 费`` / ``用``)."""
    ordered: list[Run] = []
    line: list[Run] = []
    for run in sorted(runs, key=lambda r: r.yc):
        if line and run.yc - line[0].yc > 0.5 * max(line[0].height, run.height):
            ordered += sorted(line, key=lambda r: r.x0)
            line = []
        line.append(run)
    return ordered + sorted(line, key=lambda r: r.x0)


def starts_with_ordinal(text: str) -> bool:
    return ORDINAL_RE.match(text) is not None


def _split_line(runs: list[Run], with_codes: bool) -> tuple[list[Run], list[Run], list[Run], list[Run]]:
    """codes, label, amounts, trailing text of one line of one column group."""
    codes: list[Run] = []
    labels: list[Run] = []
    amounts: list[Run] = []
    texts: list[Run] = []
    for run in runs:
        text = run.text
        if with_codes and not labels and not amounts and _DIGITS_RE.match(text):
            codes.append(run)
        elif with_codes and not amounts and not labels and not codes and (glued := _GLUED_CODE_RE.match(text)):
            codes.append(Run(glued.group(1), run.x0, run.top, run.x0, run.bottom))
            labels.append(Run(glued.group(2), run.x0, run.top, run.x1, run.bottom))
        elif is_amount(text) and (labels or codes or amounts or not texts):
            if texts:
                texts.append(run)
            else:
                amounts.append(run)
        elif amounts:
            texts.append(run)
        else:
            labels.append(run)
    return codes, labels, amounts, texts


def body_rows(pages: list[tuple[int, list[Run]]], slots: list[Slot], own_row: Callable[[str], bool],
              with_codes: bool = True, text_column: bool = False) -> list[BodyRow]:
    """Rows of one column group, in printed order over its pages; ``own_row(label)`` says whether a
    label printed alone on its line is a row by itself. With a ``text_column`` (绩效目标), text right
    of the amounts continues the goal of the row above it, however many lines it wraps to."""
    text_start = max((s.xc for s in slots if s.xc < float("inf")), default=float("inf"))
    rows: list[BodyRow] = []
    for page, runs in pages:
        page_rows: list[BodyRow] = []
        loose: list[tuple[float, float, list[Run]]] = []
        for line in stripes(runs):
            codes, labels, amounts, texts = _split_line(line, with_codes)
            yc = sum(r.yc for r in line) / len(line)
            height = max(r.height for r in line)
            label = squash("".join(r.text for r in labels))
            if codes or amounts or own_row(label):
                row = BodyRow(page, codes, labels, [], texts, bool(codes or amounts), yc, height)
                _place(row, amounts, slots)
                page_rows.append(row)
            else:
                loose.append((yc, height, labels + texts))
        for yc, height, pieces in loose:
            above = [r for r in page_rows if r.yc < yc and r.anchored]
            if text_column and above and min(p.x0 for p in pieces) > text_start:
                max(above, key=lambda r: r.yc).texts.extend(pieces)
                continue
            near = [r for r in page_rows if abs(_label_yc(r, yc) - yc) <= _WRAP * max(height, r.height)]
            if near:
                step = max(0.3 * height, 0.1)  # distances within a step are a tie: the row above wins
                target = min(near, key=lambda r: (round(abs(_label_yc(r, yc) - yc) / step), r.yc))
                target.labels.extend(p for p in pieces if p.x0 < _amount_start(target))
                target.texts.extend(p for p in pieces if p.x0 >= _amount_start(target))
            else:
                page_rows.append(BodyRow(page, [], pieces, [], [], False, yc, height))
        page_rows.sort(key=lambda r: r.yc)
        rows.extend(_join_split_rows(page_rows))
    return rows


def _join_split_rows(rows: list[BodyRow]) -> list[BodyRow]:
    """Amounts printed lower than their label (a tall cell): a row of amounts alone joins the label-only
    row next to it."""
    kept: list[BodyRow] = []
    for row in rows:
        if row.amounts and not row.labels and not row.codes:
            near = [r for r in rows if r is not row and not r.amounts and r.labels
                    and abs(_label_yc(r, row.yc) - row.yc) <= _WRAP * max(row.height, r.height)]
            if near:
                target = min(near, key=lambda r: abs(_label_yc(r, row.yc) - row.yc))
                target.amounts, target.texts, target.anchored = row.amounts, target.texts + row.texts, True
                target.problems += row.problems
                continue
        kept.append(row)
    return kept


def stripes(runs: list[Run]) -> list[list[Run]]:
    """Runs grouped into table rows by their vertical centres: a new row starts where the centres
    jump by most of a text height. Unlike text lines, a row's runs need not share a centre: its
    amounts may sit in taller boxes, its code a little higher than its label."""
    if not runs:
        return []
    heights = sorted(r.height for r in runs if not is_amount(r.text)) or sorted(r.height for r in runs)
    gap = 0.85 * heights[len(heights) // 2]
    rows: list[list[Run]] = []
    last = float("-inf")
    for run in sorted(runs, key=lambda r: r.yc):
        if run.yc - last > gap:
            rows.append([])
        rows[-1].append(run)
        last = run.yc
    for row in rows:
        row.sort(key=lambda r: r.x0)
    return rows


def _label_yc(row: BodyRow, near: float) -> float:
    """The centre of the row's label line closest to ``near`` (the row's centre if it has no label)."""
    return min((r.yc for r in row.labels), key=lambda y: abs(y - near), default=row.yc)


def _amount_start(row: BodyRow) -> float:
    return min((run.x0 for _, run in row.amounts), default=float("inf"))


def _place(row: BodyRow, amounts: list[Run], slots: list[Slot]) -> None:
    if not amounts:
        return
    columns = assign(amounts, slots) if slots else None
    if columns is None:
        width = len(slots)
        if slots:
            row.problems.append(f"读到 {len(amounts)} 个数值，多于 {width} 列")
        columns = list(range(len(amounts)))
    row.amounts = list(zip(columns, amounts, strict=True))


def join_code(pieces: list[str], context: dict[int, str]) -> tuple[str | None, str | None]:
    """``['208', '05', '01']`` → ``'2080501'``; returns (code, problem). ``context`` holds the last code
    read at each level (1 类, 2 款) to read a misprinted 类 (``7 11 02`` under 210 11)."""
    if not pieces:
        return None, None
    printed = " ".join(pieces)
    if len(pieces) == 1:
        code = pieces[0]
        return (code, None) if len(code) in (3, 5, 7) else (code, f"编码“{printed}”位数不对")
    head, rest = pieces[0], pieces[1:]
    problem = None
    if len(head) != 3:
        head = context.get(1, head)
        problem = f"编码“{printed}”的类级编码印错，按上下文读作 {head}"
    parts = []
    for piece in rest:
        if len(piece) == 1:
            problem = problem or f"编码“{printed}”少前导零，读作 {head}{''.join(p.zfill(2) for p in rest)}"
            piece = piece.zfill(2)
        parts.append(piece)
    return head + "".join(parts), problem
