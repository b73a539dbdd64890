"""Score the checker on ../shared/corpus against the hand-checked truth/*.errors.tsv.

    .venv/bin/python scripts/corpus_score.py [corpus-dir]

Per file: the truth errors with is_error=yes, those in the checker's reach (arithmetic, cross-table,
narrative-vs-table, yoy-percent, name, wording), how many it found, each miss with its reason, and every
error-level finding that no truth row explains (false errors) — apart from real errors the truth files do
not list, which are shown with their proof. Rows marked rounding/minor/likely/uncertain are listed with
what the checker does about them. Truth rows are tied to findings in ``tests/corpus_expected.py`` (the
mapping ``tests/test_check_corpus.py`` asserts).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from corpus_expected import BEYOND_TRUTH, EXPECTED, IN_REACH, OUT_OF_REACH, matched, truth_rows  # noqa: E402
from yusuan.check import Finding, Severity, check_document  # noqa: E402
from yusuan.read import read_path  # noqa: E402

SEVERITY = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


def _reported(findings: list[Finding]) -> str:
    worst = min(findings, key=lambda f: f.severity.rank)
    rules = "、".join(dict.fromkeys(f.rule for f in findings))
    return f"{SEVERITY[worst.severity]}（{rules}）"


def score(corpus: Path, name: str) -> dict[str, int]:
    findings = check_document(read_path(corpus / name))
    rows = truth_rows(corpus, name)
    expected, out = EXPECTED.get(name, {}), OUT_OF_REACH.get(name, {})
    yes = [r for r in rows if r["is_error"] == "yes"]
    reach = [r for r in yes if r["category"] in IN_REACH]
    explained: list[Finding] = []
    found = 0
    print(f"\n== {name}")
    if not rows:
        print("   （无 errors.tsv：没有已知错误）")
    for row in rows:
        hits = matched(findings, expected[row["id"]]) if row["id"] in expected else []
        explained += hits
        mark = f"报告为{_reported(hits)}" if hits else f"未报告：{out.get(row['id'], '（原因未说明）')}"
        if row["is_error"] == "yes" and row["category"] in IN_REACH:
            found += bool(hits)
        print(f"   {row['id']:<4} is_error={row['is_error']:<9} {row['category']:<19} {mark}")
    for real, (expect, proof) in BEYOND_TRUTH.get(name, {}).items():
        hits = matched(findings, (expect,))
        explained += hits
        print(f"   另有真实错误 {real}：{'报告为' + _reported(hits) if hits else '未报告'}；{proof}")
    false = [f for f in findings if f.severity is Severity.ERROR and not any(f is e for e in explained)]
    for finding in false:
        print(f"   误报 {finding.rule}：{finding.message}")
    missed = len(reach) - found
    print(f"   is_error=yes {len(yes)} 条，可核对范围内 {len(reach)} 条，找到 {found} 条，漏报 {missed} 条，"
          f"误报错误 {len(false)} 条")
    return {"yes": len(yes), "reach": len(reach), "found": found, "false": len(false)}


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    if not (corpus / "MANIFEST.tsv").exists():
        print(f"找不到语料库：{corpus}")
        return 2
    totals = {"yes": 0, "reach": 0, "found": 0, "false": 0}
    for path in sorted(corpus.glob("*.pdf")):
        for key, value in score(corpus, path.name).items():
            totals[key] += value
    recall = totals["found"] / totals["reach"] if totals["reach"] else 1.0
    print(f"\n合计：is_error=yes {totals['yes']} 条，可核对范围内 {totals['reach']} 条，找到 {totals['found']} 条"
          f"（召回率 {recall:.0%}），误报错误 {totals['false']} 条")
    return 0 if totals["false"] == 0 and totals["found"] == totals["reach"] else 1


if __name__ == "__main__":
    sys.exit(main())
