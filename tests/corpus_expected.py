"""What the checker must report on each PDF of ../shared/corpus, tied to the rows of truth/*.errors.tsv.

Shared by ``tests/test_check_corpus.py`` (which asserts it) and ``scripts/corpus_score.py`` (which prints
the score). ``EXPECTED`` maps a file's truth id to the findings that report it: the rule, the severity,
and what one of the finding's cells must hold (its table, code, value …) — so a finding is matched to
its truth row by location and value, not by counting. ``OUT_OF_REACH`` says, for the rows the checker
does not report as the truth file describes them, why. ``BEYOND_TRUTH`` holds real errors the truth
files do not list, each with the printed figures that prove it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yusuan.check import Finding, Severity

IN_REACH = frozenset({"arithmetic", "cross-table", "narrative-vs-table", "yoy-percent", "name", "wording"})
ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True)
class Expect:
    rule: str
    severity: Severity
    cell: dict[str, Any] = field(default_factory=dict)  # attributes one cell of the finding must have
    words: str = ""  # words the message must contain

    def matches(self, finding: Finding) -> bool:
        return (finding.rule == self.rule and finding.severity is self.severity and self.words in finding.message
                and any(all(getattr(cell, k) == v for k, v in self.cell.items()) for cell in finding.cells))


def _names(rows: dict[str, str]) -> dict[str, tuple[Expect, ...]]:
    """表8 code/name rows of the unit budget: a CATALOG warning on that code (a code the catalog lacks is
    CATALOG-CODE, any other CATALOG-NAME)."""
    return {tid: (Expect("CATALOG-CODE" if code == "30210" else "CATALOG-NAME", WARNING, {"table": 8, "code": code}),)
            for tid, code in rows.items()}


EXPECTED: dict[str, dict[str, tuple[Expect, ...]]] = {
    "sh-putuo-wanli-2024-budget.pdf": {
        "N1": (Expect("NARR-ITEM-SELF", ERROR, {"value": "352.67", "page": 9}),),
        "N2": (Expect("NARR-REASON-WORDS", ERROR, {"value": "110.60", "page": 6}, "宣传事务一般行政管理事务经费增加"),),
        "N3": (Expect("NARR-REASON-SUBJECT", ERROR, {"value": "230.28", "page": 7}, "事业单位离退休经费增加"),),
        "N4": (Expect("NARR-REASON-SUBJECT", ERROR, {"value": "604.34", "page": 9}),),  # uncertain: reported
        "N5": (Expect("NARR-ITEM-PERCENT", WARNING, {"value": "0.00", "page": 7}, "无定义"),),  # uncertain
        "T1": (Expect("READ-DIAGNOSTIC", WARNING, {"page": 29}, "301 2"),
               Expect("READ-DIAGNOSTIC", WARNING, {"page": 29}, "301 7")),
        "T2": (Expect("COMPLETE-EMPTY-NOTE", ERROR, {"table": 9, "value": "47.91"}),),
        "W1": (Expect("WORD-LEVEL", ERROR, {"value": "市级"}, "5 处"),),
    },
    "sh-putuo-fuliyuan-2024-unit-budget.pdf": {
        **_names({"E1": "30108", "E2": "30202", "E3": "30203", "E4": "30204", "E5": "30205", "E6": "30206",
                  "E7": "30207", "E8": "30208", "E9": "30210", "E10": "30211", "E11": "30212", "E12": "30213",
                  "E13": "303", "E14": "30301"}),
        "T1": (Expect("READ-DIAGNOSTIC", WARNING, {"page": 9}, "7 11 02"),
               Expect("READ-DIAGNOSTIC", WARNING, {"page": 11}, "7 11 02")),
        "T2": (Expect("CATALOG-OLD-NAME", WARNING, {"table": 1, "code": "210"}),
               Expect("CATALOG-OLD-NAME", WARNING, {"table": 4, "code": "210"})),
        "N1": (Expect("CATALOG-OLD-NAME", WARNING, {"table": None, "section": "四", "page": 6},
                      "医疗卫生与计划生育支出"),),
        "N2": (Expect("NARR-ITEM", ERROR, {"table": 5, "code": "2081005", "value": "6964796"}, "738.66"),),
        "N3": (Expect("NARR-ITEM-COVER", WARNING, {"table": 5, "code": "2080599"}),),  # likely: warned
        "W1": (Expect("WORD-EMPTY", ERROR, {"page": 16}, "主要原因是"),),
        "W2": (Expect("WORD-TEMPLATE", ERROR, {"page": 16}, "（增加内容）"),),
    },
    "sh-putuo-czj-2024-final.pdf": {
        "G1": (Expect("NARR-TABLE", ERROR, {"table": 4, "value": "2961.68"}, "0.3"),),
        "G2": (Expect("CROSS-SUMMARY-EXPENSE", INFO, {"table": 1, "value": "326.71"}),
               Expect("CROSS-FISCAL", INFO, {"table": 4, "value": "326.71"})),
        "G3": (Expect("SUM-HIERARCHY", INFO, {"table": 5, "value": "2940.05"}),),
        "G4": (Expect("SUM-HIERARCHY", INFO, {"table": 6, "code": "301", "value": "2082.85"}),),
        "G5": (Expect("SUM-HIERARCHY", INFO, {"table": 6, "code": "302", "value": "171.07"}),),
    },
    "sh-putuo-qzfb-2025-dept-budget.pdf": {},
    "sh-template-2024-final-XX.pdf": {},
}

OUT_OF_REACH: dict[str, dict[str, str]] = {
    "sh-putuo-wanli-2024-budget.pdf": {
        "T1": "类别 other（编码印刷）：读取时按上下文读作 30102/30107 并照常核对，以读取提示（警告）报告",
    },
    "sh-putuo-fuliyuan-2024-unit-budget.pdf": {
        "T1": "类别 other（编码印刷）：读取时按上下文读作 2101102 并照常核对，以读取提示（警告）报告",
    },
    "sh-putuo-czj-2024-final.pdf": {
        "G6": "类别 punctuation：不检查标点",
        "G7": "类别 other：空白页不在核对范围内",
    },
}

BEYOND_TRUTH: dict[str, dict[str, tuple[Expect, str]]] = {
    "sh-putuo-czj-2024-final.pdf": {
        "share-201": (Expect("NARR-SHARE", ERROR, {"value": "2106.66", "page": 21}, "71.73"),
                      "第21页写一般公共服务支出（类）2106.66万元“占71.73%”，而 2106.66 ÷ 2940.05 = 71.65%"
                      "（71.73% 须 2108.9 万元）；其余三类 11.11%、2.07%、15.16% 都对，四项合计 100.07%"),
    },
}


def truth_rows(corpus: Path, name: str) -> list[dict[str, str]]:
    """The rows of a PDF's errors.tsv ([] when the file has none)."""
    path = corpus / "truth" / name.replace(".pdf", ".errors.tsv")
    if not path.exists():
        return []
    return list(csv.DictReader(path.read_text("utf-8").splitlines(), delimiter="\t"))


def matched(findings: list[Finding], expects: tuple[Expect, ...]) -> list[Finding]:
    """The findings that report one truth row: every expectation must be met (else [])."""
    found = []
    for expect in expects:
        hits = [f for f in findings if expect.matches(f)]
        if not hits:
            return []
        found += hits
    return found
