# The commands the README shows. `make run` and `make test` each set up what they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PG_URL ?= postgres://postgres@127.0.0.1:5432
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# pytest runs on every core (pytest-xdist, `addopts` in pyproject.toml); extra arguments:
# `make test PYTEST_ARGS="-n 0"` runs the suite in one process.
PYTEST_ARGS ?=
# pytest exits 5 when it collected no test: a run that tested nothing must not pass silently.
PYTEST = $(VENV)/bin/pytest $(PYTEST_ARGS) || { code=$$?; \
	[ $$code -ne 5 ] || echo "pytest n'a collecté aucun test (code 5) : échec" >&2; exit $$code; }

.PHONY: run setup test lint test-postgres bench bench-100k bench-quality clean browser-tools check-deploy install-production load-test

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PIP) install --quiet -e ".[test]"
	touch $@

# Tools some tests need: Debian's Chromium and nginx (installed if missing), axe-core from npm.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

browser-tools: node_modules/.package-lock.json
	sh scripts/ensure_system_tools.sh

## Set up everything, load the demo content and serve the site at http://127.0.0.1:8000/
run: setup
	$(PY) manage.py runserver 127.0.0.1:8000

setup: $(VENV)/.installed
	sh scripts/ensure_system_tools.sh search
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

## Install what the tests need, then lint, check and run the whole test suite
test: $(VENV)/.installed-test lint browser-tools
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(MAKE) check-deploy
	$(PYTEST)

## Django's deployment checklist on the production settings, warnings included
check-deploy: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=amapartage.settings.production ALLOWED_HOSTS=amapartage.example.org REAL_IP_HEADER=HTTP_X_REAL_IP \
	SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	$(PY) manage.py check --deploy --fail-level WARNING

## What a server needs: the project's dependencies (gunicorn included), no test tools
install-production: $(VENV)/.installed

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## The same suite on PostgreSQL, in a database created for this run and dropped after it
test-postgres: $(VENV)/.installed-test browser-tools
	@db=amapartage_ci_$$$$; \
	$(PY) scripts/pg_database.py create "$(PG_URL)/$$db" && \
	trap '$(PY) scripts/pg_database.py drop "$(PG_URL)/$$db"' EXIT && \
	DATABASE_URL="$(PG_URL)/$$db" $(PY) manage.py check --database default && \
	DATABASE_URL="$(PG_URL)/$$db" $(PY) manage.py makemigrations --check --dry-run && \
	DATABASE_URL="$(PG_URL)/$$db" $(PYTEST)

## Search benchmark (README « Search benchmark »; not part of `make test`): 1k and 10k resources
bench: $(VENV)/.installed
	$(PY) bench/search_bench.py --sizes 1000,10000

## The same at 100k resources (about half an hour; the stock backend's queries are capped)
bench-100k: $(VENV)/.installed
	$(PY) bench/search_bench.py --sizes 100000 --repeat 3

## Search quality on the demo content (README « Search quality »): nDCG@10 by kind of query
bench-quality: $(VENV)/.installed
	$(PY) bench/search_quality.py --verbose

## Load test (README « Load and faults »; not part of `make test`): 3 scenarios × 5 minutes
load-test: $(VENV)/.installed
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(PY) bench/load_test.py

clean:
	rm -rf $(VENV) db.sqlite3 media private-media var static node_modules test-artifacts
