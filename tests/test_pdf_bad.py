"""Bad PDFs — damaged, truncated, encrypted, scanned, empty, not a disclosure, too big — give one clear
Chinese sentence (exit code 2 on the command line), never a traceback and never a hang; fuzzing over
mutated and truncated PDF bytes finds nothing else escaping."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seed_pdf import seed_pdf
from yusuan.cli import main
from yusuan.errors import UnreadableInput, YusuanError
from yusuan.model import Document
from yusuan.read import read_bytes
from yusuan.read.pdf.extract import extract_pages


def _pdf(*, text: str | None = None, pages: int = 1, encrypt: bool = False, box: bool = False) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    if encrypt:
        pdf.set_encryption(owner_password="owner", user_password="secret")
    for _ in range(pages):
        pdf.add_page()
        if text:
            pdf.text(20, 20, text)
        if box:
            pdf.rect(20, 20, 100, 60, style="F")  # a scan is a picture: marks, no text
    return bytes(pdf.output())


def _message(data: bytes) -> str:
    with pytest.raises(UnreadableInput) as raised:
        read_bytes(data, name="bad.pdf")
    message = str(raised.value)
    assert message.endswith("。") and "\n" not in message
    return message


def test_damaged() -> None:
    assert "损坏" in _message(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage")


def test_encrypted() -> None:
    assert "加密" in _message(_pdf(text="budget", encrypt=True))


def test_scanned_without_text_layer() -> None:
    assert "没有文字层" in _message(_pdf(box=True, pages=2))


def test_not_a_disclosure() -> None:
    assert "不是部门预算或决算公开文件" in _message(_pdf(text="Quarterly report of a company"))


def test_empty_file() -> None:
    assert "空" in _message(b"")


def test_page_and_time_bounds() -> None:
    data = _pdf(text="x", pages=3)
    with pytest.raises(UnreadableInput, match="超过上限 2 页"):
        extract_pages(data, max_pages=2)
    with pytest.raises(UnreadableInput, match="已停止"):
        extract_pages(data, budget=-1)


def test_cli_prints_one_line_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf(box=True))
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("错误：") and "扫描件" in err and len(err.splitlines()) == 1


def _ok_or_clear(data: bytes) -> None:
    try:
        document = read_bytes(data, name="fuzz.pdf")
    except YusuanError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert isinstance(document, Document)


@pytest.fixture(scope="module")
def small_pdf(corpus: Path) -> bytes:
    return (corpus / "sh-putuo-fuliyuan-2024-unit-budget.pdf").read_bytes()


@pytest.mark.parametrize("fraction", [0.02, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99])
def test_truncated_corpus_pdf(small_pdf: bytes, fraction: float) -> None:
    _ok_or_clear(small_pdf[: int(len(small_pdf) * fraction)])


FUZZ = int(os.environ.get("YUSUAN_FUZZ", "80"))  # examples per fuzz test; raise it for a long run


@settings(max_examples=FUZZ, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzz_mutated_corpus_pdf(small_pdf: bytes, data: st.DataObject) -> None:
    mutated = bytearray(small_pdf)
    for _ in range(data.draw(st.integers(1, 12), label="mutations")):
        at = data.draw(st.integers(0, len(mutated) - 1), label="at")
        kind = data.draw(st.sampled_from(["flip", "cut", "insert"]), label="kind")
        if kind == "flip":
            mutated[at] = data.draw(st.integers(0, 255), label="byte")
        elif kind == "cut":
            del mutated[at: at + data.draw(st.integers(1, 4096), label="length")]
        else:
            mutated[at:at] = data.draw(st.binary(min_size=1, max_size=64), label="bytes")
        if not mutated:
            break
    _ok_or_clear(bytes(mutated))


@pytest.fixture(scope="module")
def plain_pdf(seed_doc: Document, seed_text: str) -> bytes:
    return seed_pdf(seed_doc, seed_text, compress=False)


@settings(max_examples=FUZZ, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzz_page_content(plain_pdf: bytes, data: st.DataObject) -> None:
    """Damage the drawing operators themselves (positions, strings, fonts) of an uncompressed PDF."""
    mutated = bytearray(plain_pdf)
    start = plain_pdf.index(b"BT")
    for _ in range(data.draw(st.integers(1, 40), label="mutations")):
        at = data.draw(st.integers(start, len(mutated) - 1), label="at")
        mutated[at] = data.draw(st.sampled_from(b"0123456789.- TtjJ()<>[]/\\nBE"), label="byte")
    _ok_or_clear(bytes(mutated))


@settings(max_examples=2 * FUZZ, deadline=None)
@given(tail=st.binary(max_size=2048))
def test_fuzz_random_bytes_after_the_pdf_header(tail: bytes) -> None:
    _ok_or_clear(b"%PDF-1.7\n" + tail)
