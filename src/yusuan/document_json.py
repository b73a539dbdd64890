"""The Document as JSON (``"schema": "yusuan.document/1"``), both ways.

Amounts are decimal strings exactly as printed (``"0.00"``, ``"3355.91"``), never JSON numbers, so
no float ever touches them. Reading JSON validates it and reports problems in Chinese with the path
of the offending field. The format is documented in ``docs/document-json.md``.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from yusuan.errors import UnreadableInput
from yusuan.model import (
    MARK_STATUSES,
    SCHEMA,
    Claim,
    Column,
    Diagnostic,
    Document,
    Meta,
    Row,
    Section,
    Sections,
    Source,
    Table,
    ValueMark,
)


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _source(source: Source) -> dict[str, Any]:
    return {"page": source.page, "line": source.line, "box": list(source.box) if source.box else None}


def _mark(mark: ValueMark | None) -> dict[str, Any] | None:
    if mark is None:
        return None
    data: dict[str, Any] = {"confidence": mark.confidence, "status": mark.status}
    if mark.seen is not None:
        data["seen"] = mark.seen
    return data


def _row(row: Row) -> dict[str, Any]:
    data = {
        "code": row.code,
        "label": row.label,
        "ordinal": row.ordinal,
        "level": row.level,
        "side": row.side,
        "key": row.key,
        "values": [_amount(v) for v in row.values],
        "text": row.text,
        "source": _source(row.source),
    }
    if row.boxes is not None:
        data["boxes"] = [list(b) if b else None for b in row.boxes]
    if row.alt_code is not None:
        data["alt_code"] = row.alt_code
    if row.marks is not None:
        data["marks"] = [_mark(m) for m in row.marks]
    if row.label_mark is not None:
        data["label_mark"] = _mark(row.label_mark)
    return data


def _table(table: Table) -> dict[str, Any]:
    return {
        "number": table.number,
        "numbering": table.numbering,
        "key": table.key,
        "title": table.title,
        "unit": table.unit,
        "entity": table.entity,
        "columns": [{"key": c.key, "path": c.path} for c in table.columns],
        "text_column": {"key": table.text_column.key, "path": table.text_column.path}
        if table.text_column else None,
        "rows": [_row(r) for r in table.rows],
        "notes": table.notes,
        "pages": table.pages,
    }


def _claim(claim: Claim) -> dict[str, Any]:
    return {
        "section": claim.section,
        "subject": claim.subject,
        "name": claim.name,
        "role": claim.role,
        "amount": _amount(claim.amount),
        "unit": claim.unit,
        "change": _amount(claim.change),
        "direction": claim.direction,
        "percent": _amount(claim.percent),
        "percent_direction": claim.percent_direction,
        "comparable": claim.comparable,
        "parent": claim.parent,
        "goal": claim.goal,
        "text": claim.text,
        "source": _source(claim.source),
    }


def to_dict(document: Document) -> dict[str, Any]:
    m = document.meta
    s = document.sections
    return {
        "schema": SCHEMA,
        "meta": {
            "entity": m.entity, "year": m.year, "kind": m.kind, "scope": m.scope, "format": m.format,
            "unit": m.unit, "title": m.title, "file": m.file, "sha256": m.sha256, "reader": m.reader,
            **({"body": m.body, "bodies": m.bodies} if m.bodies else {}),
        },
        "sections": {
            "duties": s.duties,
            "internal_units": s.internal_units,
            "internal_unit_count": s.internal_unit_count,
            "composition": s.composition,
            "explanations": [
                {"number": e.number, "title": e.title, "text": e.text, "source": _source(e.source)}
                for e in s.explanations
            ],
            "glossary": s.glossary,
        },
        "tables": [_table(t) for t in document.tables],
        "claims": [_claim(c) for c in document.claims],
        "diagnostics": [{"message": d.message, "source": _source(d.source)} for d in document.diagnostics],
    }


def to_json(document: Document, indent: int | None = 2) -> str:
    return json.dumps(to_dict(document), ensure_ascii=False, indent=indent)


# ---- reading -------------------------------------------------------------------------------------


class _Reader:
    """Typed access to untrusted JSON with the field path in every error message."""

    def __init__(self, data: Any, path: str) -> None:
        self.data = data
        self.path = path

    def fail(self, what: str) -> UnreadableInput:
        return UnreadableInput(f"Document JSON 无效：{self.path} {what}")

    def get(self, key: str, kind: type | tuple[type, ...], *, optional: bool = False, default: Any = None) -> Any:
        if not isinstance(self.data, dict):
            raise self.fail("应为对象")
        if key not in self.data or self.data[key] is None:
            if optional:
                return default
            raise _Reader(None, f"{self.path}.{key}").fail("缺失")
        value = self.data[key]
        if (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
            raise _Reader(value, f"{self.path}.{key}").fail(f"类型错误（{type(value).__name__}）")
        return value

    def child(self, key: str) -> _Reader:
        return _Reader(self.get(key, dict), f"{self.path}.{key}")

    def children(self, key: str) -> list[_Reader]:
        return [_Reader(item, f"{self.path}.{key}[{i}]") for i, item in enumerate(self.get(key, list))]

    def amount(self, key: str) -> Decimal | None:
        return _decimal(self.get(key, str, optional=True), f"{self.path}.{key}")


def _decimal(value: Any, path: str) -> Decimal | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise UnreadableInput(f"Document JSON 无效：{path} 金额必须是十进制字符串（例如 \"3355.91\"），不能是数字")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise UnreadableInput(f"Document JSON 无效：{path} 不是金额：{value!r}") from None
    if not amount.is_finite():
        raise UnreadableInput(f"Document JSON 无效：{path} 不是有限金额：{value!r}")
    return amount


def _read_source(r: _Reader) -> Source:
    if not isinstance(r.data, dict):
        return Source()
    box = r.get("box", list, optional=True)
    return Source(page=r.get("page", int, optional=True), line=r.get("line", int, optional=True),
                  box=tuple(box) if box else None)


def _read_mark(r: _Reader) -> ValueMark | None:
    if r.data is None:
        return None
    confidence = r.get("confidence", (int, float), optional=True)
    if isinstance(confidence, bool):
        raise _Reader(confidence, f"{r.path}.confidence").fail("类型错误（bool）")
    status = r.get("status", str)
    if status not in MARK_STATUSES:
        raise _Reader(status, f"{r.path}.status").fail(f"应为 {'、'.join(MARK_STATUSES)} 之一")
    return ValueMark(confidence=None if confidence is None else float(confidence), status=status,
                     seen=r.get("seen", str, optional=True))


def _read_row(r: _Reader) -> Row:
    values = [_decimal(v, f"{r.path}.values[{i}]") for i, v in enumerate(r.get("values", list))]
    boxes = r.get("boxes", list, optional=True)
    marks = r.children("marks") if r.get("marks", list, optional=True) is not None else None
    if marks is not None and len(marks) != len(values):
        raise r.fail(f"有 {len(values)} 个数值，而 marks 有 {len(marks)} 项")
    return Row(
        label=r.get("label", str), values=values, code=r.get("code", str, optional=True),
        ordinal=r.get("ordinal", str, optional=True), level=r.get("level", int, optional=True),
        side=r.get("side", str, optional=True), key=r.get("key", str, optional=True),
        text=r.get("text", str, optional=True), source=_read_source(_Reader(r.data.get("source"), r.path)),
        boxes=[tuple(b) if b else None for b in boxes] if boxes is not None else None,
        alt_code=r.get("alt_code", str, optional=True),
        marks=[_read_mark(m) for m in marks] if marks is not None else None,
        label_mark=_read_mark(_Reader(r.data.get("label_mark"), f"{r.path}.label_mark")),
    )


def _read_column(r: _Reader) -> Column:
    return Column(key=r.get("key", str), path=[str(p) for p in r.get("path", list)])


def _read_table(r: _Reader) -> Table:
    text_column = r.data.get("text_column") if isinstance(r.data, dict) else None
    table = Table(
        number=r.get("number", int), key=r.get("key", str), title=r.get("title", str),
        unit=r.get("unit", str, optional=True, default=""),
        columns=[_read_column(c) for c in r.children("columns")],
        text_column=_read_column(_Reader(text_column, f"{r.path}.text_column")) if text_column else None,
        notes=[str(n) for n in r.get("notes", list, optional=True, default=[])],
        pages=[int(p) for p in r.get("pages", list, optional=True, default=[])],
        entity=r.get("entity", str, optional=True),
        numbering=r.get("numbering", str, optional=True),
    )
    table.rows = [_read_row(row) for row in r.children("rows")]
    width = len(table.columns)
    for i, row in enumerate(table.rows):
        if len(row.values) != width:
            raise UnreadableInput(f"Document JSON 无效：{r.path}.rows[{i}] 有 {len(row.values)} 个数值，"
                                  f"而表有 {width} 列")
    return table


def _read_claim(r: _Reader) -> Claim:
    return Claim(
        section=r.get("section", str), subject=r.get("subject", str), name=r.get("name", str),
        role=r.get("role", str, optional=True, default="statement"), amount=r.amount("amount"),
        unit=r.get("unit", str, optional=True, default="万元"), change=r.amount("change"),
        direction=r.get("direction", str, optional=True), percent=r.amount("percent"),
        percent_direction=r.get("percent_direction", str, optional=True),
        comparable=r.get("comparable", bool, optional=True, default=True),
        parent=r.get("parent", str, optional=True), goal=r.get("goal", str, optional=True),
        text=r.get("text", str, optional=True, default=""),
        source=_read_source(_Reader(r.data.get("source"), r.path)),
    )


def from_dict(data: Any) -> Document:
    """Validate and build a Document; raises :class:`UnreadableInput` naming the bad field."""
    root = _Reader(data, "$")
    schema = root.get("schema", str)
    if schema != SCHEMA:
        raise root.fail(f"schema 为 {schema!r}，本版本只读 {SCHEMA!r}")
    m = root.child("meta")
    meta = Meta(
        entity=m.get("entity", str), year=m.get("year", int, optional=True), kind=m.get("kind", str),
        scope=m.get("scope", str, optional=True, default="department"), format=m.get("format", str),
        unit=m.get("unit", str, optional=True, default="万元"), title=m.get("title", str, optional=True),
        file=m.get("file", str, optional=True), sha256=m.get("sha256", str, optional=True),
        reader=m.get("reader", str, optional=True),
        body=m.get("body", int, optional=True), bodies=m.get("bodies", int, optional=True),
    )
    s = root.child("sections") if isinstance(data.get("sections"), dict) else _Reader({}, "$.sections")
    glossary = s.get("glossary", dict, optional=True, default={})
    sections = Sections(
        duties=[str(x) for x in s.get("duties", list, optional=True, default=[])],
        internal_units=[str(x) for x in s.get("internal_units", list, optional=True, default=[])],
        internal_unit_count=s.get("internal_unit_count", int, optional=True),
        composition=s.get("composition", str, optional=True, default=""),
        explanations=[
            Section(e.get("number", str, optional=True), e.get("title", str), e.get("text", str),
                    _read_source(_Reader(e.data.get("source"), e.path)))
            for e in (s.children("explanations") if "explanations" in s.data else [])
        ],
        glossary={str(k): str(v) for k, v in glossary.items()},
    )
    diagnostics = [
        Diagnostic(d.get("message", str), _read_source(_Reader(d.data.get("source"), d.path)))
        for d in (root.children("diagnostics") if "diagnostics" in data else [])
    ]
    return Document(
        meta=meta, sections=sections,
        tables=[_read_table(t) for t in root.children("tables")],
        claims=[_read_claim(c) for c in (root.children("claims") if "claims" in data else [])],
        diagnostics=diagnostics,
    )


def _loads(text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise UnreadableInput(f"不是有效的 JSON：第 {error.lineno} 行第 {error.colno} 列附近出错。") from None


def from_json(text: str) -> Document:
    data = _loads(text)
    if not isinstance(data, dict):
        raise UnreadableInput("Document JSON 无效：顶层应为对象。")
    return from_dict(data)


def from_json_list(text: str) -> list[Document]:
    """The Documents of a file of several disclosures, as ``yusuan parse`` writes them (an array)."""
    data = _loads(text)
    if not isinstance(data, list) or not data or not all(isinstance(d, dict) for d in data):
        raise UnreadableInput("Document JSON 无效：数组中应为一个或多个文档对象。")
    return [from_dict(d) for d in data]
