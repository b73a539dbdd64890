"""The standard wording compile adds to a format: glossary, Part 3 section titles, table notes,
the economic codes behind 表8, and how fund sources group into columns.

Kept as data beside the compiler (``<format id>.toml``), one file per format, like the format
declarations themselves.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from yusuan.errors import YusuanError


@dataclass(frozen=True, slots=True)
class Feed:
    """Which line items a table takes, and on which dimension its columns and rows are matched."""

    funds: frozenset[str] | None = None  # None: every fund source
    spending: frozenset[str] | None = None
    columns: str | None = None  # fund | spending | economic
    rows: str | None = None  # for fixed rows
    income: str | None = None  # for the income side of a two-sided table


@dataclass(frozen=True, slots=True)
class Standard:
    totals: frozenset[str]
    catch_all: dict[str, str]  # dimension → key taking what nothing else in a table takes
    groups: dict[str, dict[str, frozenset[str]]]  # dimension → key → values it takes
    feeds: dict[str, Feed]  # table key → its feed
    capital_classes: tuple[str, ...]
    notes: dict[int, tuple[str, ...]]
    rounding_note: str
    empty_note: str
    none_note: str
    sections: tuple[tuple[str, str], ...]  # (number, title)
    glossary: tuple[tuple[str, str], ...]  # (term, definition)

    def definition(self, term: str) -> str:
        return dict(self.glossary)[term]


@cache
def standard(format_id: str) -> Standard:
    try:
        text = resources.files("yusuan.compile").joinpath(f"{format_id}.toml").read_text("utf-8")
    except FileNotFoundError:
        raise YusuanError(f"公开格式“{format_id}”还不能由预算明细编制（缺少它的标准说明文字）。") from None
    raw = tomllib.loads(text)
    notes = raw["notes"]
    return Standard(
        totals=frozenset(raw["totals"]),
        catch_all=dict(raw["catch_all"]),
        groups={dim: {k: frozenset(v) for k, v in keys.items()} for dim, keys in raw["groups"].items()},
        feeds={key: Feed(funds=frozenset(f["funds"]) if "funds" in f else None,
                         spending=frozenset(f["spending"]) if "spending" in f else None,
                         columns=f.get("columns"), rows=f.get("rows"), income=f.get("income"))
               for key, f in raw["feeds"].items()},
        capital_classes=tuple(raw["assets"]["capital_classes"]),
        notes={int(k): tuple(v) for k, v in notes["tables"].items()},
        rounding_note=notes["rounding"],
        empty_note=notes["empty"],
        none_note=notes["none"],
        sections=tuple((s["number"], s["title"]) for s in raw["sections"]),
        glossary=tuple((g["term"], g["text"]) for g in raw["glossary"]),
    )
