"""The national vocabulary: which kind a table is, and which canonical column or row a header names.

Read from ``cn-budget.toml`` / ``cn-final.toml`` (the ``[[kinds]]``, ``[columns]`` and
``[rows]`` tables); the same files are also ordinary format declarations for :mod:`yusuan.formats.spec`
(their identities and narrative subjects). Matching is by words a printed name contains, in the
declared order, so a region that prints 一般公共预算拨款收入 or 一般公共预算资金 or 一般公共预算 is read
the same; nothing here names a region.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from yusuan.text import label_key

NATIONAL = {"budget": "cn-budget", "final_accounts": "cn-final"}
_NOISE_RE = re.compile(r"\*+|^其中[:：]|[:：]$")
_YEAR_RE = re.compile(r"^20\d\d年度?|^本年度?")

# Kinds of tables of goals and indicators: their figures (≤20万元, =3次) are text, not amounts.
TEXT_KINDS = frozenset({"performance"})


@dataclass(frozen=True, slots=True)
class Kind:
    key: str
    words: tuple[tuple[str, ...], ...]
    exclude: tuple[str, ...] = ()

    def matches(self, title: str) -> bool:
        return all(any(w in title for w in group) for group in self.words) and not any(
            w in title for w in self.exclude)


@dataclass(frozen=True, slots=True)
class Concept:
    key: str
    words: tuple[str, ...]
    within: str | None = None  # only under a header of this concept (购置费 under 公务用车…)
    total: bool = False  # a row that totals the rows before it


@dataclass(frozen=True, slots=True)
class Vocabulary:
    kinds: tuple[Kind, ...]
    totals: tuple[str, ...]
    qualifiers: tuple[Concept, ...]
    concepts: tuple[Concept, ...]
    sums: tuple[tuple[str, tuple[str, ...]], ...]
    not_additive: frozenset[str]
    income_rows: tuple[Concept, ...]
    expense_rows: tuple[Concept, ...]
    concept_rows: tuple[Concept, ...]
    parents: dict[str, str]

    def kind_of(self, title: str) -> str | None:
        key = label_key(title)
        return next((k.key for k in self.kinds if k.matches(key)), None)

    def concept(self, text: str, parent: str | None = None) -> str | None:
        """The concept a header cell names, or None (a total word, or a name we do not know)."""
        name = clean(text)
        for concept in self.concepts:
            if concept.within and concept.within != parent:
                continue
            if any(w in name for w in concept.words):
                return concept.key
        return None

    def is_total(self, text: str) -> bool:
        name = _YEAR_RE.sub("", clean(text))
        return name in self.totals or any(name.endswith(t) and len(name) <= len(t) + 4
                                          for t in ("合计", "总计", "小计"))

    def qualifier(self, text: str) -> str | None:
        name = clean(text)
        return next((q.key for q in self.qualifiers if any(w in name for w in q.words)), None)

    def row(self, label: str, side: str | None) -> Concept | None:
        name = clean(label)
        rows = (self.expense_rows if side == "支出" else self.income_rows) if side else self.concept_rows
        return next((r for r in rows if any(w in name for w in r.words)), None)


def clean(text: str) -> str:
    """A printed header or label as compared: no spaces, quotes, stars or a leading 其中："""
    return _NOISE_RE.sub("", label_key(text))


def _concepts(raw: list[dict]) -> tuple[Concept, ...]:
    return tuple(Concept(c["key"], tuple(c["words"]), c.get("within"), bool(c.get("total", False))) for c in raw)


def _raw(name: str) -> dict:
    """A national declaration with the one it ``extends``: its own words first, kinds its own if it has any."""
    raw = tomllib.loads(resources.files("yusuan.formats").joinpath(f"{name}.toml").read_text("utf-8"))
    base_name = raw.get("extends")
    if not base_name:
        return raw
    base = _raw(base_name)
    merged = {**base, **{k: v for k, v in raw.items() if k not in ("columns", "rows")}}
    merged["kinds"] = raw.get("kinds", base["kinds"])
    for part in ("columns", "rows"):
        own, inherited = raw.get(part, {}), base[part]
        merged[part] = {key: (own.get(key, []) + value if isinstance(value, list) else own.get(key, value))
                        for key, value in inherited.items()}
    return merged


@cache
def vocabulary(kind: str = "budget") -> Vocabulary:
    """The vocabulary of budgets (``budget``) or final accounts (``final_accounts``), read once."""
    raw = _raw(NATIONAL.get(kind, NATIONAL["budget"]))
    columns, rows = raw["columns"], raw["rows"]
    return Vocabulary(
        kinds=tuple(Kind(k["key"], tuple(tuple(g) for g in k["words"]), tuple(k.get("exclude", ())))
                    for k in raw["kinds"]),
        totals=tuple(columns["totals"]),
        qualifiers=_concepts(columns["qualifiers"]),
        concepts=_concepts(columns["concepts"]),
        sums=tuple((s["total"], tuple(s["parts"])) for s in columns.get("sums", ())),
        not_additive=frozenset(columns.get("not_additive", ())),
        income_rows=_concepts(rows["income"]),
        expense_rows=_concepts(rows["expense"]),
        concept_rows=_concepts(rows.get("concept_rows", [])),
        parents=dict(rows.get("parents", {})),
    )
