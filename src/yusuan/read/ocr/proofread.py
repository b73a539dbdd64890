"""After an OCR'd document is read: every value on an OCR'd page gets its mark (OCR confidence and
whether the table's identities confirm it), what two identities pin down is solved back, and row
names are checked against the catalogs. The reader itself stays the same for text and OCR'd pages;
this is where OCR's uncertainty is carried into the Document (``Row.marks``, ``Row.label_mark``).

A value is tied to what OCR read through its box: the reader keeps each value's box, and each OCR'd
run has its own, so the run (its text and confidence) is found again exactly.
"""

from __future__ import annotations

from yusuan.formats.spec import FormatSpec, TableSpec
from yusuan.model import Document, Row, Table
from yusuan.read.ocr.identities import Cell, table_identities
from yusuan.read.ocr.labels import mark_names
from yusuan.read.ocr.repair import Reading, proofread_table
from yusuan.read.pdf.extract import Page, Run

Box = tuple[float, float, float, float]


def proofread(document: Document, pages: list[Page], fmt: FormatSpec | None) -> None:
    """Mark and repair, in place, the rows ``document`` read from OCR'd pages (nothing if there are none)."""
    scanned = {page.number: page.runs for page in pages if any(r.confidence is not None for r in page.runs)}
    if not scanned:
        return
    runs = {(number, run.box): run for number, page_runs in scanned.items() for run in page_runs}
    for table in document.tables:
        names: dict[int, float | None] = {}
        readings: dict[Cell, Reading] = {}
        for r, row in enumerate(table.rows):
            if row.source.page not in scanned:
                continue
            boxes = row.boxes or [None] * len(row.values)
            for c, box in enumerate(boxes):
                run = runs.get((row.source.page, box)) if box is not None else None
                readings[(r, c)] = Reading(run.text, run.confidence) if run else Reading("", None)
            names[r] = _name_confidence(row, scanned[row.source.page], set(boxes))  # type: ignore[index]
        if names:
            mark_names(table, names)  # first: the hierarchy the values are checked by rests on the codes
            proofread_table(table, table_identities(table, _spec(fmt, table), document.meta.kind), readings)


def _spec(fmt: FormatSpec | None, table: Table) -> TableSpec | None:
    if fmt is None:
        return None
    try:
        return fmt.table(table.number)
    except KeyError:
        return None


def _name_confidence(row: Row, page_runs: list[Run], value_boxes: set[Box | None]) -> float | None:
    """The least confidence among the row's runs that are not its values (its code and name pieces)."""
    if row.source.box is None:
        return None
    x0, top, x1, bottom = row.source.box
    inside = [run.confidence for run in page_runs if run.box not in value_boxes and run.confidence is not None
              and x0 - 0.2 <= run.x0 and run.x1 <= x1 + 0.2 and top - 0.2 <= run.top and run.bottom <= bottom + 0.2]
    return min(inside) if inside else None
