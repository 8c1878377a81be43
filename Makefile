# deadcode: `make demo` and `make test` work on a fresh machine (Python, Node, Debian packages).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
TOOLS  := .tools
ESBUILD_VERSION := 0.25.12
KNIP_VERSION := 5.66.0

# pip compiles a wheel's modules, not an editable install's; with PYTHONDONTWRITEBYTECODE set
# nothing would, and every run would compile deadcode again (0.3 s): compiled here, as installed
COMPILE = $(PY) -m compileall -q src >/dev/null

.PHONY: demo test lint bench install install-test tools clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e .
	$(COMPILE)
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Node is only used by tests (the example frontend must bundle): esbuild goes into .tools/.
$(TOOLS)/node_modules/.bin/esbuild:
	mkdir -p $(TOOLS)
	npm install --prefix $(TOOLS) --no-audit --no-fund --silent esbuild@$(ESBUILD_VERSION)

tools: $(TOOLS)/node_modules/.bin/esbuild

demo: install
	$(VENV)/bin/deadcode report tests/fixtures/dbg --out reports/dbg --summary
	$(VENV)/bin/deadcode scan tests/fixtures/dbg

test: install-test tools
	$(PY) -m pytest -q -n 2

# ruff (lint: the rules are [tool.ruff.lint]; format check) and deadcode on its own sources: no finding
# may appear that pyproject's [tool.deadcode] does not keep (unsure ones fail too)
lint: install-test
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/ruff format --check src tests
	$(VENV)/bin/deadcode check . --no-cache --quiet --include-unsure --baseline .ci/deadcode-baseline.json

bench: install-test
	$(PIP) install -q -e '.[bench]'
	$(COMPILE)
	$(PY) tests/bench/run.py

clean:
	rm -rf $(VENV) $(TOOLS) .deadcode-cache .pytest_cache
