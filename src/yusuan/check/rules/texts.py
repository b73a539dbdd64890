"""The printed text of a document, piece by piece, for the rules that read words rather than figures.

Each piece says where it stands in words a reviewer knows (说明三“…”, 名词解释“…”, 表5的注) and makes the
cell a finding cites: the phrase found, which :mod:`yusuan.check.places` then finds on the page and
widens to its sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from yusuan.check.findings import Cell, text_cell
from yusuan.model import Document, Source


@dataclass(frozen=True, slots=True)
class Piece:
    where: str  # 说明二“收入预算情况说明” / 名词解释“财政拨款收入” / 表5的表名
    text: str
    cell: Callable[[str], Cell]  # the cell of a phrase of this piece
    kind: str  # title | text | table_title | note


def pieces(document: Document) -> Iterator[Piece]:
    for section in document.sections.explanations:
        where = f"说明{section.number}“{section.title}”"

        def cell(value: str, s=section) -> Cell:
            return text_cell(s.title, value, s.source, column="文字", section=s.number)

        yield Piece(f"{where}的标题", section.title, cell, "title")
        yield Piece(where, section.text, cell, "text")
    for n, duty in enumerate(document.sections.duties, start=1):
        yield Piece(f"概况（主要职能第{n}条）", duty, _plain("主要职能"), "text")
    if document.sections.composition:
        yield Piece("概况（机构设置）", document.sections.composition, _plain("机构设置"), "text")
    for term, text in document.sections.glossary.items():
        yield Piece(f"名词解释“{term}”", text, _plain(f"名词解释·{term}"), "text")
    for table in document.tables:
        source = Source(page=table.pages[0] if table.pages else None)
        label = f"表{table.number}"

        def table_piece(value: str, label=label, source=source, column="表名") -> Cell:
            return text_cell(label, value, source, column=column)

        yield Piece(f"表{table.number}的表名", table.title, table_piece, "table_title")
        for note in table.notes:
            yield Piece(f"表{table.number}的注", note,
                        lambda value, label=label, source=source: text_cell(label, value, source, column="注"),
                        "note")


def _plain(label: str) -> Callable[[str], Cell]:
    return lambda value: text_cell(label, value, Source(), column="文字")


def excerpt(text: str, start: int, end: int, back: int = 30, on: int = 10) -> str:
    """The phrase around text[start:end], inside its sentence: enough to find it and to read it."""
    begin = max(max(text.rfind(mark, 0, start) for mark in "。；！？") + 1, start - back)
    stops = [i for i in (text.find(mark, end) for mark in "。；！？") if i >= 0]
    finish = min([*stops, end + on - 1]) + 1
    return text[begin:min(finish, len(text))]
