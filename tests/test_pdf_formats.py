"""The two formats declared for PDFs: their identities name cells that exist, detection tells them
apart by title, and ``--format`` forces one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from yusuan.check.declared import declared_rules
from yusuan.cli import main
from yusuan.errors import UnreadableInput
from yusuan.formats.detect import detect_format, title_key
from yusuan.formats.spec import load_format
from yusuan.read import read_path

FAMILIES = {
    "sh-budget-9": {"SUM-HIERARCHY", "SUM-COLUMNS", "SH-T1-INCOME", "SH-T1-EXPENSE", "SH-T1-BALANCE", "SH-T4-INCOME",
                    "SH-T4-EXPENSE", "SH-T4-BALANCE", "SH-T8-ECONOMIC", "SH-T9-SANGONG", "CROSS-T1-T2", "CROSS-T1-T3",
                    "CROSS-T1-T4", "SH-T4-FUNDS", "SH-BASIC", "CROSS-T2-T3", "CROSS-T2-FISCAL"},
    "cn-final-9": {"SUM-HIERARCHY", "SUM-COLUMNS", "FIN-T1-INCOME", "FIN-T1-EXPENSE", "FIN-T1-BALANCE", "FIN-T4-INCOME",
                   "FIN-T4-EXPENSE", "FIN-T4-BALANCE", "FIN-T6-ECONOMIC", "FIN-T7-SANGONG", "FIN-BALANCES",
                   "CROSS-T1-T2", "CROSS-T1-T3", "CROSS-T1-T4", "FIN-T4-FUNDS", "FIN-BASIC"},
}
REF_RE = re.compile(r"^T(\d+)/[^/]+(?:/(\w+))?$")


def _checked_columns(fmt) -> set[tuple[int, str]]:
    """(table, column) pairs some declared identity compares (or a narrative figure is compared with)."""
    checked: set[tuple[int, str]] = set()
    for spec in fmt.tables:
        sides = spec.side_columns if spec.layout == "two_sided" else (spec.columns,)
        every = {(spec.number, c.key) for side in sides for c in side}
        if spec.extra.get("hierarchy") or spec.extra.get("row_sums"):
            checked |= every
        for raw in spec.extra.get("column_sums", ()):
            checked |= {(spec.number, key.lstrip("-")) for key in (raw["total"], *raw["parts"])}
    narrative = fmt.extra.get("narrative", {})
    stated = [r for group in ("subjects", "budgets") for refs in narrative.get(group, {}).values()
              for r in ([refs] if isinstance(refs, str) else refs)]
    for ref in [*(r for raw in fmt.extra.get("identities", ()) for r in (raw["total"], *raw["parts"])), *stated]:
        number, column = REF_RE.match(ref).groups()
        spec = fmt.table(int(number))
        checked.add((spec.number, column or spec.all_columns[0].key))
    return checked


@pytest.mark.parametrize("format_id", ["sh-budget-9", "cn-final-9"])
def test_identities_are_declared_for_the_checker(format_id: str) -> None:
    """formats.md §2–3 as declarations of the checker's schema: every family, every amount column compared."""
    fmt = load_format(format_id)
    assert "pending_identities" not in fmt.extra
    assert {r.id for r in declared_rules(fmt)} >= FAMILIES[format_id]
    every = {(spec.number, c.key) for spec in fmt.tables for c in spec.all_columns}
    assert every - _checked_columns(fmt) == set()


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
