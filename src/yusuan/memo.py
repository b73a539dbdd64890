"""Values derived from a declaration object, made once per object.

``functools.cache`` would hash the whole frozen declaration (a format, a table) on every call, which
costs more than the work it saves; these are keyed by the object's identity instead (and hold it, so
the identity cannot be reused by another object while the entry lives).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

K = TypeVar("K")
T = TypeVar("T")


def by_identity(build: Callable[[K], T]) -> Callable[[K], T]:
    memo: dict[int, tuple[K, T]] = {}

    def cached(key: K) -> T:
        hit = memo.get(id(key))
        if hit is None or hit[0] is not key:
            hit = memo[id(key)] = (key, build(key))
        return hit[1]
    return cached
