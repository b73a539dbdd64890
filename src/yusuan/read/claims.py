"""Numbers the narrative states, as structured claims the checker can test against the tables.

The explanations follow a fixed rhetoric: ``<subject><amount>万元，比上年增加<change>万元，增长<p>%，
主要原因是<reason>；`` with parts after ``其中：`` or inside parentheses. This module scans that
text token by token (amounts with units, percentages, delimiters, parentheses) with a small state
machine; subjects are the words in front of an amount, mapped to canonical names where the
disclosure rules name them (收入预算, 三公经费, 机关运行经费 …).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

from yusuan.model import Claim, Source
from yusuan.read.lines import Line
from yusuan.text import label_key, squash

_NUM = r"[0-9][0-9,]*(?:\.[0-9]+)?"  # ASCII digits only: \d would take full-width ones
TOKEN_RE = re.compile(
    rf"(?P<na>(?P<nadir>增长|下降|增幅|降幅)?[-—－]*[（(]基数为0[，,]不可比[）)])"
    rf"|(?P<pct>{_NUM})[%％]"
    rf"|(?P<num>{_NUM})(?P<unit>万元|亿元|元|平方米|㎡|辆|台|套|处)"
    r"|(?P<open>[（(])|(?P<close>[）)])"
    r"|(?P<delim>[，；。：,;:])"
)
_CHANGE_RE = re.compile(r"(?:比上年|较上年|同比|与上年相比|(?:比|较)20\d\d年度?(?:预算执行数|预算|决算数?)?"
                        r"|与20\d\d年度?(?:预算)?相比)?[，,]?(增加|减少|增长|下降|上升|降低)了?$")
_PERCENT_DIR_RE = re.compile(r"(增长|下降|增幅为?|降幅为?|上升|降低|减少|增加)了?$")
_REASON_RE = re.compile(r"(?:主要)?原因(?:是|为|主要是)?|主要用于")
_THRESHOLD_RE = re.compile(r"(?:以上|以下|及以上)")
_NUMERIC_PAREN_RE = re.compile(rf"{_NUM}(?:万元|亿元|元|%)")
_LEAD_RES = [re.compile(p) for p in (
    r"^(?:[（(][一二三四五六七八九十]+[）)]|[、，,])",
    r"^(?:主要原因是|主要原因为|原因是|其中[:：]?)",
    r"^(?:截至|截止)[^，,]*?日[，,]?",
    r"^\d{4}年度?[，,]?",
    r"^(?:本部门|本单位|部门|单位)",
    r"^(?:财政拨款)?安排的?",
)]
_TRAIL_RE = re.compile(r"(?:安排|为|共计|合计|总额为?)$")
_NAME_TRAIL_RE = re.compile(r"(?:项目)?(?:收入|支出)?(?:预算)?(?:金额|数)?$")
_UP = {"增加": "增加", "增长": "增加", "上升": "增加", "减少": "减少", "下降": "减少", "降低": "减少"}
_PERCENT_UP = {"增长": "增长", "增幅": "增长", "上升": "增长", "增加": "增长",
               "下降": "下降", "降幅": "下降", "降低": "下降", "减少": "下降"}

# Canonical subjects the disclosure rules name; matched against the whole cleaned subject.
SUBJECTS: list[tuple[str, re.Pattern[str]]] = [(name, re.compile(pattern)) for name, pattern in (
    ("收入预算", r"(?:部门)?收入预算(?:总额|总计)?"),
    ("支出预算", r"(?:部门)?支出预算(?:总额|总计)?"),
    ("三公经费", r"三公经费(?:预算)?(?:数)?"),
    ("因公出国（境）费", r"因公出国（境）(?:费|费用|经费|支出)(?:预算)?"),
    ("公务用车购置及运行维护费", r"公务用车购置及运行(?:维护)?(?:费|支出)(?:预算)?"),
    ("公务用车购置费", r"公务用车购置(?:费|支出)?(?:预算)?"),
    ("公务用车运行维护费", r"公务用车运行(?:维护)?(?:费|支出)(?:预算)?"),
    ("公务接待费", r"公务接待(?:费|支出)(?:预算)?"),
    ("机关运行经费", r"(?:机关运行经费|行政经费(?:（机关运行经费）)?)(?:预算)?"),
    ("政府采购", r"政府采购(?:预算)?(?:总额)?"),
    ("政府采购·货物", r"(?:政府采购)?货物类?(?:采购)?(?:预算)?(?:金额)?"),
    ("政府采购·工程", r"(?:政府采购)?工程类?(?:采购)?(?:预算)?(?:金额)?"),
    ("政府采购·服务", r"(?:政府采购)?服务类?(?:采购)?(?:预算)?(?:金额)?"),
    ("固定资产", r"固定资产(?:金额|总额|原值|总值)?"),
    ("拟购置固定资产", r"(?:本年度?)?拟购置固定资产"),
    ("房屋", r"房屋(?:面积)?"),
    ("车辆", r"(?:公务)?车辆"),
    ("大型设备", r"单价在?\d+万元以上的?(?:专用)?设备"),
)]


def _number(text: str) -> Decimal:
    """Narrative numbers as printed; a misplaced thousands comma is the checker's business, not ours."""
    return Decimal(text.replace(",", ""))


def canonical(name: str) -> str | None:
    key = label_key(name)
    return next((subject for subject, pattern in SUBJECTS if pattern.fullmatch(key)), None)


def clean_subject(text: str) -> str:
    """Strip the rhetoric around a subject: '2024年本部门财政拨款安排“三公”经费' → '“三公”经费'."""
    previous = None
    while previous != text:
        previous = text
        for pattern in _LEAD_RES:
            text = pattern.sub("", text)
        text = _TRAIL_RE.sub("", text)
    return text


@dataclass(slots=True)
class _Frame:
    """One level of parentheses: claims opened inside are parts of ``parent``."""

    parent: Claim | None
    saved: Claim | None


@dataclass(slots=True)
class _Scanner:
    section: str
    text: str
    offsets: list[int]
    lines: list[Line]
    claims: list[Claim] = field(default_factory=list)
    current: Claim | None = None
    sentence_head: Claim | None = None  # the statement a 其中 list belongs to
    listing: bool = False  # after 其中：, until the sentence ends
    reason_of: Claim | None = None  # inside 主要原因是 …, until ；or 。
    frames: list[_Frame] = field(default_factory=list)
    parens: list[bool] = field(default_factory=list)  # True: a numeric parenthesis (a frame)
    buf: str = ""
    buf_start: int = 0
    starts: dict[int, int] = field(default_factory=dict)  # id(claim) → offset of its text

    def source(self, offset: int) -> Source:
        line = self.lines[max(0, bisect_right(self.offsets, offset) - 1)]
        return Source(page=line.page, line=line.number)

    def run(self) -> list[Claim]:
        position = 0
        for match in TOKEN_RE.finditer(self.text):
            self.plain(position, match.start())
            position = match.end()
            kind = next(k for k in ("na", "pct", "num", "open", "close", "delim") if match.group(k) is not None)
            getattr(self, "on_" + kind)(match)
        self.plain(position, len(self.text))
        return self.claims

    def plain(self, start: int, end: int) -> None:
        if start >= end:
            return
        if not self.buf:
            self.buf_start = start
        self.buf += self.text[start:end]
        current = self.current
        if "持平" in self.text[start:end] and self.reason_of is None and current and current.direction is None:
            current.direction = "持平"

    def reset(self, at: int) -> None:
        self.buf = ""
        self.buf_start = at

    def on_delim(self, match: re.Match[str]) -> None:
        mark = match.group()
        if mark in "：:" and self.buf.endswith("其中"):
            self.listing = True
            self.sentence_head = self.current if not self.frames else self.sentence_head
        if mark in "；;。":
            self.reason_of = None
            if mark == "。" and not self.frames:
                self.listing = False
                self.sentence_head = None
        self.reset(match.end())

    def on_open(self, match: re.Match[str]) -> None:
        close = self.text.find("）", match.end())
        numeric = close != -1 and _NUMERIC_PAREN_RE.search(self.text, match.end(), close) is not None
        self.parens.append(numeric)
        if numeric:
            self.frames.append(_Frame(parent=self.current, saved=self.current))
            self.reset(match.end())
        else:
            self.plain(match.start(), match.end())

    def on_close(self, match: re.Match[str]) -> None:
        numeric = self.parens.pop() if self.parens else False
        if numeric and self.frames:
            frame = self.frames.pop()
            self.current = frame.saved
            self.reset(match.end())
        else:
            self.plain(match.start(), match.end())

    def on_pct(self, match: re.Match[str]) -> None:
        found = _PERCENT_DIR_RE.search(self.buf)
        if found and self.current is not None:
            self.current.percent = _number(match.group("pct"))
            self.current.percent_direction = _PERCENT_UP[found.group(1).removesuffix("为")]
            self.extend(match.end())
        self.reset(match.end())

    def on_na(self, match: re.Match[str]) -> None:
        if self.current is not None:
            self.current.comparable = False
            self.current.percent = None
            word = match.group("nadir") or (m.group(1) if (m := _PERCENT_DIR_RE.search(self.buf)) else None)
            if word:
                self.current.percent_direction = _PERCENT_UP[word.removesuffix("为")]
            self.extend(match.end())
        self.reset(match.end())

    def on_num(self, match: re.Match[str]) -> None:
        if _THRESHOLD_RE.match(self.text, match.end()):
            self.plain(match.start(), match.end())  # 单价在100万元以上: part of a subject, not a figure
            return
        value = _number(match.group("num"))
        unit = match.group("unit").replace("㎡", "平方米")
        if _REASON_RE.search(self.buf) and self.reason_of is None:
            self.reason_of = self.current
        change = _CHANGE_RE.search(self.buf)
        subject_text = clean_subject(self.buf[: change.start()] if change else self.buf)
        subject_text = _REASON_RE.sub("", subject_text) if self.reason_of is not None else subject_text
        if change and (len(subject_text) < 2 and self.current is not None):
            self.current.change = value
            self.current.direction = _UP[change.group(1)]
            self.extend(match.end())
        else:
            self.open_claim(subject_text, value, unit, change, match)
        self.reset(match.end())

    def open_claim(self, name: str, value: Decimal | None, unit: str,
                   change: re.Match[str] | None, match: re.Match[str]) -> None:
        subject = canonical(name) or _NAME_TRAIL_RE.sub("", name) or name
        if self.reason_of is not None:
            role, parent = "reason", self.reason_of
        elif self.frames:
            role, parent = "part", self.frames[-1].parent
        elif self.listing:
            role, parent = "part", self.sentence_head
        else:
            role, parent = "statement", None
        claim = Claim(
            section=self.section, subject=subject, name=name, role=role, unit=unit,
            amount=None if change else value, change=value if change else None,
            direction=_UP[change.group(1)] if change else None,
            parent=parent.subject if parent else None,
            text=self.text[self.buf_start:match.end()], source=self.source(self.buf_start),
        )
        self.claims.append(claim)
        self.starts[id(claim)] = self.buf_start
        if role != "reason":
            self.current = claim

    def extend(self, end: int) -> None:
        """Grow the current claim's quoted text to cover the change or percentage just read."""
        claim = self.current
        assert claim is not None
        claim.text = self.text[self.starts[id(claim)]:end]


def joined(lines: list[Line]) -> tuple[str, list[int]]:
    """Lines joined without separators, and the offset where each line starts."""
    offsets: list[int] = []
    parts: list[str] = []
    position = 0
    for line in lines:
        offsets.append(position)
        text = squash(line.text)
        parts.append(text)
        position += len(text)
    return "".join(parts), offsets


def narrative_claims(section: str, lines: list[Line]) -> list[Claim]:
    """Every amount, change and percentage stated in one numbered section of the narrative."""
    if not lines:
        return []
    text, offsets = joined(lines)
    return _Scanner(section, text, offsets, lines).run()


_KEY_HEADER_RE = re.compile(r"^项目\s*预算数")
_KEY_ROW_RE = re.compile(rf"^(?P<name>[^，。；：,;]+?)\s+(?P<amount>{_NUM})(?:\s+(?P<goal>.*))?$")


def split_key_projects(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """Section 六 holds prose and then a list of key projects; separate the two."""
    for i, line in enumerate(lines):
        if _KEY_HEADER_RE.match(squash(line.text)) or _KEY_HEADER_RE.match(line.text):
            return lines[:i], lines[i:]
    return lines, []


def key_project_claims(section: str, lines: list[Line]) -> list[Claim]:
    """The key-project list: ``<name> <amount>`` then its goal over the following lines."""
    if not lines:
        return []
    header = squash(lines[0].text)
    unit = "万元" if "万元" in header else ("元" if "元" in header else "万元")
    claims: list[Claim] = []
    for line in lines[1:]:
        text = line.text
        if squash(text) == header:
            continue
        if text.startswith(("注：", "注:")):
            break
        match = _KEY_ROW_RE.match(text)
        if match:
            name = squash(match.group("name"))
            claims.append(Claim(
                section=section, subject=name, name=name, role="key_project",
                amount=_number(match.group("amount")), unit=unit,
                goal=squash(match.group("goal") or ""), text=squash(text),
                source=Source(page=line.page, line=line.number),
            ))
        elif claims:
            claims[-1].goal = (claims[-1].goal or "") + squash(text)
    for claim in claims:
        claim.goal = claim.goal or None
    return claims
