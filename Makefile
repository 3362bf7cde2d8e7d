# Two commands matter: `make run` (set up, open the app on the built-in pack) and
# `make test` (set up, lint, type-check, run every test). Each creates .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run export test lint bundle clean

$(STAMP): pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/infodeck

export: $(STAMP)
	$(BIN)/infodeck export --out out --force

# ruff, mypy strict, and the import contracts in pyproject.toml (layers one way, no Qt
# in the engine, the two backends independent).
lint: $(STAMP)
	$(BIN)/ruff check desktop tests benchmarks docs packaging assets
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest

# The standalone app (build.spec, README "Standalone app"): dist/Infodeck/ holding the
# windowed `Infodeck` and the command line `infodeck`. PyInstaller comes with the dev extra.
bundle: $(STAMP)
	$(BIN)/python -m PyInstaller --noconfirm --clean build.spec
	@du -sh dist/Infodeck

clean:
	rm -rf $(VENV) build dist out .pytest_cache .mypy_cache .ruff_cache
