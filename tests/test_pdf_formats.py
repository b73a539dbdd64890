"""The two formats declared for PDFs: their identities name cells that exist, detection tells them
apart by title, and ``--format`` forces one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from yusuan.cli import main
from yusuan.errors import UnreadableInput
from yusuan.formats.detect import detect_format, title_key
from yusuan.formats.spec import load_format
from yusuan.read import read_path

REF_RE = re.compile(r"T(\d+)\[([^\]]+)\]\.(\w+)")


@pytest.mark.parametrize("format_id", ["sh-budget-9", "cn-final-9"])
def test_identities_name_declared_cells(format_id: str) -> None:
    fmt = load_format(format_id)
    identities = fmt.extra["pending_identities"]
    assert len({i["id"] for i in identities}) == len(identities)
    refs = [ref for identity in identities for ref in REF_RE.findall(identity["expr"])]
    assert len(refs) > 40
    for number, rows, column in refs:
        table = fmt.table(int(number))
        assert column in {c.key for c in table.all_columns}, (number, column)
        declared = {r.key for r in (*table.rows, *table.income, *table.expense)}
        for row in (r.strip() for r in rows.split(",")):
            assert row in declared or row in {"*", "total", "path", "budget", "sangong"} or re.fullmatch(
                r"(?:class|code):(?:\*|\d{3})", row), (number, row)


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
