"""Edit every number of the seed, one at a time, and see whether the checker catches it.

Not a test (it takes seconds, and its output is a report): ``.venv/bin/python scripts/mutation_sweep.py``.

Every printed amount, percentage and count of the seed (table cells, narrative figures, the number
of internal units; not years, dates, subject codes, table numbers, page footers, the 0 of
“基数为0” or the 100 of “单价在100万元以上”) is edited twice: its last digit +1 (``180.80`` →
``180.81``) and ×10 (``180.80`` → ``1,808.00``). Each edited text is read and checked, and the edited
cell is found by comparing the read Document with the seed's. An edit is *caught* when a new
error-level finding names that cell. The script shows how many edits are caught as errors, how many
only as 尾数误差 (info: within the rounding bound of every identity the cell is in — one unit of the
last digit of a table amount always is) or only as warnings (soft identities), and the numbers no
check compares at all. It fails (exit code 1) on a miss:

- a ×10 edit of a non-zero number that a hard identity compares, not reported as an error — ×10
  moves a number by nine times itself, beyond any rounding bound;
- a +1 edit of a table amount that a hard identity compares, with no change in the findings about
  it — table amounts only take part in sums and equalities, whose difference every edit moves.

A +1 edit of a narrative figure may leave every finding as it was: a percentage is a bound, not an
equality, and 118.98 / 3,236.93 still prints as 3.68%. Those are listed, not counted as misses.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from yusuan.check import Finding, Severity, check_document
from yusuan.check.findings import CLAIM_FIELDS, printed
from yusuan.errors import UnreadableInput
from yusuan.model import Document
from yusuan.money import format_amount
from yusuan.read import read_text

SEED = Path(__file__).resolve().parent.parent / "examples" / "jiangmen-2024" / "published.txt"
NUMBER_RE = re.compile(r"(?<![\d.,])\d[\d,]*(?:\.\d+)?(?![\d])")
FOOTER_RE = re.compile(r"^\s*[-—－]\s*\d+\s*[-—－]\s*$")


@dataclass(frozen=True, slots=True)
class Token:
    line: int  # 1-based
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Outcome:
    token: Token
    kind: str  # "+1" | "×10"
    new: str
    verdict: str  # caught | rounding | soft | unflagged | misread | unreadable
    cell: tuple | None
    note: str = ""


def numbers(text: str) -> list[Token]:
    """The amounts, percentages and counts of the seed, in text order."""
    tokens: list[Token] = []
    part = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if m := re.match(r"^\s*第([一二三四])部分", line):
            part = "一二三四".index(m.group(1)) + 1
        if FOOTER_RE.match(line):
            continue
        for match in NUMBER_RE.finditer(line):
            before, after = line[:match.start()], line[match.end():]
            if before.endswith(("表", "[", "［", "基数为", "单价在")) or after.startswith(("年", "月", "日", "]")):
                continue  # table numbers, codes in brackets, years and dates, words that hold a number
            if part == 2 and "." not in match.group():
                continue  # in the tables every amount has decimals: a bare integer is a subject code
            tokens.append(Token(number, match.start(), match.end(), match.group()))
    return tokens


def edited(token: Token, kind: str) -> str | None:
    value = Decimal(token.text.replace(",", ""))
    exponent = value.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    new = value + Decimal(1).scaleb(-places) if kind == "+1" else value * 10
    if new == value:
        return None
    return format_amount(new, places=places, grouping="," in token.text or (new >= 1000 and "," in token.text))


def replace(text: str, token: Token, new: str) -> str:
    lines = text.split("\n")
    line = lines[token.line - 1]
    lines[token.line - 1] = line[:token.start] + new + line[token.end:]
    return "\n".join(lines)


def cell_values(document: Document) -> dict[tuple, str | None]:
    """Every printed number of a Document by the key its finding cells carry."""
    values: dict[tuple, str | None] = {}
    for table in document.tables:
        for row in table.rows:
            for column, value in zip(table.columns, row.values, strict=False):
                values[(table.number, row.side, row.code, row.label, tuple(column.path), None)] = printed(value)
    for claim in document.claims:
        for field, name in CLAIM_FIELDS.items():
            if hasattr(claim, field) and getattr(claim, field) is not None:
                values[(None, None, None, claim.name, (name,), claim.section)] = printed(getattr(claim, field))
    if document.sections.internal_unit_count is not None:
        values[(None, None, None, "内设机构", ("数量",), None)] = str(document.sections.internal_unit_count)
    return values


def names_cell(findings: list[Finding], baseline: set, key: tuple, severity: Severity) -> bool:
    return any(f.severity is severity and (f.rule, f.message) not in baseline and any(c.key == key for c in f.cells)
               for f in findings)


def resolved(findings: list[Finding], base_findings: list[Finding], key: tuple) -> bool:
    """A finding of the seed about this cell is gone: the edit moved an identity's difference (to 0)."""
    now = {(f.rule, f.message) for f in findings}
    return any((f.rule, f.message) not in now and any(c.key == key for c in f.cells) for f in base_findings)


def judge(text: str, token: Token, kind: str, new: str, base_values: dict, base_findings: list[Finding]) -> Outcome:
    baseline = {(f.rule, f.message) for f in base_findings}
    try:
        document = read_text(replace(text, token, new))
    except UnreadableInput as error:
        return Outcome(token, kind, new, "unreadable", None, str(error))
    values = cell_values(document)
    changed = [k for k in values if k in base_values and values[k] != base_values[k]]
    if set(values) != set(base_values) or len(changed) != 1:
        findings = check_document(document)
        fresh = [f for f in findings if (f.rule, f.message) not in baseline and f.severity is Severity.ERROR]
        return Outcome(token, kind, new, "misread", None, f"读法改变，新增错误 {len(fresh)} 个")
    key = changed[0]
    findings = check_document(document)
    for severity, verdict in ((Severity.ERROR, "caught"), (Severity.WARNING, "soft"), (Severity.INFO, "rounding")):
        if names_cell(findings, baseline, key, severity):
            return Outcome(token, kind, new, verdict, key)
    if resolved(findings, base_findings, key):
        return Outcome(token, kind, new, "rounding", key, "消除了原有的尾数误差")
    return Outcome(token, kind, new, "unflagged", key)


def describe(key: tuple | None) -> str:
    if key is None:
        return ""
    table, _, code, label, column, section = key
    if table is None:
        return f"{'说明' + section if section else '概况'}“{label}”{column[0]}"
    return f"表{table} {code + ' ' if code else ''}{label}（{'·'.join(column)}）"


def main() -> int:
    text = SEED.read_text(encoding="utf-8")
    started = time.perf_counter()
    base_doc = read_text(text)
    coverage: dict[tuple, set[str]] = {}
    base_findings = check_document(base_doc, coverage=coverage)
    base_values = cell_values(base_doc)
    tokens = numbers(text)
    outcomes: list[Outcome] = []
    noops = 0
    for token in tokens:
        for kind in ("+1", "×10"):
            new = edited(token, kind)
            if new is None:
                noops += 1
                continue
            outcomes.append(judge(text, token, kind, new, base_values, base_findings))
    elapsed = time.perf_counter() - started

    verdicts = Counter((o.kind, o.verdict) for o in outcomes)
    names = {"caught": "报为错误", "rounding": "仅报尾数误差（提示）", "soft": "仅报警告（软性勾稽）",
             "unflagged": "未报告", "misread": "读法改变", "unreadable": "无法读取"}
    print(f"种子文件共 {len(tokens)} 个数字，编辑 {len(outcomes)} 次（另有 {noops} 次 0×10 不改变数字），"
          f"用时 {elapsed:.1f} 秒。")
    for kind in ("+1", "×10"):
        total = sum(n for (k, _), n in verdicts.items() if k == kind)
        parts = "，".join(f"{names[v]} {verdicts[(kind, v)]}" for v in names if verdicts[(kind, v)])
        print(f"  末位+1：{total} 次：{parts}" if kind == "+1" else f"  ×10：{total} 次：{parts}")
    caught = sum(1 for o in outcomes if o.verdict == "caught")
    print(f"报为错误（新增错误并指出被改的单元格）：{caught} / {len(outcomes)}")

    unconstrained = sorted({(o.token.line, o.token.text, describe(o.cell)) for o in outcomes
                            if o.cell is not None and o.cell not in coverage})
    print(f"\n没有任何勾稽关系约束的数字（{len(unconstrained)} 个，改动不会被报告）：")
    for line, token_text, where in unconstrained:
        print(f"  第{line}行 {token_text}  {where}")
    soft = sorted({(o.token.line, o.token.text, describe(o.cell)) for o in outcomes if o.verdict == "soft"})
    if soft:
        print(f"\n只在软性勾稽中的数字（改动报为警告，{len(soft)} 个）：")
        for line, token_text, where in soft:
            print(f"  第{line}行 {token_text}  {where}")
    odd = [o for o in outcomes if o.verdict in ("misread", "unreadable")]
    if odd:
        print(f"\n改动后读法改变或无法读取（{len(odd)} 次）：")
        for o in odd:
            print(f"  第{o.token.line}行 {o.token.text} → {o.new}：{names[o.verdict]}，{o.note}")

    quiet = sorted({(o.token.line, o.token.text, o.new, describe(o.cell)) for o in outcomes
                    if o.verdict == "unflagged" and o.cell is not None and o.cell in coverage})
    if quiet:
        print(f"\n受核对但改动后仍与其他数字相符的编辑（{len(quiet)} 次，"
              "如增减率在印刷精度内不变、原因数额不受上限约束）：")
        for line, token_text, new, where in quiet:
            print(f"  第{line}行 {token_text} → {new}  {where}")

    misses = []
    for o in outcomes:
        hard = o.cell is not None and "error" in coverage.get(o.cell, ())
        if not hard:
            continue
        if o.kind == "×10" and o.verdict != "caught":
            misses.append((o, "×10 的改动在硬性勾稽中却未报为错误"))
        elif o.kind == "+1" and o.cell[0] is not None and o.verdict == "unflagged":
            misses.append((o, "表中数字在硬性勾稽中，改动后却没有任何发现变化"))
    print(f"\n漏报：{len(misses)} 次。")
    for o, why in misses:
        print(f"  第{o.token.line}行 {o.token.text} → {o.new}（{describe(o.cell)}）：{why}")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
