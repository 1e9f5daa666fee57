# Two commands on a fresh machine:  make book  (set up + build)  and  make test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EDITION ?= editions/2026.yml
SET ?=

.PHONY: book preview test test-all setup clean bench bench-quick

# uv (a wheel from the package registry) installs the project in about 25 s where pip takes 60-70 s; it reads
# no pip configuration, so where it cannot reach the registry (a mirror set only in pip.conf) pip installs instead.
# Both compile the modules to bytecode at install (--compile-bytecode): where PYTHONDONTWRITEBYTECODE is set (as on
# the development machine), Python never writes it later, and every process would compile every module it imports.
UV ?= uv>=0.9,<1

$(BIN)/helpers: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	@echo "[setup] installing the project into $(VENV) with uv (pip if uv cannot)"
	($(BIN)/pip install -q "$(UV)" && $(BIN)/uv pip install --compile-bytecode --python $(BIN)/python -e ".[test]") \
	  || { echo "[setup] uv could not install the project; installing with pip"; \
	       $(BIN)/pip install --upgrade pip && $(BIN)/pip install -e ".[test]"; }
	@touch $@

setup: $(BIN)/helpers

# Build and publish the book into _build/html. Overrides: make book SET="--set focus_region=NLD"
book: setup
	$(BIN)/helpers build --edition $(EDITION) $(SET)

# The pages without the PDF edition, for checking a change while writing (seconds when one notebook's text or
# code changed); published to _build/preview, so the book in _build/html stays as `make book` made it.
preview: setup
	$(BIN)/helpers build --edition $(EDITION) --no-pdf --out _build/preview $(SET)

# The test suite, including a real build of the book in _build (reusing what `make book` made there
# when nothing changed), the build with script payloads and the headless-browser tests; without
# the two slow checks (a second build from scratch for determinism, nbval), which `make test-all`
# (and CI) add.
# One test process per core (at most 4), each module's tests in one process; the book is built once and shared.
# The modules keep the order tests/conftest.py gives them (the slowest first): xdist would otherwise hand out the
# modules with the most tests first, and a long module could start last and run alone at the end.
PYTEST_JOBS ?= -n auto --maxprocesses 4 --dist loadfile --no-loadscope-reorder

test: book
	$(BIN)/pytest -m "not slow" $(PYTEST_JOBS)

test-all: book
	$(BIN)/pytest $(PYTEST_JOBS)

# The whole benchmark (README's speed table) / a reduced set in under two minutes (_build/bench.json).
bench: setup
	$(BIN)/python benchmarks/bench_metrics.py --cap 150 --json _build/bench.json
	$(BIN)/python benchmarks/bench_robustness.py
	$(BIN)/python benchmarks/bench_regpat.py

bench-quick: setup
	$(BIN)/python benchmarks/bench_metrics.py --quick --json _build/bench.json

clean:
	rm -rf _build
