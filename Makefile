# Two commands on a fresh machine:  make book  (set up + build)  and  make test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EDITION ?= editions/2026.yml
SET ?=

.PHONY: book test setup clean bench

$(BIN)/helpers: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip
	$(BIN)/pip install -e ".[test]"
	@touch $@

setup: $(BIN)/helpers

# Build and publish the book into _build/html. Overrides: make book SET="--set focus_region=NLD"
book: setup
	$(BIN)/helpers build --edition $(EDITION) $(SET)

# The whole test suite, including a real build of the book, nbval and the headless-browser test.
test: setup
	$(BIN)/pytest

bench: setup
	$(BIN)/python benchmarks/bench_metrics.py
	$(BIN)/python benchmarks/bench_regpat.py

clean:
	rm -rf _build
