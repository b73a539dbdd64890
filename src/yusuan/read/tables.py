"""Part 2 of a text disclosure: the numbered tables, read as the format declares them.

A table starts at its ``表N`` line and title, has a header (wrapped cells, ignored: the declaration
gives the column tree), a body of rows, and notes from ``注：`` on. Its header is repeated on every
continuation page and is skipped there. Rows may wrap: a code alone on a line, the label on the
next lines, the amounts after. How rows are assembled depends on the table's layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from yusuan.formats.spec import FormatSpec, TableSpec
from yusuan.model import Column, Diagnostic, Row, Source, Table
from yusuan.money import is_amount, parse_amount
from yusuan.read.cells import code_level, split_cells, take_code
from yusuan.read.lines import Line
from yusuan.text import label_key, ordinal_number, split_ordinal, squash

TABLE_LINE_RE = re.compile(r"^表\s*(\d{1,2})(?:\s+(\S.*))?$")
UNIT_RE = re.compile(r"单位[:：]\s*(亿元|万元|元)")
ENTITY_RE = re.compile(r"(?:单位名称|编制单位|编制部门|部门名称)[:：]\s*(.+?)\s*(?=单位[:：]|$)")
NOTE_RE = re.compile(r"^(?:注|说明)[:：]\s*(.*)$")
TOTAL_LABELS = frozenset({"合计", "总计"})
_SENTENCE_END = "。；！？.;"


@dataclass(slots=True)
class TableStart:
    index: int  # of the 表N line
    spec: TableSpec
    title: str
    body: int  # index of the first line after the title


def title_index(fmt: FormatSpec) -> dict[str, TableSpec]:
    return {label_key(title): table for table in fmt.tables for title in table.titles}


def locate_tables(lines: list[Line], fmt: FormatSpec, diagnostics: list[Diagnostic]) -> list[TableStart]:
    """Every ``表N`` line followed by a title the format declares (the title may wrap)."""
    titles = title_index(fmt)
    starts: list[TableStart] = []
    for i, line in enumerate(lines):
        match = TABLE_LINE_RE.match(line.text)
        if match is None:
            continue
        number = int(match.group(1))
        found = _match_title(lines, i, match.group(2), titles)
        if found is None:
            diagnostics.append(Diagnostic(f"表{number} 的标题无法识别，该表未读取。", _source(line)))
            continue
        spec, title, body = found
        if spec.number != number:
            diagnostics.append(Diagnostic(
                f"表{number}“{title}”在本格式中应为表{spec.number}，按标题读取。", _source(line)))
        starts.append(TableStart(i, spec, title, body))
    return starts


def _match_title(
    lines: list[Line], i: int, inline: str | None, titles: dict[str, TableSpec]
) -> tuple[TableSpec, str, int] | None:
    if inline:
        spec = titles.get(label_key(inline))
        return (spec, inline, i + 1) if spec else None
    text = ""
    for j in range(i + 1, min(i + 4, len(lines))):
        text += lines[j].text
        spec = titles.get(label_key(text))
        if spec:
            return spec, text, j + 1
    return None


def read_tables(
    lines: list[Line], fmt: FormatSpec, diagnostics: list[Diagnostic]
) -> tuple[list[Table], int | None, int | None]:
    """All declared tables found in ``lines``; also the span (first, last line index) they occupy."""
    starts = locate_tables(lines, fmt, diagnostics)
    tables: list[Table] = []
    for n, start in enumerate(starts):
        end = _region_end(lines, starts[n + 1].index) if n + 1 < len(starts) else len(lines)
        tables.append(_read_table(lines, start, end, diagnostics))
    if not starts:
        return tables, None, None
    first = _region_end(lines, starts[0].index)
    return tables, first, len(lines)


def _region_end(lines: list[Line], next_start: int) -> int:
    """A table ends where the unit line / part heading in front of the next ``表N`` begins."""
    end = next_start
    while end > 0 and next_start - end < 3 and _is_preamble(lines[end - 1].text):
        end -= 1
    return end


def _is_preamble(text: str) -> bool:
    return bool(UNIT_RE.search(text) or ENTITY_RE.search(text) or re.match(r"^第[一二三四五六七八九十]+部分", text))


def _read_table(lines: list[Line], start: TableStart, end: int, diagnostics: list[Diagnostic]) -> Table:
    spec = start.spec
    unit, entity = _unit_and_entity(lines, start.index, start.body, end)
    table = Table(
        number=spec.number,
        key=spec.key,
        title=start.title,
        unit=unit or "",
        columns=[Column(c.key, list(c.path)) for c in spec.columns],
        text_column=Column(spec.text_column.key, list(spec.text_column.path)) if spec.text_column else None,
        entity=entity,
    )
    note_at = next((k for k in range(start.body, end) if NOTE_RE.match(lines[k].text)), end)
    header_end = _header_end(lines, start.body, note_at, spec)
    header = [squash(lines[k].text) for k in range(start.body, header_end)]
    _check_header(table, header, lines[start.index], diagnostics)
    body = [
        line for line in lines[header_end:note_at]
        if not (UNIT_RE.search(line.text) and ENTITY_RE.search(line.text))
    ]
    body = _drop_repeated_headers(body, header)
    reader = _LAYOUT_READERS[spec.layout]
    table.rows = reader(body, spec, table, diagnostics)
    table.notes = join_notes([line.text for line in lines[note_at:end]])
    table.pages = sorted({line.page for line in lines[start.index:end]})
    if not table.rows:
        diagnostics.append(Diagnostic(f"表{spec.number}“{start.title}”没有读到任何数据行。",
                                      _source(lines[start.index])))
    return table


def _unit_and_entity(lines: list[Line], index: int, body: int, end: int) -> tuple[str | None, str | None]:
    unit = entity = None
    for k in [*range(max(0, index - 3), index), *range(body, min(body + 3, end))]:
        text = lines[k].text
        unit = unit or (m.group(1) if (m := UNIT_RE.search(text)) else None)
        entity = entity or (m.group(1) if (m := ENTITY_RE.search(text)) else None)
    return unit, entity


def _header_end(lines: list[Line], begin: int, end: int, spec: TableSpec) -> int:
    """The first body line: the first line that holds an amount or starts with a subject code."""
    for k in range(begin, end):
        tokens = lines[k].text.split()
        if spec.layout == "code_rows":
            code, tokens = take_code(tokens)
            if code:
                return k
        _, found, _ = split_cells(tokens)
        if found:
            return k
    return end


def _check_header(table: Table, header: list[str], at: Line, diagnostics: list[Diagnostic]) -> None:
    text = label_key("".join(header))
    leaves = [c.path[-1] for c in table.columns]
    missing = [leaf for leaf in leaves if label_key(leaf) not in text]
    if header and len(missing) * 2 > len(leaves):
        diagnostics.append(Diagnostic(
            f"表{table.number} 表头中找不到这些列：{'、'.join(missing)}；按格式声明的列读取。", _source(at)))


def _drop_repeated_headers(body: list[Line], header: list[str]) -> list[Line]:
    """Skip the header block printed again at the top of each continuation page."""
    if not header:
        return body
    header_set = set(header)
    kept: list[Line] = []
    skipping = False
    for line in body:
        key = squash(line.text)
        if key == header[0]:
            skipping = True
            continue
        if skipping and key in header_set:
            continue
        skipping = False
        kept.append(line)
    return kept


def join_notes(texts: list[str]) -> list[str]:
    """The ``注：`` lines under a table as notes: a line continues the note before it unless that one
    ended a sentence, or the line is numbered (``1.``) or starts with ``注：`` itself."""
    notes: list[str] = []
    for raw in texts:
        text = squash(raw)
        match = NOTE_RE.match(text)
        if match:
            notes.append(match.group(1))
        elif notes and notes[-1] and notes[-1][-1] not in _SENTENCE_END and not re.match(r"^\d+[.．、]", text):
            notes[-1] += text
        else:
            notes.append(text)
    return [n for n in notes if n]


def _source(line: Line) -> Source:
    return Source(page=line.page, line=line.number)


@dataclass(slots=True)
class _Pending:
    """A row being assembled from one or more wrapped lines."""

    source: Source
    code: str | None = None
    label: str = ""
    tokens: list[str] = field(default_factory=list)
    text: str = ""


def _values(tokens: list[str], width: int) -> list[Decimal | None]:
    values = [parse_amount(t) for t in tokens[:width]]
    return values + [None] * (width - len(values))


def _finish(pending: _Pending, width: int, table: Table, diagnostics: list[Diagnostic]) -> list[Decimal | None]:
    if len(pending.tokens) != width:
        diagnostics.append(Diagnostic(
            f"表{table.number}“{pending.label or pending.code}”一行读到 {len(pending.tokens)} 个数值，"
            f"应为 {width} 个。", pending.source))
    return _values(pending.tokens, width)


def _code_rows(body: list[Line], spec: TableSpec, table: Table, diagnostics: list[Diagnostic]) -> list[Row]:
    width = len(spec.columns)
    rows: list[Row] = []
    pending: _Pending | None = None

    def emit() -> None:
        nonlocal pending
        assert pending is not None
        label = squash(pending.label)
        ordinal, label = split_ordinal(label)
        level = code_level(pending.code) if pending.code else (0 if label in TOTAL_LABELS else None)
        rows.append(Row(label=label, values=_finish(pending, width, table, diagnostics), code=pending.code,
                        ordinal=ordinal, level=level, key="total" if level == 0 else None,
                        source=pending.source))
        pending = None

    for line in body:
        tokens = line.text.split()
        if pending is not None and tokens and all(is_amount(t) for t in tokens):
            code = None  # an amounts-only line completes the row whose code and label came before
        else:
            code, tokens = take_code(tokens)
        if code and pending is not None:
            emit()
        if pending is None:
            pending = _Pending(_source(line), code)
        label, found, trail = split_cells(tokens)
        if label and pending.tokens:
            emit()
            pending = _Pending(_source(line))
        pending.label += "".join(label)
        pending.tokens += found
        if trail:
            diagnostics.append(Diagnostic(f"表{table.number} 行尾有无法归属的文字：{' '.join(trail)}",
                                          _source(line)))
        if len(pending.tokens) >= width:
            emit()
    if pending is not None:
        emit()
    return rows


def _fixed_rows(body: list[Line], spec: TableSpec, table: Table, diagnostics: list[Diagnostic]) -> list[Row]:
    rows = _code_rows(body, spec, table, diagnostics)
    names = {label_key(name): row for row in spec.rows for name in row.names}
    for row in rows:
        declared = names.get(label_key(row.label))
        if declared is None:
            diagnostics.append(Diagnostic(f"表{table.number} 有格式未声明的行“{row.label}”。", row.source))
            continue
        row.key, row.level = declared.key, declared.level
    return rows


def _two_sided(body: list[Line], spec: TableSpec, table: Table, diagnostics: list[Diagnostic]) -> list[Row]:
    """收入 on the left, 支出 on the right, one line holding one or both sides."""
    width = len(spec.columns)
    sides = {label_key(name): ("收入", row) for row in spec.income for name in row.names}
    sides |= {label_key(name): ("支出", row) for row in spec.expense for name in row.names}
    income: list[Row] = []
    expense: list[Row] = []
    carry = ""
    for line in body:
        pairs: list[tuple[str, list[str]]] = []
        label = carry
        tokens = line.text.split()
        k = 0
        while k < len(tokens):
            if is_amount(tokens[k]) and label:
                pairs.append((label, tokens[k:k + width]))
                k += width
                label = ""
            else:
                label += tokens[k]
                k += 1
        carry = label
        for n, (printed, values) in enumerate(pairs):
            ordinal, name = split_ordinal(printed)
            side, declared = sides.get(label_key(name), (None, None))
            if side is None:
                side = "收入" if len(pairs) == 2 and n == 0 else _guess_side(name, ordinal, len(spec.income))
                diagnostics.append(Diagnostic(f"表{table.number} 有格式未声明的行“{printed}”。", _source(line)))
            if len(values) != width:
                diagnostics.append(Diagnostic(f"表{table.number}“{printed}”的数值不完整。", _source(line)))
            row = Row(label=name, values=_values(values, width), code=declared.code if declared else None,
                      ordinal=ordinal, level=declared.level if declared else None, side=side,
                      key=declared.key if declared else None, source=_source(line))
            (income if side == "收入" else expense).append(row)
    if carry:
        diagnostics.append(Diagnostic(f"表{table.number} 末尾有无法归属的文字：{carry}", _source(body[-1])))
    return income + expense


def _guess_side(name: str, ordinal: str | None, income_count: int) -> str:
    number = ordinal_number(ordinal)
    if "支出" in name or (number is not None and number > income_count):
        return "支出"
    return "收入"


def _project_rows(body: list[Line], spec: TableSpec, table: Table, diagnostics: list[Diagnostic]) -> list[Row]:
    """Projects with their goals: text after a row's amounts, and the lines after it, are its goal.

    Lines between two project rows hold the first row's goal and, possibly, the start of the next
    row's wrapped name. Everything up to the last sentence end belongs to the goal.
    """
    width = len(spec.columns)
    rows: list[Row] = []
    buffer: list[Line] = []

    def flush(before_row: bool) -> tuple[str, Line | None]:
        """Give the buffered lines to the last row's goal; return what starts the next row's name."""
        text = "".join(squash(line.text) for line in buffer)
        last = buffer[-1] if buffer else None
        buffer.clear()
        goal, prefix = text, ""
        if before_row:
            previous = rows[-1].text if rows else ""
            cut = max(text.rfind(c) for c in _SENTENCE_END) + 1
            if not rows:
                goal, prefix = "", text
            elif cut or (previous and previous[-1] in _SENTENCE_END):
                goal, prefix = text[:cut], text[cut:]
        if rows and goal:
            rows[-1].text = (rows[-1].text or "") + goal
        return prefix, (last if prefix else None)

    for line in body:
        label, found, trail = split_cells(line.text.split())
        if not found:
            buffer.append(line)
            continue
        prefix, prefix_line = flush(before_row=True)
        name = squash(prefix + "".join(label))
        if len(found) != width:
            diagnostics.append(Diagnostic(f"表{table.number}“{name}”读到 {len(found)} 个数值，应为 {width} 个。",
                                          _source(line)))
        ordinal, name = split_ordinal(name)
        level = 0 if name in TOTAL_LABELS else 1
        rows.append(Row(label=name, values=_values(found, width), ordinal=ordinal, level=level,
                        key="total" if level == 0 else None, text="".join(trail) or None,
                        source=_source(prefix_line or line)))
    flush(before_row=False)
    return rows


_LAYOUT_READERS = {
    "code_rows": _code_rows,
    "fixed_rows": _fixed_rows,
    "two_sided": _two_sided,
    "project_rows": _project_rows,
}
