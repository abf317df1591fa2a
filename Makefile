# The README's commands. `make run` serves the dashboard; `make test` runs every test, browser tests included.
# Each does its own set-up on a fresh machine with only Python 3.11.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run dev test setup lint format chromium bench demo backup

$(INSTALLED): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(INSTALLED)

setup: $(INSTALLED)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_report
	$(BIN)/python manage.py create_role_accounts

# Served as production serves it: gunicorn (its "Listening at" line says where), static files by whitenoise.
SERVE := $(BIN)/gunicorn zhengyu.wsgi --bind 127.0.0.1:8000 --workers 3 --access-logfile - --log-level info

run: setup
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(SERVE)

# For developers: Django's development server, which reloads on every code change (never for real use).
dev: setup
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

# The database and the uploaded files in one .tar under .data/backups/ (restore: manage.py restore PATH).
backup: $(INSTALLED)
	$(BIN)/python manage.py backup

# Like `make run`, with generated 示例数据 (figures for January–June 2023, sample projects) to show the screens.
# Each run first removes the sample figures and projects it made before: running it twice piles up nothing,
# and nothing an office entered is touched. Never on the production database.
demo: setup
	$(BIN)/python manage.py generate_sample_figures --clear --year 2023
	$(BIN)/python manage.py generate_sample_figures --year 2023 --through 6 --seed 7
	$(BIN)/python manage.py generate_sample_projects --year 2023 --seed 7
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(SERVE)

test: $(INSTALLED) chromium lint
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python -m pytest

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

chromium:
	@scripts/ensure-chromium

bench: $(INSTALLED)
	$(BIN)/python manage.py bench
