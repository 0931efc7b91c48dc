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

.PHONY: install browser migrate demo run test lint format openapi clean bench-schedule bench screenshots

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e ".[frontend,dev]"
	touch $@

# Chromium from Debian's packages for the browser tests (never a test tool's own download).
browser:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi; }

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

# Starts every process (CMS, scheduler, frontend); Ctrl-C stops them all.
run: demo
	@trap 'trap - INT TERM EXIT; kill 0' INT TERM EXIT; \
	$(PY) manage.py runserver 127.0.0.1:$(CMS_PORT) & \
	if $(PY) manage.py help run_scheduler >/dev/null 2>&1; then $(PY) manage.py run_scheduler & fi; \
	if [ -f frontend/app.py ]; then CMS_API_URL=$${CMS_API_URL:-http://127.0.0.1:$(CMS_PORT)/api/} \
	  FRONTEND_PURGE_SECRET=$${FRONTEND_PURGE_SECRET:-dev-purge-secret} \
	  $(VENV)/bin/uvicorn --factory frontend.app:create_app --host 127.0.0.1 --port $(FRONTEND_PORT) & fi; \
	echo "CMS admin: http://127.0.0.1:$(CMS_PORT)/admin/  site: http://127.0.0.1:$(FRONTEND_PORT)/"; \
	wait

# Full-page PNGs of the main public pages and the admin, desktop and phone widths, under
# var/screenshots/ (own CMS and frontend on free ports, the demo database, Debian's Chromium).
screenshots: demo browser
	$(PY) tests/browser/screenshots.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy frontend

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: install browser lint
	$(PY) manage.py makemigrations --check --dry-run --settings=cms.settings.test >/dev/null
	$(VENV)/bin/pytest $(PYTEST_ARGS)

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
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq wrk; fi; }
	@test -x $(VENV)/bin/gunicorn || $(VENV)/bin/pip install --quiet -e ".[frontend,dev,prod]"
	$(PY) tests/perf/bench.py

# Scheduled publication latency (go-live and expiry to /api/v2/), real CMS and scheduler.
bench-schedule: install
	$(PY) tests/perf/bench_schedule_latency.py $(BENCH_ARGS)
