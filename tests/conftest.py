"""Shared fixtures: the seed disclosure (bundled copy) and the corpus of real PDFs (../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from yusuan.model import Document
from yusuan.read import read_text

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "jiangmen-2024" / "published.txt"
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc(seed_text: str) -> Document:
    return read_text(seed_text, file=SEED.name)


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not (CORPUS / "MANIFEST.tsv").exists():
        pytest.skip("../shared/corpus is absent (a fresh clone): the real PDFs are not redistributed")
    return CORPUS


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run ``yusuan …`` in-process as a user would; returns (exit code, stdout, stderr)."""
    from yusuan.cli import main

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run
