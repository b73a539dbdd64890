"""Writers: a Document → the files a department publishes (JSON, Excel, Word, HTML, PDF).

``write_document(document, outdir, formats)`` renders every requested format first and only then
writes the files, each atomically, named after the entity and year
(``江门市社会保险基金管理局2024年部门预算.pdf``): a failure leaves the folder as it was. Each
writer is also usable alone (``yusuan.write.pdf.write_pdf`` …). Writer modules are imported only
when used, so reading a file does not pay for openpyxl, python-docx or fpdf2, and a command that only
names the formats (its ``--help``) imports nothing beyond this module.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from yusuan.errors import YusuanError
from yusuan.files import write_all_atomic

if TYPE_CHECKING:
    from yusuan.model import Document

# format → (module, function rendering the Document to the file's content, what users call it)
RENDERERS: dict[str, tuple[str, str, str]] = {
    "json": ("yusuan.write", "json_text", "Document JSON"),
    "xlsx": ("yusuan.write.xlsx", "xlsx_bytes", "Excel 表格"),
    "docx": ("yusuan.write.docx", "docx_bytes", "Word 文档"),
    "html": ("yusuan.write.html", "html_text", "网页"),
    "pdf": ("yusuan.write.pdf", "pdf_bytes", "PDF"),
}
FORMATS = tuple(RENDERERS)
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def json_text(document: Document) -> str:
    from yusuan.document_json import to_json

    return to_json(document) + "\n"


def file_stem(document: Document) -> str:
    """The document's title as a file name any system accepts."""
    from yusuan.write.outline import document_title

    stem = _UNSAFE.sub("_", document_title(document)).strip(" .")
    return stem or "disclosure"


def output_path(document: Document, outdir: str | Path, fmt: str) -> Path:
    return Path(outdir) / f"{file_stem(document)}.{fmt}"


def parse_formats(values: Iterable[str]) -> tuple[str, ...]:
    """``["json,xlsx", "pdf"]`` → ``("json", "xlsx", "pdf")`` in that order; ``all`` or nothing → every format."""
    chosen: list[str] = []
    for value in values:
        for name in value.replace("，", ",").split(","):
            name = name.strip().lower().lstrip(".")
            if not name:
                continue
            if name == "all":
                return FORMATS
            if name not in RENDERERS:
                raise YusuanError(f"未知的输出格式“{name}”；可用的格式：{'、'.join(FORMATS)}（或 all）。")
            if name not in chosen:
                chosen.append(name)
    return tuple(chosen) or FORMATS


def renderer(fmt: str) -> Callable[[Document], str | bytes]:
    module, function, _ = RENDERERS[fmt]
    return getattr(importlib.import_module(module), function)


def write_document(
    document: Document,
    outdir: str | Path,
    formats: Iterable[str] = FORMATS,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Write the Document in each format into ``outdir``; returns the paths written, in order.

    ``progress`` is called with each format's name before it is rendered (the CLI shows it).
    """
    rendered: list[tuple[Path, str | bytes]] = []
    for fmt in parse_formats(formats):
        if progress is not None:
            progress(fmt)
        rendered.append((output_path(document, outdir, fmt), renderer(fmt)(document)))
    return write_all_atomic(rendered)  # all or none: a failure leaves the folder as it was
