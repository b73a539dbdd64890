"""Writing outputs safely: a failed run never leaves a half-written file in place of a good one.

Files are written beside their final name and renamed into place, with the mode a plain ``open``
would give (``0666`` less the umask; a temporary file alone would be ``0600``). A set of files (one
``build --to json,xlsx,pdf``) is put in place all or none. Errors name the file and say in Chinese
what the system said.
"""

from __future__ import annotations

import errno
import functools
import os
import shutil
import tempfile
from pathlib import Path

from yusuan.errors import YusuanError

REASONS = {
    errno.ENOENT: "文件或文件夹不存在", errno.EACCES: "没有权限", errno.EPERM: "没有权限",
    errno.EISDIR: "这是一个文件夹，不是文件", errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.ENOSPC: "磁盘空间不足", errno.EROFS: "文件系统只读", errno.EEXIST: "已经存在",
    errno.ENAMETOOLONG: "名称太长", errno.EMFILE: "打开的文件太多", errno.EDQUOT: "超出磁盘配额",
    errno.EIO: "读写设备出错", errno.EXDEV: "不能跨文件系统移动", errno.ENOTEMPTY: "文件夹不是空的",
    errno.EADDRINUSE: "地址已被占用", errno.EADDRNOTAVAIL: "本机没有这个地址",
}


def os_reason(error: OSError) -> str:
    """What went wrong, in Chinese (the system's own words only for an error not listed)."""
    return REASONS.get(error.errno, error.strerror or str(error)) if error.errno is not None else str(error)


@functools.cache
def file_mode() -> int:
    """``0666`` less the process's umask, read once (setting it back at once is the only portable way)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _stage(path: Path, data: str | bytes) -> Path:
    """``data`` in a temporary file beside ``path``, with the final mode; the caller renames it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise YusuanError(f"无法写入 {path}：{os_reason(error)}。") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, file_mode())
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise YusuanError(f"无法写入 {path}：{os_reason(error)}。") from None
    return Path(tmp)


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write to a temporary file beside ``path`` and rename it over ``path`` in one step."""
    return write_all_atomic([(Path(path), data)])[0]


def _keep(path: Path) -> Path | None:
    """A second name for the file now at ``path`` (a hard link, or a copy), to put it back; None if none."""
    if not path.is_file():
        return None
    backup = path.with_name(f".{path.name}.{os.getpid()}.old")
    backup.unlink(missing_ok=True)
    try:
        os.link(path, backup)
    except OSError:
        shutil.copy2(path, backup)
    return backup


def write_all_atomic(files: list[tuple[Path, str | bytes]]) -> list[Path]:
    """Write every file or none: all are staged first, then renamed into place (each rename atomic, so a
    reader sees the old file or the new one); should a rename fail, the files already renamed get their
    earlier content back, or are removed when they are new."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            staged.append((Path(path), _stage(Path(path), data)))
    except BaseException:
        for _, tmp in staged:
            tmp.unlink(missing_ok=True)
        raise
    replaced: list[tuple[Path, Path | None]] = []  # in place now, and a name for its earlier content
    backup: Path | None = None
    try:
        for path, tmp in staged:
            backup = _keep(path) if len(staged) > 1 else None
            os.replace(tmp, path)
            replaced.append((path, backup))
            backup = None
    except OSError as error:
        if backup is not None:
            backup.unlink(missing_ok=True)
        for done, earlier in reversed(replaced):
            if earlier is not None:
                os.replace(earlier, done)
            else:
                done.unlink(missing_ok=True)
        for _, tmp in staged:
            tmp.unlink(missing_ok=True)
        undone = "；已写好的其他文件已撤回，文件夹保持原样" if len(staged) > 1 else ""
        raise YusuanError(f"无法写入 {path}：{os_reason(error)}{undone}。") from None
    for _, earlier in replaced:
        if earlier is not None:
            earlier.unlink(missing_ok=True)
    return [path for path, _ in staged]
