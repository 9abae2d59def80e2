# Two commands for a newcomer: `make site` and `make test`. Both set themselves up.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Same sources, same bytes: dates that MkDocs stamps come from the last commit.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1733616000)
export SOURCE_DATE_EPOCH
# Material prints an end-of-life banner on every build; the README says it once.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve check test golden system-deps clean

$(VENV)/.site-deps: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-deps: $(VENV)/.site-deps requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

## site: validate sources, generate pages and feeds, build site/ (replaced only on success)
site: $(VENV)/.site-deps
	$(BIN)/python -m build_tools build
	rm -rf .site-new
	$(BIN)/mkdocs build --quiet --strict --site-dir .site-new
	rm -rf .site-old; if [ -d site ]; then mv site .site-old; fi
	mv .site-new site && rm -rf .site-old

## serve: live preview on http://127.0.0.1:8000/ (edits under sources/ reload)
serve: $(VENV)/.site-deps
	$(BIN)/mkdocs serve

## check: validate every source file, write nothing
check: $(VENV)/.site-deps
	$(BIN)/python -m build_tools check

## test: every test, including the browser and feed-reader ones
test: $(VENV)/.test-deps system-deps
	$(BIN)/python -m pytest

## golden: refresh the golden files after an intended change to the output
golden: $(VENV)/.test-deps
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/test_golden.py

## system-deps: Debian packages the tests drive (a real browser, a real feed reader)
system-deps:
	@command -v chromium >/dev/null && command -v newsboat >/dev/null || { \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium newsboat >/dev/null; }

clean:
	rm -rf site .site-new .site-old $(VENV)
