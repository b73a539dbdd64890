"""Bounded inputs on the command line (issue 14): a YAML alias bomb, nesting past the recursion limit,
huge quoted values, files over the size limit, zip bombs, digits past Decimal's precision and the
system's English messages all end in one Chinese line and exit 2, quickly."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from bombs import billion_laughs_yaml, deep_json
from budget_examples import SPORTS
from conftest import SEED
from store_helpers import variant


def test_yaml_alias_bomb_refused_in_under_a_second(cli, tmp_path: Path) -> None:
    bomb = tmp_path / "budget.yaml"
    bomb.write_text(billion_laughs_yaml(), encoding="utf-8")
    assert bomb.stat().st_size < 400
    start = time.perf_counter()
    code, _, err = cli("build", str(bomb), "-o", str(tmp_path / "out"))
    assert time.perf_counter() - start < 1
    assert code == 2 and "budget.yaml 第 2 行用了 YAML 别名（*a）；预算输入不支持锚点与别名" in err
    assert not (tmp_path / "out").exists()


def test_quoted_values_are_cut_short(cli, tmp_path: Path) -> None:
    path = tmp_path / "budget.yaml"
    many = "[" + ", ".join(str(n) for n in range(20_000)) + "]"
    path.write_text(SPORTS.read_text(encoding="utf-8").replace("金额单位: 万元", f"金额单位: {many}"), encoding="utf-8")
    code, _, err = cli("build", str(path), "-o", str(tmp_path / "out"))
    assert code == 2 and "不能是列表或映射：['0', '1', '2', '3', ...]" in err and len(err) < 400
    huge = "9" * 100_000
    path.write_text(SPORTS.read_text(encoding="utf-8").replace('金额: "386.42"', f'金额: "{huge}x"'),
                    encoding="utf-8")
    code, _, err = cli("build", str(path), "-o", str(tmp_path / "out"))
    assert code == 2 and f"“{huge[:40]}…”不是金额" in err and len(err) < 400


def test_amounts_past_decimal_precision_refused(cli, tmp_path: Path) -> None:
    path = tmp_path / "budget.yaml"
    long = "12345678901234567890123456789.42"
    path.write_text(SPORTS.read_text(encoding="utf-8").replace('金额: "386.42"', f'金额: "{long}"'), encoding="utf-8")
    code, _, err = cli("build", str(path), "-o", str(tmp_path / "out"))
    assert code == 2 and "“12345678901234567890123456789.42”位数太多（最多 20 位数字）" in err


def test_csv_field_limit_in_chinese(cli, tmp_path: Path) -> None:
    folder = tmp_path / "budget"
    folder.mkdir()
    (folder / "基本信息.csv").write_text("项目,内容\n单位名称,\"" + "长" * 200_000 + "\"\n", encoding="utf-8")
    code, _, err = cli("build", str(folder), "-o", str(tmp_path / "out"))
    assert code == 2 and "基本信息.csv 中有一个单元格超过 131,072 个字符" in err and "field limit" not in err


@pytest.mark.parametrize("name, content", [("deep.json", deep_json()), ("deep.yaml", "基本信息: " + deep_json())])
def test_nesting_past_the_recursion_limit_is_unreadable_input(cli, tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    command = ("build", str(path), "-o", str(tmp_path / "out")) if name.endswith(".yaml") else ("check", str(path))
    code, _, err = cli(*command)
    assert code == 2 and f"{name}：文件结构嵌套过深，无法读取。" in err and "Traceback" not in err


def test_one_deep_file_does_not_hide_the_others(cli, tmp_path: Path, seed_text: str) -> None:
    (tmp_path / "deep.json").write_text(deep_json(), encoding="utf-8")
    (tmp_path / "next.txt").write_text(variant(seed_text, 3), encoding="utf-8")
    code, out, err = cli("check", str(SEED), str(tmp_path / "deep.json"), str(tmp_path / "next.txt"))
    assert code == 2 and "deep.json：deep.json：文件结构嵌套过深" in err
    assert "江门市社会保险基金管理局 2024 年部门预算" in out and "江门市第3测试局 2024 年部门预算" in out


def test_size_limit_of_files_read_from_disk(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YUSUAN_MAX_FILE_MB", "0.01")  # 10 KB: the seed (24 KB) is over
    code, _, err = cli("parse", str(SEED))
    assert code == 2 and "published.txt 太大" in err and "YUSUAN_MAX_FILE_MB" in err
    code, out, _ = cli("ingest", str(SEED), "--db", str(tmp_path / "s.duckdb"))
    assert code == 2 and "published.txt 太大" in out
    monkeypatch.setenv("YUSUAN_MAX_FILE_MB", "many")
    code, _, err = cli("check", str(SEED))
    assert code == 2 and "环境变量 YUSUAN_MAX_FILE_MB 应是以 MB 计的数字" in err


def test_zip_bomb_refused_before_unpacking(cli, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("[Content_Types].xml", "<Types/>")
        bomb.writestr("xl/workbook.xml", "<workbook/>")
        bomb.writestr("xl/worksheets/sheet1.xml", b"0" * (40 * 1024 * 1024))
    (tmp_path / "预算.xlsx").write_bytes(buffer.getvalue())
    for command in (("parse", str(tmp_path / "预算.xlsx")), ("build", str(tmp_path / "预算.xlsx"), "-o", "x")):
        code, _, err = cli(*command)
        assert code == 2 and "疑为“压缩炸弹”，已拒绝" in err, command


def test_system_errors_in_chinese(cli, tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    code, _, err = cli("parse", str(SEED), "-o", str(tmp_path / "taken"))
    assert code == 2 and "这是一个文件夹，不是文件" in err and "Is a directory" not in err
    code, _, err = cli("check", str(tmp_path / "taken"))
    assert code == 2 and "这是一个文件夹，不是文件" in err
