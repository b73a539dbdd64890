"""The Document JSON: round trip, the documented shape, and clear errors on bad JSON."""

from __future__ import annotations

import json

import pytest

from yusuan.document_json import from_dict, from_json, to_dict, to_json
from yusuan.errors import UnreadableInput
from yusuan.model import SCHEMA, Document


def test_round_trip_is_exact(seed_doc: Document) -> None:
    again = from_json(to_json(seed_doc))
    assert again == seed_doc
    assert to_json(again) == to_json(seed_doc)


def test_documented_shape(seed_doc: Document) -> None:
    data = json.loads(to_json(seed_doc))
    assert data["schema"] == SCHEMA == "yusuan.document/1"
    assert set(data) == {"schema", "meta", "sections", "tables", "claims", "diagnostics"}
    assert set(data["meta"]) >= {"entity", "year", "kind", "scope", "format", "unit"}
    assert set(data["sections"]) >= {"duties", "internal_units", "composition", "explanations", "glossary"}
    table = data["tables"][1]
    assert set(table) >= {"number", "title", "unit", "columns", "rows", "notes", "pages"}
    assert table["columns"][1] == {"key": "gpb", "path": ["财政拨款收入", "一般公共预算"]}
    row = table["rows"][3]
    assert row["code"] == "2080101" and row["label"] == "行政运行" and row["level"] == 3
    assert row["values"][:3] == ["1148.95", "1148.95", "0.00"]  # decimal strings, printed precision
    assert row["source"] == {"page": 5, "line": 221, "box": None}
    claim = data["claims"][0]
    assert claim["amount"] == "3355.91" and claim["percent"] == "3.68" and claim["direction"] == "增加"


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(schema="other/9"), "schema"),
        (lambda d: d["meta"].pop("entity"), r"\$\.meta\.entity 缺失"),
        (lambda d: d["tables"][1]["rows"][0]["values"].__setitem__(0, 3355.91), "十进制字符串"),
        (lambda d: d["tables"][1]["rows"][0]["values"].__setitem__(0, "abc"), "不是金额"),
        (lambda d: d["tables"][1]["rows"][0]["values"].pop(), "有 11 个数值"),
        (lambda d: d["tables"][0].__setitem__("number", "一"), r"\$\.tables\[0\]\.number 类型错误"),
        (lambda d: d.__setitem__("tables", {}), "类型错误"),
    ],
)
def test_bad_json_is_named_precisely(seed_doc: Document, mutate, message: str) -> None:
    data = to_dict(seed_doc)
    mutate(data)
    with pytest.raises(UnreadableInput, match=message):
        from_dict(data)


def test_not_json_at_all() -> None:
    with pytest.raises(UnreadableInput, match="不是有效的 JSON"):
        from_json("{not json")
    with pytest.raises(UnreadableInput, match="顶层应为对象"):
        from_json("[1, 2]")
