"""Part 2 of a PDF disclosure: tables found by their titles, followed across pages, read by position.

A table starts at a line that prints a declared title (``2024年部门收入预算总表``, ``表2 收入总体情况表``;
numbering and the year in front are not part of the title) with a unit line close below it, which
tells a title from its entry in the table of contents. It runs to the next table or section heading.
On each of its pages: unit/entity lines, then the header (lines before the first row), then rows,
then ``注：`` notes. The header gives the columns' positions; a continuation page without a header
uses the previous page's. Tables printed as side-by-side column groups (two-sided 收入|支出 tables,
决算 表6) are cut at the empty strip between the groups and each group is read on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from yusuan.formats.detect import TITLE_PREFIX_RE, title_key
from yusuan.formats.spec import ColumnSpec, FormatSpec, RowSpec, TableSpec
from yusuan.memo import by_identity
from yusuan.model import Column, Diagnostic, Row, Source, Table
from yusuan.money import AmountError, is_amount, parse_amount
from yusuan.read.cells import code_level
from yusuan.read.pdf.columns import Slot, find_slots
from yusuan.read.pdf.extract import Run
from yusuan.read.pdf.layout import PdfLine, box_of
from yusuan.read.pdf.rows import BodyRow, body_rows, join_code, starts_with_ordinal
from yusuan.read.tables import ENTITY_RE, NOTE_RE, TOTAL_LABELS, UNIT_RE, join_notes
from yusuan.text import label_key, split_ordinal, squash

_key = lru_cache(maxsize=16384)(label_key)  # labels repeat on every page and in every table
_TABLE_NUMBER_RE = re.compile(r"^表\s*(\d{1,2})$")
_LEADERS = ("……", "...", "···", "…")
_CODE_START_RE = re.compile(r"^[\[［【]?\d{3}(?:\d{2}){0,2}[\]］】]?(?![\d.,])")


@dataclass(slots=True)
class Start:
    index: int  # first line of the title
    body: int  # first line after the title
    spec: TableSpec
    title: str


def locate(lines: list[PdfLine], fmt: FormatSpec) -> list[Start]:
    titles = {title_key(title): table for table in fmt.tables for title in table.titles}
    starts: list[Start] = []
    for i, line in enumerate(lines):
        text = squash(line.text)
        if len(text) > 60 or any(mark in text for mark in _LEADERS):
            continue
        found = _title_at(lines, i, text, titles)
        if found is None:
            continue
        spec, title, body = found
        if not any(UNIT_RE.search(lines[k].text) for k in range(body, min(body + 4, len(lines)))
                   if lines[k].page == line.page):
            continue  # the table of contents prints titles too, never a unit line under them
        if starts and starts[-1].spec is spec:
            continue  # the title repeated on a continuation page
        starts.append(Start(i, body, spec, title))
    return starts


def _title_at(lines: list[PdfLine], i: int, text: str, titles: dict[str, TableSpec]):
    spec = titles.get(title_key(text))
    if spec is not None:
        return spec, TITLE_PREFIX_RE.sub("", text, count=1), i + 1
    if _TABLE_NUMBER_RE.match(text) or text.startswith("表"):
        joined = "" if _TABLE_NUMBER_RE.match(text) else text
        for j in range(i + 1, min(i + 3, len(lines))):
            joined += squash(lines[j].text)
            spec = titles.get(title_key(joined))
            if spec is not None:
                return spec, TITLE_PREFIX_RE.sub("", joined, count=1), j + 1
    return None


def read_tables(lines: list[PdfLine], fmt: FormatSpec, is_heading: Callable[[PdfLine], bool],
                diagnostics: list[Diagnostic]) -> tuple[list[Table], tuple[int, int] | None]:
    """All declared tables; also the span of line indices (first title, end of the last table)."""
    starts = locate(lines, fmt)
    tables = []
    end = len(lines)
    for n, start in enumerate(starts):
        end = starts[n + 1].index if n + 1 < len(starts) else len(lines)
        stop = next((k for k in range(start.body, end) if is_heading(lines[k])), end)
        tables.append(_read(lines, start, stop, fmt, diagnostics))
        end = stop
    return tables, ((starts[0].index, end) if starts else None)


@dataclass(slots=True)
class _PageBlock:
    page: int
    header: list[Run]
    body: list[Run]


def _read(lines: list[PdfLine], start: Start, end: int, fmt: FormatSpec, diagnostics: list[Diagnostic]) -> Table:
    spec = start.spec
    region = lines[start.body:end]
    unit = entity = None
    notes: list[str] = []
    blocks: list[_PageBlock] = []
    for page in sorted({line.page for line in region}):
        page_lines = [line for line in region if line.page == page]
        kept = []
        in_notes = False
        for k, line in enumerate(page_lines):
            text = squash(line.text)
            if in_notes or NOTE_RE.match(text):
                in_notes = True
                notes.append(text)
                continue
            if k < 3 and (UNIT_RE.search(line.text) or ENTITY_RE.search(line.text)):
                unit = unit or (m.group(1) if (m := UNIT_RE.search(line.text)) else None)
                entity = entity or (m.group(1).strip() if (m := ENTITY_RE.search(line.text)) else None)
                continue
            kept.append(line)
        runs = [r for line in kept for r in line.runs]
        split = _body_top(runs, spec)
        blocks.append(_PageBlock(page, [r for r in runs if r.yc < split and not _is_number(r.text)],
                                 [r for r in runs if r.yc >= split or _is_number(r.text)]))
    table = Table(
        number=spec.number, key=spec.key, title=start.title, unit=unit or spec.unit or fmt.unit,
        columns=[], entity=entity, notes=join_notes(notes),
        pages=sorted({lines[start.index].page, *(b.page for b in blocks if b.body or b.header)}),
    )
    at = Source(page=lines[start.index].page, box=lines[start.index].box)
    groups = _group_columns(spec)
    slots = _slots(blocks, groups, table, at, diagnostics)
    unique = {s.spec.key: s.spec for group in slots for s in group}  # column groups repeat their columns
    table.columns = [Column(c.key, list(c.path)) for c in unique.values()]
    if spec.text_column:
        table.text_column = Column(spec.text_column.key, list(spec.text_column.path))
    bounds = _boundaries(blocks, slots, spec.layout == "code_rows")
    index = {key: i for i, key in enumerate(unique)}
    for g, group_slots in enumerate(slots):
        pages = [(b.page, [r for r in b.body if bounds[g] <= r.xc < bounds[g + 1]]) for b in blocks]
        rows = body_rows(pages, group_slots, _own_row(spec, g), with_codes=spec.layout == "code_rows",
                         text_column=spec.text_column is not None)
        table.rows += _interpret(rows, spec, g, group_slots, index, table, diagnostics)
    if not table.rows and not spec.may_be_empty and not _says_empty(table.notes):
        diagnostics.append(Diagnostic(f"表{spec.number}“{table.title}”没有读到任何数据行。", at))
    return table


def _says_empty(notes: list[str]) -> bool:
    return any("空表" in note or "无数据" in note or "无发生" in note for note in notes)


@lru_cache(maxsize=65536)
def _is_number(text: str) -> bool:
    return is_amount(text) and any(c.isdigit() for c in text)


def _body_top(runs: list[Run], spec: TableSpec) -> float:
    """Where the rows begin: the top of the first row's code or label (a row's amounts may be printed in
    boxes taller than the header line above them), or of the first amount in a table of values only."""
    names = _names(spec)
    numbers = [r for r in runs if _is_number(r.text)]
    labels = [r.top for r in runs if (_CODE_START_RE.match(r.text) and spec.layout == "code_rows")
              or starts_with_ordinal(r.text)
              or ((r.text in TOTAL_LABELS or _key(r.text) in names) and _beside_amount(r, numbers))]
    if labels:
        return min(labels)
    return min((r.top for r in numbers), default=float("inf"))


def _beside_amount(label: Run, numbers: list[Run]) -> bool:
    """A 合计 with an amount on its right is a row; without one it is a column header."""
    return any(r.x0 > label.x1 and abs(r.yc - label.yc) < label.height for r in numbers)


@by_identity
def _names(spec: TableSpec) -> set[str]:
    return {_key(name) for row in (*spec.rows, *spec.income, *spec.expense) for name in row.names}


def _group_columns(spec: TableSpec) -> list[tuple[ColumnSpec, ...]]:
    if spec.layout == "two_sided":
        return list(spec.side_columns)
    return [spec.columns] * spec.groups


def _slots(blocks: list[_PageBlock], groups: list[tuple[ColumnSpec, ...]], table: Table, at: Source,
           diagnostics: list[Diagnostic]) -> list[list[Slot]]:
    """Column positions from the first page whose header names them."""
    for block in blocks:
        if not block.header:
            continue
        found: list[list[Slot]] = []
        missing: list[ColumnSpec] = []
        after = float("-inf")
        for columns in groups:
            slots, lost = find_slots(columns, block.header, after)
            found.append(slots)
            missing += lost
            after = slots[-1].xc + 1 if slots else after
        if missing:
            names = "、".join(dict.fromkeys(c.path[-1] for c in missing))
            diagnostics.append(Diagnostic(f"表{table.number} 表头中找不到这些列：{names}。", at))
            found = [[*g, *_placeholders(c, g)] for g, c in zip(found, groups, strict=True)]
        return found
    return [[Slot(c, float("nan")) for c in columns if not c.optional] for columns in groups]


def _placeholders(columns: tuple[ColumnSpec, ...], found: list[Slot]) -> list[Slot]:
    keys = {s.spec.key for s in found}
    return [Slot(c, float("inf")) for c in columns if c.key not in keys and not c.optional]


def _boundaries(blocks: list[_PageBlock], slots: list[list[Slot]], codes: bool) -> list[float]:
    """x where each column group starts: the first empty strip right of a group's last column. Where
    the groups print codes (决算 表6), a bare integer may be the next group's code, not an amount."""
    bounds = [float("-inf")]
    runs = [r for b in blocks for r in b.body]
    for g in range(1, len(slots)):
        left = max((s.xc for s in slots[g - 1] if s.xc < float("inf")), default=None)
        right = min((s.xc for s in slots[g] if s.xc == s.xc), default=None)
        if left is None or right is None:
            bounds.append(float("inf"))
            continue
        cover = left
        for run in runs:  # the group's own amounts, printed right of its header's centre
            if _is_number(run.text) and (not codes or any(c in run.text for c in ".,")) and abs(
                    run.xc - left) < abs(run.xc - right):
                cover = max(cover, run.x1)
        gap = (left + right) / 2
        for run in sorted((r for r in runs if r.x1 > cover and r.x0 < right), key=lambda r: r.x0):
            if run.x0 > cover + 1:
                gap = (cover + run.x0) / 2
                break
            cover = max(cover, run.x1)
        bounds.append(gap)
    bounds.append(float("inf"))
    return bounds


def _own_row(spec: TableSpec, group: int) -> Callable[[str], bool]:
    names = _names(spec)

    def own(label: str) -> bool:
        if not label:
            return False
        if label in TOTAL_LABELS or _key(split_ordinal(label)[1]) in names:
            return True
        return spec.layout != "code_rows" and starts_with_ordinal(label)

    return own


def _values(row: BodyRow, slots: list[Slot], index: dict[str, int], width: int, table: Table,
            diagnostics: list[Diagnostic], source: Source):
    values: list[Decimal | None] = [None] * width
    boxes: list[tuple[float, float, float, float] | None] = [None] * width
    for column, run in row.amounts:
        if column >= len(slots):
            continue
        k = index[slots[column].spec.key]
        try:
            values[k] = parse_amount(run.text)
        except AmountError:
            diagnostics.append(Diagnostic(f"表{table.number} 的“{run.text}”不是金额。", source))
            continue
        boxes[k] = run.box
    return values, boxes


def _interpret(rows: list[BodyRow], spec: TableSpec, group: int, slots: list[Slot], index: dict[str, int],
               table: Table, diagnostics: list[Diagnostic]) -> list[Row]:
    width = len(index)
    result: list[Row] = []
    context: dict[int, str] = {}
    declared = _declared(spec, group)
    used: set[str] = set()
    for body in rows:
        source = Source(page=body.page, box=box_of(body.runs))
        for problem in body.problems:
            diagnostics.append(Diagnostic(f"表{table.number}“{body.label}”{problem}。", source))
        values, boxes = _values(body, slots, index, width, table, diagnostics, source)
        ordinal, label = split_ordinal(body.label)
        code, problem = join_code([r.text for r in body.codes], context)
        if problem:
            diagnostics.append(Diagnostic(f"表{table.number}“{label}”{problem}。", source))
        if code:
            level = code_level(code)
            context[level] = code[: {1: 3, 2: 5}.get(level, 7)]
        fixed = next((r for r in declared.get(_key(label), ()) if r.key not in used), None)
        if fixed is None and (candidates := declared.get(_key(label))):
            fixed = candidates[-1]
        if fixed is not None:
            used.add(fixed.key)
        has_values = any(v is not None for v in values)
        if spec.layout == "values_row":
            if not has_values:
                continue
            fixed = RowSpec(key=spec.extra.get("row_key", "values"), label=spec.row_label or "", level=1)
            label = label or fixed.label
        elif spec.layout in ("code_rows", "project_rows") and not code and not has_values and fixed is None:
            if label and label not in TOTAL_LABELS and any(c.isalnum() for c in label):
                diagnostics.append(Diagnostic(f"表{table.number} 有无法归属的文字“{label}”。", source))
            continue
        elif spec.layout in ("fixed_rows", "two_sided") and fixed is None and label:
            diagnostics.append(Diagnostic(f"表{table.number} 有格式未声明的行“{body.label}”。", source))
        if code:
            level, key = code_level(code), None
        elif fixed is not None:
            level, key = fixed.level, fixed.key
            code = fixed.code
        else:
            level = 0 if label in TOTAL_LABELS else (1 if spec.layout == "project_rows" else None)
            key = "total" if level == 0 else None
        side = ("收入", "支出")[group] if spec.layout == "two_sided" else None
        result.append(Row(label=label, values=values, code=code, ordinal=ordinal, level=level, side=side, key=key,
                          text=body.text or None if spec.text_column else None, source=source, boxes=boxes))
    return result


def _declared(spec: TableSpec, group: int) -> dict[str, list[RowSpec]]:
    """Declared rows by name; a name may stand for several rows (年初结转 repeats 一、一般公共预算财政拨款),
    which are then taken in their declared order."""
    return _declared_by_group(spec)[group if spec.layout == "two_sided" else 0]


@by_identity
def _declared_by_group(spec: TableSpec) -> tuple[dict[str, list[RowSpec]], ...]:
    groups = (spec.income, spec.expense) if spec.layout == "two_sided" else (spec.rows,)
    named: tuple[dict[str, list[RowSpec]], ...] = tuple({} for _ in groups)
    for rows, by_name in zip(groups, named, strict=True):
        for row in rows:
            for name in row.names:
                by_name.setdefault(_key(name), []).append(row)
    return named
