# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint clean postgres bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/minutes extract corpus/raw --out outputs

test: $(STAMP) postgres
	$(BIN)/ruff check pipeline tests
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests
	$(BIN)/ruff format --check pipeline tests

# Server binaries for the PostgreSQL tests (Debian's postgresql package; initdb is not on PATH).
# Without apt (or sudo) this only warns: the tests then skip, except under CI=true, where they fail.
PG_INITDB := /usr/lib/postgresql/*/bin/initdb
PG_SKIPS := PostgreSQL tests will skip (and fail under CI=true)
postgres:
	@if ! ls $(PG_INITDB) >/dev/null 2>&1; then \
		if [ "$$(id -u)" -eq 0 ]; then SUDO=; else SUDO="sudo -n"; fi; \
		if command -v apt-get >/dev/null 2>&1 && { [ -z "$$SUDO" ] || command -v sudo >/dev/null 2>&1; }; then \
			echo "installing postgresql for the database tests"; \
			log=$$(mktemp); \
			{ $$SUDO apt-get -qq update && $$SUDO env DEBIAN_FRONTEND=noninteractive \
				apt-get -qq install -y --no-install-recommends postgresql; } >"$$log" 2>&1 \
				|| { tail -n 5 "$$log"; echo "warning: could not install postgresql; $(PG_SKIPS)"; }; \
			rm -f "$$log"; \
		else \
			echo "warning: no initdb, and no apt-get or sudo to install it; $(PG_SKIPS)"; \
		fi; \
	fi

# Throughput and memory of batch extraction (about 25 min on 2 cores); not part of `make test`.
bench: $(STAMP)
	$(BIN)/python bench/run_bench.py

clean:
	rm -rf $(VENV) outputs/*.json
