"""Which declared format a document is in, told from the table titles it prints."""

from __future__ import annotations

from collections.abc import Iterable

from yusuan.errors import UnreadableInput
from yusuan.formats.spec import FormatSpec, all_formats, load_format
from yusuan.text import label_key

MIN_TITLES = 3  # fewer matching titles than this is not evidence of a format


def title_keys(lines: Iterable[str]) -> set[str]:
    """Candidate table titles as label keys: short lines that mention 表, joined with the line
    before and after (titles wrap), and the lines after a bare ``表N``."""
    texts = list(lines)
    keys: set[str] = set()
    for i, text in enumerate(texts):
        if "表" not in text or len(text) > 60:
            continue
        for start in range(max(0, i - 2), i + 1):
            for end in range(i + 1, min(len(texts), i + 4) + 1):
                if end - start <= 3:
                    keys.add(label_key("".join(texts[start:end])))
    return keys


def score(fmt: FormatSpec, keys: set[str]) -> int:
    return sum(1 for table in fmt.tables if any(label_key(t) in keys for t in table.titles))


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
