# The two README commands: `make site` and `make test`. Both bootstrap .venv from pinned versions.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: site test serve clean bench system-deps catalogues

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

# The SCORM runtime the browser tests load packages into (scorm-again, pinned by package-lock.json).
# Without node and npm the SCORM browser tests skip, except under CI, where that is an error.
SCORM_JS := tests/scorm/node_modules/.installed
$(SCORM_JS): tests/scorm/package.json tests/scorm/package-lock.json
	@if command -v npm >/dev/null && command -v node >/dev/null; then \
		cd tests/scorm && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch node_modules/.installed; \
	elif [ -n "$$CI" ]; then \
		echo "error: node and npm are needed for the SCORM browser tests (apt-get install nodejs npm)" >&2; exit 1; \
	else \
		echo "warning: node or npm missing: the SCORM browser tests will skip" >&2; \
	fi

# System packages the tests need (chromium, poppler, LibreOffice, pango, fonts): installed as root, else named.
system-deps:
	bin/system-deps

test: system-deps $(VENV)/.test-deps $(SCORM_JS)
	$(BIN)/python -m pytest -n 2

serve: $(VENV)/.site-deps
	$(BIN)/playbook-gen serve

# Interface catalogues: re-extract the strings (babel.cfg) into playbook_gen/i18n/locale/playbook_gen.pot and merge
# them into each language's .po; then translate the new empty entries (tests/test_i18n.py fails until they are).
catalogues: $(VENV)/.site-deps
	$(BIN)/python -m playbook_gen.i18n.catalogues

bench: $(VENV)/.test-deps
	$(BIN)/python bench/run.py

clean:
	-test -x $(BIN)/playbook-gen && $(BIN)/playbook-gen clean
	rm -rf $(VENV)
