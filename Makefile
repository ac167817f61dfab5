# CodeCareers: `make run` serves the board with demo data; `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
HOST   ?= 127.0.0.1
PORT   ?= 5000
export HOST PORT

.PHONY: run test install lint mutate clean-db help

help:
	@echo "make run    - install, migrate, seed demo data on first run, serve on http://$(HOST):$(PORT)"
	@echo "make test   - install and run the whole test suite (SQLite, or TEST_DATABASE_URL)"
	@echo "make lint   - ruff"
	@echo "make mutate MODULE=careers/jobs/services.py - mutation-test one module with its own tests, print its score"

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "CodeCareers needs Python 3.11, found " + sys.version'
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e '.[test]'
	@touch $@

install: $(VENV)/.installed

run: install
	@VENV=$(VENV) bash scripts/run.sh

test: install
	@VENV=$(VENV) bash scripts/test.sh $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check careers tests bench scripts

# Not part of `make test` or CI: minutes per module. MUTATE_CHILDREN=2 runs two mutants at once.
MUTATE_CHILDREN ?= 1
mutate: install
	@test -n "$(MODULE)" || { echo "usage: make mutate MODULE=careers/jobs/services.py (modules: [tool.codecareers.mutation] in pyproject.toml)" >&2; exit 2; }
	$(VENV)/bin/python mutation/run.py --max-children $(MUTATE_CHILDREN) $(MODULE)

clean-db:
	rm -f instance/careers.sqlite3
