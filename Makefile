# The two commands of the README: `make run` and `make test`. Both set up .venv from scratch when missing.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
WHEELS := $(if $(wildcard /opt/wheels),--find-links /opt/wheels,)

.PHONY: run test install assets lint

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet $(WHEELS) -e '.[dev]'
	touch $@

install: $(VENV)/.installed

assets:
	@if [ -f package.json ]; then \
	  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund; fi; \
	  npm run --silent build; \
	fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: install assets
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

run: install assets
	$(BIN)/rankup db upgrade
	$(BIN)/rankup problems import
	$(BIN)/rankup users demo
	$(BIN)/rankup serve --host 127.0.0.1 --port 8000
