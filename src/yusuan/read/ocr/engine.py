"""The OCR engine: rapidocr (Apache-2.0) running PP-OCR's detection and recognition models on
onnxruntime (MIT), on the CPU, with the models that ship inside the rapidocr wheel.

Why these settings:

- The model files are the ones inside the wheel (``rapidocr/models``), named by path, so rapidocr never
  looks for them elsewhere: no download ever happens at run time (it would otherwise fetch what its
  configuration names from the network).
- The angle classifier is off: scans are upright or nearly so (deskewing handles a degree or two),
  and with it on it turned correct amounts upside down into misreads.
- rapidocr shrinks images to 2000 pixels on the long side by default; a table page needs every pixel
  it was scanned with, so the limit is lifted (the page image is bounded where it is rendered).
- onnxruntime's thread pool is sized explicitly: by default it takes every core of the machine in every
  worker process, and oversubscribed cores doubled the time per page.

Detection and recognition run as two steps, because the boxes detection finds are split at the
table's ruling lines before recognition (an amount printed up to a cell border runs into the next).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from yusuan.errors import UnreadableInput

INSTALL_HINT = "pip install 'yusuan[ocr]'"
_THREADS_ENV = "YUSUAN_OCR_THREADS"
_MODELS = {"Det": "det", "Rec": "rec", "Cls": "cls"}  # the classifier never runs, but rapidocr wants a path


def available() -> bool:
    """True when the ``ocr`` extra is installed."""
    try:
        import onnxruntime  # noqa: F401
        import rapidocr  # noqa: F401
    except ImportError:
        return False
    return True


def cores() -> int:
    """The cores this process may run on (a container or ``taskset`` may give fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def threads_for(jobs: int) -> int:
    """Threads per page when ``jobs`` worker processes share the cores: together never more than the cores."""
    return max(1, cores() // max(1, jobs))


def share_cores(jobs: int) -> None:
    """Called in each of ``jobs`` worker processes: OCR there uses its share of the cores."""
    os.environ[_THREADS_ENV] = str(threads_for(jobs))


def threads() -> int:
    """Threads one page's OCR may use: the worker's share (:func:`share_cores`), else every core."""
    value = os.environ.get(_THREADS_ENV, "")
    return max(1, int(value)) if value.isdigit() else cores()


@cache
def engine(count: int):
    """A RapidOCR instance using ``count`` threads (one per process and thread count: loading takes a while)."""
    if not available():
        raise UnreadableInput(f"这是扫描件（页面是图片），读取需要 OCR 组件；请先安装：{INSTALL_HINT}。")
    import cv2
    import rapidocr

    cv2.setNumThreads(count)
    models = Path(rapidocr.__file__).parent / "models"
    found = {task: sorted(models.glob(f"*_{kind}_*.onnx")) for task, kind in _MODELS.items()}
    if not all(found.values()):
        raise UnreadableInput(f"OCR 组件不完整（{models} 中缺少识别模型文件）；请重新安装：{INSTALL_HINT}。")
    params: dict[str, object] = {f"{task}.model_path": str(files[0]) for task, files in found.items()}
    params |= {
        "Global.use_cls": False,
        "Global.max_side_len": 100_000,
        "Global.log_level": "error",
        "EngineConfig.onnxruntime.intra_op_num_threads": count,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    }
    return rapidocr.RapidOCR(params=params)
