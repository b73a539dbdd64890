"""``yusuan check`` as a user runs it: the report, the JSON, and the exit codes 0 / 1 / 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from check_helpers import edit
from conftest import SEED


def broken_seed(tmp_path: Path, seed_text: str) -> Path:
    path = tmp_path / "broken.txt"
    path.write_text(edit(seed_text, 584, "6.50", "7.50"), encoding="utf-8")
    return path


def test_seed_report_exit_0(cli) -> None:
    code, out, err = cli("check", str(SEED))
    assert code == 0 and err == ""
    assert "江门市社会保险基金管理局 2024 年部门预算" in out
    assert "提示（1）" in out and "错误（" not in out and "SUM-HIERARCHY" in out and "180.80" in out
    assert out.rstrip().endswith("共 0 个错误、0 个警告、1 个提示：未发现错误。")


def test_errors_exit_1_grouped_by_severity(tmp_path: Path, seed_text: str, cli) -> None:
    code, out, _ = cli("check", str(broken_seed(tmp_path, seed_text)))
    assert code == 1
    assert out.index("错误（") < out.index("提示（1）")
    assert "SUM-ROWS" in out and "NARR-TABLE" in out and "发现错误，请核对。" in out


def test_json_report(tmp_path: Path, seed_text: str, cli) -> None:
    code, out, _ = cli("check", str(broken_seed(tmp_path, seed_text)), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["schema"] == "yusuan.findings/1" and data["document"]["file"] == "broken.txt"
    rules = {f["rule"] for f in data["findings"] if f["severity"] == "error"}
    assert {"SUM-ROWS", "SUM-COLUMNS", "NARR-TABLE"} <= rules
    finding = next(f for f in data["findings"] if f["rule"] == "SUM-ROWS")
    assert set(finding) >= {"rule", "severity", "message", "cells", "expected", "actual"}
    assert (finding["actual"], finding["expected"]) == ("7.50", "6.50")


def test_document_json_input_and_output_file(tmp_path: Path, cli) -> None:
    document = tmp_path / "seed.json"
    assert cli("parse", str(SEED), "-o", str(document))[0] == 0
    target = tmp_path / "report.json"
    code, out, err = cli("check", str(document), "-f", "json", "-o", str(target))
    assert code == 0 and out == "" and f"已写入 {target}" in err and "未发现错误" in err
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["info"] == 1


def test_unreadable_input_exit_2_one_chinese_line(tmp_path: Path, cli) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("今天天气很好。\n", encoding="utf-8")
    code, out, err = cli("check", str(bad))
    assert code == 2 and out == "" and err.startswith("错误：") and "Traceback" not in err
    code, _, err = cli("check", str(tmp_path / "missing.txt"))
    assert code == 2 and "找不到文件" in err


def test_several_files_one_unreadable(tmp_path: Path, seed_text: str, cli) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    code, out, err = cli("check", str(SEED), str(bad), str(broken_seed(tmp_path, seed_text)), "-f", "json")
    assert code == 2  # unreadable wins over errors: something was not checked at all
    assert "empty.txt" in err and "文件是空的" in err
    reports = json.loads(out)
    assert [r["document"]["file"] for r in reports] == ["published.txt", "broken.txt"]


def test_report_file_is_not_clobbered_on_bad_input(tmp_path: Path, cli) -> None:
    target = tmp_path / "report.txt"
    target.write_text("keep me", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    assert cli("check", str(bad), "-o", str(target))[0] == 2
    assert target.read_text(encoding="utf-8") == "keep me"


def test_console_script_exit_codes(tmp_path: Path, seed_text: str) -> None:
    script = Path(sys.executable).with_name("yusuan")
    result = subprocess.run([str(script), "check", str(SEED)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    result = subprocess.run([str(script), "check", str(broken_seed(tmp_path, seed_text))],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "“三公”经费" in result.stdout
