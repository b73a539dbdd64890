"""Pages that read like the document: the narrative in its printed items under its printed headings,
charts for every format from the tables' kinds, the compare page's summary and only the rows that differ."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from yusuan.read import read_path
from yusuan.store.compare import compare_documents
from yusuan.web.views import section_views
from yusuan.write.charts import document_charts

pytest.importorskip("fastapi", reason="yusuan[web] is not installed")
from fastapi.testclient import TestClient

from yusuan.web.app import create_app


def test_a_shanghai_narrative_in_its_items_under_printed_headings(corpus: Path) -> None:
    document = read_path(corpus / "sh-putuo-wanli-2024-budget.pdf")
    views = section_views(document)
    budget = views[0]
    assert budget.heading == "2024年部门预算编制说明"  # the format's 四 is not printed
    numbered = [item for item in budget.items if re.match(r"\d{1,2}[.．、]", item)]
    assert len(numbered) == 33 and numbered[0].startswith("1.“") and numbered[-1].startswith("33.")
    sangong = views[1]
    assert sangong.heading == "一、2024年“三公”经费预算情况说明"  # not 六.一、
    assert [item[:3] for item in sangong.items[1:]] == ["（一）", "（二）", "（三）"]
    assert "".join(budget.items).replace(" ", "") == document.sections.explanations[0].text.replace(" ", "")


@pytest.mark.parametrize("name", ["sh-putuo-wanli-2024-budget.pdf", "sh-putuo-czj-2024-final.pdf",
                                  "real/002_北京__2026年北京市财政局部门预算.pdf",
                                  "real/025_烟台__2026年烟台市教育局部门预算.pdf"])
def test_charts_for_every_format_from_the_table_kinds(corpus: Path, name: str) -> None:
    if not (corpus / name).exists():
        pytest.skip(f"{name} is not in the corpus")
    document = read_path(corpus / name)
    charts = document_charts(document)
    if not document.tables:
        assert charts == []  # the Beijing budget prints its tables in another file
        return
    functional = next(c for c in charts if c.title == "支出按功能分类（类）")
    table = next(t for key in ("gpb_functional", "expense", "fiscal_functional")
                 if (t := document.table_by_key(key)) is not None)
    classes = [r for r in table.rows if r.level == 1 and r.side is None]
    assert functional.categories == tuple(r.label for r in classes)
    first = table.columns and [i for i, c in enumerate(table.columns) if c.key == "total"]
    if first:
        assert functional.category_total(0) == classes[0].values[first[0]]  # the parts add up to the 类 total


def test_compare_lists_what_differs_with_a_summary_and_a_chart(corpus: Path, tmp_path: Path) -> None:
    names = ["sh-putuo-wanli-2024-budget.pdf", "sh-putuo-qzfb-2025-dept-budget.pdf"]
    a, b = (read_path(corpus / n) for n in names)
    compared = compare_documents(a, b)
    quiet = [d for t in compared.tables for d in t.differences if d.status == "zero"]
    listed = [d for t in compared.tables for d in t.changed]
    assert all(d.status != "zero" for d in listed)
    assert all((d.a or 0) == 0 and (d.b or 0) == 0 for d in quiet)
    app = create_app(tmp_path / "c.duckdb", uploads=tmp_path / "u", limit=50 * 1024 * 1024)
    with TestClient(app) as client:
        ids = [client.post("/api/documents", files={"file": (n, (corpus / n).read_bytes(), "application/pdf")}
                           ).json()["id"] for n in names]
        page = client.get("/compare", params={"a": ids[0], "b": ids[1]}).text
    assert f"共 {len(listed)} 处不同" in page and page.count('<tr class="status-') == len(listed)
    assert "变化概要" in page and 'id="compare-chart"' in page and "（A）" in page and "（B）" in page
    assert "status-zero" not in page and "status-same" not in page
