"""The checker on every real PDF of ../shared/corpus, scored against the hand-checked truth/*.errors.tsv.

Every error-level finding must be one of the truth rows it is tied to in ``corpus_expected.EXPECTED`` (by
rule, cell and value), or a real error the truth file does not list (``BEYOND_TRUTH``, proven below from
the printed figures). Every ``is_error=yes`` row in the checker's reach must be reported; rows marked
rounding/minor/likely/uncertain are asserted as the checker treats them, so a change shows.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from corpus_expected import BEYOND_TRUTH, EXPECTED, IN_REACH, OUT_OF_REACH, matched, truth_rows
from yusuan.check import Finding, Severity, check_document
from yusuan.model import Document
from yusuan.money import round_half_up
from yusuan.read import read_path

FILES = sorted(EXPECTED)
_READ: dict[str, tuple[Document, list[Finding]]] = {}


def _checked(corpus: Path, name: str) -> tuple[Document, list[Finding]]:
    if name not in _READ:
        document = read_path(corpus / name)
        _READ[name] = (document, check_document(document))
    return _READ[name]


@pytest.mark.parametrize("name", FILES)
def test_every_truth_error_in_reach_is_tied_to_a_finding(corpus: Path, name: str) -> None:
    """The expectations cover the truth file: each is_error=yes row in reach has findings to match."""
    rows = truth_rows(corpus, name)
    assert {r["file"] for r in _manifest(corpus)} == set(FILES)
    expected, out = EXPECTED[name], OUT_OF_REACH.get(name, {})
    for row in rows:
        if row["is_error"] == "yes" and row["category"] in IN_REACH:
            assert row["id"] in expected, (name, row["id"], row["description"])
        elif row["id"] not in expected:
            assert row["id"] in out, (name, row["id"], "neither expected nor explained")
    assert set(expected) | set(out) <= {r["id"] for r in rows}


@pytest.mark.parametrize("name", FILES)
def test_exactly_the_known_errors(corpus: Path, name: str) -> None:
    """Each truth row's findings are there, and no other finding is an error."""
    _, findings = _checked(corpus, name)
    explained: list[Finding] = []
    for truth_id, expects in EXPECTED[name].items():
        found = matched(findings, expects)
        assert found, f"{name} {truth_id}: not reported as {expects}"
        explained += found
    for real, (expect, _) in BEYOND_TRUTH.get(name, {}).items():
        found = matched(findings, (expect,))
        assert found, f"{name} {real}: not reported"
        explained += found
    errors = [f for f in findings if f.severity is Severity.ERROR]
    unexplained = [f.message for f in errors if not any(f is e for e in explained)]
    assert unexplained == []


def test_files_without_truth_give_no_error(corpus: Path) -> None:
    for name in ("sh-putuo-qzfb-2025-dept-budget.pdf", "sh-template-2024-final-XX.pdf"):
        assert not truth_rows(corpus, name)
        _, findings = _checked(corpus, name)
        assert [f.message for f in findings if f.severity is Severity.ERROR] == []


def test_the_template_is_recognised_as_one(corpus: Path) -> None:
    _, findings = _checked(corpus, "sh-template-2024-final-XX.pdf")
    (notice,) = [f for f in findings if f.rule == "WORD-TEMPLATE"]
    assert notice.severity is Severity.WARNING and "上海市XX局" in notice.message
    assert not any(f.rule == "COMPLETE-EMPTY-NOTE" for f in findings)  # its tables are empty by design


def test_the_share_error_beyond_the_truth_file_is_real(corpus: Path) -> None:
    """czj p.21: 一般公共服务支出（类）2106.66万元“占71.73%” of 2940.05万元 — the printed figures give 71.65%,
    and no exact amounts that round to them can give 71.73%; the other three shares are right."""
    document, findings = _checked(corpus, "sh-putuo-czj-2024-final.pdf")
    whole = Decimal("2940.05")
    printed = {c.subject: (c.amount, s.amount) for c in document.claims if c.role == "part" and c.section == "五"
               for s in document.claims if s.role == "share" and s.subject == c.subject and s.section == "五"}
    assert printed["一般公共服务支出（类）"] == (Decimal("2106.66"), Decimal("71.73"))
    for part, share in printed.values():
        computed = round_half_up(part / whole * 100, 2)
        assert (computed == share) is (part != Decimal("2106.66")), (part, share, computed)
    highest = (Decimal("2106.665") / Decimal("2940.045")) * 100
    assert highest < Decimal("71.725")  # even at the rounding bounds 71.73 is out of reach
    (share,) = [f for f in findings if f.rule == "NARR-SHARE"]
    assert share.expected == "71.65" and share.actual == "71.73"


def test_narrative_in_yuan_tables_is_compared_at_printed_precision(corpus: Path) -> None:
    """万元 in the narrative against 元 in the tables: a correct restatement is no finding at all (not even
    尾数误差), a wrong one is an error that prints both units."""
    document, findings = _checked(corpus, "sh-putuo-wanli-2024-budget.pdf")
    income = next(c for c in document.claims if c.subject == "收入预算")
    assert income.amount == Decimal("15621.11")  # 156,211,123 元 in 表1
    assert not [f for f in findings if f.severity is Severity.INFO]
    _, unit = _checked(corpus, "sh-putuo-fuliyuan-2024-unit-budget.pdf")
    (item,) = [f for f in unit if f.rule == "NARR-ITEM"]
    assert "6,964,796 元折合 696.48 万元" in item.message and "差额 +42.18 万元" in item.message


def _manifest(corpus: Path) -> list[dict[str, str]]:
    return list(csv.DictReader((corpus / "MANIFEST.tsv").read_text("utf-8").splitlines(), delimiter="\t"))


def test_the_report_a_user_reads(corpus: Path, cli) -> None:
    """``yusuan check`` on the PDFs: a Chinese report naming each error where it is printed; exit 1 when
    a file has errors, 0 otherwise."""
    code, out, _ = cli("check", str(corpus / "sh-putuo-wanli-2024-budget.pdf"))
    assert code == 1
    assert "共 6 个错误" in out and "第9页" in out and "352.67" in out and "市级" in out
    code, out, _ = cli("check", str(corpus / "sh-putuo-qzfb-2025-dept-budget.pdf"))
    assert code == 0 and "共 0 个错误、0 个警告、0 个提示：未发现错误。" in out
    code, out, _ = cli("check", str(corpus / "sh-template-2024-final-XX.pdf"))
    assert code == 0 and "未填写的模板" in out
