"""The internal units an overview lists: ``内设27个机构……，27个机构分别是办公室、人事处……``.

The count and the list are read from one sentence. Asides in brackets that the count leaves out
(``机关党委（不纳入内设机构数）``) are not counted; the list ends where its items stop being names of
units (``以上内设处室均纳入局本级预算``, ``此外，纳入本部门编制预算的还有……``), so that a sentence
running on after the list is never counted as more units than the text states.
"""

from __future__ import annotations

import re

from yusuan.text import parse_chinese_numeral

_COUNT_RES = (
    re.compile(r"内设(?:机构|处室|科室)?(?P<n>\d+|[一二三四五六七八九十]+)个"),
    re.compile(r"设(?:有)?(?P<n>\d+|[一二三四五六七八九十]+)个内设(?:机构|处室|科室)"),
)
_INTROS = (re.compile(r"(?:分别是|分别为|具体为|具体是|包括|主要有)[:：]?|[:：]"), re.compile(r"(?:即|为|是|有)"))
# what the name of a unit ends with (a bracketed second name may follow)
_SUFFIX = "处|室|科|办|局|中心|组|所|队|股|部|会|站|厅|院|馆|司|庭|团|校|委|署|台|社"
_NAME_RE = re.compile(rf"^[\u4e00-\u9fff\dA-Za-z“”\"]{{2,30}}(?:{_SUFFIX})(?:[（(][^（）()]{{1,30}}[）)])?$")
_EXCLUDED = "不纳入"
_PROSE_RE = re.compile(r"的|纳入|还有|以上|此外|另外|其中|均")


def internal_units(text: str) -> tuple[int, list[str]] | None:
    """The stated count and the names listed after it, or None where the text states no count."""
    match = next((m for pattern in _COUNT_RES if (m := pattern.search(text))), None)
    if match is None:
        return None
    count = parse_chinese_numeral(match.group("n"))
    sentence = text[match.end():].split("。", 1)[0]
    sentence = sentence[_list_start(sentence.split("、", 1)[0]):]
    names: list[str] = []
    for piece in re.split(r"[、，,；;]", sentence):
        piece = piece.strip().removesuffix("等")
        if _NAME_RE.match(piece) and not _PROSE_RE.search(piece.split("（")[0]):
            if _EXCLUDED not in piece:
                names.append(piece)
        elif names:
            break  # the list has ended: the sentence goes on about something else
    return count, names


def _list_start(head: str) -> int:
    """Where the first name starts in the words before the first 、 (``和机关党委，内设处室分别是办公室``):
    after the last word that introduces a list, the plainer words (为, 是) only where no other is."""
    for intro in _INTROS:
        ends = [m.end() for m in intro.finditer(head)]
        if ends:
            return ends[-1]
    return 0
