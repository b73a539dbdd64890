"""``yusuan build`` and ``yusuan template`` as a user runs them: files out, one Chinese line on bad input."""

from __future__ import annotations

from pathlib import Path

from budget_examples import JIANGMEN, SPORTS, edit_csv, jiangmen_copy
from yusuan.budget import read_budget
from yusuan.compile import compile_budget
from yusuan.document_json import from_json

JSON_NAME = "江门市社会保险基金管理局2024年部门预算.json"



def test_build_writes_the_document_json(tmp_path: Path, cli) -> None:
    code, _, err = cli("build", str(JIANGMEN), "-o", str(tmp_path / "out"), "--to", "json")
    assert code == 0
    written = tmp_path / "out" / JSON_NAME
    document = from_json(written.read_text(encoding="utf-8"))
    expected = compile_budget(read_budget(JIANGMEN))
    expected.meta.file = "budget"
    assert document == expected
    assert "表12" in err and "1,437.49" in err and f"已写入 {written}" in err


def test_build_reports_what_to_review(tmp_path: Path, cli) -> None:
    folder = jiangmen_copy(tmp_path)
    edit_csv(folder, "上年数", "公务接待费,11200,厉行节约，减少公务接待费支出", "公务接待费,11200,")
    code, _, err = cli("build", str(folder), "-o", str(tmp_path / "out"), "--to", "json")
    assert code == 0
    assert "提示：情况说明中“公务接待费”比上年减少0.32万元，但“上年数”表没有填写原因。" in err


def test_build_writes_every_format_by_default(tmp_path: Path, cli) -> None:
    code, _, err = cli("build", str(SPORTS), "-o", str(tmp_path / "out"))
    assert code == 0
    stem = "江门市体育训练中心2024年单位预算"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        f"{stem}.{ext}" for ext in sorted(("docx", "html", "json", "pdf", "xlsx"))]
    assert f"已写入 {tmp_path / 'out' / stem}.pdf" in err


def test_bad_input_writes_nothing_and_keeps_what_was_there(tmp_path: Path, cli) -> None:
    out = tmp_path / "out"
    out.mkdir()
    earlier = out / JSON_NAME
    earlier.write_text("an earlier good build", encoding="utf-8")
    folder = jiangmen_copy(tmp_path)
    edit_csv(folder, "支出明细", "2196100", "-2196100")
    code, stdout, err = cli("build", str(folder), "-o", str(out))
    assert code == 2 and stdout == ""
    assert err.startswith("错误：支出明细.csv 第 2 行“金额”列：金额不能为负数") and err.count("\n") == 1
    assert sorted(p.name for p in out.iterdir()) == [JSON_NAME]
    assert earlier.read_text(encoding="utf-8") == "an earlier good build"


def test_build_needs_an_output_folder(cli) -> None:
    code, _, err = cli("build", str(SPORTS))
    assert code == 2 and "缺少参数 --output" in err


def test_template_then_build(tmp_path: Path, cli) -> None:
    workbook = tmp_path / "预算.xlsx"
    code, _, err = cli("template", str(workbook), "--from", str(SPORTS))
    assert code == 0 and "已写入预算编制工作簿" in err and f"（已按 {SPORTS} 填好）" in err
    code, _, _ = cli("build", str(workbook), "-o", str(tmp_path / "out"), "--to", "json")
    assert code == 0
    built = from_json((tmp_path / "out" / "江门市体育训练中心2024年单位预算.json").read_text(encoding="utf-8"))
    assert built.tables == compile_budget(read_budget(SPORTS)).tables


def test_template_never_overwrites_by_accident(tmp_path: Path, cli) -> None:
    workbook = tmp_path / "预算.xlsx"
    workbook.write_bytes(b"filled in by hand")
    code, _, err = cli("template", str(workbook))
    assert code == 2 and "已存在" in err and workbook.read_bytes() == b"filled in by hand"
    code, _, _ = cli("template", str(workbook), "--force")
    assert code == 0 and workbook.read_bytes()[:2] == b"PK"
    code, _, err = cli("template", str(tmp_path / "预算.xls"))
    assert code == 2 and "应以 .xlsx 结尾" in err


def test_build_points_out_an_unfilled_assets_sheet(tmp_path: Path, cli) -> None:
    folder = jiangmen_copy(tmp_path)
    (folder / "采购与资产.csv").unlink()
    code, _, err = cli("build", str(folder), "-o", str(tmp_path / "out"))
    assert code == 0 and "提示：政府采购和固定资产均为 0" in err
