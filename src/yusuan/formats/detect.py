"""Which declared format a document is in, told from the table titles it prints."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from yusuan.errors import UnreadableInput
from yusuan.formats.national import NATIONAL
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


def regional_formats() -> tuple[FormatSpec, ...]:
    return tuple(f for f in all_formats() if not f.extra.get("national"))


REGION_SHARE = 0.75  # a regional declaration applies when this share of its tables is printed as it says


def detect_region(tables: Iterable[tuple[int | None, str]], forced: str | None, kind: str) -> FormatSpec:
    """The declared regional format the document is in — most of its tables printed under the declared
    titles, none under another number — else the national model of its kind (a layout nobody declared
    is still read, and checked on the national identities). ``tables``: (printed number, title)."""
    if forced:
        return detect_format((), forced)
    printed = [(number, title_key(title)) for number, title in tables if title]
    best: tuple[int, FormatSpec] | None = None
    for fmt in regional_formats():
        if fmt.kind != kind:
            continue
        declared = _declared_keys(fmt.id)
        matched = conflicts = 0
        for number, key in printed:
            for spec, titles in zip(fmt.tables, declared, strict=True):
                if key in titles:
                    matched += 1
                    conflicts += number is not None and number != spec.number
                    break
        if conflicts == 0 and matched >= max(MIN_TITLES, REGION_SHARE * len(fmt.tables)) and (
                best is None or matched > best[0]):
            best = (matched, fmt)
    return best[1] if best else load_format(NATIONAL[kind])


def detect_format(lines: Iterable[str], forced: str | None = None) -> FormatSpec:
    """The format whose titles the document prints most; ``forced`` (a format id) skips detection."""
    if forced:
        try:
            return load_format(forced)
        except KeyError:
            known = "、".join(f.id for f in all_formats())
            raise UnreadableInput(f"没有名为“{forced}”的格式；可用的格式：{known}。") from None
    keys = title_keys(lines)
    ranked = sorted(((score(f, keys), f) for f in regional_formats()), key=lambda pair: -pair[0])
    best_score, best = ranked[0]
    if best_score >= MIN_TITLES:
        return best
    if any(word in key for key in keys for word in ("部门预算", "部门决算", "单位预算", "单位决算")):
        raise UnreadableInput("看起来是预算/决算公开文件，但表格格式无法识别（找不到已知格式的表名）；"
                              "可用 --format 指定格式。")
    raise UnreadableInput("这不是部门预算或决算公开文件：找不到任何预算/决算表格。")
