"""The reader reads the same Document whatever the extraction did to the layout of the text."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yusuan.document_json import to_dict
from yusuan.errors import UnreadableInput
from yusuan.model import Document
from yusuan.read import read_bytes, read_text


def content(document: Document) -> dict:
    """The Document without where things were printed (pages and lines differ between variants)."""
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("source", "pages", "file", "sha256")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value
    return strip(to_dict(document))


def test_without_page_footers(seed_text: str, seed_doc: Document) -> None:
    variant = re.sub(r"(?m)^- \d+ -$", "", seed_text)
    assert variant != seed_text
    assert content(read_text(variant)) == content(seed_doc)


def test_full_width_spaces_as_ascii(seed_text: str, seed_doc: Document) -> None:
    variant = seed_text.replace("\u3000", " ").replace("\xa0", " ")
    assert content(read_text(variant)) == content(seed_doc)


def test_crlf_line_ends(seed_text: str, seed_doc: Document) -> None:
    variant = seed_text.replace("\n", "\r\n")
    document = read_text(variant)
    assert content(document) == content(seed_doc)
    assert to_dict(document)["tables"] == to_dict(seed_doc)["tables"]  # same lines and pages too


def test_whole_text_on_one_page(seed_text: str, seed_doc: Document) -> None:
    variant = re.sub(r"(?m)^- \d+ -$", "", seed_text)
    variant = re.sub(r"(?m)^ (?=[^ \n])", "", variant)  # no page starts
    document = read_text(variant)
    assert {row.source.page for t in document.tables for row in t.rows} == {1}
    assert content(document) == content(seed_doc)


def test_form_feed_pages(seed_text: str, seed_doc: Document) -> None:
    variant = re.sub(r"(?m)^ (?=[^ \n])", "\f", seed_text)
    document = read_text(variant)
    assert content(document) == content(seed_doc)
    assert document.table(6).pages == seed_doc.table(6).pages


def test_gb18030_file(seed_text: str, seed_doc: Document) -> None:
    document = read_bytes(seed_text.encode("gb18030"))
    assert content(document) == content(seed_doc)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "文件是空的"),
        (b"   \n\n  ", "文件是空的"),
        (b"\x00\x01\x02PK\x03\x04" * 50, "不是文本文件"),
        ("这是一封普通的信。\n没有表格。\n".encode(), "不是部门预算或决算公开文件"),
        ("某某局2024年部门预算\n表1\n某种未知的表\n".encode(), "格式无法识别"),
    ],
)
def test_unreadable_inputs_get_one_clear_sentence(data: bytes, message: str) -> None:
    with pytest.raises(UnreadableInput, match=message):
        read_bytes(data)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_text_never_raises_anything_else(text: str) -> None:
    try:
        read_text(text)
    except UnreadableInput as error:
        assert str(error)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mangled_seed_never_raises_anything_else(seed_text: str, data: st.DataObject) -> None:
    """Lines dropped, duplicated, swapped or cut: the reader copes or says clearly why not."""
    lines = seed_text.splitlines()
    for _ in range(data.draw(st.integers(1, 12))):
        i = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "dup", "swap", "cut", "noise"]))
        if action == "drop":
            del lines[i]
        elif action == "dup":
            lines.insert(i, lines[i])
        elif action == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif action == "cut":
            lines[i] = lines[i][: data.draw(st.integers(0, max(0, len(lines[i]) - 1)))]
        else:
            lines.insert(i, data.draw(st.text(max_size=30)))
        if not lines:
            break
    try:
        document = read_text("\n".join(lines))
    except UnreadableInput as error:
        assert str(error)
    else:
        assert document.tables
