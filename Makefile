# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3.11
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# Installs only what the locks name, each file checked against its hash.
PIP_INSTALL := $(BIN)/python -m pip install --disable-pip-version-check --quiet --require-hashes

# Test tools from Debian: Chromium for the browser tests, Java for the W3C
# Nu HTML checker (npm package vnu-jar).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends

# The suite again on PostgreSQL, the scale-out database (the machine's local server).
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/portal

.PHONY: run serve test test-fast test-postgres test-scale bench lint check pytest install install-dev test-tools speech lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(PIP_INSTALL) -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(PIP_INSTALL) -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# The locks: requirements*.in declare the direct dependencies; pip-tools
# compiles them into requirements*.txt with every package pinned and hashed.
# `make lock` after editing a .in file (other pins are kept);
# `make lock UPGRADE=1` moves everything to the newest release allowed;
# `make lock UPGRADE="Django Pillow"` moves only those.
LOCK_VENV := .venv-lock
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe \
	--strip-extras --no-emit-index-url --no-emit-find-links \
	$(if $(filter 1,$(UPGRADE)),--upgrade,$(foreach name,$(UPGRADE),--upgrade-package $(name)))

$(LOCK_VENV)/.installed: requirements-lock.txt
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --disable-pip-version-check --quiet \
		--require-hashes -r requirements-lock.txt
	touch $@

lock: $(LOCK_VENV)/.installed
	$(PIP_COMPILE) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) --output-file requirements-dev.txt requirements-dev.in
	$(PIP_COMPILE) --output-file requirements-lock.txt requirements-lock.in

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

test-tools: node_modules/.installed
	@missing="$$(command -v chromium >/dev/null || echo chromium) \
		$$(command -v java >/dev/null || echo default-jre-headless) \
		$$(command -v wrk >/dev/null || echo wrk) \
		$$(command -v espeak-ng >/dev/null || echo espeak-ng)"; \
	if [ -n "$$(echo $$missing)" ]; then \
		$(SUDO) apt-get update -qq && $(APT_INSTALL) $$missing; fi

# The audio captcha's voice (Debian's espeak-ng): installed when apt can,
# else the portal runs without audio (a system check says so).
speech:
	@command -v espeak-ng >/dev/null || { $(SUDO) apt-get update -qq && $(APT_INSTALL) espeak-ng; } \
		|| echo "espeak-ng not installed: the comment form has no audio captcha (see README)."

run: export DJANGO_DEBUG ?= 1
run: export DJANGO_SITE_URL ?= http://127.0.0.1:$(PORT)
run: install speech
	$(MANAGE) migrate --noinput
	$(MANAGE) import_notices seeds --verbosity 2
	@echo
	@echo "Trang chủ:  $(DJANGO_SITE_URL)/"
	@echo "Quản trị:   $(DJANGO_SITE_URL)/$${DJANGO_ADMIN_URL:-quan-tri/}"
	@echo
	@# The task worker (mail to editors and admins) runs beside the server
	@# and stops with it: Ctrl-C, a kill of make, or the server ending alone.
	$(MANAGE) db_worker & worker=$$!; \
	$(MANAGE) runserver 127.0.0.1:$(PORT) & server=$$!; \
	trap 'kill $$server 2>/dev/null' INT TERM; status=0; \
	while kill -0 $$server 2>/dev/null; do wait $$server; status=$$?; done; \
	kill $$worker 2>/dev/null; wait $$worker; exit $$status

# Production on one machine: static files, migrations, gunicorn and the task
# worker (portal/serve.py). Needs DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS.
serve: install speech
	$(BIN)/python -m portal.serve

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: export DJANGO_DEBUG ?= 1
check: install-dev
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# Coverage of the in-process suite, with its floor in pyproject.toml.
pytest: install-dev test-tools
	$(BIN)/pytest --cov

test: lint check pytest

# The quick loop while working: no browser, no live server, nothing marked
# slow, fewer examples of each property test, on every core.
FAST_TESTS := not browser and not live and not slow
test-fast: install-dev speech
	$(BIN)/ruff check .
	HYPOTHESIS_PROFILE=fast $(BIN)/pytest -m "$(FAST_TESTS)" --numprocesses auto

test-postgres: install-dev test-tools
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest

# Several app servers' shape: the suite on PostgreSQL with the cache in
# Redis (a database number of the suite's own), and the two-server test.
REDIS_TEST_URL ?= redis://127.0.0.1:6379/14
test-scale: install-dev test-tools
	DATABASE_URL=$(POSTGRES_URL) REDIS_URL=$(REDIS_TEST_URL) $(BIN)/pytest

# Flatness and throughput on this machine, beside their targets: measured,
# never asserted (BENCH=--quick for a run under two minutes).
bench: install-dev
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && $(APT_INSTALL) wrk; }
	$(BIN)/python -m tests.benchmark $(BENCH)

clean:
	rm -rf $(VENV) $(LOCK_VENV) node_modules staticfiles .pytest_cache .ruff_cache
