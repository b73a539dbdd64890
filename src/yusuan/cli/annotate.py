"""``yusuan check FILE.pdf --annotate OUT.pdf``: the annotated copy of the checked PDF, written atomically.

Kept apart from ``check`` so that the PDF writers (fpdf2, pypdf) load only when a copy is asked for.
"""

from __future__ import annotations

from pathlib import Path

from yusuan.check import Finding
from yusuan.cli.app import console_err
from yusuan.cli.terminal import shown
from yusuan.errors import YusuanError
from yusuan.files import os_reason, write_atomic
from yusuan.model import Document


def write_annotated(file: str, document: Document, findings: list[Finding], out: str) -> None:
    from yusuan.read.pdf import is_pdf
    from yusuan.write.annotate import annotate_pdf

    try:
        data = Path(file).read_bytes()
    except OSError as error:
        raise YusuanError(f"无法读取 {file}：{os_reason(error)}。") from None
    if not is_pdf(data):
        raise YusuanError("--annotate 只能用于 PDF 文件（标注画在原文页面上）。")
    write_atomic(out, annotate_pdf(data, document, findings))
    console_err.print(f"已写入标注 PDF [bold]{shown(out)}[/]（{len(findings)} 条发现）", highlight=False)
