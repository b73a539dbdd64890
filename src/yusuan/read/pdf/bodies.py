"""Files that hold several disclosures: a department's set of tables, then each unit's.

Two ways a file shows it. Whole disclosures one after another each open with a cover page (the entity,
the year, 部门预算 / 单位预算 in a few lines): the pages from one cover to the next are one body, its
text and its tables. Or the tables alone repeat: the same kind of table comes again under another
单位名称 (or its numbering starts again), and each run of tables is a body — the text parts then belong
to the first. A file with one set of tables is one body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yusuan.model import Table
from yusuan.read.pdf.layout import PdfLine
from yusuan.text import squash

# Kinds a set prints more than once (one 绩效目标表 per project, 表14-1 … 表14-N): no sign of a new body.
REPEATABLE = frozenset({"performance", "project", "generic", "procurement", "carryover"})
_COVER_RE = re.compile(r"(?:20\d\d)年度?.{0,12}(?:部门|单位)(?:综合)?(?:预算|决算)")


@dataclass(slots=True)
class Body:
    tables: list[Table] = field(default_factory=list)
    pages: set[int] = field(default_factory=set)  # pages of text that belong to it (None: the rest)


def cover_pages(lines: list[PdfLine]) -> list[int]:
    """Pages that look like a cover: few lines, one of the first saying whose 2026年…预算 this is."""
    by_page: dict[int, list[str]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(squash(line.text))
    covers = []
    for page, texts in sorted(by_page.items()):
        contents_next = any(t.replace(" ", "") in ("目录", "目 录") for t in by_page.get(page + 1, [])[:3])
        if len(texts) <= (12 if contents_next else 6) and any(_COVER_RE.search(t) for t in texts[:4]) and not any(
                "目录" in t for t in texts):
            covers.append(page)
    return covers


def _cover_entity(lines: list[PdfLine], page: int) -> str | None:
    """Whose disclosure a cover page announces (its entity line, else its title without the year)."""
    texts = [squash(line.text) for line in lines if line.page == page]
    for text in texts:
        if match := _ENTITY_RE.search(text):
            return match.group(1)
    for text in texts:
        if match := _COVER_RE.search(text):
            return text[:match.start()] or text[match.end():] or None
    return None


_ENTITY_RE = re.compile(r"(?:预算单位|预算部门|部门名称|单位名称|编制单位)[:：](\S{2,60})")


def _by_tables(tables: list[Table]) -> list[list[Table]]:
    bodies: list[list[Table]] = [[]]
    for table in tables:
        current = bodies[-1]
        seen = {t.key for t in current}
        entities = {t.entity for t in current if t.entity}
        last = max((t.number for t in current), default=0)
        again = table.key in seen and table.key not in REPEATABLE
        if current and again and ((table.entity and entities and table.entity not in entities)
                                  or table.number <= last):
            bodies.append([])
        bodies[-1].append(table)
    return [b for b in bodies if b]


def split_bodies(tables: list[Table], lines: list[PdfLine]) -> list[Body]:
    """The bodies of a file, in printed order."""
    covers = cover_pages(lines)
    if len(covers) >= 2:
        last_page = max((line.page for line in lines), default=1)
        bounds = [*covers[1:], last_page + 1]
        bodies = []
        for start, end in zip(covers, bounds, strict=True):
            pages = set(range(1 if start == covers[0] else start, end))
            own = [t for t in tables if t.pages and t.pages[0] in pages]
            bodies.append(Body(own, pages))
        with_sets = [b for b in bodies if {t.key for t in b.tables} & {"summary", "income"}]
        names = {_cover_entity(lines, page) for page in covers}
        if len(with_sets) >= 2 and len(names - {None}) >= 2:  # covers of different disclosures, each a set
            return [b for b in bodies if b.tables or b is bodies[0]]
    runs = _by_tables(tables)
    return [Body(run) for run in runs] or [Body()]


def entity_of_body(body: Body) -> str | None:
    """The 单位名称 most of a body's tables print."""
    names = [t.entity for t in body.tables if t.entity]
    return max(set(names), key=names.count) if names else None
