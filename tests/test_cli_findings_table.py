"""Findings as a table: ``yusuan check … --format csv`` and ``--format xlsx`` open in Excel and WPS with
their Chinese intact (CSV: UTF-8 with a byte-order mark), and many files give one table."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook

from conftest import SEED
from yusuan.check import check_document
from yusuan.read import read_path
from yusuan.write.findings_table import HEADER


def test_xlsx_of_several_files_is_one_sheet_with_every_finding(corpus: Path, cli, tmp_path: Path) -> None:
    files = [corpus / "sh-putuo-wanli-2024-budget.pdf", corpus / "sh-putuo-czj-2024-final.pdf", SEED]
    out = tmp_path / "发现.xlsx"
    code, _, err = cli("check", *map(str, files), "--format", "xlsx", "-o", str(out))
    assert code == 1 and "已写入" in err
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == HEADER
    expected = [(f, check_document(read_path(f))) for f in files]
    assert len(rows) - 1 == sum(len(findings) for _, findings in expected)
    by_file = {}
    for row in rows[1:]:
        by_file.setdefault(row[0], []).append(row)
    wanli = by_file["sh-putuo-wanli-2024-budget.pdf"]
    findings = expected[0][1]
    assert [r[3] for r in wanli] == [f.rule for f in findings]
    assert [r[4] for r in wanli] == [f.severity.chinese for f in findings]
    assert [r[6] for r in wanli] == [f.message for f in findings]
    level = next(r for r in wanli if r[3] == "WORD-LEVEL")
    assert level[7] == "文字部分" and "市级预算主管部门" in level[13] and level[10] == "5"
    table_row = next(r for r in wanli if r[3] == "COMPLETE-EMPTY-NOTE")
    assert table_row[7] == "表9" and table_row[11] == "47.91"  # printed as printed, text not float
    assert all(isinstance(v, str) or v is None for r in rows for v in r)


def test_csv_is_utf8_with_bom_and_has_one_row_per_finding(corpus: Path, cli, tmp_path: Path) -> None:
    out = tmp_path / "发现.csv"
    code, _, _ = cli("check", str(corpus / "sh-putuo-fuliyuan-2024-unit-budget.pdf"), "-f", "csv", "-o", str(out))
    assert code == 1
    data = out.read_bytes()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    findings = check_document(read_path(corpus / "sh-putuo-fuliyuan-2024-unit-budget.pdf"))
    assert rows[0] == list(HEADER) and len(rows) == len(findings) + 1
    empty = next(r for r in rows if r[3] == "WORD-EMPTY")
    assert empty[4] == "错误" and empty[13] == "（二）公务用车购置及运行费6.40万元，与2023年预算持平，主要原因是。"


def test_a_table_format_needs_a_file(cli) -> None:
    code, _, err = cli("check", str(SEED), "--format", "xlsx")
    assert code == 2 and "-o" in err
