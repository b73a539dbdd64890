"""Readers: files of every kind → :class:`yusuan.model.Document`."""

from __future__ import annotations

import hashlib
from pathlib import Path

from yusuan.document_json import from_json, from_json_list
from yusuan.errors import UnreadableInput
from yusuan.model import Document
from yusuan.read.lines import decode
from yusuan.read.pdf import is_pdf, read_pdf, read_pdf_bodies
from yusuan.read.text import read_text
from yusuan.read.xlsx import is_xlsx, read_xlsx

__all__ = ["read_all_bytes", "read_bytes", "read_path", "read_pdf", "read_text"]


def read_bytes(data: bytes, *, name: str | None = None, format_id: str | None = None) -> Document:
    """Read a disclosure held in memory; ``name`` is only used to report and record where it came from.

    A PDF (``%PDF-``) goes to the PDF reader; an Excel workbook in the layout ``yusuan export`` writes is
    read by :mod:`yusuan.read.xlsx`; text is read as a disclosure; a Document JSON (as ``yusuan parse``
    writes it) is read back as is.
    """
    if is_pdf(data):
        document = read_pdf(data, format_id=format_id, file=name)
    elif is_xlsx(data):
        document = read_xlsx(data, name=name, format_id=format_id)
    else:
        text = decode(data)
        if text.lstrip().startswith("{"):
            return from_json(text)
        document = read_text(text, format_id=format_id, file=name)
    document.meta.sha256 = hashlib.sha256(data).hexdigest()
    return document


def read_all_bytes(data: bytes, *, name: str | None = None, format_id: str | None = None) -> list[Document]:
    """Every disclosure a file holds: a PDF may print a department's and then each of its units'
    (:mod:`yusuan.read.pdf.bodies`); any other file holds one. Each Document keeps the file's sha256."""
    if is_pdf(data):
        return read_pdf_bodies(data, format_id=format_id, file=name)
    if not is_xlsx(data) and decode(data).lstrip().startswith("["):
        return from_json_list(decode(data))  # what ``yusuan parse`` writes for a file of several
    return [read_bytes(data, name=name, format_id=format_id)]


def read_path(path: str | Path, *, format_id: str | None = None) -> Document:
    """Read a disclosure file; every failure is an :class:`UnreadableInput` with a Chinese message."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableInput(f"找不到文件：{path}") from None
    except IsADirectoryError:
        raise UnreadableInput(f"这是一个文件夹，不是文件：{path}") from None
    except OSError as error:
        raise UnreadableInput(f"无法读取文件 {path}：{error.strerror}") from None
    return read_bytes(data, name=path.name, format_id=format_id)
