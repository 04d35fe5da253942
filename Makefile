# Wijkwijzer — `make run` to use it, `make test` to check it. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install run serve superuser db dataset check-dataset test lint format migrations-check \
	reset-db messages lock ci clean

help:
	@echo "make run               set up (venv, packages, database, dataset) and serve on http://$(HOST):$(PORT)/"
	@echo "make serve             production-like: gunicorn, 2 workers, production settings (see README)"
	@echo "make superuser         create an account for the admin"
	@echo "make test              set up, then run the whole test suite (DATABASE_URL=postgres://... for PostgreSQL)"
	@echo "make lint              ruff lint and format check"
	@echo "make migrations-check  fail if a model change has no migration"
	@echo "make reset-db          delete the local SQLite database and build it again"
	@echo "make messages          collect new interface text into the Dutch translation file"
	@echo "make lock              re-pin requirements*.txt from pyproject.toml"
	@echo "make bench             time every page at scale 1 and 100 (SQLite; PostgreSQL too with DATABASE_URL=postgres://...)"
	@echo "make ci                what CI runs (.ci/run)"

$(PY):
	@python=$$(scripts/find-python) || exit 1; \
	echo "Creating $(VENV) with $$python"; \
	"$$python" -m venv $(VENV)

# Reinstall only when the pins change.
$(INSTALLED): requirements.txt requirements-dev.txt scripts/install-system-packages | $(PY)
	scripts/install-system-packages
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

# Compiled translations are built here, never committed.
MESSAGES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
%.mo: %.po $(INSTALLED)
	$(PY) manage.py compilemessages --ignore .venv --ignore var -v0

install: $(INSTALLED) $(MESSAGES)

var:
	@mkdir -p var

# Migrate and load the dataset; safe to repeat (fixtures use natural keys).
db: install var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_dataset

dataset: db

check-dataset: db
	$(PY) manage.py check_dataset

run: db
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production-like: the production settings (they need DJANGO_SECRET_KEY and
# DJANGO_ALLOWED_HOSTS, and stop here without them), static files collected for whitenoise,
# two gunicorn workers (the machine has two cores). See README, "Serving it".
serve: export DJANGO_SETTINGS_MODULE ?= config.settings.production
serve: db
	$(PY) manage.py collectstatic --noinput -v0
	$(VENV)/bin/gunicorn config.wsgi --workers 2 --bind $(HOST):$(PORT) --access-logfile -

# An account for the admin (asks for a name and password).
superuser: db
	$(PY) manage.py createsuperuser

# Two workers by default (the machine has two cores); each test file stays on one worker,
# so its dataset fixtures load once.
PYTEST_WORKERS ?= 2
test: install var
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

migrations-check: install var
	$(PY) manage.py makemigrations --check --dry-run

reset-db:
	rm -f var/wijkwijzer.sqlite3 var/wijkwijzer.sqlite3-wal var/wijkwijzer.sqlite3-shm
	$(MAKE) db

# After adding interface text: collect it into locale/nl/LC_MESSAGES/django.po to translate.
messages: install
	$(PY) manage.py makemessages -l nl --ignore .venv --ignore var --no-obsolete --no-wrap

lock: install
	$(VENV)/bin/uv pip compile pyproject.toml --python-version 3.12 --no-header \
		--annotation-style line -o requirements.txt
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.12 --no-header \
		--annotation-style line -o requirements-dev.txt

ci:
	bash .ci/run

# Throwaway databases only (var/bench/, wijkwijzer_bench); results in bench/results/.
bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
