"""The classification catalogs: functional (类/款/项) and economic (类/款) subject codes.

Copied from ``../shared/reference``. Each row says how its name was verified (``yes`` against
official documents; ``likely``/``partial``/``no`` are hints only). Readers never depend on the
catalog: a document's own printed names win. The checker warns about a code/name pair only where
the catalog row is verified; compile names subtotals from it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

LEVELS = {"类": 1, "款": 2, "项": 3}

# Names of functional 类 and 款 changed over the years (formats.md §4): old name → current code.
RENAMED: dict[str, tuple[str, str]] = {
    "文化体育与传媒支出": ("207", "文化旅游体育与传媒支出"),
    "医疗卫生与计划生育支出": ("210", "卫生健康支出"),
    "国土海洋气象等支出": ("220", "自然资源海洋气象等支出"),
    "资源勘探信息等支出": ("215", "资源勘探工业信息等支出"),
    "行政事业单位离退休": ("20805", "行政事业单位养老支出"),
}


@dataclass(frozen=True, slots=True)
class Subject:
    code: str
    name: str
    level: int  # 1 类, 2 款, 3 项
    verified: bool
    scheme: str  # functional | economic (部门预算支出经济分类) | government_economic


def _load(filename: str, scheme_of) -> dict[str, Subject]:
    text = resources.files("yusuan.formats.catalogs").joinpath(filename).read_text("utf-8")
    subjects: dict[str, Subject] = {}
    for row in csv.DictReader(text.splitlines(), delimiter="\t"):
        scheme = scheme_of(row)
        key = row["code"] if scheme != "government_economic" else "g" + row["code"]
        subjects[key] = Subject(row["code"], row["name"], LEVELS[row["level"]], row["verified"] == "yes", scheme)
    return subjects


@cache
def functional() -> dict[str, Subject]:
    """Functional classification (政府收支分类 支出功能分类) by code."""
    return _load("functional_codes.tsv", lambda row: "functional")


@cache
def economic() -> dict[str, Subject]:
    """部门预算支出经济分类 by code (the scheme the disclosure tables print)."""
    subjects = _load("economic_codes.tsv",
                     lambda row: "economic" if row["scheme"] == "部门预算支出经济分类" else "government_economic")
    return {code: s for code, s in subjects.items() if s.scheme == "economic"}


def name_of(code: str, scheme: str = "functional") -> str | None:
    subject = (functional() if scheme == "functional" else economic()).get(code)
    return subject.name if subject else None
