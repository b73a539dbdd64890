"""A file of several disclosures (two units' budgets bound together, a department's followed by a
unit's): each is read, checked, written and stored on its own, and the file's other disclosures are
never lost — built from real PDFs at test time (pages copied with pypdfium2)."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from yusuan.check import Severity, check_document
from yusuan.check.bodies import check_bodies
from yusuan.read import read_all_bytes
from yusuan.store.db import Store
from yusuan.store.ingest import ingest

UNITS = ("real/001_上海__2026年上海市公安局_部门预算.pdf", "real/001_上海__2026年上海市司法局_部门预算.pdf")
DEPARTMENT_THEN_UNIT = ("sh-putuo-qzfb-2025-dept-budget.pdf", "sh-putuo-fuliyuan-2024-unit-budget.pdf")


def _bound(corpus: Path, names: tuple[str, ...], out: Path) -> Path:
    if not all((corpus / name).exists() for name in names):
        pytest.skip(f"{names} not in the corpus")
    bound = pdfium.PdfDocument.new()
    for name in names:
        bound.import_pages(pdfium.PdfDocument(corpus / name))
    bound.save(out)
    return out


@pytest.fixture(scope="module")
def two_units(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _bound(corpus, UNITS, tmp_path_factory.mktemp("bodies") / "two-units.pdf")


def test_each_disclosure_of_a_file_is_read(two_units: Path, real: dict) -> None:
    documents = read_all_bytes(two_units.read_bytes(), name=two_units.name)
    alone = [real[Path(name).name] for name in UNITS]
    assert [d.meta.entity for d in documents] == [d.meta.entity for d in alone]
    assert [(d.meta.body, d.meta.bodies) for d in documents] == [(1, 2), (2, 2)]
    for document, single in zip(documents, alone, strict=True):
        assert [t.title for t in document.tables] == [t.title for t in single.tables]
        assert [r.values for t in document.tables for r in t.rows] == [r.values for t in single.tables for r in t.rows]
        assert len(document.claims) == len(single.claims)
    assert check_bodies(documents) == []  # two units side by side: no 汇总 to add up


def test_check_and_parse_report_every_disclosure(two_units: Path, cli, tmp_path: Path) -> None:
    code, out, err = cli("check", str(two_units))
    assert code == 0 and "本文件含 2 份公开" in err
    assert "本文件第 1/2 份" in out and "本文件第 2/2 份" in out
    code, _, err = cli("parse", str(two_units), "-o", str(tmp_path / "two.json"))
    assert code == 0 and "本文件含 2 份公开" in err
    data = json.loads((tmp_path / "two.json").read_text(encoding="utf-8"))
    assert [d["meta"]["body"] for d in data] == [1, 2]
    code, out, _ = cli("check", str(tmp_path / "two.json"), "--format", "json")
    assert code == 0 and [r["document"]["entity"] for r in json.loads(out)] == [d["meta"]["entity"] for d in data]


def test_the_store_keeps_every_disclosure_of_the_file(two_units: Path, tmp_path: Path) -> None:
    db = tmp_path / "bodies.duckdb"
    report = ingest(Store(db), [two_units], jobs=1)
    assert len(report.stored) == 1 and not report.failed
    query = "SELECT id, sha256, entity, body, bodies, file_sha256 FROM documents ORDER BY body"
    with Store(db, read_only=True) as store:
        first = store.cursor().execute(query).fetchall()
    assert [(r[3], r[4]) for r in first] == [(1, 2), (2, 2)]
    assert first[1][1] == f"{first[0][1]}#2" and first[0][5] == first[1][5] == first[0][1]
    again = ingest(Store(db), [two_units], jobs=1, force=True)  # read again: the same ids, nothing twice
    assert len(again.stored) == 1
    with Store(db, read_only=True) as store:
        assert store.cursor().execute(query).fetchall() == first


def test_a_department_and_its_unit_compared_as_a_warning(corpus: Path, tmp_path: Path) -> None:
    bound = _bound(corpus, DEPARTMENT_THEN_UNIT, tmp_path / "department-and-unit.pdf")
    documents = read_all_bytes(bound.read_bytes(), name=bound.name)
    assert [d.meta.scope for d in documents] == ["department", "unit"]
    crossed = check_bodies(documents)
    assert crossed and {f.severity for f in crossed} == {Severity.WARNING}  # units may publish apart
    assert all("部门可能还有未附在本文件中的单位" in f.message for f in crossed)
    assert not [f for f in check_document(documents[1]) if f.rule == "CROSS-BODIES"]
