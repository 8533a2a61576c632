# Gezonde Wijk: `make run` serves the demo site, `make test` runs every check.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PG_TEST_URL := $(or $(TEST_DATABASE_URL),)

.PHONY: run test check setup catalogues system-deps lint typecheck test-sqlite test-postgres test-browser \
        messages vendor bench-demo bench-network bench-checks bench-indicators bench-search clean \
        bench-socialmap bench-referrals load

## Set-up ---------------------------------------------------------------------------------

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

system-deps:
	@scripts/system-deps.sh

messages: $(STAMP)
	@cd src/gezondewijk && ../../$(BIN)/django-admin compilemessages --ignore=.venv -v0

# Gather the texts marked for translation into each app's Dutch catalogue (new ones arrive
# empty; tests/web/test_translations.py fails until they are translated).
catalogues: $(STAMP)
	@cd src/gezondewijk && ../../$(BIN)/django-admin makemessages -l nl --no-location --no-obsolete --ignore=.venv -v0

setup: system-deps $(STAMP) messages

## Run --------------------------------------------------------------------------------------

run: setup
	$(BIN)/gezondewijk migrate --no-input -v0
	$(BIN)/gezondewijk demo --if-empty
	@echo
	@echo "Gezonde Wijk runs on http://$(HOST):$(PORT)/   (stop with Ctrl-C)"
	@$(BIN)/python -c "from gezondewijk.demo.accounts import print_logins; print_logins()"
	@# The task worker runs beside the site (network recomputation and other background work).
	$(BIN)/gezondewijk db_worker --no-startup-delay -v0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	GEZONDEWIJK_DEBUG=1 $(BIN)/gezondewijk runserver $(HOST):$(PORT)

## Checks -----------------------------------------------------------------------------------

# Both suites run on every core (pytest-xdist); pytest-django gives each worker a test
# database of its own (test_…_gw0, test_…_gw1).
PYTEST := $(BIN)/pytest -n auto -q

# The fast loop for every change: lint, layers, types and the SQLite suite without the slow
# and browser tests. `make test` is the full gate.
check: $(STAMP) messages lint typecheck
	DATABASE_URL=sqlite:///$(CURDIR)/var/test.sqlite3 $(PYTEST) -m "not browser and not slow"
	@echo "Fast checks passed; run make test (both databases, browser, slow tests) before you push."

test: setup lint typecheck test-sqlite test-postgres test-browser
	@echo "All checks passed: ruff, import layers, mypy, pytest on SQLite and PostgreSQL, browser tests."

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	@# DESIGN.md §4's layer order (.importlinter): an import that points up fails here.
	PYTHONPATH=src $(BIN)/lint-imports --no-logo

typecheck: $(STAMP)
	$(BIN)/mypy src

test-sqlite: $(STAMP) messages
	DATABASE_URL=sqlite:///$(CURDIR)/var/test.sqlite3 $(PYTEST) -m "not browser"

test-postgres: $(STAMP) messages
	scripts/with-postgres.sh $(PYTEST) -m "not browser"

test-browser: $(STAMP) messages
	DATABASE_URL=sqlite:///$(CURDIR)/var/test.sqlite3 $(BIN)/pytest -m browser -q

## Tools ------------------------------------------------------------------------------------

vendor:
	npm ci --no-audit --no-fund
	scripts/vendor.sh

bench-demo: setup
	$(BIN)/python benchmarks/demo_scale.py

bench-network: setup
	$(BIN)/python benchmarks/network_scale.py

bench-checks: setup
	$(BIN)/python benchmarks/checks_scale.py

bench-indicators: setup
	$(BIN)/python benchmarks/indicators_scale.py

# SQLite in a scratch file; PostgreSQL at TEST_DATABASE_URL or in a throwaway cluster
# (through scripts/with-postgres.sh); fails when no PostgreSQL is available.
bench-search: setup
	$(BIN)/python benchmarks/search_scale.py

bench-socialmap: setup
	$(BIN)/python benchmarks/socialmap_scale.py

bench-referrals: setup
	$(BIN)/python benchmarks/referrals_scale.py

.PHONY: bench-finance
bench-finance: setup
	$(BIN)/python benchmarks/finance_scale.py

clean:
	rm -rf $(VENV) var node_modules

# Load and faults: gunicorn on 127.0.0.1 against a throwaway PostgreSQL cluster with the demo
# region, 50 users for 60 s, PostgreSQL restarted once during the run.
load: setup
	$(BIN)/python benchmarks/load.py
