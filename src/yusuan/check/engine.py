"""The rule engine: run every rule over a Document, never letting one rule stop the others.

A rule is a plain function over a :class:`Context` that yields findings (the shape Beancount's
checks have: a function over parsed entries returning errors that carry their source). Rules come
from two places: identities the format declares in its TOML (sums and equalities, see
:mod:`yusuan.check.declared`) and small Python units for what needs logic (narrative, 行政经费,
catalog names, completeness). The engine itself knows no table numbers.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from yusuan.check.findings import Cell, Finding, Severity
from yusuan.check.places import locate
from yusuan.formats.spec import FormatDeclarationError, FormatSpec, load_format
from yusuan.memo import by_identity
from yusuan.model import Document, Row, Table

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Rule:
    """A named check. ``severity`` is the worst it reports; a difference within the rounding bound
    is always reported as info whatever the rule's severity."""

    id: str
    title: str
    severity: Severity
    run: Callable[[Context], Iterable[Finding]]


@dataclass(slots=True)
class TableIndex:
    """Rows of one table by fixed-row key and by subject code (first occurrence wins)."""

    table: Table
    by_key: dict[str, Row]
    by_code: dict[str, Row]
    columns: dict[str, int]

    @classmethod
    def of(cls, table: Table) -> TableIndex:
        by_key: dict[str, Row] = {}
        by_code: dict[str, Row] = {}
        for row in table.rows:
            if row.key is not None:
                by_key.setdefault(row.key, row)
            if row.code is not None:
                by_code.setdefault(row.code, row)
        return cls(table, by_key, by_code, {c.key: i for i, c in enumerate(table.columns)})


@dataclass(slots=True)
class Context:
    """What a rule sees: the document, its format declaration (None when unknown), row indexes,
    and — when a caller asks for it — the coverage of every cell some check compared."""

    document: Document
    fmt: FormatSpec | None
    rule: Rule | None = None
    coverage: dict[tuple, set[str]] | None = None
    _indexes: dict[int | str, TableIndex] = field(default_factory=dict)
    memo: dict[object, object] = field(default_factory=dict)  # what rules derive once per document

    def derived(self, key: object, build: Callable[[], T]) -> T:
        """``build()``, once per check of this document (several rules look subjects up by name)."""
        if key not in self.memo:
            self.memo[key] = build()
        return self.memo[key]  # type: ignore[return-value]

    def index(self, table_ref: int | str) -> TableIndex | None:
        """Rows of the table printed as 表N (an int) or of the first table of a kind (its key)."""
        found = self._indexes.get(table_ref)
        if found is None:
            table = (self.document.table(table_ref) if isinstance(table_ref, int)
                     else self.document.table_by_key(table_ref))
            if table is None:
                return None
            found = self._indexes[table_ref] = TableIndex.of(table)
        return found

    def finding(self, severity: Severity, message: str, cells: Iterable[Cell] = (),
                expected: str | None = None, actual: str | None = None) -> Finding:
        assert self.rule is not None
        return Finding(self.rule.id, severity, self.rule.title, message, tuple(cells), expected, actual)

    def cover(self, cells: Iterable[Cell], severity: Severity | None = None) -> None:
        """Record that these cells were compared by the current rule (the sweep script reads this)."""
        if self.coverage is None or self.rule is None:
            return
        level = (severity or self.rule.severity).value
        for cell in cells:
            if not cell.missing:
                self.coverage.setdefault(cell.key, set()).add(level)


def per_format(build: Callable[[FormatSpec], T]) -> Callable[[FormatSpec], T]:
    """Cache what is derived from a format declaration, keyed by the declaration object itself."""
    return by_identity(build)


_PYTHON_RULES: list[Rule] = []


def rule(rule_id: str, title: str, severity: Severity) -> Callable[[Callable], Callable]:
    """Register a Python rule unit: ``@rule("NARR-PERCENT", "…", Severity.ERROR)``."""
    def register(run: Callable[[Context], Iterable[Finding]]) -> Callable:
        if any(r.id == rule_id for r in _PYTHON_RULES):
            raise ValueError(f"duplicate rule id {rule_id}")
        _PYTHON_RULES.append(Rule(rule_id, title, severity, run))
        return run
    return register


INTERNAL = Rule("CHECK-INTERNAL", "规则运行出错（检查未完成）", Severity.WARNING, lambda ctx: ())
UNKNOWN_FORMAT = Rule("CHECK-FORMAT", "格式未知，只做通用检查", Severity.WARNING, lambda ctx: ())


def python_rules() -> list[Rule]:
    from yusuan.check import rules  # noqa: F401  (importing the package registers its rules)

    return list(_PYTHON_RULES)


def all_rules(fmt: FormatSpec | None) -> list[Rule]:
    """Every rule that runs on a document of this format, declared ones first."""
    from yusuan.check.declared import declared_rules

    return [*(declared_rules(fmt) if fmt else ()), *python_rules(), INTERNAL, UNKNOWN_FORMAT]


def _format_of(document: Document) -> FormatSpec | None:
    try:
        return load_format(document.meta.format)
    except (KeyError, ValueError):
        return None


def _run(ctx: Context, rule: Rule) -> list[Finding]:
    """The rule's findings; if it fails, those it gave before failing and a CHECK-INTERNAL finding."""
    ctx.rule = rule
    found: list[Finding] = []
    try:
        found.extend(rule.run(ctx))
    except Exception as error:  # one failing rule never stops the others
        ctx.rule = INTERNAL
        where = traceback.extract_tb(error.__traceback__)[-1]
        found.append(ctx.finding(
            Severity.WARNING, f"规则 {rule.id}（{rule.title}）运行出错，其检查没有完成："
            f"{type(error).__name__}: {error}（{where.filename.rsplit('/', 1)[-1]}:{where.lineno}）。"
            "这是 yusuan 的缺陷，请附上输入文件报告。"))
    return found


def check_document(document: Document, *, fmt: FormatSpec | None = None,
                   coverage: dict[tuple, set[str]] | None = None) -> list[Finding]:
    """Every finding about ``document``: errors first, then warnings, then infos, each in printed order.

    Never raises on a Document: a rule that fails becomes a ``CHECK-INTERNAL`` finding. The format
    declaration is the one ``document.meta.format`` names unless ``fmt`` is given (to try a new
    declaration before it is installed). Pass a dict as ``coverage`` to learn which cells some check
    compared (cell key → severities of those checks).
    """
    fmt = fmt or _format_of(document)
    ctx = Context(document, fmt, coverage=coverage)
    findings: list[Finding] = []
    if fmt is None:
        ctx.rule = UNKNOWN_FORMAT
        findings.append(ctx.finding(Severity.WARNING, f"没有名为“{document.meta.format}”的格式声明，"
                                    "表间与表内的勾稽关系无法核对，只做了通用检查。"))
    try:
        rules = all_rules(fmt)
    except FormatDeclarationError as error:  # a defect of the declaration, not of the document
        ctx.rule = INTERNAL
        findings.append(ctx.finding(Severity.WARNING, f"格式“{fmt.id if fmt else ''}”的勾稽声明有误（{error}），"
                                    "声明的勾稽关系未能核对。这是 yusuan 的缺陷，请报告。"))
        rules = python_rules()
    for rule in rules:
        if rule not in (INTERNAL, UNKNOWN_FORMAT):
            findings.extend(_run(ctx, rule))
    findings = locate(document, findings)  # narrative cells at their sentences, before sorting by place
    order = {id(f): n for n, f in enumerate(findings)}
    return sorted(findings, key=lambda f: (f.severity.rank, f.place, order[id(f)]))
