# The few commands a person types. Everything installs into .venv and node_modules.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format assets install e2e bench check-deploy backup restore clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the declared dependencies change.
$(VENV)/.installert: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

node_modules/.installert: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installert
assets: node_modules/.installert

run: install assets
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DJANGO_DEBUG=1 $(BIN)/python manage.py demodata
	@echo "Åpne http://$(HOST):$(PORT)/ (oppgavearbeideren for PDF kjører i bakgrunnen; feilene dens vises her)"
	trap 'kill 0' INT TERM EXIT; \
	DJANGO_DEBUG=1 DJANGO_LOG_LEVEL=WARNING $(BIN)/python manage.py db_worker --reload & \
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install assets
	$(BIN)/python -m pytest $(PYTEST_ARGS)

e2e: install assets
	$(BIN)/python -m pytest tests/e2e $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Production-mode settings check; the secret here is a throwaway of the right shape.
check-deploy: install
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	DJANGO_ALLOWED_HOSTS=samhandling.example.no DJANGO_NETTSTED_URL=https://samhandling.example.no \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

# Benchmarks are measured, not asserted: figures go to docs/ytelse.md.
# The page benchmark needs PostgreSQL (BENCH_PG) and ApacheBench; it writes docs/ytelse.md.
bench: install assets
	command -v ab >/dev/null || (apt-get update -qq && apt-get install -y -qq apache2-utils)
	$(BIN)/python bench/diff.py
	$(BIN)/python bench/pdf.py
	$(BIN)/python bench/avvik.py
	$(BIN)/python bench/sok.py
	$(BIN)/python bench/sider.py

# Database and uploaded files to one archive (README: Sikkerhetskopi og gjenoppretting).
# DJANGO_DEBUG from the environment wins; without it the commands run as in development.
backup: install
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py sikkerhetskopi $(if $(FIL),--fil "$(FIL)")

# Replaces the database and the uploaded files: asks first, or JA=1 to confirm in advance.
restore: install
	@test -n "$(FIL)" || { echo "Bruk: make restore FIL=sikkerhetskopier/samhandling-….tar [JA=1]"; exit 2; }
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py gjenopprett "$(FIL)" $(if $(JA),--ja)

clean:
	rm -rf $(VENV) node_modules staticfiles
