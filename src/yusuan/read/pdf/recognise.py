"""Printed tables → Document tables on the national model: kind, canonical columns, rows with codes.

A table's kind comes from its title (:mod:`yusuan.formats.national`); each amount column's key from
its header path (the concept its leaf names, or the concept of the header cell above a 合计/小计);
each row's code from the code columns (one column, or one per 类/款/项 with the higher levels left
blank under their first row), from a code printed in front of the name (``[201]``, ``201 一般…``), or
— where the table prints names alone — from the name under its printed parent. Fixed rows (收支总表,
the fixed rows of a 三公 table) take the canonical key their name says. Two-sided tables are cut into
their 收入 and 支出 groups of columns. Nothing here names a region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from yusuan.formats.catalog import RENAMED, economic, functional
from yusuan.formats.national import TEXT_KINDS, Vocabulary, clean
from yusuan.model import Column, Diagnostic, Row, Source, Table
from yusuan.money import AmountError, parse_amount
from yusuan.read.cells import code_level
from yusuan.read.pdf.raw import RawCell, RawColumn, RawRow
from yusuan.read.pdf.scan import PrintedTable
from yusuan.text import split_ordinal, squash

TWO_SIDED = frozenset({"summary", "fiscal_summary"})  # others by their header (收入 | 支出)
_GLUED_RE = re.compile(r"^[\[［【]?(\d{3}|\d{5}|\d{7})[\]］】]?\s*(?=[^\d.,])(.+)$")
_CODE_RE = re.compile(r"^[\[［【]?(\d{3}|\d{5}|\d{7})[\]］】]?$")
_TOTAL_NAMES = ("合计", "总计")
_YEAR_RE = re.compile(r"(20\d\d)年")
_ENTITY_HEADERS = ("单位编码", "单位代码", "预算单位代码", "部门编码", "单位（项目）名称", "单位名称", "部门名称",
                   "资金使用单位")


@dataclass(slots=True)
class Group:
    """One side of a table: its code, label, amount and text columns (indexes into the raw columns)."""

    side: str | None
    codes: list[int]
    labels: list[int]
    amounts: list[int]
    texts: list[int]
    entity: bool = False  # rows are units (单位名称 / 单位编码), not subjects
    alt_codes: list[int] = field(default_factory=list)  # a second classification's code columns


def groups(columns: list[RawColumn], two_sided: bool) -> list[Group]:
    """Column groups: a two-sided table starts a new group at each name column after an amount column.
    In a group, the codes and the name before the amounts are the row's own; a second classification
    printed beside them (政府经济分类 beside 部门经济分类) is kept as text."""
    found: list[Group] = []
    current = Group(None, [], [], [], [])
    for i, column in enumerate(columns):
        if current.amounts and ((two_sided and column.role == "label") or column.role == "code"):
            found.append(current)  # the next side, or the same columns printed again beside (决算 表6)
            current = Group(None, [], [], [], [])
        role = column.role
        if role == "code" and current.labels and not current.amounts:
            role = "alt"  # a second classification printed beside the row's own (政府经济分类)
        elif role in ("code", "label") and current.labels and (role == "code" or not _adjacent(current.labels, i)):
            role = "text"  # a name column after the row's name
        {"code": current.codes, "label": current.labels, "amount": current.amounts, "alt": current.alt_codes,
         "text": current.texts}.get(role, []).append(i)
    found.append(current)
    found = [g for g in found if g.amounts or g.labels]
    for group in found:
        heads = "".join(columns[i].path[0] for i in (*group.labels, *group.codes) if columns[i].path)
        group.entity = any(w in clean(heads) for w in _ENTITY_HEADERS)
    if two_sided and len(found) > 1 and not repeated(columns, found):
        for n, group in enumerate(found):
            top = "".join(columns[group.amounts[0]].path[:1]) if group.amounts else ""
            group.side = "支出" if ("支出" in top or n > 0) and "收入" not in top else "收入"
            if n > 1:
                label = columns[group.labels[0]].path[-1] if group.labels and columns[group.labels[0]].path else ""
                group.side = f"支出（{clean(label)}）" if label else f"支出{n}"
    return found


def repeated(columns: list[RawColumn], found: list[Group]) -> bool:
    """Groups that print the same header again (one table in two halves side by side, not 收入|支出)."""
    if len(found) < 2:
        return False
    heads = [[columns[i].path[1:] or columns[i].path for i in g.amounts] for g in found]
    return all(h == heads[0] for h in heads) and bool(found[1].codes)


def _adjacent(indexes: list[int], i: int) -> bool:
    return bool(indexes) and indexes[-1] == i - 1


def column_keys(columns: list[RawColumn], group: Group, vocab: Vocabulary) -> list[str]:
    """The canonical key of each amount column of a group, from its header path."""
    paths = [[clean(p) for p in columns[i].path] for i in group.amounts]
    common = 0  # header cells every amount column of the group shares (收入, 支出预算 …): the table's scope
    while paths and all(len(p) > common + 1 for p in paths) and len({p[common] for p in paths}) == 1:
        common += 1
    leaf_qualifiers = {q for p in paths if p and (q := vocab.qualifier(p[-1]))}
    if len(leaf_qualifiers) >= 2:  # 预算数 | 决算数 under each concept: the concept is above, the leaf qualifies it
        paths = [[*p[:-1], p[-1]] if not vocab.qualifier(p[-1]) else [*p[:-1]] for p in paths]
        keys = [_column_key(p, common, vocab, single=False) if p else "c" for p in paths]
        keys = [f"{q}.{k}" if (q := vocab.qualifier(columns[i].path[-1])) else k
                for k, i in zip(keys, group.amounts, strict=True)]
        return _unique(keys)
    years = [{int(y) for cell in path for y in _YEAR_RE.findall(cell)} for path in paths]
    latest = max((y for ys in years for y in ys), default=None)
    keys: list[str] = []
    for path, ys in zip(paths, years, strict=True):
        key = _column_key(path, common, vocab, single=len(paths) == 1)
        if latest is not None and ys and max(ys) < latest and not key.startswith("prior"):
            key = f"prior.{key}"  # 2025年预算数 beside 2026年预算数: last year's figures
        keys.append(key)
    return _unique(keys)


def _unique(keys: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    for n, key in enumerate(keys):
        if key in seen:
            seen[key] += 1
            keys[n] = f"{key}_{seen[key]}"
        else:
            seen[key] = 1
    return keys


def _column_key(path: list[str], common: int, vocab: Vocabulary, single: bool) -> str:
    own = path[common:] or path[-1:]
    if not own:
        return "amount" if single else "c"
    qualifiers = [q for cell in own[:-1] if (q := vocab.qualifier(cell))]
    concept: str | None = None
    parent: str | None = None
    for cell in own[:-1]:
        parent = vocab.concept(cell, parent) or parent
    leaf = own[-1]
    concept = parent or "total" if vocab.is_total(leaf) else vocab.concept(leaf, parent) or vocab.concept(leaf) or "c"
    if qualifiers and qualifiers[-1] == concept:
        qualifiers = qualifiers[:-1]
    if single and concept in ("total", "c") and not qualifiers:
        return "amount"
    return ".".join([*dict.fromkeys(qualifiers), concept])


# ---- rows ----------------------------------------------------------------------------------------


def _cell(row: RawRow, index: int) -> RawCell | None:
    return row.cells[index] if index < len(row.cells) else None


def _join_levels(pieces: list[str], levels: list[str | None], context: dict[int, str]) -> tuple[str | None, str | None]:
    """类/款/项 printed one per column, a level left blank under its first row: read from context."""
    digits = [p for p in pieces if p]
    if not digits:
        return None, None
    if len(digits) == 1 and _CODE_RE.match(digits[0]) and len(digits[0].strip("[]［］【】")) in (3, 5, 7):
        code = digits[0].strip("[]［］【】")
        if len(code) == 3 or pieces.index(digits[0]) == 0:
            return code, None
    if pieces and pieces[0] and len(pieces[0]) != 3 and pieces[0].isdigit() and context.get(1):
        fixed = context[1]
        tail = "".join(p.zfill(2) for p in pieces[1:] if p)
        return fixed + tail, f"编码“{' '.join(p for p in pieces if p)}”的类级编码印错，按上下文读作 {fixed}"
    code = ""
    problem = None
    for n, piece in enumerate(pieces):
        level = n + 1
        if piece:
            if level == 1:
                code = piece
            else:
                if not code:
                    code = context.get(level - 1, "")
                    if not code:
                        problem = f"编码“{'·'.join(pieces)}”缺上级编码"
                        return None, problem
                if len(piece) == 1:
                    printed = " ".join(p for p in pieces if p)
                    problem = problem or f"编码“{printed}”少前导零，读作 {code}{piece.zfill(2)}"
                code += piece.zfill(2)
        elif code and n < len(pieces) - 1 and any(pieces[n + 1:]):
            problem = f"编码“{'·'.join(pieces)}”中间一级为空"
    return (code or None), problem


def _code_and_label(row: RawRow, group: Group, columns: list[RawColumn], context: dict[int, str]
                    ) -> tuple[str | None, str, str | None]:
    """(code, label as printed, problem) of one row of a group."""
    label = "".join(c.text for i in group.labels if (c := _cell(row, i)))
    pieces = [(c.text if (c := _cell(row, i)) else "") for i in group.codes]
    if group.entity:
        return None, label or "".join(pieces), None
    if pieces and any(p and not re.fullmatch(r"[\[［【]?\d+[\]］】]?", p) for p in pieces):
        label = "".join(p for p in pieces if p) + label  # 合计 printed in the code column, 合|计 split
        pieces = []
    code = problem = None
    if len(pieces) > 1:
        code, problem = _join_levels(pieces, [columns[i].level for i in group.codes], context)
    elif pieces and pieces[0]:
        match = _CODE_RE.match(pieces[0])
        code = match.group(1) if match else None
        if code is None:
            problem = f"编码“{pieces[0]}”位数不对"
    if code is None and (glued := _GLUED_RE.match(label)):
        code, label = glued.group(1), glued.group(2)
    if code:
        level = code_level(code)
        context[level] = code[: {1: 3, 2: 5}.get(level, 7)]
    return code, label, problem


_TRAILING_CODE_RE = re.compile(r"^(\D+?)(\d{3}(?:\d{2})?)$")


def _values(row: RawRow, group: Group, width: int, table_no: int, diagnostics: list[Diagnostic]):
    values: list[Decimal | None] = [None] * width
    boxes: list[tuple[float, float, float, float] | None] = [None] * width
    for k, i in enumerate(group.amounts):
        cell = _cell(row, i)
        if cell is None or not cell.text:
            continue
        try:
            values[k] = parse_amount(cell.text)
            boxes[k] = cell.box
        except AmountError:
            if not _is_text_value(cell.text):
                diagnostics.append(Diagnostic(f"表{table_no} 的“{cell.text}”不是金额。",
                                              Source(page=cell.page, box=cell.box)))
    return values, boxes


def _is_text_value(text: str) -> bool:
    """Words some tables print in an amount cell: 无, /, 是, 不涉及 — not an amount, not an error."""
    return len(text) <= 6 and not any(c.isdigit() for c in text)


def _class_codes() -> dict[str, str]:
    names = {clean(s.name): s.code for s in functional().values() if s.level == 1}
    names.update({clean(old): code for old, (code, _) in RENAMED.items() if len(code) == 3})
    return names


_CLASSES: dict[str, str] | None = None


def class_code(name: str) -> str | None:
    """The functional 类 a printed name is (the current or an old name), or None."""
    global _CLASSES
    if _CLASSES is None:
        _CLASSES = _class_codes()
    return _CLASSES.get(clean(name))


def _level_of(ordinal: str | None) -> int | None:
    ordinal = (ordinal or "").removeprefix("其中：")
    if not ordinal:
        return None
    if ordinal.endswith("、") and not ordinal[0].isdigit():
        return 1
    return 2 if ordinal.startswith("（") or ordinal[0].isdigit() else 3


def build_rows(printed: PrintedTable, kind: str | None, vocab: Vocabulary, groups_: list[Group],
               keys: list[list[str]], table_no: int, diagnostics: list[Diagnostic], shared: bool = False) -> list[Row]:
    """The rows of every group; ``shared``: the groups print the same columns (both sides of a
    收支总表 under 预算数), so their values share the table's columns."""
    raw = printed.table
    width = len(keys[0]) if shared else sum(len(k) for k in keys)
    offsets = [0] * len(keys) if shared else [sum(len(k) for k in keys[:n]) for n in range(len(keys))]
    fixed = kind in TWO_SIDED or kind in ("sangong", "admin") or any(g.side for g in groups_)
    per_group: list[list[Row]] = []
    for g, group in enumerate(groups_):
        rows: list[Row] = []
        context: dict[int, str] = {}
        alt_context: dict[int, str] = {}
        indents: list[tuple[Row, float | None]] = []
        fixed_rows: list[tuple[Row, float | None]] = []
        for raw_row in raw.rows:
            code, printed_label, problem = _code_and_label(raw_row, group, raw.columns, context)
            values_g, boxes_g = _values(raw_row, group, len(group.amounts), table_no,
                                        [] if kind in TEXT_KINDS else diagnostics)
            values: list[Decimal | None] = [None] * width
            boxes: list[tuple[float, float, float, float] | None] = [None] * width
            values[offsets[g]:offsets[g] + len(values_g)] = values_g
            boxes[offsets[g]:offsets[g] + len(boxes_g)] = boxes_g
            text = "；".join(c.text for i in group.texts if (c := _cell(raw_row, i)) and c.text) or None
            ordinal, label = split_ordinal(printed_label)
            if printed_label.startswith("其中") and ordinal is None:
                ordinal = "其中："  # a part, not the whole: no sum is taken over it (其中：（一）… opens a full list)
            label = squash(label)
            cells = [c for i in (*group.codes, *group.labels, *group.amounts) if (c := _cell(raw_row, i))]
            if not cells and not text:
                continue
            source = Source(page=raw_row.page, box=_box(cells or [c for c in raw_row.cells if c]))
            if problem:
                diagnostics.append(Diagnostic(f"表{table_no}“{label}”{problem}。", source))
            has_values = any(v is not None for v in values)
            if not code and not has_values and not fixed and (not label or label in _TOTAL_NAMES):
                if text and rows:
                    rows[-1].text = "；".join(filter(None, [rows[-1].text, text]))
                continue
            if not code and not has_values and label and rows and rows[-1].code and not fixed:
                rows[-1].label += label  # a name wrapped into the next ruled row
                continue
            row = Row(label=label, values=values, code=code, ordinal=ordinal, source=source, boxes=boxes, text=text)
            if group.alt_codes:
                pieces = [(c.text if (c := _cell(raw_row, i)) else "") for i in group.alt_codes]
                row.alt_code = _join_levels(pieces, [], alt_context)[0] if len(pieces) > 1 else (pieces[0] or None)
                if row.alt_code is None and (glued := _TRAILING_CODE_RE.match(row.label)):
                    row.label, row.alt_code = glued.group(1), glued.group(2)  # a wrapped name took the code
                if row.alt_code:
                    alt_context[code_level(row.alt_code)] = row.alt_code
            if code:
                row.level = code_level(code)
            elif label in _TOTAL_NAMES or (vocab.is_total(label) and len(label) <= 4 and not fixed):
                row.level, row.key = 0, "total"
            elif group.entity or kind in ("project", "procurement", "performance", "carryover", "basic_budget"):
                row.level = None if not fixed else 1
                row.key = "entity" if group.entity else None
                indents.append((row, _indent(raw_row, group)))
            else:
                row.level = _level_of(ordinal)
                indents.append((row, _indent(raw_row, group)))
            row.side = group.side
            rows.append(row)
            if fixed:
                fixed_rows.append((row, _indent(raw_row, group)))
        if fixed:
            outline([(r, x) for r, x in fixed_rows if r.level != 0 or r.key is None], group.side, kind, vocab)
        if not any(r.code for r in rows):
            _levels_by_indent(indents)
            if kind in SUBJECT_KINDS and not group.entity:
                infer_codes(rows, kind)
        for row in rows:
            if row.level is None and (group.entity or kind in ("project", "procurement", "carryover", "basic_budget")):
                row.level = 1
            if row.key == "entity" and row.level != 1:
                row.key = None  # an item under a unit (an economic class, a project), not a unit
        per_group.append(_dedupe_totals(rows))
    return [row for rows in per_group for row in rows]


SUBJECT_KINDS = frozenset({"income", "expense", "gpb_functional", "gov_fund_functional", "soe_functional",
                           "fiscal_functional", "gpb_basic_functional", "gpb_basic_economic", "fiscal_basic_economic",
                           "gpb_economic", "gpb_project_economic", "admin"})


def infer_codes(rows: list[Row], kind: str | None) -> None:
    """Codes for a table that prints subject names alone, indented by level: each name looked up in
    the catalog under the code of the row above it at the level above. All rows or none: a table half
    coded would be summed two ways."""
    catalog = economic() if kind and "economic" in kind else functional()
    by_parent: dict[tuple[str, str], str] = {}
    for subject in catalog.values():
        parent = subject.code[:-2] if subject.level > 1 else ""
        by_parent.setdefault((parent, clean(subject.name)), subject.code)
    for old, (code, _) in RENAMED.items():
        by_parent.setdefault((code[:-2] if len(code) > 3 else "", clean(old)), code)
    found: dict[int, str] = {}
    stack: dict[int, str] = {}
    for row in rows:
        if row.level == 0 or row.key == "total":
            continue
        if row.level not in (1, 2, 3):
            return
        parent = stack.get(row.level - 1, "") if row.level > 1 else ""
        code = by_parent.get((parent, clean(row.label)))
        if code is None or len(code) != {1: 3, 2: 5, 3: 7}[row.level]:
            return
        found[id(row)] = code
        stack = {lv: c for lv, c in stack.items() if lv < row.level} | {row.level: code}
    for row in rows:
        if id(row) in found:
            row.code = found[id(row)]


def _indent(row: RawRow, group: Group) -> float | None:
    """Where the name's first line starts (a wrapped name's next line may start further left)."""
    runs = [r for i in group.labels if (c := _cell(row, i)) for r in c.runs]
    if not runs:
        return None
    first = min(r.yc for r in runs)
    return min(r.x0 for r in runs if r.yc - first < 0.5 * r.height)


def _levels_by_indent(rows: list[tuple[Row, float | None]]) -> None:
    """Names printed without codes, indented by level (类 flush left, 款 one step in, 项 two): the
    distinct indents, left to right, are levels 1, 2, 3."""
    indents = sorted({round(x) for _, x in rows if x is not None})
    steps: list[int] = []
    for x in indents:
        if not steps or x - steps[-1] > 3:
            steps.append(x)
    if not 1 < len(steps) <= 3:
        return
    for row, x in rows:
        if x is not None and row.level is None:
            row.level = 1 + max(i for i, step in enumerate(steps) if round(x) >= step - 3)


_ORDINAL_TYPES = (
    (re.compile(r"^[一二三四五六七八九十]+、"), "A"),
    (re.compile(r"^（[一二三四五六七八九十]+）"), "B"),
    (re.compile(r"^\d{1,2}[、.．]"), "C"),
    (re.compile(r"^[（(]\d{1,2}[）)]"), "D"),
)


def _ordinal_type(ordinal: str | None) -> str | None:
    ordinal = (ordinal or "").removeprefix("其中：")
    return next((kind for pattern, kind in _ORDINAL_TYPES if pattern.match(ordinal)), None)


def outline(rows: list[tuple[Row, float | None]], side: str | None, kind: str | None, vocab: Vocabulary) -> None:
    """Keys and levels of the fixed rows of one side, as an outline: each numbering style takes the
    next level in the order it first appears (一、 then （一） or 1、 then (1)); an unnumbered row is
    one level under the row above it where it is indented further (or where its name is a part of that
    row's, 一般公共预算 under 财政拨款), else at that row's level; totals are level 0; a 其中 row is a part.
    A numbering style first met nests under the row above it (outlines are written so)."""
    base_side = "支出" if side and side.startswith("支出") else side
    styles: dict[str, int] = {}
    above: tuple[Row, float | None] | None = None  # the last row with a level ≥ 1
    parents: dict[int, str] = {}  # level → key of the last row at that level
    by_indent: dict[int, int] = {}  # indent (rounded to 4 points) → the level last printed there
    class_level: int | None = None
    for row, indent in rows:
        partial = bool(row.ordinal and row.ordinal.startswith("其中"))
        style = _ordinal_type(row.ordinal)
        found = vocab.row(row.label, base_side if kind not in ("sangong", "admin") else None)
        code = class_code(row.label) if base_side == "支出" else None
        slot = round(indent / 4) if indent is not None else None
        if style is not None:
            if style not in styles:  # a numbering style first appears nested under the row above it
                styles[style] = (above[0].level or 0) + 1 if above is not None else 1
            row.level = styles[style]
        elif found is not None and found.total and not partial:
            row.level = 0
        elif code and class_level is not None:
            row.level = class_level
        elif above is not None:
            row.level = _unnumbered_level(above, slot, by_indent, partial, found, parents, vocab)
        else:
            row.level = 1
        if code and not partial:
            row.key, row.code = f"class:{code}", code
            class_level = class_level or row.level
        elif found is not None:
            parent = parents.get(row.level - 1) if row.level and row.level > 1 else None
            nested = parent and parent not in ("fiscal", "department_budget") and not found.total and (
                parent == "carry_over" or vocab.parents.get(found.key) == parent)
            row.key = f"{parent}.{found.key}" if nested else found.key
            if partial:
                row.key = f"of:{row.key}"
        if row.level:
            parents = {lv: k for lv, k in parents.items() if lv < row.level}
            if row.key and not partial:
                parents[row.level] = row.key.split(".")[-1] if row.key.startswith("carry_over.") else row.key
            above = (row, indent)
            if slot is not None:
                by_indent = {k: v for k, v in by_indent.items() if k <= slot}
                by_indent[slot] = row.level


def _unnumbered_level(above: tuple[Row, float | None], slot: int | None, by_indent: dict[int, int], partial: bool,
                      found, parents: dict[int, str], vocab: Vocabulary) -> int:
    """An unnumbered row's level: where it is indented as an earlier row, that row's level; indented
    deeper than the row above, one under it; a 其中 row under the row above; else, one under the row
    above where its name is a part of that row's (一般公共预算 under 财政拨款), or beside it."""
    prev, prev_indent = above
    level = prev.level or 1
    prev_slot = round(prev_indent / 4) if prev_indent is not None else None
    if partial:
        return level + 1
    if slot is not None and prev_slot is not None:
        if slot > prev_slot:
            return level + 1
        if slot < prev_slot:
            known = [v for k, v in by_indent.items() if k <= slot]
            return known[-1] if known else 1
        if slot in by_indent:
            return by_indent[slot]
    if found is not None and vocab.parents.get(found.key) == parents.get(level):
        return level + 1
    return level


def _dedupe_totals(rows: list[Row]) -> list[Row]:
    """A 合计 row printed again at the top of each continuation page is one row."""
    kept: list[Row] = []
    seen: set[tuple] = set()
    for row in rows:
        if row.level == 0:
            sign = (row.label, row.key, tuple(row.values))
            if sign in seen:
                continue
            seen.add(sign)
        kept.append(row)
    return kept


def _box(cells: list[RawCell]) -> tuple[float, float, float, float] | None:
    runs = [r for c in cells for r in c.runs]
    if not runs:
        return None
    return (round(min(r.x0 for r in runs), 1), round(min(r.top for r in runs), 1),
            round(max(r.x1 for r in runs), 1), round(max(r.bottom for r in runs), 1))


# ---- tables --------------------------------------------------------------------------------------


def recognise(printed: PrintedTable, vocab: Vocabulary, number: int, diagnostics: list[Diagnostic]) -> Table:
    """One Document table from one printed table; ``number`` when the caption prints none."""
    caption = printed.caption
    title = caption.title or ""
    kind = vocab.kind_of(title) if title else None
    raw = printed.table
    two_sided = kind in TWO_SIDED or _says_sides(raw.columns)
    found = groups(raw.columns, two_sided)
    halves = repeated(raw.columns, found)
    if not two_sided and len(found) > 1 and not halves:
        found = [_merged(found)]  # a second code column that is no second half: the rows' second classification
    keys = [column_keys(raw.columns, g, vocab) for g in found]
    if halves:
        keys = [keys[0]] * len(found)
    if two_sided and len(found) == 2 and all(len(k) == 1 for k in keys):
        keys = [["income"], ["expense"]]  # 预算数 on each side: each side's one amount column
    columns = [Column(key, [squash(p) for p in raw.columns[i].path])
               for g, ks in zip(found[:1] if halves else found, keys, strict=False)
               for i, key in zip(g.amounts, ks, strict=True)]
    table_no = caption.number or number
    table = Table(number=table_no, key=kind or "generic", title=title, unit=caption.unit or "", columns=columns,
                  notes=printed.notes, pages=sorted(set(raw.pages)), entity=caption.entity)
    table.numbering = caption.numbering
    table.rows = build_rows(printed, kind, vocab, found, keys, table_no, diagnostics, shared=halves)
    texts = [i for g in found for i in g.texts]
    if texts and raw.columns[texts[0]].path:
        table.text_column = Column("text", [squash(p) for p in raw.columns[texts[0]].path])
    return table


def _merged(found: list[Group]) -> Group:
    first = found[0]
    for other in found[1:]:
        first.texts += other.codes + other.labels + other.texts
        first.amounts += other.amounts
    return first


def share_sides(table: Table) -> None:
    """Both sides of a two-sided table under one set of columns where they print the same ones (预算数
    beside each side, as most regions print 收支总表): the 收入 rows and the 支出 rows then share them."""
    sides = {r.side for r in table.rows if r.side}
    if len(sides) != 2 or len(table.columns) % 2:
        return
    half = len(table.columns) // 2
    left, right = table.columns[:half], table.columns[half:]
    same = [a.key for a in left] == [b.key for b in right] or [c.key for c in table.columns] == ["income", "expense"]
    if not same or any(r.side and r.side not in ("收入", "支出") for r in table.rows):
        return
    table.columns = [Column("amount" if half == 1 else c.key, c.path[1:] or c.path) for c in left]
    for row in table.rows:
        offset = 0 if row.side == "收入" else half
        row.values = row.values[offset:offset + half]
        if row.boxes is not None:
            row.boxes = row.boxes[offset:offset + half]


def _says_sides(columns: list[RawColumn]) -> bool:
    tops = {clean(c.path[0]) for c in columns if c.path}
    return any(t.startswith("收入") for t in tops) and any(t.startswith("支出") for t in tops)


def economic_or_functional(table: Table) -> str | None:
    """Which classification a code table's codes are in (economic codes start with 3, 5)."""
    codes = [r.code for r in table.rows if r.code]
    if not codes:
        return None
    return "economic" if sum(c[0] in "35" for c in codes) > len(codes) / 2 else "functional"


__all__ = ["class_code", "economic", "economic_or_functional", "recognise"]
