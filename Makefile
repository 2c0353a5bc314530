# cxgov: `make run` serves the demo, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
PORT ?= 5000
TRANSLATIONS := cxgov/translations

.PHONY: run test fuzz serve system-run system-test translations extract-messages lint clean

run: system-run $(VENV)/.run-installed translations
	@$(FLASK) db upgrade 2>&1 | grep -v '^INFO' || true
	@$(FLASK) cxgov demo --if-empty
	@echo ""
	@echo "  cxgov is serving on http://127.0.0.1:$(PORT)"
	@echo "  Demo sign-ins (password cxgov-demo): ceo@demo.cxgov.example, cxo@demo.cxgov.example,"
	@echo "  hr@demo.cxgov.example, viewer@demo.cxgov.example, admin@demo.cxgov.example,"
	@echo "  lead.<code>@demo.cxgov.example for each department (prd, mkt, sal, cs, scm, fin, hr, it)"
	@echo ""
	@PORT=$(PORT) scripts/serve.sh

test: system-test $(VENV)/.test-installed translations
	$(BIN)/python -m pytest -q -p no:cacheprovider -n 2 --dist loadgroup --durations=12

# Longer API fuzzing than the suite's (see README "API fuzzing"): FUZZ_EXAMPLES examples per operation and backend.
FUZZ_EXAMPLES ?= 200
fuzz: system-test $(VENV)/.test-installed translations
	CXGOV_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q -s -p no:cacheprovider tests/web/test_api_fuzz.py

system-run:
	@scripts/install-system-deps.sh run

system-test:
	@scripts/install-system-deps.sh test

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.run-installed: requirements.txt | $(VENV)/bin/python
	$(BIN)/pip install -q -r requirements.txt
	@touch $@

$(VENV)/.test-installed: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(BIN)/pip install -q -r requirements-dev.txt
	@touch $@ $(VENV)/.run-installed

# Compiled catalogues are build output (.mo files are not committed).
translations: $(VENV)/.run-installed
	@$(BIN)/pybabel compile -d $(TRANSLATIONS) >/dev/null

# Refresh the catalogue after adding or changing user-facing text, then translate the new entries.
extract-messages: $(VENV)/.run-installed
	$(BIN)/pybabel extract --ignore-dirs=".* .venv __pycache__" -F babel.cfg -k _l -k lazy_gettext -o $(TRANSLATIONS)/messages.pot .
	$(BIN)/pybabel update -N -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS)

lint: $(VENV)/.test-installed
	$(BIN)/ruff check cxgov tests

clean:
	rm -rf $(VENV) instance .pytest_cache
