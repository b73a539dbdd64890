# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    := out

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Stamp files re-install only when pyproject.toml changes.
$(VENV)/.installed-base: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@ $(VENV)/.installed-base $(VENV)/.installed-web

$(VENV)/.installed-web: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[web]'
	touch $@ $(VENV)/.installed-base

# The corpus of real PDFs sits beside the repository when there is one (it is not redistributed).
CORPUS := $(wildcard ../shared/corpus/*.pdf)
PORT   ?= 8000

demo: $(VENV)/.installed-web
	@mkdir -p $(OUT)
	$(BIN)/yusuan parse examples/jiangmen-2024/published.txt -o $(OUT)/published/jiangmen-2024.json
	$(BIN)/yusuan template $(OUT)/jiangmen-2024-预算.xlsx --from examples/jiangmen-2024/budget --force
	$(BIN)/yusuan build $(OUT)/jiangmen-2024-预算.xlsx -o $(OUT)/jiangmen-2024
	$(BIN)/yusuan build examples/jiangmen-sports-2024/budget.yaml -o $(OUT)/jiangmen-sports-2024
	$(BIN)/yusuan check examples/jiangmen-2024/published.txt
	-$(BIN)/yusuan ingest examples $(OUT)/jiangmen-2024/*.pdf $(OUT)/jiangmen-sports-2024/*.pdf $(CORPUS) --db $(OUT)/yusuan.duckdb
	$(BIN)/yusuan serve --db $(OUT)/yusuan.duckdb --port $(PORT)

# The browser tests drive Debian's Chromium (Playwright cannot download its own browser here), with a CJK
# font so that their screenshots show the Chinese pages as a user sees them; the OCR tests scan corpus
# pages with poppler's pdftoppm and wrap them with img2pdf (Debian's, run as commands).
test: $(VENV)/.installed-dev
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)
	@fc-list 2>/dev/null | grep -qi "Noto.*CJK" || (apt-get update -qq && apt-get install -y -qq fonts-noto-cjk >/dev/null)
	@(command -v pdftoppm && command -v img2pdf) >/dev/null || \
		(apt-get update -qq && apt-get install -y -qq poppler-utils img2pdf >/dev/null)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	touch $@ $(VENV)/.installed-dev $(VENV)/.installed-base

bench: $(VENV)/.installed-bench
	$(BIN)/python bench/run.py

clean:
	rm -rf $(OUT) .pytest_cache .ruff_cache .hypothesis
