# Me and My City: the two commands a newcomer needs are `make demo` and `make test`.
SHELL := /bin/bash
# The first interpreter that really runs and is 3.11+ (pyenv shims may exist without a working Python).
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { echo $$p; break; }; done)
VENV ?= .venv
BIN := $(VENV)/bin
export FLASK_APP := wsgi
# PostgreSQL for the second test pass (trust auth on 127.0.0.1 by default; override as needed).
TEST_POSTGRES_URL ?= postgresql://postgres@127.0.0.1:5432/test
ARTIFACTS := test-artifacts

.PHONY: install system-packages demo test test-sqlite test-postgres lint catalogs bench clean

$(BIN)/activate:
	@[ -n "$(PYTHON)" ] || { echo "Python 3.11 or newer is needed and was not found"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/activate pyproject.toml
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

## install: system libraries, virtual environment, the package with its test extra, compiled message catalogs
install: system-packages $(VENV)/.installed catalogs

# WeasyPrint (policy briefs as PDF) needs Pango, and Chinese in a PDF needs a CJK font: installed here
# with apt when missing, so neither README command needs a step by hand.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk
system-packages:
	@if ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 && fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then :; \
	elif command -v apt-get >/dev/null; then \
		echo "Installing $(SYSTEM_PACKAGES) (PDF briefs)"; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null \
		|| { $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; }; \
	else echo "Pango and a CJK font are needed for PDF briefs: install them with your system's package manager"; fi

catalogs: $(VENV)/.installed
	@$(BIN)/pybabel compile --statistics -d survey_app/translations

# The demo's port: `make demo PORT=5001` (or set SURVEY_BIND=host:port yourself).
PORT ?= 5000
SURVEY_BIND ?= 127.0.0.1:$(PORT)

## demo: SQLite in instance/, demo accounts and data, served on http://127.0.0.1:$(PORT) until Ctrl-C
demo: install
	SURVEY_DEMO=true $(BIN)/flask db upgrade
	SURVEY_DEMO=true SURVEY_BIND=$(SURVEY_BIND) $(BIN)/flask demo load
	@echo "Serving on http://$(SURVEY_BIND) (staff sign in at /auth/login). This terminal stays busy: Ctrl-C stops the demo."
	SURVEY_DEMO=true SURVEY_BIND=$(SURVEY_BIND) SURVEY_WORKERS=2 SURVEY_THREADS=4 $(BIN)/gunicorn -c gunicorn.conf.py wsgi:app

## test: the whole suite on SQLite, then again on PostgreSQL when it answers
test: install
	@mkdir -p $(ARTIFACTS)
	$(MAKE) --no-print-directory test-sqlite
	@if $(BIN)/python -m tests.tools.pg_ready "$(TEST_POSTGRES_URL)"; then \
		$(MAKE) --no-print-directory test-postgres; \
	elif [ -n "$$SURVEY_TEST_REQUIRE_POSTGRES" ]; then \
		echo "PostgreSQL at $(TEST_POSTGRES_URL) does not answer, and it is required"; exit 1; \
	else echo "PostgreSQL at $(TEST_POSTGRES_URL) does not answer: the PostgreSQL pass was SKIPPED"; fi

test-sqlite:
	$(BIN)/pytest --junitxml=$(ARTIFACTS)/junit-sqlite.xml $(PYTEST_ARGS)

test-postgres:
	SURVEY_TEST_DATABASE_URL="$(TEST_POSTGRES_URL)" $(BIN)/pytest --junitxml=$(ARTIFACTS)/junit-postgres.xml $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check survey_app tests bench

## bench: throughput and size benchmarks (ratios against a raw baseline measured in the same run)
bench: install
	$(BIN)/python -m bench.run_all

clean:
	rm -rf $(VENV) $(ARTIFACTS) .pytest_cache
