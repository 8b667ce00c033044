# Two commands for a fresh machine with Python 3.11:  make run  |  make test
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN = $(VENV)/bin
export FLASK_APP = app:create_app
TEST_DATABASE_URL ?= postgresql://127.0.0.1:5432/test
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install system-deps run test test-sqlite test-postgres lint bench bench-web clean

UV_VERSION = 0.13.8

# uv (a pinned wheel from PyPI) installs the pinned constraints in parallel; when it
# cannot be had, pip installs the same pins, preferring binary wheels.
$(BIN)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	@if $(BIN)/python -m pip install --quiet uv==$(UV_VERSION) 2>/dev/null; then \
	  $(BIN)/uv pip install --quiet --python $(BIN)/python -c constraints.txt -e '.[dev]'; \
	else \
	  $(BIN)/python -m pip install --quiet --prefer-binary -c constraints.txt -e '.[dev]'; \
	fi
	touch $@

install: $(BIN)/.installed

# Debian's Chromium for the browser tests (Playwright cannot download its own here),
# poppler-utils for PDF text checks, and fonts for WeasyPrint.
system-deps:
	@if ! command -v chromium >/dev/null || ! command -v pdftotext >/dev/null; then \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils fonts-dejavu-core >/dev/null; \
	fi

PORT ?= 5000
run: install
	$(BIN)/flask db upgrade heads
	FLASK_RUN_PORT=$(PORT) PUBLIC_BASE_URL=$${PUBLIC_BASE_URL:-http://127.0.0.1:$(PORT)} $(BIN)/flask demo
	PUBLIC_BASE_URL=$${PUBLIC_BASE_URL:-http://127.0.0.1:$(PORT)} $(BIN)/flask run --host 127.0.0.1 --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

# The real-Celery-worker sweep test runs in a process of its own: inside the long run it
# timed out waiting for its worker (not yet understood; see the closing note of session 3).
WORKER_TEST = tests/integration/reports/test_sweep_worker.py

test-sqlite: install system-deps
	env -u TEST_DATABASE_URL $(BIN)/pytest -q --deselect $(WORKER_TEST)
	env -u TEST_DATABASE_URL $(BIN)/pytest -q $(WORKER_TEST)

test-postgres: install
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(TEST_DATABASE_URL)', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "== PostgreSQL run on $(TEST_DATABASE_URL) =="; \
	  TEST_DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/pytest -q -m "not browser" --deselect $(WORKER_TEST); \
	else echo "== PostgreSQL not reachable at $(TEST_DATABASE_URL): PostgreSQL run skipped =="; fi

test: lint test-sqlite test-postgres

bench: install
	$(BIN)/python bench/bench_routing.py
	$(BIN)/python bench/bench_scoring.py
	$(BIN)/python bench/bench_recovery.py
	$(BIN)/python bench/bench_pdf.py
	$(BIN)/python bench/bench_reply_scoring.py

bench-web: install
	$(BIN)/python bench/bench_load.py
	$(BIN)/python bench/bench_fault.py

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache
