"""The annotated PDF: the original's pages with each finding boxed in its colour, a list in front with
links, a bookmark per finding; on portrait, landscape and rotated pages alike.

The marks are checked where a reviewer sees them: the annotated page is rendered by PDFium and the
pixels on the edge of a finding's box are its severity's colour, while the same pixels of the original
are not.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from yusuan.check import Severity, check_document
from yusuan.read import read_path
from yusuan.write.annotate import annotate_pdf, geometry
from yusuan.write.marks import COLOURS

SCALE = 2.0


def _edge_colours(pdf: pdfium.PdfDocument, index: int, box) -> list[tuple[int, int, int]]:
    """Pixels along the top edge of a (padded) display box, rendered as displayed."""
    image = pdf[index].render(scale=SCALE).to_pil().convert("RGB")
    x0, top, x1, _ = box
    y = round((top - 1.5) * SCALE)  # the box is drawn 1.5 points outside the text
    return [image.getpixel((round(x * SCALE), y + dy)) for x in (x0 + (x1 - x0) * k / 4 for k in (1, 2, 3))
            for dy in (-1, 0, 1)]


def _near(pixel, colour, slack: int = 60) -> bool:
    return all(abs(p - c) <= slack for p, c in zip(pixel, colour, strict=True))


def _annotated(path: Path):
    document = read_path(path)
    findings = check_document(document)
    data = path.read_bytes()
    return document, findings, annotate_pdf(data, document, findings)


@pytest.mark.parametrize("name", ["sh-putuo-wanli-2024-budget.pdf", "real/025_烟台__2026年烟台市教育局部门预算.pdf"])
def test_every_located_finding_is_boxed_in_its_colour_on_its_page(corpus: Path, name: str) -> None:
    path = corpus / name
    if not path.exists():
        pytest.skip(f"{name} is not in the corpus")
    _, findings, out = _annotated(path)
    original = pdfium.PdfDocument(path)
    annotated = pdfium.PdfDocument(out)
    shift = len(annotated) - len(original)
    assert shift >= 1  # the list of findings in front
    pages = geometry(path.read_bytes())
    checked = set()
    for finding in findings:
        marks = [m for c in finding.cells for m in c.boxes]
        if not marks:
            continue
        page, *box = marks[0]
        if (page, *box) in checked:
            continue  # a later finding on the same box is drawn over the first
        checked.add((page, *box))
        colour = COLOURS[finding.severity]
        drawn = _edge_colours(annotated, shift + page - 1, box)
        assert any(_near(p, colour) for p in drawn), (finding.rule, page, box, drawn)
        assert not any(_near(p, colour, 30) for p in _edge_colours(original, page - 1, box))
    assert checked
    if "烟台" in name:
        assert any(pages[p - 1].rotation == 90 for p, *_ in checked)  # the rotated pages are among those marked


def test_the_list_links_each_finding_to_its_page_and_each_has_a_bookmark(corpus: Path) -> None:
    _, findings, out = _annotated(corpus / "sh-putuo-fuliyuan-2024-unit-budget.pdf")
    reader = PdfReader(BytesIO(out))
    original = PdfReader(corpus / "sh-putuo-fuliyuan-2024-unit-budget.pdf")
    shift = len(reader.pages) - len(original.pages)
    front = pdfium.PdfDocument(out)[0].get_textpage().get_text_range()
    assert "校验结果" in front and "上海市普陀区社会福利院" in front
    targets = []
    for k in range(shift):
        for annotation in reader.pages[k].get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation["/Subtype"] == "/Link":
                targets.append(reader.get_page_number(annotation["/Dest"][0].get_object()))
    located = [f for f in findings if any(c.boxes or c.page for c in f.cells)]
    firsts = [next(m[0] for c in f.cells for m in c.boxes) if any(c.boxes for c in f.cells)
              else next(c.page for c in f.cells if c.page) for f in located]
    assert targets == [shift + p - 1 for p in firsts]
    outline = reader.outline
    root = next(i for i, item in enumerate(outline) if not isinstance(item, list) and "校验发现" in item.title)
    children = outline[root + 1]
    assert len(children) == len(located)
    assert children[0].title.startswith("1. " + findings[0].severity.chinese)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    assert errors and all(reader.get_destination_page_number(children[i]) == targets[i] for i in range(len(errors)))


def test_cli_annotate_writes_the_copy_and_refuses_what_it_cannot_mark(corpus: Path, cli, tmp_path: Path) -> None:
    out = tmp_path / "标注.pdf"
    code, _, err = cli("check", str(corpus / "sh-putuo-wanli-2024-budget.pdf"), "--annotate", str(out))
    assert code == 1 and "已写入标注 PDF" in err
    assert len(PdfReader(out).pages) == 33 + 1
    from conftest import SEED

    code, _, err = cli("check", str(SEED), "--annotate", str(tmp_path / "x.pdf"))
    assert code == 2 and "只能用于 PDF" in err and not (tmp_path / "x.pdf").exists()
    code, _, err = cli("check", str(SEED), str(SEED), "--annotate", str(tmp_path / "y.pdf"))
    assert code == 2 and "单个 PDF" in err
