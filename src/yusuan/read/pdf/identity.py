"""Who, when, what: entity, year, kind and scope of a disclosure, read from the document itself.

Never from the file name — published files are often misnamed (a 2022 budget saved as 2026, a unit's
budget filed under its department). The evidence, strongest first: an entity line on the cover
(预算单位：…), the 单位名称 printed above the tables, the cover title (``烟台市教育局2026年部门预算``,
``2026年烟台市教育局部门预算``); the year of the table titles, else of the cover; 决算 in the table
titles or the cover for final accounts.
"""

from __future__ import annotations

import re
from collections import Counter

from yusuan.model import Table
from yusuan.read.pdf.layout import PdfLine
from yusuan.read.pdf.scan import PrintedTable
from yusuan.text import squash

_COVER_ENTITY_RE = re.compile(r"(?:预算主管部门|预算单位|部门名称|单位名称|编制单位)[:：]\s*(\S.{1,60}?)\s*$")
_KIND = r"(?:部门|单位)(?:综合)?(?:预算|决算)"
_TITLE_RES = (
    re.compile(rf"^(?P<entity>.{{2,40}}?)[（(]?汇总[)）]?(?:20\d\d年度?)?{_KIND}"),
    re.compile(rf"^(?P<entity>.{{2,40}}?)(?:20\d\d)年度?(?:区级|市级|省级)?{_KIND}"),
    re.compile(r"^(?:20\d\d)年度?(?P<entity>.{2,40}?)(?:部门|单位)?(?:综合)?(?:预算|决算)"),
)
_BAD_ENTITY = re.compile(
    r"^(?:20\d\d|部门|单位|预算|决算|目录|第.部分|关于|[一二三四五六七八九十]+、)|公开$|说明$|报表$")
_YEAR_RE = re.compile(r"(20\d{2})\s*年")
# ``北京市医疗保障局部门2026年度部门预算``: the word 部门 after the name is not part of it
_ORG_WORD_RE = re.compile(r"(?<=[局委厅室院会部所站队办])部门$")
_DUTIES_RE = re.compile(r"^([\u4e00-\u9fff（）()]{3,30}?(?:局|委员会|厅|办公室|院|中心|部|所|站|队|馆))"
                        r"(?:的?主要职责|贯彻落实|内设)")
_SUMMARY_MARK = re.compile(r"[（(]汇总[)）]")


def document_kind(lines: list[PdfLine], printed: list[PrintedTable]) -> str:
    """budget or final_accounts: by the table titles, else by the cover."""
    titles = [p.caption.title for p in printed if p.caption.title]
    finals = sum("决算" in t for t in titles)
    if titles and finals * 2 > len(titles):
        return "final_accounts"
    if titles and finals == 0:
        return "budget"
    head = squash("".join(line.text for line in lines[:12]))
    return "final_accounts" if "决算" in head and "预算公开" not in head else "budget"


def _cover(lines: list[PdfLine]) -> list[PdfLine]:
    return [line for line in lines if line.page <= 2][:30]


def entity_of(lines: list[PdfLine], tables: list[Table]) -> str:
    for line in _cover(lines):
        if match := _COVER_ENTITY_RE.search(squash(line.text)):
            return match.group(1)
    counted = Counter(t.entity for t in tables if t.entity)
    if counted:
        return counted.most_common(1)[0][0]
    texts = [squash(line.text) for line in _cover(lines)]
    # a cover title wraps over up to four lines (``2026年度`` / ``福州市公安局治安管理`` / ``支队`` / ``单位预算``)
    candidates = ["".join(texts[i:i + n]) for i in range(len(texts)) for n in range(1, 5) if i + n <= len(texts)]
    for text in candidates:
        for pattern in _TITLE_RES:
            if (match := pattern.match(text)) and not _BAD_ENTITY.search(name := match.group("entity").strip("（）()")):
                return _ORG_WORD_RE.sub("", name) + ("（汇总）" if _SUMMARY_MARK.search(text) else "")
    # no cover title the text layer holds: the body names the department where it states its duties
    for line in lines[:200]:
        if match := _DUTIES_RE.match(squash(line.text)):
            return match.group(1)
    return next((text for text in texts if not _BAD_ENTITY.search(text)), "（未印单位名称）")


def year_of(lines: list[PdfLine], tables: list[Table]) -> int | None:
    years = Counter(int(m.group(1)) for t in tables if (m := _YEAR_RE.search(t.title)))
    if years:
        return years.most_common(1)[0][0]
    for line in (*_cover(lines), *lines[:60]):
        if match := _YEAR_RE.search(squash(line.text)):
            return int(match.group(1))
    return None


def scope_of(lines: list[PdfLine]) -> str:
    heads = squash(" ".join(line.text for line in _cover(lines)[:8]))
    return "unit" if re.search(r"单位(?:预算|决算)|预算单位[:：]|单位综合预算", heads) else "department"


def title_of(lines: list[PdfLine]) -> str | None:
    cover = [squash(line.text) for line in lines if line.page == 1][:4]
    text = "".join(t for t in cover if not _COVER_ENTITY_RE.search(t))
    return text[:120] or None


def main_unit(tables: list[Table], default: str) -> str:
    units = [t.unit for t in tables if t.unit]
    return Counter(units).most_common(1)[0][0] if units else default
