"""``yusuan build`` is judged by the checker: what it would write is checked exactly as ``yusuan check``
checks the written file; an error stops it with the finding printed and nothing written."""

from __future__ import annotations

from pathlib import Path

from budget_examples import SPORTS
from yusuan.check import Severity


def _without_profile(tmp_path: Path) -> Path:
    """The sports example with its 职责与机构 sheet left out: the 概况 part cannot be written."""
    text = SPORTS.read_text(encoding="utf-8")
    start, end = text.index("职责与机构:"), text.index("收入:")
    path = tmp_path / "budget.yaml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    return path


def test_an_error_the_checker_finds_stops_the_build_with_nothing_written(tmp_path: Path, cli) -> None:
    out = tmp_path / "out"
    code, stdout, err = cli("build", str(_without_profile(tmp_path)), "-o", str(out), "--to", "json")
    assert code == 1 and stdout == ""
    assert "COMPLETE-PARTS" in err and "缺少“概况”部分" in err
    assert "没有写出任何文件" in err
    assert not out.exists()


def test_a_build_that_passes_is_one_check_passes_and_prints_its_warnings(tmp_path: Path, cli) -> None:
    out = tmp_path / "out"
    code, _, build_err = cli("build", str(SPORTS), "-o", str(out), "--to", "json")
    assert code == 0
    written = next(out.iterdir())
    code, report, _ = cli("check", str(written), "--format", "json")
    assert code == 0
    import json

    findings = json.loads(report)["findings"]
    assert not [f for f in findings if f["severity"] == Severity.ERROR.value]
    for finding in findings:
        if finding["severity"] == Severity.WARNING.value:
            assert finding["rule"] in build_err
