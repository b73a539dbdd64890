"""A disclosure file as the commands read it: bounded as an upload is, every failure a Chinese sentence.

``parse``, ``check`` and ``export`` read files from disk in this process; the size limit and the
zip-bomb check of an upload apply to them too (``$YUSUAN_MAX_FILE_MB`` raises the limit), and a
file nested past Python's recursion limit is refused like any unreadable file, so one such file
among ``check a b c`` does not hide the others' reports.
"""

from __future__ import annotations

from pathlib import Path

from yusuan.errors import UnreadableInput
from yusuan.files import os_reason
from yusuan.model import Document
from yusuan.read import read_all_bytes
from yusuan.store.intake import NESTED, check_size, check_zip, sniff


def read_document(path: str | Path, *, format_id: str | None = None) -> Document:
    """The file's disclosure (the first, where a PDF holds several)."""
    return read_documents(path, format_id=format_id)[0]


def read_documents(path: str | Path, *, format_id: str | None = None) -> list[Document]:
    """Every disclosure the file holds: a PDF may print a department's and then each unit's."""
    path = Path(path)
    try:
        if path.is_dir():
            raise UnreadableInput(f"这是一个文件夹，不是文件：{path}")
        check_size(path.stat().st_size, path.name)
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableInput(f"找不到文件：{path}") from None
    except OSError as error:
        raise UnreadableInput(f"无法读取文件 {path}：{os_reason(error)}。") from None
    if sniff(data) == "xlsx":
        check_zip(data, path.name)
    try:
        return read_all_bytes(data, name=path.name, format_id=format_id)
    except RecursionError:
        raise UnreadableInput(f"{path.name}：{NESTED}") from None
