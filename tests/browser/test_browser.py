"""The pages in Debian's Chromium, driven by Playwright, against ``yusuan serve`` on a free port.

Upload the seed and a corpus PDF and see their totals and findings (a finding's cells highlighted
in the table), filter the list, open a compare page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SEED
from serve_helpers import serving
from yusuan.check import check_document
from yusuan.read import read_path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's Chromium is not installed (make test installs it)")
    pytest.importorskip("playwright", reason="the dev dependency playwright is not installed")
    folder = tmp_path_factory.mktemp("serve")
    with serving(folder / "b.duckdb", wait=30, stop=10) as url:
        yield url, folder


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser.new_page(viewport={"width": 1280, "height": 900})
        browser.close()


def upload(page, url: str, path: Path) -> None:
    page.goto(url + "/")
    page.set_input_files("#file", str(path))
    page.click("form.upload button")
    page.wait_for_load_state()


def test_upload_seed_see_totals_and_findings(server, page, tmp_path: Path) -> None:
    url, folder = server
    upload(page, url, SEED)
    assert page.inner_text("#doc-title") == "江门市社会保险基金管理局 2024 年部门预算"
    assert page.inner_text("#counts").split() == ["错误", "0", "警告", "0", "提示", "1"]
    assert page.inner_text("#t1-r7-c0") == "3,355.91"  # 收入总计
    finding = page.locator("li.finding").first
    assert "SUM-HIERARCHY" in finding.inner_text() and "180.80" in finding.inner_text()
    finding.click()
    highlighted = page.eval_on_selector_all("td.hl", "cells => cells.map(c => c.id)")
    assert highlighted == ["t6-r27-c0", "t6-r28-c0", "t6-r29-c0", "t6-r30-c0"]
    assert page.inner_text("#t6-r27-c0") == "180.80"
    page.screenshot(path=str(folder / "seed.png"))


def test_upload_corpus_pdf_see_its_error(server, page, corpus: Path) -> None:
    url, folder = server
    upload(page, url, corpus / "sh-putuo-wanli-2024-budget.pdf")
    assert "上海市普陀区人民政府万里街道办事处 2024 年" in page.inner_text("#doc-title")
    counts = page.inner_text("#counts").split()
    findings = check_document(read_path(corpus / "sh-putuo-wanli-2024-budget.pdf"))
    expected = [f for f in findings if f.severity == "error"]
    assert len(expected) == 6  # the five known errors of truth/…errors.tsv and N4 (uncertain there)
    assert counts[:2] == ["错误", str(len(expected))]
    page.locator("li.finding.sev-error", has_text="COMPLETE-EMPTY-NOTE").click()  # the one citing 表9's cells
    cells = page.eval_on_selector_all("td.hl", "cells => cells.map(c => c.id)")
    assert cells and all(c.startswith("t9") for c in cells)
    page.screenshot(path=str(folder / "pdf.png"), full_page=False)


def test_filter_list_and_compare(server, page, tmp_path: Path, seed_text: str) -> None:
    url, _ = server
    later = tmp_path / "江门2025.txt"
    later.write_text(seed_text.replace("2024", "2025").replace("180.80", "190.80", 1), encoding="utf-8")
    upload(page, url, later)
    assert page.inner_text("#counts").split()[:2] == ["错误", "2"]
    page.goto(url + "/")
    page.select_option("select[name=errors]", "yes")
    page.click("form.filters button")
    listed = page.inner_text("#documents tbody")
    assert "2025" in listed and "江门市社会保险基金管理局" in listed
    assert page.locator("#documents tbody tr").count() == page.locator("#documents tbody tr.has-errors").count()
    assert "published.txt" not in listed  # the seed has no error
    page.select_option("select[name=year]", "2025")
    page.click("form.filters button")
    assert page.locator("#documents tbody tr").count() == 1
    page.click("#documents tbody tr a")
    page.click("form.compare-with button")
    assert page.inner_text("#changed") == "共 1 处不同。"
    assert "表6" in page.inner_text("#summary")  # the summary names the table that changed
    row = page.locator("#comparison section.table-block table tbody tr").first.inner_text().split("\t")
    expected = ["303", "对个人和家庭的补助", "预算", "190.80", "180.80", "-10.00", "-5.24%"]
    assert [c.strip() for c in row][1:8] == expected
    page.screenshot(path=str(tmp_path / "compare.png"))


def test_review_a_finding_in_the_browser_and_see_its_page(server, page, corpus: Path) -> None:
    """Mark a finding 确认 with a note, see it after a reload and under the 复核 filter; open its page view."""
    url, folder = server
    upload(page, url, corpus / "sh-putuo-fuliyuan-2024-unit-budget.pdf")
    doc_url = page.url.split("?")[0].split("#")[0]
    card = page.locator("li.finding", has_text="WORD-EMPTY").first
    card.locator("input[value=confirmed]").check()
    card.locator("input[name=note]").fill("原文确实缺少原因")
    card.locator("button", has_text="保存").click()
    page.wait_for_load_state()
    page.reload()
    card = page.locator("li.finding", has_text="WORD-EMPTY").first
    assert "确认：原文确实缺少原因" in card.inner_text()
    assert "公务用车购置及运行费6.40万元，与2023年预算持平，主要原因是。" in card.inner_text()  # the sentence itself
    page.select_option("form.filters select[name=status]", "confirmed")
    page.click("form.filters button")
    page.wait_for_load_state()
    assert page.locator("li.finding").count() == 1
    page.goto(doc_url)
    card = page.locator("li.finding", has_text="WORD-EMPTY").first
    card.locator("details.page-view summary").click()
    image = card.locator("details.page-view img").first
    image.wait_for(state="visible")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert image.evaluate("img => img.naturalWidth") > 800
    page.select_option("#doc-status", "reviewed")
    page.click("form.doc-review button")
    page.wait_for_load_state()
    assert "当前：已审" in page.inner_text("#doc-mark")
    card = page.locator("li.finding", has_text="WORD-EMPTY").first
    card.scroll_into_view_if_needed()
    page.screenshot(path=str(folder / "review.png"))
    assert (folder / "review.png").stat().st_size > 10_000
