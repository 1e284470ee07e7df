# The two commands of the README: `make run` and `make test`. Both set up .venv from scratch when missing.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
WHEELS := $(if $(wildcard /opt/wheels),--find-links /opt/wheels,)
LOCALE := app/locale
# Each language's .po files (committed) compile to .mo files (not committed) that the app loads.
CATALOGS := $(patsubst %.po,%.mo,$(wildcard $(LOCALE)/*/LC_MESSAGES/*.po))
EXTRACT := $(BIN)/pybabel extract --no-default-keywords --sort-by-file --ignore-dirs '.* ._ node_modules' \
  --project RankUp --copyright-holder 'RankUp contributors'

.PHONY: run test install assets lint catalogs messages

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

catalogs: $(CATALOGS)

$(LOCALE)/%.mo: $(LOCALE)/%.po $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -i $< -o $@

# Refresh the catalogs after changing interface strings: extract the templates' and scripts' strings, then merge
# them into every language's .po (translate the new, empty or fuzzy entries, then `make catalogs`).
messages: install
	$(EXTRACT) -F babel.cfg -k _ -k gettext -k ngettext:1,2 -k gettext_noop -o $(LOCALE)/messages.pot .
	$(EXTRACT) -F babel-js.cfg -k t -o $(LOCALE)/js.pot .
	$(BIN)/pybabel update --no-wrap -D messages -i $(LOCALE)/messages.pot -d $(LOCALE)
	$(BIN)/pybabel update --no-wrap -D js -i $(LOCALE)/js.pot -d $(LOCALE)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: install assets catalogs
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

run: install assets catalogs
	$(BIN)/rankup db upgrade
	$(BIN)/rankup problems import
	$(BIN)/rankup users demo
	$(BIN)/rankup serve --host 127.0.0.1 --port 8000
