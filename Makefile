# Chengguan — the two commands are `make run` and `make test`; everything they need is installed here.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOME_DIR ?= var
DEMO_PASSWORD ?= chengguan
HOST ?= 127.0.0.1
PORT ?= 8000
export CHENGGUAN_HOME ?= $(abspath $(HOME_DIR))
# The demo's accounts keep the shared demo password (decision 072); a deployment leaves this unset.
export CHENGGUAN_DEMO_MODE ?= 1

.PHONY: help install sysdeps assets run migrate demo test test-fast lint format bench clean test-deep wheel

help: ## this list
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | sort

$(VENV)/.installed: pyproject.toml
	@echo "==> 1/4 Python 环境与依赖包（首次约 1–2 分钟）"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	set -o pipefail; $(PY) -m pip install -e '.[test,lint]' | awk '/^(Collecting|Successfully)/ {print; fflush()}'
	touch $@

install: $(VENV)/.installed ## create .venv and install the package with test and lint tools

sysdeps: ## Debian packages: CJK font and Pango for PDFs, Chromium for browser tests
	@echo "==> 2/4 系统软件包（中文字体、PDF、Chromium）"
	bash scripts/sysdeps.sh

node_modules/.installed: package.json
	@echo "==> 3/4 前端库（npm）"
	@if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; \
	 else npm install --no-audit --no-fund --loglevel=error; fi
	touch $@

assets: $(if $(wildcard package.json),node_modules/.installed) ## front-end libraries from npm

migrate: install ## create or upgrade the database
	$(PY) -m chengguan.manage migrate --noinput

demo: migrate ## load the demo bureau (idempotent; a missing next-year calendar is drafted, with a banner)
	@echo "==> 4/4 演示数据"
	$(PY) -m chengguan.manage demo --password $(DEMO_PASSWORD) --draft-calendar

run: install sysdeps assets demo ## install, migrate, load the demo and serve on http://127.0.0.1:8000
	@echo "演示用户密码：$(DEMO_PASSWORD)；打开 http://$(HOST):$(PORT)/"
	$(VENV)/bin/chengguan serve --host $(HOST) --port $(PORT)

# pytest exits 5 when it collected nothing: that is a broken suite, never a pass.
test: install sysdeps assets ## install what the tests need, then run the whole suite
	CHENGGUAN_HOME=$(abspath var/test) CHENGGUAN_FAST_HASHER=1 $(PY) -m pytest $(PYTEST_ARGS); \
	rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$rc

# Issue #11: the adversarial model-based test with many more and longer runs (hypothesis "deep").
test-deep: install sysdeps assets ## run the adversarial penalty-case state machine with the deep profile
	CHENGGUAN_HOME=$(abspath var/test) CHENGGUAN_FAST_HASHER=1 HYPOTHESIS_PROFILE=deep $(PY) -m pytest -p no:cacheprovider -q tests/penalties/test_adversarial_machine.py
	# --- helper:measures-web --- the 查封扣押 histories machine, deep profile
	CHENGGUAN_HOME=$(abspath var/test) CHENGGUAN_FAST_HASHER=1 HYPOTHESIS_PROFILE=deep $(PY) -m pytest -p no:cacheprovider -q tests/measures/test_seizure_machine.py
	# --- /helper:measures-web ---
	# --- helper:trust --- the live-server fuzz (tests/live), deep profile: 12 examples per operation × category × identity
	CHENGGUAN_HOME=$(abspath var/test) CHENGGUAN_FAST_HASHER=1 HYPOTHESIS_PROFILE=deep $(PY) -m pytest -p no:cacheprovider -q -s tests/live/test_live_fuzz.py
	# --- /helper:trust ---

lint: install ## ruff (lint + format check), the import contracts (pyproject.toml), mypy and the project rules (scripts/lint_rules.py)
	$(VENV)/bin/ruff check chengguan tests bench
	$(VENV)/bin/ruff format --check chengguan tests bench
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy chengguan
	$(VENV)/bin/python scripts/lint_rules.py

format: install ## apply ruff's fixes and formatting
	$(VENV)/bin/ruff check --fix chengguan tests bench
	$(VENV)/bin/ruff format chengguan tests bench

bench: install sysdeps assets ## speed figures (printed, and written as JSON under var/bench/)
	bash bench/run.sh

# Decision 095: the wheel carries the npm assets it serves, so `pip install` needs no npm.
wheel: install assets ## build dist/chengguan-*.whl with the front-end assets inside
	$(PY) scripts/build_wheel.py

clean: ## remove generated files (keeps .venv)
	rm -rf var/test var/bench .pytest_cache .mypy_cache .ruff_cache
