# Raqib: every target sets up .venv on first use (Python 3.11+, nothing else needed).
PYTHON ?= python3
VENV   := .venv
UV     := $(VENV)/bin/uv
UV_VERSION := 0.13.9
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_LINK_MODE := copy

.PHONY: run test bench eval lint format install install-dev clean

run: install
	@$(VENV)/bin/raqib run $(ARGS)

# Two workers, each test file on one of them (its fixtures and servers stay together): the end-to-end
# tests spend most of their time waiting on bots and emulators, so two halve the wall time.
JOBS ?= 2
test: install-dev
	$(VENV)/bin/python -m pytest -n $(JOBS) --dist loadfile $(ARGS)

bench: install-dev
	@for b in bench/*.py; do echo "== $$b"; $(VENV)/bin/python $$b || exit 1; done

# Every annotated set: ../shared/corpus/dev when it is beside the checkout, and tests/corpus's own
# (pairs/ holds copies of dev articles for the merge tests).
CORPORA := $(wildcard ../shared/corpus/dev) \
	$(filter-out tests/corpus/pairs/,$(sort $(dir $(wildcard tests/corpus/*/*.json))))

eval: install
	$(VENV)/bin/raqib eval $(CORPORA) $(ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(UV):
	@$(PYTHON) -c 'import sys; sys.exit("Raqib needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	@$(PYTHON) -m venv $(VENV)
	@$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# --inexact keeps uv and pip themselves in the environment they installed into.
$(VENV)/.installed: $(UV) uv.lock pyproject.toml
	@$(UV) sync --quiet --frozen --inexact --no-dev
	@touch $@

$(VENV)/.installed-dev: $(UV) uv.lock pyproject.toml
	@$(UV) sync --quiet --frozen --inexact
	@touch $@ $(VENV)/.installed

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
