"""What may enter the store: which files a folder holds, and whether a file is what its name says.

Checked before any reader sees the bytes, for files from a folder and uploads from the web alike:
the type comes from the content (magic bytes), and the name's extension must agree with it (a
``.pdf`` that is not a PDF is refused, whatever it really is); a workbook is opened only after its
zip directory shows it cannot expand into gigabytes (a zip bomb); an uploaded name may not carry a
path. Every refusal is an :class:`~yusuan.errors.UnreadableInput` with a Chinese sentence.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from yusuan.errors import UnreadableInput

SUFFIXES = {".pdf": "pdf", ".xlsx": "xlsx", ".txt": "text", ".json": "text"}
KIND_NAMES = {"pdf": "PDF", "xlsx": "Excel 工作簿", "text": "文本", "zip": "zip 压缩文件（不是 Excel 工作簿）",
              "binary": "二进制文件（不是文本、PDF 或 Excel）"}
ACCEPTED = "PDF（.pdf）、文本（.txt）、Document JSON（.json）和 Excel 工作簿（.xlsx）"

MAX_FILE_ENV = "YUSUAN_MAX_FILE_MB"  # the size limit of files read from disk, as an upload's (50 MB)
DEFAULT_MAX_FILE_MB = 50
NESTED = "文件结构嵌套过深，无法读取。"
MAX_UNZIPPED = 200 * 1024 * 1024  # a disclosure workbook unpacks to a few MB
MAX_RATIO = 200  # ordinary XML compresses 10–30×; a bomb, thousands
MAX_MEMBERS = 10_000
MAX_NAME = 255


@dataclass(slots=True)
class Found:
    """Files to read, and the paths given that could not be used (with the Chinese reason)."""

    files: list[Path] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)


def discover(paths: Iterable[str | Path]) -> Found:
    """Files named, and the disclosure files (by extension) under folders named, recursively.

    Hidden files and Office lock files (``~$…``) in folders are left out; a file named explicitly
    is always taken (the type check then says what it is). Each file appears once.
    """
    found = Found()
    seen: set[Path] = set()

    def add(path: Path) -> None:
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            found.files.append(path)

    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                parts = child.relative_to(path).parts
                if child.is_file() and child.suffix.lower() in SUFFIXES \
                        and not any(p.startswith((".", "~$")) for p in parts):
                    add(child)
        elif path.is_file():
            add(path)
        elif path.exists():
            found.problems.append((str(path), "不是普通文件或文件夹，已跳过。"))
        else:
            found.problems.append((str(path), "找不到这个文件或文件夹。"))
    return found


def sniff(data: bytes) -> str:
    """The type the content shows: ``pdf``, ``xlsx``, ``zip``, ``text`` or ``binary``."""
    if data[:5] == b"%PDF-" or data[:1024].lstrip()[:5] == b"%PDF-":
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return "binary"
        return "xlsx" if "xl/workbook.xml" in names else "zip"
    head = data[:65536]
    if b"\x00" in head:
        return "binary"
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            return "text"
        except UnicodeDecodeError as error:
            if error.start >= len(head) - 4:  # a character cut at the end of the sample
                return "text"
    return "binary"


def check_name(name: str) -> str:
    """An uploaded file's name, refused when it carries a path, so nothing is written outside the folder."""
    if not name or not name.strip():
        raise UnreadableInput("文件名为空，请选择要上传的文件。")
    if "/" in name or "\\" in name or name in {".", ".."} or ".." in Path(name).parts:
        raise UnreadableInput(f"文件名“{name}”含有路径（如“../”或“/”），不能接收；请只用文件本身的名字。")
    if any(ord(c) < 32 or c == "\x7f" for c in name):
        raise UnreadableInput("文件名含有控制字符，不能接收。")
    if len(name) > MAX_NAME:
        raise UnreadableInput(f"文件名太长（{len(name)} 个字符，最多 {MAX_NAME} 个）。")
    return name


def max_file_bytes() -> int:
    value = os.environ.get(MAX_FILE_ENV, "").strip()
    try:
        megabytes = float(value) if value else DEFAULT_MAX_FILE_MB
    except ValueError:
        raise UnreadableInput(f"环境变量 {MAX_FILE_ENV} 应是以 MB 计的数字，不是“{value[:20]}”。") from None
    return int(megabytes * 1024 * 1024)


def check_size(size: int, name: str) -> None:
    """Refuse a file larger than the limit (``$YUSUAN_MAX_FILE_MB``, default 50 MB like an upload)."""
    limit = max_file_bytes()
    if size > limit:
        raise UnreadableInput(f"{name} 太大（{size / 1024 / 1024:.1f} MB，上限 {limit / 1024 / 1024:g} MB）；"
                              f"确需读取时请设置环境变量 {MAX_FILE_ENV}（以 MB 计）。")


def check_zip(data: bytes, name: str) -> None:
    """Refuse a workbook whose zip directory declares more than a disclosure could ever hold."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except zipfile.BadZipFile:
        raise UnreadableInput(f"{name} 不是完好的 Excel 工作簿：压缩结构已损坏。") from None
    if len(infos) > MAX_MEMBERS:
        raise UnreadableInput(f"{name} 含有 {len(infos)} 个压缩成员，远超正常工作簿，疑为恶意文件，已拒绝。")
    total = sum(i.file_size for i in infos)
    worst = max((i.file_size / max(i.compress_size, 1) for i in infos), default=0)
    if total > MAX_UNZIPPED or (worst > MAX_RATIO and total > 10 * 1024 * 1024):
        raise UnreadableInput(f"{name} 解压后达 {total / 1024 / 1024:.0f} MB（压缩比 {worst:.0f}:1），"
                              "疑为“压缩炸弹”，已拒绝。")


def check_content(data: bytes, name: str) -> str:
    """The file's type by content, refused when empty, of a kind no reader takes, or unlike its name."""
    if not data:
        raise UnreadableInput(f"{name} 是空文件。")
    kind = sniff(data)
    suffix = Path(name).suffix.lower()
    claimed = SUFFIXES.get(suffix)
    if claimed is not None and claimed != kind:
        raise UnreadableInput(f"{name} 的扩展名是 {suffix}，内容却是{KIND_NAMES[kind]}；"
                              "文件类型与扩展名不符，已拒绝。")
    if kind in {"zip", "binary"}:
        raise UnreadableInput(f"{name} 是{KIND_NAMES[kind]}，不能读取；只接受 {ACCEPTED}。")
    if claimed is None and suffix:
        raise UnreadableInput(f"{name} 的扩展名 {suffix} 不受支持；只接受 {ACCEPTED}。")
    if kind == "xlsx":
        check_zip(data, name)
    return kind
