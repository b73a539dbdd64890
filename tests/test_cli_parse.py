"""``yusuan parse`` as a user runs it: JSON out, tables on screen, one Chinese line on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED


def test_json_to_stdout(cli) -> None:
    code, out, err = cli("parse", str(SEED))
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["meta"]["entity"] == "江门市社会保险基金管理局"
    assert len(data["tables"]) == 12


def test_json_to_file_with_summary(tmp_path: Path, cli) -> None:
    target = tmp_path / "sub" / "seed.json"
    code, out, err = cli("parse", str(SEED), "-o", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == "yusuan.document/1"
    assert "江门市社会保险基金管理局 2024 年部门预算" in err
    assert "表12" in err and "1,437.49" in err and f"已写入 {target}" in err


def test_text_shows_tables(cli) -> None:
    code, out, _ = cli("parse", str(SEED), "--format", "text")
    assert code == 0
    assert "表8 财政拨款安排的行政经费及“三公”经费预算表" in out
    assert "3,355.91" in out and "代发企业退休干部职级补贴" in out


def test_forced_format_and_document_json_input(tmp_path: Path, cli) -> None:
    target = tmp_path / "seed.json"
    assert cli("parse", str(SEED), "-f", "gd-budget-12", "-o", str(target))[0] == 0
    code, out, _ = cli("parse", str(target))
    assert code == 0 and json.loads(out)["tables"][0]["rows"][0]["values"] == ["3355.91"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "文件是空的"),
        (bytes(range(256)) * 20, "不是文本文件"),
        ("今天天气很好。\n".encode(), "不是部门预算或决算公开文件"),
        ("某局2024年部门预算\n表1\n奇怪的表\n".encode(), "格式无法识别"),
    ],
)
def test_bad_files_one_chinese_line_exit_2(tmp_path: Path, cli, content: bytes, message: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    code, out, err = cli("parse", str(bad))
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) <= 2  # one sentence (Rich may wrap a long one)


def test_usage_errors_are_chinese(tmp_path: Path, cli) -> None:
    assert cli("parse", str(tmp_path / "missing.txt"))[2].startswith("错误：找不到文件")
    code, _, err = cli("parse")
    assert code == 2 and "缺少参数" in err
    code, _, err = cli("parse", str(SEED), "--bogus")
    assert code == 2 and "没有这个选项：--bogus" in err
    code, _, err = cli("parse", str(SEED), "-f", "no-such-format")
    assert code == 2 and "没有名为“no-such-format”的格式" in err
    code, _, err = cli("parse", str(tmp_path))
    assert code == 2 and "文件夹" in err


def test_output_is_not_clobbered_on_failure(tmp_path: Path, cli) -> None:
    target = tmp_path / "out.json"
    target.write_text("keep me", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    assert cli("parse", str(bad), "-o", str(target))[0] == 2
    assert target.read_text(encoding="utf-8") == "keep me"


def test_console_script_end_to_end(tmp_path: Path) -> None:
    """The installed ``yusuan`` command, in a real process."""
    script = Path(sys.executable).with_name("yusuan")
    result = subprocess.run([str(script), "parse", str(SEED), "-o", str(tmp_path / "a.json")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    result = subprocess.run([str(script), "parse", "/dev/null"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "文件是空的" in result.stderr and "Traceback" not in result.stderr
