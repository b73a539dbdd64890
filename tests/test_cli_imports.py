"""Each command imports only what it uses: a fast start is kept by checking the modules a command
loaded (not by timing it). ``yusuan --help`` needs Typer and Rich only; ``check`` adds the readers and
the checker, never the writers, the store, the budget input or the web server."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS, SEED

# Every command: what none of them needs before it runs.
NEVER = {"openpyxl", "docx", "fpdf", "yaml", "duckdb", "pyarrow", "fastapi", "uvicorn", "jinja2", "dask",
         "yusuan.budget", "yusuan.compile", "yusuan.write.xlsx", "yusuan.write.docx", "yusuan.write.pdf",
         "yusuan.store.db", "yusuan.web"}
READING = {"pypdfium2", "yusuan.read", "yusuan.check", "yusuan.model"}


def loaded(tmp_path: Path, *args: str) -> tuple[int, set[str]]:
    """Run ``yusuan ARGS`` in a fresh interpreter; its exit code and the top modules it had loaded."""
    out = tmp_path / "modules.json"
    script = ("import json, sys\nfrom yusuan.cli import main\ncode = main(sys.argv[2:])\n"
              "open(sys.argv[1], 'w').write(json.dumps([code, sorted(sys.modules)]))")
    done = subprocess.run([sys.executable, "-c", script, str(out), *args], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    code, modules = json.loads(out.read_text())
    return code, set(modules)


def present(modules: set[str], names: set[str]) -> set[str]:
    return {n for n in names if n in modules}


def test_help_loads_no_reader_no_store_no_writer(tmp_path: Path) -> None:
    code, modules = loaded(tmp_path, "--help")
    assert code == 0
    assert present(modules, NEVER | READING) == set()


def test_check_of_text_loads_the_reader_and_checker_only(tmp_path: Path) -> None:
    code, modules = loaded(tmp_path, "check", str(SEED))
    assert code == 0
    assert present(modules, READING) == READING
    assert present(modules, NEVER | {"rich.markdown", "typer.rich_utils"}) == set()


def test_check_of_a_pdf_loads_no_more(tmp_path: Path) -> None:
    pdfs = sorted(CORPUS.glob("*.pdf"))
    if not pdfs:
        pytest.skip(f"the corpus of real PDFs is not at {CORPUS}")
    code, modules = loaded(tmp_path, "check", str(pdfs[0]))
    assert code in (0, 1)
    assert present(modules, NEVER | {"rich.markdown", "typer.rich_utils"}) == set()


def test_each_command_help_is_light(tmp_path: Path) -> None:
    for command in ("parse", "build", "export", "template", "ingest", "query", "compare", "dump", "serve"):
        code, modules = loaded(tmp_path, command, "--help")
        assert code == 0
        assert present(modules, NEVER | READING) == set(), command


def test_query_does_not_load_the_reader(tmp_path: Path) -> None:
    code, modules = loaded(tmp_path, "query", "SELECT 1", "--db", str(tmp_path / "none.duckdb"))
    assert code == 2  # no database there: one Chinese line, and nothing of the reader loaded for it
    assert present(modules, {"pypdfium2", "yusuan.read.pdf", "openpyxl", "fastapi", "yusuan.write.pdf"}) == set()
