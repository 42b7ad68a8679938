# The two README commands: `make site` and `make test`. Both bootstrap .venv from pinned versions.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: site test serve clean bench system-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Runtime dependencies, pinned by constraints.txt.
$(VENV)/.site-deps: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install -q -c constraints.txt -e .
	touch $@

# Test dependencies on top.
$(VENV)/.test-deps: $(VENV)/.site-deps
	$(BIN)/pip install -q -c constraints.txt -e '.[test]'
	touch $@

site: $(VENV)/.site-deps
	$(BIN)/playbook-gen build

# System packages the tests need (chromium, poppler, LibreOffice, pango, fonts): installed as root, else named.
system-deps:
	bin/system-deps

test: system-deps $(VENV)/.test-deps
	$(BIN)/python -m pytest -n 2

serve: $(VENV)/.site-deps
	$(BIN)/playbook-gen serve

bench: $(VENV)/.test-deps
	$(BIN)/python bench/run.py

clean:
	-test -x $(BIN)/playbook-gen && $(BIN)/playbook-gen clean
	rm -rf $(VENV)
