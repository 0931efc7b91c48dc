# Herald CMS: `make run` for a working newsroom on this machine, `make test` for the suite.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
CMS_PORT ?= 8000
FRONTEND_PORT ?= 3000
# The CMS links to, previews on and purges the frontend at this address.
FRONTEND_URL ?= http://127.0.0.1:$(FRONTEND_PORT)
export CMS_PORT FRONTEND_PORT FRONTEND_URL

UV_VERSION := 0.13.9
UV := $(VENV)/bin/uv
# Every library, pinned with hashes: `make install` and CI install exactly this; `make lock`
# rewrites it from pyproject.toml's ranges (extras frontend, dev and prod).
LOCK := requirements.lock
# Installs Debian packages for targets that need a program or file ($(1): its path,
# $(2): the package): nothing when it is there, apt as root, sudo otherwise.
apt_need = @test -e $(1) || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $(2); \
	  elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo apt-get install -y -qq $(2); \
	  else echo "$(1) is missing: install Debian's $(2) package (needs root)"; exit 1; fi; }

.PHONY: install lock browser varnish rum migrate demo run test test-fast lint format openapi clean bench-schedule bench screenshots messages

install: $(VENV)/.installed

# Libraries are compiled to bytecode once here: a process started with PYTHONDONTWRITEBYTECODE
# set (as CI's are) would otherwise compile every module it imports, every time it starts.
$(VENV)/.installed: pyproject.toml $(LOCK)
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet "uv==$(UV_VERSION)"
	$(UV) pip install --quiet --python $(PY) --require-hashes --compile-bytecode -r $(LOCK)
	$(UV) pip install --quiet --python $(PY) --no-deps -e .
	$(UV) pip check --quiet --python $(PY)  # a lock older than pyproject.toml fails here
	touch $@

# After changing a range in pyproject.toml: resolve again (newest versions within the ranges).
lock: $(VENV)/.installed
	$(UV) pip compile --quiet pyproject.toml --extra frontend --extra dev --extra prod \
	  --universal --python-version 3.11 --generate-hashes -o $(LOCK)

# Chromium from Debian's packages for the browser tests (never a test tool's own download).
browser:
	$(call apt_need,/usr/bin/chromium,chromium)

# Varnish from Debian's packages for the HTTP cache test (tests/frontend/test_varnish.py).
varnish:
	$(call apt_need,/usr/sbin/varnishd,varnish)

# RUM (PostgreSQL 15 extension) to repeat the search index measurement of
# docs/performance.md ("Search over every match"); the code does not use it.
rum:
	$(call apt_need,/usr/share/postgresql/15/extension/rum.control,postgresql-15-rum)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

# Starts every process of Procfile.dev (CMS, frontend, scheduler, worker) through honcho;
# Ctrl-C stops them all.
run: demo
	@echo "CMS admin: http://127.0.0.1:$(CMS_PORT)/admin/  site: http://127.0.0.1:$(FRONTEND_PORT)/"
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" \
	  CMS_API_URL=$${CMS_API_URL:-http://127.0.0.1:$(CMS_PORT)/api/} \
	  FRONTEND_PURGE_SECRET=$${FRONTEND_PURGE_SECRET:-dev-purge-secret} \
	  $(VENV)/bin/honcho -f Procfile.dev start

# Full-page PNGs of the main public pages and the admin, desktop and phone widths, under
# var/screenshots/ (own CMS and frontend on free ports, the demo database, Debian's Chromium).
screenshots: demo browser
	$(PY) tests/browser/screenshots.py

# The frontend's gettext catalogues (docs/frontend.md, "Editions and translations"): extract
# the marked strings into messages.pot, merge them into each locale's messages.po (translate
# the new and changed entries there, then run this again) and compile the .mo files.
messages: install
	$(VENV)/bin/pybabel extract -F frontend/babel.cfg --no-location --sort-output \
	  --project "Herald frontend" --version 1 -o frontend/locale/messages.pot frontend
	$(VENV)/bin/pybabel update -i frontend/locale/messages.pot -d frontend/locale \
	  --no-fuzzy-matching --ignore-obsolete --width 100
	$(VENV)/bin/pybabel compile -d frontend/locale --statistics
	# The CMS's catalogue (the newsletter's e-mails): home/locale/es/LC_MESSAGES/django.po.
	cd home && ../$(PY) ../manage.py makemessages -l es -e html,txt,py --no-location --no-obsolete
	cd home && ../$(PY) ../manage.py compilemessages -l es

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy frontend

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: install browser varnish lint
	$(PY) manage.py makemigrations --check --dry-run --settings=cms.settings.test >/dev/null
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# The suite without Chromium, Varnish and the tests that start servers or processes.
test-fast: install lint
	$(PY) manage.py makemigrations --check --dry-run --settings=cms.settings.test >/dev/null
	$(VENV)/bin/pytest -m "not browser and not integration and not multiprocess" $(PYTEST_ARGS)

clean:
	rm -rf var/ .pytest_cache .ruff_cache

# Rewrite the committed OpenAPI snapshot after an intended API change (django-ninja's export).
openapi: install
	$(PY) manage.py export_openapi_schema --api cms.delivery.api.api_v3 --indent 2 --sorted \
	  --output docs/openapi.json

# Throughput and latency of every public read at BENCH_STORIES stories (default 100 000) on
# PostgreSQL + Redis + gunicorn, next to a static file; wrk from Debian's packages.
# Report: var/bench/report.md and report.json (docs/performance.md explains the knobs).
bench: install
	$(call apt_need,/usr/bin/wrk,wrk)
	$(PY) tests/perf/bench.py

# Scheduled publication latency (go-live and expiry to /api/v2/), real CMS and scheduler.
bench-schedule: install
	$(PY) tests/perf/bench_schedule_latency.py $(BENCH_ARGS)
