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


@pytest.fixture(scope="session")
def real(corpus: Path) -> dict[str, Document | str]:
    """Every PDF of ``corpus/real`` (77 budgets of many regions, in their own layouts) read once: its
    Document, or the Chinese sentence it was refused with."""
    from yusuan.errors import YusuanError
    from yusuan.read import read_path

    folder = corpus / "real"
    if not (folder / "LABELS.tsv").exists():
        pytest.skip("../shared/corpus/real is absent: the real budgets of other regions are not redistributed")
    read: dict[str, Document | str] = {}
    for path in sorted(folder.glob("*.pdf")):
        try:
            read[path.name] = read_path(path)
        except YusuanError as error:
            read[path.name] = str(error)
    return read


@pytest.fixture(scope="session")
def real_labels(real: dict[str, Document | str], corpus: Path) -> list[dict[str, str]]:
    """The hand-made labels of the real budgets (kind, year, entity, table titles …)."""
    import csv

    with open(corpus / "real" / "LABELS.tsv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run ``yusuan …`` in-process as a user would; returns (exit code, stdout, stderr)."""
    from yusuan.cli import main

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run
