"""``write_document`` and ``yusuan export``: every format, named after the entity and year, nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import yusuan.write as write
from conftest import SEED
from yusuan.document_json import from_json
from yusuan.errors import YusuanError
from yusuan.model import Document
from yusuan.write import FORMATS, parse_formats, write_document

STEM = "江门市社会保险基金管理局2024年部门预算"


def test_all_formats_named_after_entity_and_year(seed_doc: Document, tmp_path: Path) -> None:
    seen: list[str] = []
    paths = write_document(seed_doc, tmp_path / "out", progress=seen.append)
    assert [p.name for p in paths] == [f"{STEM}.{fmt}" for fmt in FORMATS]
    assert seen == list(FORMATS)
    assert from_json(paths[0].read_text("utf-8")).tables[0].rows[0].values == seed_doc.tables[0].rows[0].values
    assert paths[1].read_bytes()[:2] == b"PK" and paths[4].read_bytes()[:5] == b"%PDF-"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in paths)  # no temp files


def test_choosing_formats() -> None:
    assert parse_formats(["xlsx,pdf", "html"]) == ("xlsx", "pdf", "html")
    assert parse_formats(["PDF，.docx"]) == ("pdf", "docx")
    assert parse_formats([]) == parse_formats(["all"]) == FORMATS
    with pytest.raises(YusuanError, match="未知的输出格式“doc”；可用的格式：json、xlsx、docx、html、pdf"):
        parse_formats(["doc"])


def test_a_failing_writer_leaves_the_folder_as_it_was(seed_doc: Document, tmp_path: Path, monkeypatch) -> None:
    old = tmp_path / f"{STEM}.json"
    old.write_text("earlier output", encoding="utf-8")

    def broken(document: Document) -> bytes:
        raise YusuanError("无法生成 PDF。")

    real = write.renderer
    monkeypatch.setattr(write, "renderer", lambda fmt: broken if fmt == "pdf" else real(fmt))
    with pytest.raises(YusuanError, match="无法生成 PDF"):
        write_document(seed_doc, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [old.name]
    assert old.read_text(encoding="utf-8") == "earlier output"


def test_unsafe_characters_leave_the_file_name() -> None:
    document = from_json(json.dumps({"schema": "yusuan.document/1", "tables": [],
                                     "meta": {"entity": "某局/办公室:*?", "year": 2025, "kind": "budget",
                                              "format": "gd-budget-12"}}))
    assert write.file_stem(document) == "某局_办公室___2025年部门预算"



def test_cli_exports_from_a_disclosure_and_from_its_workbook(tmp_path: Path, cli) -> None:
    code, out, err = cli("export", str(SEED), "-o", str(tmp_path / "a"), "--to", "xlsx,html")
    assert code == 0 and out == ""
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == [f"{STEM}.html", f"{STEM}.xlsx"]
    assert "江门市社会保险基金管理局 2024 年部门预算" in err and f"已写入 {tmp_path / 'a' / STEM}.xlsx" in err
    code, _, err = cli("export", str(tmp_path / "a" / f"{STEM}.xlsx"), "-o", str(tmp_path / "b"), "-t", "json")
    assert code == 0
    again = from_json((tmp_path / "b" / f"{STEM}.json").read_text("utf-8"))
    assert again.meta.reader == "xlsx" and len(again.tables) == 12


def test_cli_errors_are_one_chinese_line(tmp_path: Path, cli) -> None:
    code, _, err = cli("export", str(SEED), "-o", str(tmp_path), "--to", "doc")
    assert code == 2 and err.count("\n") == 1 and "未知的输出格式“doc”" in err
    code, _, err = cli("export", str(tmp_path / "missing.json"), "-o", str(tmp_path))
    assert code == 2 and "找不到文件" in err
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    code, _, err = cli("export", str(SEED), "-o", str(blocked), "--to", "json")
    assert code == 2 and "无法写入" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == [blocked]
