"""Chinese everywhere a user looks: Typer's usage line and type placeholders, usage mistakes, SQL errors,
the values ``query`` shows, the server's own terminal lines."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SEED

ENGLISH = re.compile(r"\b(?:Usage|OPTIONS|COMMAND|ARGS|integer|No such|requires|argument|Error|"
                     r"syntax|column|Table|INFO|WARNING|ERROR)\b|<(?:str|int|text|integer|float|path)>")
SERVE = [sys.executable, "-c", "from yusuan.cli import run; run()", "serve"]


def test_help_has_a_chinese_usage_line_and_placeholders(cli) -> None:
    for command, usage in (("check", "用法：yusuan check [选项] 公开文件..."),
                           ("query", "用法：yusuan query [选项] SQL语句"),
                           ("compare", "用法：yusuan compare [选项] 文件A 文件B")):
        code, out, _ = cli(command, "--help")
        assert code == 0 and usage in out, out
        assert not ENGLISH.search(out.replace("Document JSON", "").replace("yusuan", "")), (command, out)
    code, out, _ = cli("--help")
    assert "用法：yusuan [选项] 命令 [参数]..." in out


@pytest.mark.parametrize(("argv", "said"), [
    (("nosuch",), "没有“nosuch”这个命令"),
    (("check", str(SEED), "--format"), "选项 --format 后面要给出一个值"),
    (("serve", "--port", "abc"), "“abc”不是有效的整数"),
    (("parse", str(SEED), "extra"), "多出了参数：extra"),
    (("check", str(SEED), "--nope"), "没有这个选项：--nope"),
])
def test_usage_mistakes_in_chinese(cli, argv, said) -> None:
    code, out, err = cli(*argv)
    assert code == 2 and out == "" and said in err and "用法错误" in err
    assert not ENGLISH.search(err.replace("yusuan --help", "")), err


def test_sql_errors_and_shown_values_in_chinese(cli, tmp_path: Path) -> None:
    db = str(tmp_path / "q.duckdb")
    assert cli("ingest", str(SEED), "--db", db)[0] == 0
    for sql, said in (("SELEC 1", "语法错误：在“SELEC”附近有语法错误"),
                      ("SELECT nope FROM documents", "名称错误：没有名为“nope”的列"),
                      ("SELECT * FROM nothing", "找不到对象：没有名为“nothing”的表"),
                      ("SELECT entity FROM documents WHERE", "语法错误")):
        code, _, err = cli("query", sql, "--db", db)
        assert code == 2 and said in err, err
    code, out, err = cli("query", "SELECT kind, scope FROM documents WHERE kind = 'budget'", "--db", db)
    assert code == 0 and "预算" in out and "部门" in out and "budget" not in out and "kind = 'budget'" in err
    code, out, _ = cli("query", "SELECT kind FROM documents", "--db", db, "--format", "csv")
    assert out.splitlines() == ["kind", "budget"]  # data stays data


def test_the_servers_own_lines_are_chinese(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = subprocess.run([*SERVE, "--db", str(tmp_path / "a.duckdb"),
                               "--port", str(port)], capture_output=True, text=True, timeout=60)
        assert busy.returncode == 2 and "无法在 127.0.0.1:" in busy.stderr and "地址已被占用" in busy.stderr
        assert "已启动" not in busy.stderr
    server = subprocess.Popen([*SERVE, "--db", str(tmp_path / "b.duckdb"),
                               "--port", str(port)], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                connection = socket.create_connection(("127.0.0.1", port), timeout=1)
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None
                time.sleep(0.2)
        with connection:
            connection.sendall(b"NOT HTTP\r\n\r\n")
            connection.recv(100)
    finally:
        server.terminate()
        err = server.communicate(timeout=20)[1]
    assert "警告：收到一个无法解析的 HTTP 请求，已忽略。" in err
    assert not ENGLISH.search(err), err
