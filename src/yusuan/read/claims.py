"""Numbers the narrative states, as structured claims the checker can test against the tables.

The explanations follow a fixed rhetoric: ``<subject><amount>万元，比上年增加<change>万元，增长<p>%，
主要原因是<reason>；`` with parts after ``其中：`` or inside parentheses. This module scans that
text token by token (amounts with units, percentages, delimiters, parentheses) with a small state
machine; subjects are the words in front of an amount, mapped to canonical names where the
disclosure rules name them (收入预算, 三公经费, 机关运行经费 …). Final accounts add three figures a
subject may carry: its 年初预算 (role ``budget``), the share of a whole it makes up (``占…X%``, role
``share``) and the rate at which it completed its budget (``完成预算的X%``, role ``completion``); the
last two are claims in ``%`` whose ``parent`` is the whole or the subject.
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
_SCOPE_MARK_RE = re.compile(r"^[（(](?:部门|单位)[）)]")
_BUDGET_FIGURE_RE = re.compile(r"年初预算(?:数)?为?$")  # 决算: “…年初预算为 X 万元”
_FINAL_FIGURE_RE = re.compile(r"(?:支出)?决算(?:数)?为?$")  # “…，支出决算为 Y 万元”
_COMPLETION_RE = re.compile(r"完成(?:年初)?预算(?:数)?的?$")
_SHARE_RE = re.compile(r"占(?P<whole>[^，,；;。]*?)的?$")
_VERSUS_RE = re.compile(r"决算数?(?P<word>大于|小于|超过|低于|等于)(?:年初)?预算数?"
                        r"|决算数?与(?:年初)?预算数?(?:基本)?持平")
_VERSUS = {"大于": "增加", "超过": "增加", "小于": "减少", "低于": "减少", "等于": "持平", "持平": "持平"}
_COUNTED = frozenset({"车辆", "房屋", "大型设备"})  # subjects counted or measured, not in money
_NONE_RE = re.compile(r"无(?P<subject>[^无，,。；;]{2,30})$")
_SUBHEADING_RE = re.compile(r"[（(][一二三四五六七八九十]+[）)][^，。；：,;:%0-9]{2,30}")
_NAME_TRAIL_RE = re.compile(r"(?:项目)?(?:收入|支出)?(?:预算)?(?:金额|数)?$")
_UP = {"增加": "增加", "增长": "增加", "上升": "增加", "减少": "减少", "下降": "减少", "降低": "减少"}
_PERCENT_UP = {"增长": "增长", "增幅": "增长", "上升": "增长", "增加": "增长",
               "下降": "下降", "降幅": "下降", "降低": "下降", "减少": "下降"}

# Canonical subjects the disclosure rules name; matched against the whole cleaned subject.
SUBJECTS: list[tuple[str, re.Pattern[str]]] = [(name, re.compile(pattern)) for name, pattern in (
    ("收入预算", r"(?:部门)?收入预算(?:总额|总计)?"),
    ("支出预算", r"(?:部门)?支出预算(?:总额|总计)?"),
    ("三公经费", r"三公经费(?:财政拨款)?(?:支出)?(?:预算)?(?:数)?"),
    ("因公出国（境）费", r"因公出国（境）(?:费|费用|经费)?(?:支出)?(?:预算)?"),
    ("公务用车购置及运行维护费", r"公务用车购置及运行(?:维护)?(?:费)?(?:支出)?(?:预算)?"),
    ("公务用车购置费", r"公务用车购置(?:费)?(?:支出)?(?:预算)?"),
    ("公务用车运行维护费", r"公务用车运行(?:维护)?(?:费)?(?:支出)?(?:预算)?"),
    ("公务接待费", r"公务接待(?:费)?(?:支出)?(?:预算)?"),
    ("机关运行经费", r"(?:机关运行经费|行政经费(?:（机关运行经费）)?)(?:预算)?"),
    ("政府采购", r"政府采购(?:预算)?(?:总额|金额)?(?:（[^）]*）)?"),
    ("政府采购·货物", r"(?:政府采购)?货物类?(?:采购)?(?:预算)?(?:金额)?"),
    ("政府采购·工程", r"(?:政府采购)?工程类?(?:采购)?(?:预算)?(?:金额)?"),
    ("政府采购·服务", r"(?:政府采购)?服务类?(?:采购)?(?:预算)?(?:金额)?"),
    ("固定资产", r"固定资产(?:金额|总额|原值|总值)?"),
    ("拟购置固定资产", r"(?:本年度?)?拟购置固定资产"),
    ("房屋", r"房屋(?:面积)?"),
    ("车辆", r"(?:共有)?(?:公务)?车辆"),
    ("大型设备", r"单价在?\d+万元以上的?(?:专用)?设备"),
    # the totals and income and expense lines of Shanghai budgets and final accounts
    ("收入支出总计", r"收入支出(?:决算)?总计"),
    ("财政拨款收入支出总计", r"财政拨款收入支出(?:决算)?总计"),
    ("本年收入合计", r"本年收入(?:合计)?"),
    ("本年支出合计", r"本年支出(?:合计)?"),
    ("财政拨款收入", r"财政拨款收入(?:预算)?"),
    ("财政拨款支出", r"财政拨款支出(?:预算)?"),
    ("一般公共预算财政拨款支出", r"一般公共预算(?:财政)?拨款支出(?:预算)?"),
    ("政府性基金预算财政拨款支出", r"政府性基金(?:预算)?(?:财政)?拨款支出(?:预算)?"),
    ("国有资本经营预算财政拨款支出", r"国有资本经营预算(?:财政)?拨款支出(?:预算)?"),
    ("一般公共预算财政拨款基本支出", r"一般公共预算(?:财政)?拨款基本支出"),
    ("上级补助收入", r"上级补助收入"),
    ("事业收入", r"事业收入(?:预算)?"),
    ("事业单位经营收入", r"事业单位经营收入(?:预算)?"),
    ("经营收入", r"经营收入"),
    ("附属单位上缴收入", r"附属单位上缴收入"),
    ("其他收入", r"其他收入(?:预算)?"),
    ("基本支出", r"基本支出(?:预算)?"),
    ("项目支出", r"项目支出(?:预算)?"),
    ("经营支出", r"经营支出"),
    ("人员经费", r"人员经费"),
    ("公用经费", r"公用经费"),
)]


def _number(text: str) -> Decimal:
    """Narrative numbers as printed; a misplaced thousands comma is the checker's business, not ours."""
    return Decimal(text.replace(",", ""))


def versus(text: str) -> str | None:
    """How a final-accounts text words 决算 against 预算: 增加 (大于), 减少 (小于), 持平, or None."""
    found = _VERSUS_RE.search(text)
    return _VERSUS[found.group("word") or "持平"] if found else None


def canonical(name: str) -> str | None:
    """The canonical subject a name states; ``…的机关运行经费`` is 机关运行经费 (of whom it says)."""
    key = label_key(name)
    for candidate in (key, key.rpartition("的")[2]):
        found = next((subject for subject, pattern in SUBJECTS if pattern.fullmatch(candidate)), None)
        if found or not candidate:
            return found
    return None


def clean_subject(text: str, entity: str | None = None) -> str:
    """Strip the rhetoric around a subject: '2024年本部门财政拨款安排“三公”经费' → '“三公”经费'; the
    document's own name in front (``上海市普陀区财政局2024年度收入支出总计``) goes too."""
    previous = None
    while previous != text:
        previous = text
        if entity and text.startswith(entity):
            text = _SCOPE_MARK_RE.sub("", text[len(entity):])
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
    entity: str | None = None  # the document's own name, stripped from subjects
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
    last_budget: Claim | None = None  # the 年初预算 a following 决算 figure and its wording belong to
    stops: tuple[int, int] = (0, 0)  # how many claims stood opened at the last two 。
    listed_from: int = 0  # how many claims stood opened when the 其中 list began

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
        chunk = self.text[start:end]
        self.buf += chunk
        current = self.current
        if (word := versus(chunk)) and self.last_budget is not None:
            if self.last_budget.direction is None:
                self.last_budget.direction = word
        elif "持平" in chunk and self.reason_of is None and current and current.direction is None:
            current.direction = "持平"

    def reset(self, at: int) -> None:
        self.buf = ""
        self.buf_start = at

    def on_delim(self, match: re.Match[str]) -> None:
        mark = match.group()
        if mark in "：:" and self.buf.endswith(("其中", "以下方面")):
            self.listing = True
            self.sentence_head = self.current if not self.frames else self.sentence_head
            self.listed_from = len(self.claims)
        if mark in "；;。，," and self.reason_of is None and (none := _NONE_RE.search(self.buf)):
            self.nothing(none, match)
        if mark in "；;。":
            self.reason_of = None
            if mark == "。" and not self.frames:
                self.listing = False
                self.sentence_head = None
                self.stops = (self.stops[1], len(self.claims))
        self.reset(match.end())

    def nothing(self, none: re.Match[str], match: re.Match[str]) -> None:
        """``…无机关运行经费。``: a subject the rules name, stated as none — 0.00 万元 (exactly none, not a
        figure rounded to whole 万元)."""
        name = clean_subject(none.group("subject"), self.entity)
        subject = canonical(name)
        if subject is None or subject in _COUNTED or "原因" in self.buf:
            return
        start = self.buf_start + none.start()
        claim = Claim(section=self.section, subject=subject, name=name, amount=Decimal("0.00"),
                      text=self.text[start:match.start()], source=self.source(start))
        self.claims.append(claim)

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
        current = self.current
        if current is not None and self.reason_of is None and _COMPLETION_RE.search(self.buf):
            self.rate(match, "completion", current.subject)
        elif current is not None and self.reason_of is None and (share := _SHARE_RE.search(self.buf)):
            whole = clean_subject(share.group("whole"), self.entity)
            head = self.sentence_head if self.listing or self.frames else None
            parent = (canonical(whole) or whole) if whole else (head.subject if head else None)
            if parent and parent != current.subject:
                self.rate(match, "share", parent)
        elif found and current is not None:
            current.percent = _number(match.group("pct"))
            current.percent_direction = _PERCENT_UP[found.group(1).removesuffix("为")]
            self.extend(match.end())
        self.reset(match.end())

    def rate(self, match: re.Match[str], role: str, parent: str) -> None:
        """A percentage of its own: the current subject's share of ``parent``, or its completion rate."""
        assert self.current is not None
        claim = Claim(section=self.section, subject=self.current.subject, name=self.current.name, role=role,
                      amount=_number(match.group("pct")), unit="%", parent=parent,
                      text=self.text[self.buf_start:match.end()], source=self.source(self.buf_start))
        self.claims.append(claim)

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
        if not self.listing and not self.frames and self.buf.lstrip("，, ").startswith("其中") and self.current:
            self.listing = True  # ``其中一般公共预算支出X万元``: a list of parts without the colon
            self.sentence_head = self.current
            self.listed_from = len(self.claims)
        if _REASON_RE.search(self.buf) and self.reason_of is None:
            self.reason_of = self.current
        change = _CHANGE_RE.search(self.buf)
        subject_text = clean_subject(self.buf[: change.start()] if change else self.buf, self.entity)
        subject_text = _REASON_RE.sub("", subject_text) if self.reason_of is not None else subject_text
        budget = None if change or self.reason_of else _BUDGET_FIGURE_RE.search(subject_text)
        final = None if change or self.reason_of or budget else _FINAL_FIGURE_RE.search(subject_text)
        if change and (continued := self.continued(subject_text)) is not None:
            continued.change = value
            continued.direction = _UP[change.group(1)]
            if continued is self.current:
                self.extend(match.end())
        elif figure := budget or final:
            own = clean_subject(subject_text[:figure.start()], self.entity)
            of = self.last_budget if final and self.last_budget else self.current  # 支出决算为… of the budget's subject
            name = own or (of.name if of else "")
            if name:
                self.open_claim(name, value, unit, None, match, role="budget" if budget else None)
        elif subject_text or not change:  # a change of nothing named and nothing to continue says nothing
            self.open_claim(subject_text, value, unit, change, match)
        self.reset(match.end())

    def continued(self, subject_text: str) -> Claim | None:
        """The claim a change without a subject of its own continues: the current one
        (``与2023年度相比，收入支出总计减少56.95万元``), or the one last opened where that is a reason
        (``取消某项补助（减少1000万元）``) — never a claim whose change is stated already."""
        current = self.current
        if current is None:
            return None
        if len(subject_text) < 2:
            if len(self.claims) == self.stops[1] and self.stops[1] - self.stops[0] > 1:
                return None  # ``…A x万元，B y万元。比上年增加z万元``: A and B's whole, or B? — not said
            head = self.sentence_head
            parts = self.claims[self.listed_from:]
            if self.listing and head is not None and len(parts) > 1 and all(p.change is None for p in parts):
                # ``收入X万元，其中：A、B、C，较上年减少Y万元``: after a list of bare parts, the change is the
                # whole's (where the parts state changes of their own, it is the last part's)
                return head if head.change is None else None
            last = self.claims[-1] if self.claims else current
            target = last if last.role == "reason" else current
            return target if target.change is None else None
        named = canonical(subject_text) or _NAME_TRAIL_RE.sub("", subject_text) or subject_text
        if named == current.subject and current.amount is not None and current.change is None:
            return current
        return None

    def open_claim(self, name: str, value: Decimal | None, unit: str, change: re.Match[str] | None,
                   match: re.Match[str], role: str | None = None) -> None:
        subject = canonical(name) or _NAME_TRAIL_RE.sub("", name) or name
        if role is not None:
            parent = None
        elif self.reason_of is not None:
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
        if role == "budget":
            self.last_budget = claim
        elif role != "reason":
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
        if _SUBHEADING_RE.fullmatch(text):
            text += "。"  # a heading such as （一）…总体情况 ends its own sentence
        parts.append(text)
        position += len(text)
    return "".join(parts), offsets


def narrative_claims(section: str, lines: list[Line], entity: str | None = None) -> list[Claim]:
    """Every amount, change and percentage stated in one numbered section of the narrative; ``entity``
    (the document's own name) is no part of a subject."""
    if not lines:
        return []
    text, offsets = joined(lines)
    return _Scanner(section, text, offsets, lines, entity and squash(entity)).run()


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
