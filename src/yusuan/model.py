"""The Document: what a disclosure says, independent of the file it came from.

Readers build it, the checker judges it, compile produces it, writers print it. Every value read from
a file keeps its :class:`Source` so a finding can point at the printed cell. Amounts are Decimal as
printed (``0.00`` keeps its two places, which the rounding bound needs); ``None`` is a blank cell.
The JSON form is in :mod:`yusuan.document_json` and ``docs/document-json.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

SCHEMA = "yusuan.document/1"
MARK_STATUSES = ("verified", "corrected", "unverified", "unchecked")  # of a ValueMark


@dataclass(slots=True)
class Source:
    """Where something was printed: page (1-based), line of the text file, box on a PDF page."""

    page: int | None = None
    line: int | None = None
    box: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom in PDF points


@dataclass(slots=True)
class ValueMark:
    """How far an OCR'd value (or row name) can be trusted: the recogniser's ``confidence`` (0–1) and
    ``status`` — ``verified`` (its table's identities hold with it), ``corrected`` (OCR misread it and
    the identities gave it back; ``seen`` is what OCR read), ``unverified`` (an identity fails or holds
    only within rounding, or its print breaks the number form, or OCR was unsure and nothing checks it)
    or ``unchecked`` (no identity reaches it). See docs/document-json.md."""

    confidence: float | None
    status: str
    seen: str | None = None


@dataclass(slots=True)
class Column:
    """One amount column; ``path`` is its header from the top level down, e.g. 财政拨款收入 › 一般公共预算."""

    key: str
    path: list[str]

    @property
    def label(self) -> str:
        return "·".join(self.path)


@dataclass(slots=True)
class Row:
    """One printed row. ``values`` align with the table's ``columns``; ``text`` holds the text column."""

    label: str
    values: list[Decimal | None]
    code: str | None = None
    ordinal: str | None = None
    level: int | None = None  # 0 合计/总计, 1 类, 2 款, 3 项 (fixed rows: as their format declares)
    side: str | None = None  # 收入 | 支出 in two-sided tables
    key: str | None = None  # the format's name of a fixed row, e.g. "income_total"
    text: str | None = None
    source: Source = field(default_factory=Source)
    boxes: list[tuple[float, float, float, float] | None] | None = None  # per value, PDF only
    alt_code: str | None = None  # a second classification printed beside the code (政府预算支出经济分类)
    marks: list[ValueMark | None] | None = None  # per value, OCR'd pages only
    label_mark: ValueMark | None = None  # OCR'd pages only

    @property
    def name(self) -> str:
        """Code and label as a person would cite the row: ``2080101 行政运行``."""
        return f"{self.code} {self.label}" if self.code else self.label


@dataclass(slots=True)
class Table:
    number: int  # the printed 表N
    key: str  # the format's name of the table, e.g. "income"
    title: str
    unit: str  # 元 | 万元 | 亿元
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    text_column: Column | None = None
    notes: list[str] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    entity: str | None = None  # the 单位名称 printed above the table
    numbering: str | None = None  # the numbering as printed (表一, 公开01表, 部门公开表7); None if none

    def column_index(self, key: str) -> int:
        for i, column in enumerate(self.columns):
            if column.key == key:
                return i
        raise KeyError(key)

    def find(self, *, code: str | None = None, key: str | None = None, side: str | None = None) -> Row | None:
        """First row with this code or fixed-row key (and side, in two-sided tables)."""
        for row in self.rows:
            if side is not None and row.side != side:
                continue
            if (code is not None and row.code == code) or (key is not None and row.key == key):
                return row
        return None

    def value(self, row: Row, column_key: str) -> Decimal | None:
        return row.values[self.column_index(column_key)]


@dataclass(slots=True)
class Section:
    """A numbered section of narrative text (第三部分 一、… 六、)."""

    number: str | None
    title: str
    text: str
    source: Source = field(default_factory=Source)


@dataclass(slots=True)
class Sections:
    """The text parts: Part 1 overview, Part 3 explanations, Part 4 glossary."""

    duties: list[str] = field(default_factory=list)
    internal_units: list[str] = field(default_factory=list)
    internal_unit_count: int | None = None  # the N of "内设N个科室" as printed
    composition: str = ""
    explanations: list[Section] = field(default_factory=list)
    glossary: dict[str, str] = field(default_factory=dict)

    def explanation(self, number: str) -> Section | None:
        return next((s for s in self.explanations if s.number == number), None)


@dataclass(slots=True)
class Claim:
    """A number the narrative states, with what it is about, so it can be tested against the tables.

    ``role``: ``statement`` (a subject's amount, e.g. 三公经费 6.5万元), ``part`` (a part of a statement,
    after 其中 or inside its parentheses), ``reason`` (a figure given as the cause of a change) or
    ``key_project`` (a row of the key-project list, its goal in ``goal``); narrative items about one
    subject and final accounts add ``item``, ``prior``, ``plan``, ``budget``, ``completion`` and ``share``
    (docs/document-json.md). ``change`` is the printed absolute change and ``direction`` its word;
    ``signed_change`` applies the sign.
    """

    section: str
    subject: str
    name: str
    role: str = "statement"
    amount: Decimal | None = None
    unit: str = "万元"
    change: Decimal | None = None
    direction: str | None = None  # 增加 | 减少 | 持平
    percent: Decimal | None = None
    percent_direction: str | None = None  # 增长 | 下降
    comparable: bool = True  # False where the text says 基数为0，不可比
    parent: str | None = None
    goal: str | None = None
    text: str = ""
    source: Source = field(default_factory=Source)

    @property
    def signed_change(self) -> Decimal | None:
        if self.change is None:
            return None
        return -self.change if self.direction == "减少" else self.change


@dataclass(slots=True)
class Diagnostic:
    """Something a reader could not place; kept so nothing printed is silently dropped."""

    message: str
    source: Source = field(default_factory=Source)


@dataclass(slots=True)
class Meta:
    entity: str
    year: int | None
    kind: str  # budget | final_accounts
    scope: str  # department | unit
    format: str  # format id, e.g. gd-budget-12
    unit: str  # the document's main money unit
    title: str | None = None
    file: str | None = None
    sha256: str | None = None
    reader: str | None = None  # text | pdf | xlsx | compile
    body: int | None = None  # which of the file's disclosures this is (1-based), where it holds several
    bodies: int | None = None  # how many the file holds, where more than one


@dataclass(slots=True)
class TextLine:
    """A line of the text parts as a PDF page prints it: its words, each with its box. Kept so that a
    finding about a sentence can point at the sentence itself rather than at its section's heading."""

    page: int
    words: list[tuple[str, tuple[float, float, float, float]]]


@dataclass(slots=True)
class Document:
    meta: Meta
    sections: Sections = field(default_factory=Sections)
    tables: list[Table] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # the text parts' lines with their boxes (PDF only; not part of the Document JSON: a place, not content)
    layout: list[TextLine] = field(default_factory=list, compare=False, repr=False)
    blank_pages: list[int] = field(default_factory=list, compare=False, repr=False)  # PDF pages printing nothing

    def table(self, number: int) -> Table | None:
        return next((t for t in self.tables if t.number == number), None)

    def table_by_key(self, key: str) -> Table | None:
        return next((t for t in self.tables if t.key == key), None)
