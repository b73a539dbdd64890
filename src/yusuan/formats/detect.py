"""Which declared format a document is in, told from the table titles it prints."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from yusuan.errors import UnreadableInput
from yusuan.formats.spec import FormatSpec, all_formats, load_format
from yusuan.text import label_key

MIN_TITLES = 3  # fewer matching titles than this is not evidence of a format
TITLE_PREFIX_RE = re.compile(r"^(?:表\d{1,2}[:：]?|\d{1,2}[.．、]|[一二三四五六七八九十]+、)?(?:20\d{2}年度?)?")

_PREFIX_STARTS = frozenset("表0123456789一二三四五六七八九十")


def title_key(text: str) -> str:
    """A printed title as a matching key: numbering, ``表N`` and the year in front removed
    (``5．2024年部门一般公共预算支出功能分类预算表`` → ``部门一般公共预算支出功能分类预算表``)."""
    return TITLE_PREFIX_RE.sub("", label_key(text), count=1)


def title_keys(lines: Iterable[str]) -> set[str]:
    """Candidate table titles as label keys: short lines that mention 表, joined with the line
    before and after (titles wrap), and the lines after a bare ``表N``."""
    texts = list(lines)
    line_keys: dict[int, str] = {}  # label_key works character by character: key the lines once

    def key_of(n: int) -> str:
        if n not in line_keys:
            line_keys[n] = label_key(texts[n])
        return line_keys[n]

    keys: set[str] = set()
    for i, text in enumerate(texts):
        if "表" not in text or len(text) > 60:
            continue
        if "…" in text:  # a table of contents line: the title before its leader dots
            keys.add(title_key(text.split("…")[0]))
        for start in range(max(0, i - 2), i + 1):
            for end in range(i + 1, min(len(texts), i + 4) + 1):
                if end - start <= 3:
                    key = "".join(key_of(n) for n in range(start, end))
                    keys.add(key)
                    if key[:1] in _PREFIX_STARTS and (cut := TITLE_PREFIX_RE.match(key).end()):  # type: ignore[union-attr]
                        keys.add(key[cut:])
    return keys


@cache
def _declared_keys(format_id: str) -> tuple[tuple[str, ...], ...]:
    """Each table's titles as keys, once per process."""
    return tuple(tuple(label_key(t) for t in table.titles) for table in load_format(format_id).tables)


def score(fmt: FormatSpec, keys: set[str]) -> int:
    return sum(1 for titles in _declared_keys(fmt.id) if any(t in keys for t in titles))


def detect_format(lines: Iterable[str], forced: str | None = None) -> FormatSpec:
    """The format whose titles the document prints most; ``forced`` (a format id) skips detection."""
    if forced:
        try:
            return load_format(forced)
        except KeyError:
            known = "、".join(f.id for f in all_formats())
            raise UnreadableInput(f"没有名为“{forced}”的格式；可用的格式：{known}。") from None
    keys = title_keys(lines)
    ranked = sorted(((score(f, keys), f) for f in all_formats()), key=lambda pair: -pair[0])
    best_score, best = ranked[0]
    if best_score >= MIN_TITLES:
        return best
    if any(word in key for key in keys for word in ("部门预算", "部门决算", "单位预算", "单位决算")):
        raise UnreadableInput("看起来是预算/决算公开文件，但表格格式无法识别（找不到已知格式的表名）；"
                              "可用 --format 指定格式。")
    raise UnreadableInput("这不是部门预算或决算公开文件：找不到任何预算/决算表格。")
