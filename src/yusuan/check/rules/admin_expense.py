"""行政经费（机关运行经费）against the economic rows it is made of, by the document's own definition.

The glossary (Part 4) defines the term by listing economic items (办公费、印刷费、… 其他交通工具购置).
Each listed name is matched to the codes printed with that name in the economic tables, else to the
catalog's codes of that name (办公设备购置 is both 30902 and 31002). The sum of those rows over the
declared economic tables must equal the declared cell (表8 行政经费). Without a definition in the
document, the format's usual list (``[admin_expense] items``) is used and the message says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache

from yusuan.check.arithmetic import Operand
from yusuan.check.declared import compare
from yusuan.check.engine import Context, per_format, rule
from yusuan.check.findings import Finding, Severity, table_cell, text_cell
from yusuan.check.names import item_key, name_key
from yusuan.check.refs import Ref, operands, parse_ref
from yusuan.formats.catalog import economic
from yusuan.formats.spec import FormatSpec
from yusuan.model import Document, Source

_LIST_RE = re.compile(r"(?:具体包括|包括|主要包括)[:：]?(?P<list>.+?)(?:等?经济科目|等?科目|。|$)")


@dataclass(frozen=True, slots=True)
class AdminSpec:
    total: Ref
    tables: tuple[int, ...]
    terms: tuple[str, ...]
    items: tuple[str, ...]


@per_format
def admin_spec(fmt: FormatSpec | None) -> AdminSpec | None:
    raw = fmt.extra.get("admin_expense") if fmt else None
    if not raw:
        return None
    return AdminSpec(parse_ref(raw["total"], fmt, "admin_expense.total"), tuple(raw["tables"]),
                     tuple(raw["terms"]), tuple(raw.get("items", ())))


def definition(document: Document, terms: tuple[str, ...]) -> tuple[str, list[str]] | None:
    """(where it was found, the item names) of the document's own definition of 行政经费."""
    glossary = {name_key(k): v for k, v in document.sections.glossary.items()}
    for term in terms:
        text = glossary.get(name_key(term))
        if text and (match := _LIST_RE.search(text)):
            return f"名词解释“{term}”", _names(match.group("list"))
    for section in document.sections.explanations:
        if any(term in section.text for term in terms) and (match := _LIST_RE.search(section.text)):
            return f"情况说明{section.number}", _names(match.group("list"))
    return None


def _names(listing: str) -> list[str]:
    return [name for part in re.split(r"[、，,；;]", listing) if (name := part.strip().removesuffix("等"))]


@cache
def _catalog_names() -> dict[str, list[str]]:
    """Economic 款 codes by name, exact and loose (the catalog does not change while we run)."""
    names: dict[str, list[str]] = {}
    for subject in economic().values():
        if subject.level == 2:
            for key in {name_key(subject.name), "~" + item_key(subject.name)}:
                names.setdefault(key, []).append(subject.code)
    return names


def item_codes(document: Document, tables: tuple[int, ...]) -> Callable[[str], list[str]]:
    """A lookup: item name → the codes printed (or, failing that, catalogued) under that name."""
    printed: dict[str, set[str]] = {}
    for number in tables:
        for row in (t.rows if (t := document.table(number)) else ()):
            if row.code and len(row.code) == 5:
                for key in (name_key(row.label), "~" + item_key(row.label)):
                    printed.setdefault(key, set()).add(row.code)
    catalog = _catalog_names()

    def codes_for(name: str) -> list[str]:
        for key in (name_key(name), "~" + item_key(name)):
            found = printed.get(key, set()) | set(catalog.get(key, ()))
            if found:
                return sorted(found)
        return []
    return codes_for


@rule("ADMIN-EXPENSE", "行政经费（机关运行经费）等于其定义所列经济科目之和", Severity.ERROR)
def admin_expense(ctx: Context) -> Iterator[Finding]:
    spec = admin_spec(ctx.fmt)
    if spec is None:
        return
    found = definition(ctx.document, spec.terms)
    if found is None:
        basis, codes = "通行口径（本文件未给出行政经费的定义）", set(spec.items)
    else:
        basis, names = found
        codes = set()
        codes_for = item_codes(ctx.document, spec.tables)
        for name in names:
            matched = codes_for(name)
            if not matched:
                yield ctx.finding(Severity.INFO, f"{basis}所列的“{name}”找不到对应的经济分类科目，未计入核对。",
                                  [text_cell(name, None, Source(), column="经济科目")])
            codes.update(matched)
    totals = operands(ctx, spec.total, None)
    if not totals or totals[0].missing:
        return
    total = totals[0]
    unit = total.cell.unit
    parts = []
    for number in spec.tables:
        table = ctx.document.table(number)
        for row in table.rows if table else ():
            if row.code in codes and row.values:
                parts.append(Operand.of(row.values[0], table_cell(table, row, 0), table.unit or None, unit))
    tables = "、".join(f"表{n}" for n in spec.tables)
    result = compare(ctx, total, parts, f"按{basis}，{tables}中 {len(parts)} 个经济科目")
    if result and result.severity is Severity.ERROR and _units(ctx.document) > 1:
        # 行政经费 is the administrative units' alone; the economic tables hold every unit's spending
        units = _units(ctx.document)
        result = replace(result, severity=Severity.WARNING, message=result.message + (
            f"本部门含 {units} 个单位，行政经费只计行政单位（及参公事业单位），经济分类表则含全部单位的支出，"
            "两者不一定相等，请核对。"))
    if result:
        yield result


def _units(document: Document) -> int:
    """How many units the document's tables list (rows of units in 收入总表, 基本支出表 …)."""
    return max((len({r.label for r in t.rows if r.key == "entity" and r.level == 1}) for t in document.tables),
               default=1)
