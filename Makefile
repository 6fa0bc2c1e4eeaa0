# `make run` starts everything on a laptop; `make test` runs the whole test suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# One test process per core; `make test PYTEST_ARGS=path/to/test_x.py` narrows the run.
PYTEST_ARGS ?= -n auto

.PHONY: run test test-fast install messages clean

$(VENV)/bin/python:
	@python=$$(bin/find-python) && echo "Using $$python" && $$python -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(VENV)/.runtime node_modules/.installed

run: install
	@mkdir -p .var/broker/queue .var/broker/processed .var/broker/control
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_plantrekkers --demo-people
	$(PY) manage.py plan_meetings
	@echo
	@echo "  Open http://$(HOST):$(PORT)/ and log in with one of the demo logins above."
	@echo "  Ctrl-C stops the web server and the Celery worker."
	@echo
	@trap 'kill 0' EXIT; \
	$(VENV)/bin/celery -A governance worker --beat --loglevel=warning --concurrency=2 \
		--schedule=.var/celerybeat-schedule & \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.dev node_modules/.installed
	@test -x /usr/bin/chromium || { echo "The browser tests need Debian's Chromium: apt-get install chromium"; exit 1; }
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest $(PYTEST_ARGS)

# The edit-test loop: everything but the browser and real-worker tests, no Chromium needed.
# pytest's cache is kept, so `make test-fast PYTEST_ARGS="-n auto --lf"` reruns what failed.
test-fast: $(VENV)/.dev
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest -m "not browser and not worker" $(PYTEST_ARGS)

# Refresh the Dutch and English catalogues after changing interface text.
messages: $(VENV)/.dev
	$(PY) manage.py makemessages --locale=nl --locale=en --ignore=.venv --ignore=node_modules
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) node_modules .var staticfiles
