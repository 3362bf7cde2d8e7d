# `make run` sets up what running needs and opens the app on the built-in pack;
# `make check` is the quick lane (lint, types, import contracts, the fast tests: under
# two minutes); `make test` sets up the test and development tools and runs everything.
# Each creates .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two stamps: running needs only the app's dependencies (no PyInstaller, mypy, ruff,
# pytest); the dev stamp adds the test and development tools on top.
RUN_STAMP := $(VENV)/.run-stamp
DEV_STAMP := $(VENV)/.dev-stamp
# The quick lane leaves out what needs LibreOffice, the frozen build, long window
# flows or many seconds per test; `make test` runs those too.
QUICK := not slow and not office and not gui_heavy and not frozen
# One test process per core (pytest-xdist), a test file's tests in one process: a module's
# costly fixtures (decks converted by LibreOffice, the frozen build) are made once.
PARALLEL := -n auto --dist loadfile

.PHONY: run export check lint test bundle clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml setup.py | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUN_STAMP)

$(DEV_STAMP): pyproject.toml setup.py | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(RUN_STAMP) $(DEV_STAMP)

run: $(RUN_STAMP)
	$(BIN)/infodeck

export: $(RUN_STAMP)
	$(BIN)/infodeck export --out out --force

# ruff, mypy strict, and the import contracts in pyproject.toml (layers one way, no Qt
# in the engine, the two backends independent).
lint: $(DEV_STAMP)
	$(BIN)/ruff check desktop tests benchmarks docs packaging assets
	$(BIN)/mypy
	$(BIN)/lint-imports

check: lint
	$(BIN)/python -m pytest -q $(PARALLEL) -m "$(QUICK)"

test: lint
	$(BIN)/python -m pytest $(PARALLEL)

# The standalone app (build.spec, README "Standalone app"): dist/Infodeck/ holding the
# windowed `Infodeck` and the command line `infodeck`. PyInstaller comes with the dev extra.
bundle: $(DEV_STAMP)
	$(BIN)/python -m PyInstaller --noconfirm --clean build.spec
	@du -sh dist/Infodeck

clean:
	rm -rf $(VENV) build dist out .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
