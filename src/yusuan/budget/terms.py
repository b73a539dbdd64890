"""The words finance staff type: fund sources, spending types, narrative subjects, yes/no.

Fund sources are the income columns of the format's 收入总体情况表 (表2), read from the format
declaration, so a line item's source is exactly one column of that table. A few coarser words
people use are accepted as aliases (财政专户拨款, 其他资金).
"""

from __future__ import annotations

import re
from functools import cache

from yusuan.formats import load_format

# 表2's key in the format declarations: its columns are the fund sources.
INCOME_TABLE = "income"

# Coarse names → the fund-source column they stand for.
FUND_ALIASES = {"一般公共预算拨款": "gpb", "财政拨款": "gpb", "政府性基金": "gov_fund",
                "财政专户拨款": "other_special", "其他资金": "other", "其他资金收入": "other"}

# Spending types: the keys are 表11's row keys (人员类, 公用经费类) and 表3's column keys.
SPENDING = {"personnel": "基本支出·人员类", "public": "基本支出·公用经费类", "project": "项目支出",
            "operating": "事业单位经营支出"}
_SPENDING_ALIASES = {"人员类": "personnel", "人员经费": "personnel", "基本支出人员类": "personnel",
                     "公用经费类": "public", "公用经费": "public", "基本支出公用经费类": "public",
                     "项目支出": "project", "项目": "project", "事业单位经营支出": "operating",
                     "经营支出": "operating"}
_SEPARATORS_RE = re.compile(r"[\s·・.\-—_/、（）()：:]")

# Narrative subjects whose last-year figures Part 3 compares with (上年数), in printed order.
# The two marked derived are sums of the subjects below them; their figure may be left blank.
PRIOR_SUBJECTS = ("收入预算", "支出预算", "三公经费", "因公出国（境）费", "公务用车购置及运行维护费",
                  "公务用车购置费", "公务用车运行维护费", "公务接待费", "机关运行经费")
DERIVED_SUBJECTS = {"三公经费": ("因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"),
                    "公务用车购置及运行维护费": ("公务用车购置费", "公务用车运行维护费")}

SCOPES = {"部门": "department", "单位": "unit"}
YES = frozenset({"是", "Y", "y", "yes", "Yes", "YES", "TRUE", "True", "true", "1", "√", "✓"})
NO = frozenset({"否", "N", "n", "no", "No", "NO", "FALSE", "False", "false", "0", ""})


@cache
def fund_sources(format_id: str = "gd-budget-12") -> dict[str, str]:
    """Printed name → key of every fund source, in the order of 表2's columns (合计 left out)."""
    table = next(t for t in load_format(format_id).tables if t.key == INCOME_TABLE)
    return {column.path[-1]: column.key for column in table.columns if column.key != "total"}


def fund_key(text: str, format_id: str = "gd-budget-12") -> str | None:
    word = "".join(text.split())
    return fund_sources(format_id).get(word) or FUND_ALIASES.get(word)


def fund_name(key: str, format_id: str = "gd-budget-12") -> str:
    return next(name for name, k in fund_sources(format_id).items() if k == key)


def spending_key(text: str) -> str | None:
    word = _SEPARATORS_RE.sub("", text)
    if word.startswith("基本支出") and word != "基本支出":
        word = word.removeprefix("基本支出")
    return _SPENDING_ALIASES.get(word)
