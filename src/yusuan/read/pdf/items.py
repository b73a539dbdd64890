"""Narrative items about one functional subject (类/款/项), as Shanghai budgets and final accounts print them.

Budget (编制说明): ``1. “一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”25.77万元，主要用于…。
2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数减少57.14%。主要原因是：…。``
(2025 prints the subject as ``“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目1,202.95万元``.)
Final accounts: ``1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：…。年初预算为 1560.05 万元，
支出决算为1511.89万元。决算数小于预算数的主要原因：…``.

Each item gives claims the checker compares with the tables: ``item`` (the subject's amount; its
``subject`` is the ``类/款/项`` names joined by ``/``), ``prior`` (last year's 执行数), ``plan`` (the
amount restated as 预算安排), ``budget`` (年初预算 in final accounts; its ``direction`` how the text
words 决算 against it: 决算数小于预算数 is 减少) and ``reason`` (the stated cause, its ``direction`` the
change word it uses — none when it uses words of both directions — so a reason that contradicts the
change can be found).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal

from yusuan.model import Claim, Source
from yusuan.read.claims import joined, versus
from yusuan.read.lines import Line

_NUM = r"[0-9][0-9,]*(?:\.[0-9]+)?"
_START_RE = re.compile(r"(?:^|(?<=[。；：:]))(?:(?P<n>\d{1,3})[.．、]|[（(](?P<m>\d{1,3})[）)])\s*"
                       r"(?=“|[^，。；]{2,40}（类）)")
_BUDGET_HEAD_RE = re.compile(rf"^“(?P<subject>[^”]+)”(?:科目)?(?P<amount>{_NUM})万元")
_FINAL_HEAD_RE = re.compile(r"^(?P<subject>[^，。；“”]+（项）)")
_PRIOR_RE = re.compile(rf"(?:20\d\d)年(?:当年)?预算执行数为(?P<v>{_NUM})万元")
_PLAN_RE = re.compile(rf"(?:20\d\d)年预算安排(?P<v>{_NUM})万元")
_CHANGE_RE = re.compile(rf"比(?:20\d\d)年(?:预算)?执行数(?P<dir>增加|减少|增长|下降|持平)(?:(?P<pct>{_NUM})%)?")
_BUDGET_RE = re.compile(rf"(?:年初)?预算(?:数)?为\s*(?P<v>{_NUM})\s*万元")
_FINAL_RE = re.compile(rf"(?:支出)?决算(?:数)?为\s*(?P<v>{_NUM})\s*万元")
# the amount right after the subject, and the change against last year stated after it
_STATED_RE = re.compile(rf"\s*(?:支出|科目)?\s*(?:20\d\d\s*年)?\s*(?:预算数|预算|安排)?(?:为|是)?\s*"
                        rf"(?P<v>{_NUM})\s*万元")
_PRIOR_CHANGE_RE = re.compile(rf"(?:[^。]*。)?[^。]*?(?:比|较|与)(?:上年|20\d\d\s*年)(?:度)?(?:预算)?(?:执行数)?"
                              rf"(?:相比)?[，,]?"
                              rf"\s*(?P<dir>增加|减少)\s*(?P<v>{_NUM})\s*万元(?:[，,]\s*(?:增长|下降|增幅|降幅|减少|增加)"
                              rf"\s*(?P<pct>{_NUM})\s*%)?")
_UP = {"增加": "增加", "减少": "减少"}
_REASON_RE = re.compile(r"(?:主要)?原因(?:是|为)?[:：]?(?P<why>[^。]*)")
_DIRECTION_WORDS = (("增加", "增加"), ("增长", "增加"), ("减少", "减少"), ("下降", "减少"), ("不变", "持平"),
                    ("持平", "持平"))
_PERCENT_WORD = {"增加": "增长", "增长": "增长", "减少": "下降", "下降": "下降"}


def subject_path(printed: str) -> str:
    """``一般公共服务支出（类）统计信息事务（款）专项普查活动（项）`` or ``A-B-C`` → ``A/B/C``."""
    names = [n for n in re.split(r"（[类款项]）", printed) if n]
    if len(names) < 2 and "-" in printed:
        names = printed.split("-")
    return "/".join(n.strip() for n in names)


def item_claims(section: str, lines: list[Line]) -> list[Claim]:
    if not lines:
        return []
    text, offsets = joined(lines)
    starts = [m for m in _START_RE.finditer(text)]
    claims: list[Claim] = []
    for k, match in enumerate(starts):
        end = starts[k + 1].start() if k + 1 < len(starts) else len(text)
        body = text[match.end():end]
        source = _source(lines, offsets, match.start())
        claims += _item(section, body, text[match.start():end], source)
    return claims


def _source(lines: list[Line], offsets: list[int], at: int) -> Source:
    line = lines[max(0, bisect_right(offsets, at) - 1)]
    return Source(page=line.page, line=line.number)


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _item(section: str, body: str, whole: str, source: Source) -> list[Claim]:
    head = _BUDGET_HEAD_RE.match(body)
    final = None if head else _FINAL_HEAD_RE.match(body)
    if head is None and final is None:
        return []
    printed = (head or final).group("subject")  # type: ignore[union-attr]
    subject = subject_path(printed)
    base = {"section": section, "subject": subject, "unit": "万元", "source": source, "parent": subject}
    claims: list[Claim] = []
    main = Claim(**base | {"parent": None}, name=printed, role="item", text=whole)
    claims.append(main)
    if head:
        main.amount = _number(head.group("amount"))
    elif found := _FINAL_RE.search(body):
        main.amount = _number(found.group("v"))
    elif found := _STATED_RE.match(body, final.end()):  # type: ignore[union-attr]
        main.amount = _number(found.group("v"))  # ``…（项）12,868.00 万元`` / ``…（项）2026年预算数为5,826.21万元``
        if change := _PRIOR_CHANGE_RE.match(body, found.end()):
            main.change, main.direction = _number(change.group("v")), _UP[change.group("dir")]
            if change.group("pct"):
                main.percent = _number(change.group("pct"))
                main.percent_direction = _PERCENT_WORD[change.group("dir")]
    for role, pattern in (("prior", _PRIOR_RE), ("plan", _PLAN_RE), ("budget", _BUDGET_RE if final else None)):
        if pattern is not None and (found := pattern.search(body)):
            claims.append(Claim(**base, name=found.group(), role=role, amount=_number(found.group("v")),
                                direction=versus(body) if role == "budget" else None, text=found.group()))
    if change := _CHANGE_RE.search(body):
        word = change.group("dir")
        main.direction = "持平" if word == "持平" else ("增加" if word in ("增加", "增长") else "减少")
        if change.group("pct") is not None:
            main.percent = _number(change.group("pct"))
            main.percent_direction = _PERCENT_WORD.get(word)
    if reason := _REASON_RE.search(body):
        why = reason.group("why").strip()
        words = {d for word, d in _DIRECTION_WORDS if word in why}
        claims.append(Claim(**base, name=why, role="reason", direction=words.pop() if len(words) == 1 else None,
                            text=reason.group()))
    return claims
