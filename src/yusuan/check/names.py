"""Comparing printed names: as printed (spaces, quotes, half-width brackets ignored), or loosely.

Names repeat across tables and documents, so the keys are memoised: checking the seed compares a
few hundred names and would otherwise spend a fifth of its time rebuilding the same strings.
"""

from __future__ import annotations

import re
from functools import lru_cache

from yusuan.text import label_key

_PROJECT_SUFFIX_RE = re.compile(r"(?:项目|经费|费用|费|支出|预算)+$")
_ITEM_SUFFIX_RE = re.compile(r"(?:费用|费|支出)$")

name_key = lru_cache(maxsize=16384)(label_key)


@lru_cache(maxsize=4096)
def project_key(name: str) -> str:
    """A project as a cause may name it: 社保业务培训费 and 社保业务培训项目 are the same project."""
    return _PROJECT_SUFFIX_RE.sub("", name_key(name)) or name_key(name)


@lru_cache(maxsize=4096)
def item_key(name: str) -> str:
    """An economic item as a definition may name it: 因公出国（境）费用 is 因公出国（境）费."""
    return _ITEM_SUFFIX_RE.sub("", name_key(name))
