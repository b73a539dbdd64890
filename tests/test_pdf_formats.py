"""The two formats declared for PDFs: their identities name cells that exist, detection tells them
apart by title, and ``--format`` forces one."""

from __future__ import annotations

from pathlib import Path

import pytest

from yusuan.check import check_document
from yusuan.check.engine import all_rules
from yusuan.check.findings import table_cell
from yusuan.cli import main
from yusuan.errors import UnreadableInput
from yusuan.formats.detect import detect_format, title_key
from yusuan.formats.spec import load_format
from yusuan.read import read_path

FAMILIES = {
    "sh-budget-9": {"SUM-HIERARCHY", "SUM-COLUMNS", "SUM-ROWS", "SUM-BALANCE", "CROSS-SUMMARY-INCOME",
                    "CROSS-SUMMARY-EXPENSE", "CROSS-FISCAL", "CROSS-BASIC", "CROSS-INCOME-EXPENSE", "SH-T8-ECONOMIC",
                    "CROSS-T1-T3", "CROSS-T1-T4", "SH-T4-FUNDS", "CROSS-T2-FISCAL"},
    "cn-final-9": {"SUM-HIERARCHY", "SUM-COLUMNS", "SUM-ROWS", "SUM-BALANCE", "CROSS-SUMMARY-INCOME",
                   "CROSS-SUMMARY-EXPENSE", "CROSS-FISCAL", "FIN-T6-ECONOMIC", "FIN-T7-SANGONG", "FIN-BALANCES",
                   "CROSS-T1-T2", "CROSS-T1-T4", "FIN-T4-FUNDS", "FIN-BASIC"},
}
DOCUMENTS = {"sh-budget-9": "sh-putuo-wanli-2024-budget.pdf", "cn-final-9": "sh-putuo-czj-2024-final.pdf"}


@pytest.mark.parametrize("format_id", ["sh-budget-9", "cn-final-9"])
def test_identities_are_declared_for_the_checker(corpus: Path, format_id: str) -> None:
    """formats.md §2–3 on the national model and the region's own declaration: every family runs, and on
    a real document of the format every printed amount is compared by some rule."""
    fmt = load_format(format_id)
    assert "pending_identities" not in fmt.extra
    assert {r.id for r in all_rules(fmt)} >= FAMILIES[format_id]
    doc = read_path(corpus / DOCUMENTS[format_id])
    coverage: dict[tuple, set[str]] = {}
    check_document(doc, coverage=coverage)
    printed = {table_cell(t, r, i).key for t in doc.tables for r in t.rows
               for i, v in enumerate(r.values) if v is not None}
    unchecked = {(k[0], k[3], k[4][-1]) for k in printed - set(coverage)}
    assert unchecked <= {(9, "预算数", "机关运行经费预算数")}, unchecked  # 机关运行经费: the narrative's only


def test_title_keys_drop_numbering_and_year() -> None:
    assert title_key("5．2024年部门一般公共预算支出功能分类预算表") == "部门一般公共预算支出功能分类预算表"
    assert title_key("表3 支出总体情况表") == "支出总体情况表"
    assert title_key("九、国有资本经营预算财政拨款收入支出决算表") == "国有资本经营预算财政拨款收入支出决算表"


def test_unit_budget_titles_are_detected() -> None:
    titles = [f"2024年预算单位{t}" for t in ("财务收支预算总表", "收入预算总表", "支出预算总表")]
    assert detect_format(titles).id == "sh-budget-9"
    assert detect_format(["收入支出决算总表", "收入决算表", "支出决算表"]).id == "cn-final-9"


def test_forcing_a_format(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = corpus / "sh-putuo-wanli-2024-budget.pdf"
    with pytest.raises(UnreadableInput, match="没有读到任何表格"):
        read_path(path, format_id="cn-final-9")
    assert read_path(path, format_id="sh-budget-9").meta.format == "sh-budget-9"
    assert main(["parse", str(path), "--format", "gd-budget-12"]) == 2
    assert "没有读到任何表格" in capsys.readouterr().err
    assert main(["parse", str(path), "--format", "nope"]) == 2
    assert "没有名为“nope”的格式" in capsys.readouterr().err
