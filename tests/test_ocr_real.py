"""The OCR path on real files: models never fetched from the network, the cores honoured, scanned
files of the corpus that are no budget refused with the reason, and the extra's absence explained."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.scans import CONDITIONS, mixed_scan, scan_page, tools_missing
from yusuan.errors import UnreadableInput
from yusuan.read import read_path
from yusuan.read.ocr.engine import available

pytestmark = [
    pytest.mark.skipif(not available(), reason="the yusuan[ocr] extra is not installed (make test installs it)"),
    pytest.mark.skipif(bool(tools_missing()), reason="pdftoppm/img2pdf are not installed (make test installs them)"),
]

# In a fresh process (no model loaded yet), every way out to the network raises.
_OFFLINE = """
import json, socket, sys
def refuse(*args, **kwargs):
    raise OSError("network disabled by the test")
socket.socket.connect = socket.socket.connect_ex = socket.create_connection = socket.getaddrinfo = refuse
from yusuan.read import read_path
from yusuan.read.ocr.engine import engine, threads
document = read_path(sys.argv[1])
options = engine(threads()).text_det.session.session.get_session_options()
print(json.dumps({"values": [str(v) for r in document.table(1).rows for v in r.values if v is not None],
                  "marked": all(r.marks for r in document.table(1).rows),
                  "intra": options.intra_op_num_threads, "inter": options.inter_op_num_threads}))
"""


def test_ocr_runs_with_the_network_disabled_on_the_threads_given(corpus: Path, tmp_path: Path) -> None:
    scan = mixed_scan(corpus / "sh-putuo-qzfb-2025-dept-budget.pdf", [8], CONDITIONS[0], tmp_path)  # 表1 scanned
    env = dict(os.environ, YUSUAN_OCR_THREADS="1", HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", _OFFLINE, str(scan)], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["intra"], result["inter"]) == (1, 1)
    assert result["marked"]  # 表1 was read by OCR, not from a text layer
    assert "91016775.35" in result["values"] and "82096797.42" in result["values"]


SCANNED = {  # real/LABELS.tsv: is_disclosure = scanned_other
    "015_长沙__公安局交通警察局_2026年部门预算.pdf": "绩效评价",
    "015_长沙__市场监督管理局_2026年部门预算.pdf": "绩效评价",
    "015_长沙__文化广电旅游体育局_2026年部门预算.pdf": "长沙市财政局",  # a 财政局 notice, its 附件 turned 90°
}


@pytest.mark.parametrize("name", SCANNED)
def test_scanned_files_that_are_no_budget_are_refused_with_the_reason(corpus: Path, name: str) -> None:
    with pytest.raises(UnreadableInput, match=r"^扫描件：识别出的文字不是预算/决算表格") as refused:
        read_path(corpus / "real" / name)
    assert SCANNED[name] in str(refused.value)


def test_without_the_extra_a_scan_says_what_to_install(corpus: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("yusuan.read.ocr.available", lambda: False)
    scan = scan_page(corpus / "sh-putuo-qzfb-2025-dept-budget.pdf", 8, CONDITIONS[0], tmp_path)
    with pytest.raises(UnreadableInput, match=r"扫描件.*pip install 'yusuan\[ocr\]'"):
        read_path(scan)
    mixed = read_path(mixed_scan(corpus / "sh-putuo-qzfb-2025-dept-budget.pdf", [9], CONDITIONS[0], tmp_path))
    assert mixed.table(1) is not None and mixed.table(2) is None  # its text pages read as before


def test_a_page_the_ocr_cannot_take_is_one_sentence(corpus: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args, **kwargs):
        raise ValueError("cv2 cannot decode")

    monkeypatch.setattr("yusuan.read.ocr.page.ocr_page", broken)
    scan = mixed_scan(corpus / "sh-putuo-qzfb-2025-dept-budget.pdf", [9], CONDITIONS[0], tmp_path)
    with pytest.raises(UnreadableInput, match=r"^第 9 页是图片，OCR 识别失败（ValueError），无法读取。$"):
        read_path(scan)
