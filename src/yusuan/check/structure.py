"""The sums every disclosure table carries by its own structure, whatever its kind or region.

- Rows: 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项 — by code prefix where codes are printed, by indentation
  level where a table prints names alone — in every amount column.
- Columns: a 合计/小计 column equals the columns under the same header cell (its header tree says
  which), and the canonical concepts add up where all are printed: 三公 = 因公出国 + 公务用车 + 公务接待,
  公务用车 = 购置 + 运行, 财政拨款 = 一般公共预算 + 政府性基金 + 国有资本经营, 基本支出 = 人员 + 公用, and
  in a table of spending by subject 合计 = 基本支出 + 项目支出 (+ the other spending columns printed).
  A column group that holds a column nobody can name, or a 其中 column not covered by a concept sum,
  is left alone: its sum cannot be told.

Each identity is returned as indexes into the table, so the rules of :mod:`yusuan.check.rules.structure`
and the OCR proof-reader can both use them.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from yusuan.formats.national import Vocabulary
from yusuan.model import Row, Table
from yusuan.text import label_key

LEVEL_NAMES = {1: "类", 2: "款", 3: "项"}
# Lists of units and their items (projects, classes of spending): a code a row prints there is an
# attribute of the item, the hierarchy is the indentation.
LISTS = frozenset({"project", "basic_budget", "procurement"})
_YEAR_RE = re.compile(r"20\d\d年")
SPENDING = ("basic", "project", "operating", "subsidy_to_subordinates", "remit_to_superior", "carry_forward")
# Kinds whose rows are subjects and whose 合计 is the sum of the spending columns printed beside it.
SPENDING_KINDS = frozenset({"expense", "gpb_functional", "gov_fund_functional", "soe_functional",
                            "fiscal_functional", "gpb_basic_functional", "gpb_basic_economic",
                            "fiscal_basic_economic", "gpb_economic", "gpb_project_economic", "basic_budget"})


@dataclass(frozen=True, slots=True)
class RowGroup:
    total: Row
    parts: tuple[Row, ...]
    what: str  # 其下各类 / 其下各款 …


def _parent(code: str) -> str | None:
    return code[:-2] if len(code) in (5, 7) else None


def row_groups(table: Table) -> list[RowGroup]:
    """Parent rows and their children: by code where the table prints codes, else by level."""
    coded = [r for r in table.rows if r.code]
    if coded and table.key not in LISTS:
        return _by_code(table)
    names = [r.label for r in table.rows if r.key == "entity"]
    if len(names) != len(set(names)):
        return []  # a unit printed twice (the department, then its own 本级) nests with no sign of it
    if any(r.level in (1, 2, 3) for r in table.rows):
        return _by_level(table)
    return []


def _by_code(table: Table) -> list[RowGroup]:
    """Children by code prefix. Where a second classification is printed beside the code (the same
    部门经济 code on several rows, one per 政府经济 code), a row is known by both codes."""
    def ident(row: Row) -> tuple[str, str | None]:
        return (row.code or "", row.alt_code)

    by_code: dict[tuple[str, str | None], Row] = {}
    for row in table.rows:
        if row.code and row.side is None:
            by_code.setdefault(ident(row), row)
    total = next((r for r in table.rows if r.key == "total" and r.side is None), None)
    children: dict[tuple[str, str | None], list[Row]] = {}
    top: list[Row] = []
    for row in table.rows:
        if row is total or row.side is not None or not row.code or by_code.get(ident(row)) is not row:
            continue
        # the parent known by both codes, by its own second code, or printing none (301 over 30101|50101);
        # where the parent is not printed, the nearest ancestor that is (301 over 3010201 without 30102)
        alts = [None] if row.alt_code is None else [_parent(row.alt_code), row.alt_code, None]
        found = None
        parent = _parent(row.code)
        while parent is not None and found is None:
            found = next(((parent, a) for a in alts if (parent, a) in by_code), None)
            parent = _parent(parent)
        if found is not None:
            children.setdefault(found, []).append(row)
        elif len(row.code) == 3:
            top.append(row)
    groups = []
    if total is not None and top:
        groups.append(RowGroup(total, tuple(top), "其下各类"))
    for key, kids in children.items():
        groups.append(RowGroup(by_code[key], tuple(kids), f"其下各{LEVEL_NAMES.get(code_len(kids[0]), '项')}"))
    return groups


def code_len(row: Row) -> int:
    return {3: 1, 5: 2, 7: 3}.get(len(row.code or ""), 3)


def _by_level(table: Table) -> list[RowGroup]:
    """Names printed without codes, each level indented under the one above."""
    total = next((r for r in table.rows if r.key == "total" and r.side is None), None)
    stack: list[Row] = []
    children: dict[int, list[Row]] = {}
    top: list[Row] = []
    for row in table.rows:
        if row is total or row.side is not None or row.level not in (1, 2, 3):
            continue
        while stack and (stack[-1].level or 0) >= row.level:
            stack.pop()
        if stack and stack[-1].level == row.level - 1:
            children.setdefault(id(stack[-1]), []).append(row)
        elif row.level == 1:
            top.append(row)
        stack.append(row)
    by_id = {id(r): r for r in table.rows}
    groups = []
    if total is not None and top:
        groups.append(RowGroup(total, tuple(top), "其下各类"))
    for parent_id, kids in children.items():
        groups.append(RowGroup(by_id[parent_id], tuple(kids), f"其下各{LEVEL_NAMES.get(kids[0].level or 3, '项')}"))
    return groups


@dataclass(frozen=True, slots=True)
class ColumnSum:
    total: int
    parts: tuple[int, ...]


def _concept(key: str) -> tuple[str, str]:
    """``carry_over.gpb`` → (``carry_over``, ``gpb``); ``gpb`` → ('', ``gpb``)."""
    head, _, tail = key.rpartition(".")
    return head, tail


def column_sums(table: Table, vocab: Vocabulary) -> list[ColumnSum]:
    """The column identities of a table (indexes into ``table.columns``), each once."""
    found: dict[tuple[int, tuple[int, ...]], ColumnSum] = {}
    for one in (*_concept_sums(table, vocab), *_tree_sums(table, vocab)):
        found.setdefault((one.total, tuple(sorted(one.parts))), one)
    return list(found.values())


def _expand(concept: str, present: dict[str, int], algebra: dict[str, tuple[str, ...]]) -> list[int] | None:
    """The printed columns a concept is made of: itself, or its parts (recursively) where it is not printed."""
    if concept in present:
        return [present[concept]]
    parts = algebra.get(concept)
    if not parts:
        return []
    found: list[int] = []
    for part in parts:
        got = _expand(part, present, algebra)
        if got is None:
            return None
        found += got
    return found


def _concept_sums(table: Table, vocab: Vocabulary) -> list[ColumnSum]:
    algebra = {total: parts for total, parts in vocab.sums}
    by_group: dict[tuple[str | None, str], dict[str, int]] = {}
    for i, column in enumerate(table.columns):
        qualifier, concept = _concept(column.key)
        side = column.path[0] if table.rows and any(r.side for r in table.rows) and column.path else None
        by_group.setdefault((side, qualifier), {})[concept] = i
    sums: list[ColumnSum] = []
    for present in by_group.values():
        if "total" in present and table.key == "sangong" and "sangong" not in present:
            present = {**present, "sangong": present["total"]}
        rules = dict(algebra)
        if table.key in SPENDING_KINDS and any(c in present for c in ("basic", "project", "personnel")):
            rules["total"] = tuple(c for c in SPENDING if c in present or c == "basic")
        for total, parts in rules.items():
            if total not in present or not any(p in present for p in parts):
                continue
            members: list[int] = []
            for part in parts:
                got = _expand(part, present, algebra)
                if got is None:
                    members = []
                    break
                members += got
            if len(members) >= 2 or (len(members) == 1 and total == "total"):
                if not _all_parts_printed(total, parts, present, algebra):
                    continue
                sums.append(ColumnSum(present[total], tuple(members)))
    return sums


def _all_parts_printed(total: str, parts: tuple[str, ...], present: dict[str, int],
                       algebra: dict[str, tuple[str, ...]]) -> bool:
    """A concept sum is checked only where each part is printed, itself or through its own parts
    (一般公共预算 alone beside 财政拨款 does not make 财政拨款)."""
    if total == "total":
        return True
    return all(p in present or (algebra.get(p) and all(q in present for q in algebra[p])) for p in parts)


def _tree_sums(table: Table, vocab: Vocabulary) -> list[ColumnSum]:
    """A 合计/小计 column = the other columns under the same header cell; the table's total column =
    the header cells beside it (each a group's own total, or the sum of its columns)."""
    paths = [[label_key(p).replace("*", "") for p in c.path] for c in table.columns]  # 其中 kept: it marks a part
    sums: list[ColumnSum] = []
    groups: dict[tuple[str, ...], list[int]] = {}
    for i, path in enumerate(paths):
        if path:  # a column printed without a header joins no group
            groups.setdefault(tuple(path[:-1]), []).append(i)
    for prefix, members in groups.items():
        totals = [i for i in members if vocab.is_total(paths[i][-1]) and not _YEAR_RE.search(paths[i][-1])]
        if len(totals) != 1:
            continue
        total = totals[0]
        parts = [i for i in members if i != total]
        under = [i for i, path in enumerate(paths)
                 if len(path) > len(prefix) + 1 and tuple(path[:len(prefix)]) == prefix]
        if not parts and not under:
            continue
        nodes = _nodes(paths, prefix, vocab, exclude=total)
        if nodes is None or not nodes:
            continue
        sums.append(ColumnSum(total, tuple(nodes)))
    return sums


def _nodes(paths: list[list[str]], prefix: tuple[str, ...], vocab: Vocabulary, exclude: int) -> list[int] | None:
    """The columns that stand for each header cell directly under ``prefix``: the cell's own column, or
    its 合计 column, or (recursively) its parts. None where one cannot be told (an unnamed column, a
    其中 column, a non-additive column)."""
    depth = len(prefix)
    children: dict[str, list[int]] = {}
    for i, path in enumerate(paths):
        if i == exclude or len(path) <= depth or tuple(path[:depth]) != prefix:
            continue
        children.setdefault(path[depth], []).append(i)
    result: list[int] = []
    for name, members in children.items():
        if name.startswith("其中") or any(w in name for w in ("备注", "说明", "%", "人数")):
            return None
        concept = vocab.concept(name)
        if concept in vocab.not_additive:
            return None
        if len(members) == 1 and len(paths[members[0]]) == depth + 1:
            result.append(members[0])
            continue
        own = [i for i in members if len(paths[i]) == depth + 2 and vocab.is_total(paths[i][-1])]
        if len(own) == 1:
            result.append(own[0])
            continue
        deeper = _nodes(paths, (*prefix, name), vocab, exclude=-1)
        if deeper is None:
            return None
        result += deeper
    return result


@dataclass(frozen=True, slots=True)
class SideSum:
    total: Row
    parts: tuple[Row, ...]
    side: str | None


def side_sums(table: Table) -> list[SideSum]:
    """Row identities of a table of fixed rows (收支总表 and its kind): a numbered row = the rows
    numbered under it; a 合计/总计 row = the top-level rows since the total above it, and that total
    (本年收入合计 + 上年结转 = 收入总计). A total printed above its rows (合计 first) sums the rows below.
    Where a row's level is unknown the segment it is in is left alone, as are 其中 rows."""
    sums: list[SideSum] = []
    sides: dict[str | None, list[Row]] = {}
    for row in table.rows:
        if row.code and len(row.code) > 3:
            continue  # 款 and 项 printed on the expense side: the subject hierarchy covers them
        sides.setdefault(row.side, []).append(row)
    for side, rows in sides.items():
        if found := _subjects_under(rows):
            head, classes, run = found
            sums.append(SideSum(head, tuple(classes), side))
            rows = [r for r in rows if not any(r is x for x in run)]
        sums += _children(rows, side) + _running(rows, side)
    return sums


def _subjects_under(rows: list[Row]) -> tuple[Row, list[Row], list[Row]] | None:
    """``一、本年支出合计`` printed with the 类 rows under it (coded, so at their own level 1): the
    subtotal, its 类 and every row of its list (款 and 项 too), which the outline of the numbered rows
    must not count again."""
    for i, row in enumerate(rows):
        if row.code or not (row.key or "").startswith("current_") or not (row.key or "").endswith("_total"):
            continue
        run = list(itertools.takewhile(_subject, rows[i + 1:]))
        classes = [r for r in run if (r.key or "").startswith("class:")]
        if classes and (row.level or 0) >= 1:
            return row, classes, run
    return None


def _subject(row: Row) -> bool:
    """A row of the subject list (a 类 with its code, a 款 or 项 by name alone), not a fixed row."""
    return row.level != 0 and (row.key is None or row.key.startswith("class:"))


def _partial(row: Row) -> bool:
    return bool(row.ordinal and row.ordinal.startswith("其中"))


def _children(rows: list[Row], side: str | None) -> list[SideSum]:
    """A row followed by rows one level deeper: it is their sum (a 其中 row among them: not a full list)."""
    sums = []
    for i, row in enumerate(rows):
        level = row.level
        if level is None or _partial(row) or (level == 0 and not _numbered(row)):
            continue
        kids: list[Row] = []
        for below in rows[i + 1:]:
            if below.level is None:
                kids = []
                break
            if below.level <= level:
                break
            if below.level == level + 1:
                if _partial(below):
                    kids = []
                    break
                kids.append(below)
        if kids:
            sums.append(SideSum(row, tuple(kids), side))
    return sums


def _numbered(row: Row) -> bool:
    return bool(row.ordinal) and not _partial(row)


def _running(rows: list[Row], side: str | None) -> list[SideSum]:
    """合计/总计 rows against the top-level rows around them."""
    sums = []
    previous: Row | None = None
    segment: list[Row] = []
    unknown = False
    totals = [i for i, r in enumerate(rows) if r.level == 0 and not _has_children(rows, i)]
    for i, row in enumerate(rows):
        if i in totals:
            if i == 0 and len(rows) > 1:
                after = [r for r in rows[1:] if r.level == 0] or [None]
                stop = rows.index(after[0]) if after[0] is not None else len(rows)
                tops = [r for r in rows[1:stop] if r.level == 1]
                if tops and all(r.level is not None for r in rows[1:stop]):
                    sums.append(SideSum(row, tuple(tops), side))
                previous, segment, unknown = None, [], False
                continue
            parts = ([previous] if previous is not None else []) + segment
            if parts and not unknown and (previous is not None or len(segment) >= 1):
                sums.append(SideSum(row, tuple(parts), side))
            previous, segment, unknown = row, [], False
            continue
        if row.level == 1:
            segment += _in_place_of(rows, i)
        elif row.level == 0 and _has_children(rows, i):
            segment.append(row)
        elif row.level is None:
            unknown = True
    return sums


def _in_place_of(rows: list[Row], i: int) -> list[Row]:
    """The row itself, or — where it prints no amount at all over deeper rows (``一、部门预算`` over
    ``1、财政拨款`` over ``(1)一般公共预算拨款收入``) — the rows under it that do, in its place."""
    row = rows[i]
    if any(v is not None for v in row.values) or row.level is None:
        return [row]
    below: list[Row] = []
    for k in range(i + 1, len(rows)):
        level = rows[k].level
        if level is None or level <= row.level:
            break
        if level == row.level + 1 and not _partial(rows[k]):
            below += _in_place_of(rows, k)
    return below or [row]


def _has_children(rows: list[Row], i: int) -> bool:
    """A total-named row with numbered rows under it (一、本年收入 (一)… (二)…) heads a group."""
    return i + 1 < len(rows) and rows[i + 1].level == 2 and bool(rows[i].ordinal)
