"""What the commands leave behind (issue 14): a failed ``build`` writes no file of the set, files get the
mode the umask gives, and document text reaches the terminal without control sequences or markup."""

from __future__ import annotations

import copy
import os
import stat
from pathlib import Path

import pytest

from budget_examples import SPORTS
from conftest import SEED
from yusuan.document_json import to_json
from yusuan.files import file_mode

ESCAPES = "\x1b[31m红\x1b]0;窗口标题\x07\x1b[2J"


def test_failed_build_writes_no_file_of_the_set(cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, _ = cli("build", str(SPORTS), "-o", str(out), "--to", "json")
    assert code == 0
    [earlier] = out.glob("*.json")
    earlier.write_text("上次的结果", encoding="utf-8")
    (out / earlier.name.replace(".json", ".pdf")).mkdir()  # the PDF cannot be put in place
    code, _, err = cli("build", str(SPORTS), "-o", str(out), "--to", "json,xlsx,pdf")
    assert code == 2 and "这是一个文件夹，不是文件；已写好的其他文件已撤回，文件夹保持原样" in err
    assert sorted(p.name for p in out.iterdir()) == sorted([earlier.name, earlier.name.replace(".json", ".pdf")])
    assert earlier.read_text(encoding="utf-8") == "上次的结果"


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_outputs_get_the_mode_the_umask_gives(cli, tmp_path: Path, umask: int, mode: int) -> None:
    previous = os.umask(umask)
    file_mode.cache_clear()
    try:
        assert cli("parse", str(SEED), "-o", str(tmp_path / "doc.json"))[0] == 0
        assert cli("build", str(SPORTS), "-o", str(tmp_path / "out"), "--to", "json,xlsx")[0] == 0
        assert cli("check", str(SEED), "-o", str(tmp_path / "report.txt"))[0] == 0
    finally:
        os.umask(previous)
        file_mode.cache_clear()
    for path in [tmp_path / "doc.json", tmp_path / "report.txt", *(tmp_path / "out").iterdir()]:
        assert stat.S_IMODE(path.stat().st_mode) == mode, path


def test_document_text_reaches_the_terminal_as_text(cli, seed_doc, tmp_path: Path) -> None:
    document = copy.deepcopy(seed_doc)
    document.meta.entity = f"{ESCAPES}局[/x][bold]"
    next(t for t in document.tables if t.number == 5).rows[3].label = f"清屏{ESCAPES}[red]"
    path = tmp_path / "hostile.json"
    path.write_text(to_json(document), encoding="utf-8")
    for command in (("check", str(path)), ("parse", str(path), "-f", "text"),
                    ("export", str(path), "-o", str(tmp_path / "out"), "--to", "json"),
                    ("ingest", str(path), "--db", str(tmp_path / "s.duckdb"))):
        code, out, err = cli(*command)
        assert code in (0, 1), (command, err)
        printed = out + err
        assert "\x1b" not in printed and "\x07" not in printed, command
        assert "Traceback" not in printed and "内部错误" not in printed, command
    code, out, _ = cli("parse", str(path), "-f", "text")
    assert "局[/x][bold]" in out and "清屏[31m红]0;窗口标题[2J[red]" in out  # shown, not obeyed
