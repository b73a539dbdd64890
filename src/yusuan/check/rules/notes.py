"""An empty table's note must be about that table: ``本部门无政府性基金预算，故本表无数据`` under the
国有资本经营预算 table was copied from the table before it.

The note's subject is read from a short list of the subjects such notes name (政府性基金, 国有资本经营,
“三公”经费, 机关运行经费, 政府采购, 项目支出, 绩效目标); a note that names one or more of them, none of
which the table's title names, does not fit its table. A warning: the table is still empty as the note
says, only the words were copied; a title abbreviated beyond recognition could also cause it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from yusuan.check.engine import Context, rule
from yusuan.check.findings import Finding, Severity, text_cell
from yusuan.model import Source

_SUBJECTS = {"政府性基金": ("政府性基金",), "国有资本经营": ("国有资本经营", "国有资本"),
             "“三公”经费": ("三公",), "机关运行经费": ("机关运行经费", "运行经费"),
             "政府采购": ("政府采购",), "项目支出": ("项目支出", "项目"), "绩效目标": ("绩效",)}
# A note saying this table is empty: "本表/此表 … 无数据" or a sentence opening with who has none of it.
_EMPTY_RE = re.compile(r"(?:本|此|该)表.{0,8}(?:为空|空表|无数据|无数字|无发生额)"
                       r"|^[^，。；\d]{0,30}?(?:20\d\d年度?)?(?:没有|无)[^，。；]{0,30}(?:收入|支出|预算|经费)")


def _named(text: str) -> set[str]:
    return {subject for subject, words in _SUBJECTS.items() if any(word in text for word in words)}


@rule("COMPLETE-NOTE-FIT", "空表的说明与本表相符（不是从其他表照抄的）", Severity.WARNING)
def note_fits(ctx: Context) -> Iterator[Finding]:
    for table in ctx.document.tables:
        title = _named(table.title)
        for note in table.notes:
            if not _EMPTY_RE.search(note):
                continue
            said = _named(note) - {"项目支出"} if "项目" not in table.title else _named(note)
            if not said or said & title:
                continue
            names = "、".join(f"“{s}”" if "“" not in s else s for s in sorted(said))
            page = table.pages[-1] if table.pages else None
            yield ctx.finding(Severity.WARNING, f"表{table.number}“{table.title}”下的注“{note}”说的是{names}，"
                              "与本表不符（是否照抄了其他表的注？）。",
                              [text_cell(f"表{table.number}", note, Source(page=page), column="注")], actual=note)


@rule("COMPLETE-BLANK-PAGE", "没有空白页", Severity.WARNING)
def blank_pages(ctx: Context) -> Iterator[Finding]:
    for page in ctx.document.blank_pages:
        yield ctx.finding(Severity.WARNING, f"第{page}页是空白页（没有任何文字或图形），请核对是否漏印了内容。",
                          [text_cell(f"第{page}页", None, Source(page=page), column="页面")])
