# Two commands for a newcomer: `make site` and `make test`. Every target sets itself up (a virtual
# environment with the pinned dependencies); `make` alone lists them (`make help`).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Same sources, same bytes: dates that MkDocs stamps come from the last commit.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1733616000)
export SOURCE_DATE_EPOCH
# Material prints an end-of-life banner on every build; the README says it once.
export NO_MKDOCS_2_WARNING := 1

.PHONY: help site serve check new-article explain test golden mutation system-deps clean bench
.DEFAULT_GOAL := help

$(VENV)/.site-deps: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-deps: $(VENV)/.site-deps requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

## help: list these targets (what `make` alone does)
help:
	@awk '/^## [a-z-]+:/ { sub(/^## /, ""); name = $$0; sub(/:.*/, "", name); text = $$0; sub(/^[^:]*: */, "", text); \
	       printf "  make %-12s %s\n", name, text; next } \
	     /^##  / { sub(/^## */, ""); printf "  %-17s %s\n", "", $$0 }' $(firstword $(MAKEFILE_LIST))

## site: validate sources, generate pages and feeds, build site/ (replaced only on success); records
##       new addresses in sources/published-urls.txt (commit it)
site: $(VENV)/.site-deps
	rm -rf .site-new
	$(BIN)/mkdocs build --quiet --strict --site-dir .site-new
	rm -rf .site-old; if [ -d site ]; then mv site .site-old; fi
	mv .site-new site && rm -rf .site-old

## serve: live preview on http://127.0.0.1:8000/ (edits under sources/ reload)
# --dirty re-renders only the pages an edit changed; MkDocs warns about every dirty build, so the
# preview is not strict (source errors show on its pages); `make site` stays strict.
serve: $(VENV)/.site-deps
	$(BIN)/mkdocs serve --dirty --no-strict

## check: validate every source file, write nothing (FORMAT=github: problems as annotations)
check: $(VENV)/.site-deps
	$(BIN)/python -m build_tools check $(if $(FORMAT),--format $(FORMAT))

## new-article: start the metadata of a new raw article, every field to fill marked TODO:
##              make new-article TXT=sources/articles/<id>.txt
new-article: $(VENV)/.site-deps
	@test -n "$(TXT)" || { echo "usage: make new-article TXT=sources/articles/<id>.txt"; exit 2; }
	$(BIN)/python -m build_tools new-article "$(TXT)"

## explain: every line of one raw article, kept or removed and by which rule (the page's "as collected"
##          view): make explain TXT=sources/articles/<id>.txt
explain: $(VENV)/.site-deps
	@test -n "$(TXT)" || { echo "usage: make explain TXT=sources/articles/<id>.txt"; exit 2; }
	$(BIN)/python -m build_tools explain "$(TXT)"

## test: every test, including the browser and feed-reader ones
test: $(VENV)/.test-deps node_modules/.package-lock.json system-deps
	$(BIN)/ruff check build_tools tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest

## golden: rewrite tests/golden/ (every page and feed of the fixture corpus in tests/fixtures/corpus/)
##         after an intended change to the output format; then review the diff
golden: $(VENV)/.test-deps
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_golden.py

## mutation: mutation testing (mutmut) of what readers see and trust — validation, feeds, cleaning,
##           mentions, Arabic folding, escaping — against the fast unit tests; prints the score per
##           module and fails under 90 % (several minutes; not part of `make test`; see benchmarks/MUTATION.md)
mutation: $(VENV)/.test-deps
	rm -rf mutants && mkdir mutants
	@echo "mutmut run (progress in mutants/run.log) ..."
	@$(BIN)/mutmut run > mutants/run.log 2>&1 || { tail -c 3000 mutants/run.log; echo; exit 1; }
	$(BIN)/python benchmarks/mutation_score.py

# node_modules: npm packages pinned in package-lock.json: axe-core, which the browser tests inject
#               into every page type, and the Arabic web font copied into docs/assets/fonts/
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

## system-deps: Debian packages the tests drive (a real browser, a real feed reader), and an emoji
##              font so that the browser tests' screenshots show the site's 🤖 marks as readers see them
EMOJI_FONT := /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf
system-deps:
	@command -v chromium >/dev/null && command -v newsboat >/dev/null && [ -e $(EMOJI_FONT) ] || { \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium newsboat \
	    fonts-noto-color-emoji >/dev/null; }

## bench: build time, memory and output size at 1,000 and 10,000 articles (slow; not part of make test)
# Sizes and shapes of `make bench` (SIZES=1000 SHAPES=realistic make bench for one).
SIZES ?= 1000,10000
SHAPES ?= copies,realistic
bench: $(VENV)/.site-deps
	$(BIN)/python benchmarks/bench_build.py --sizes $(SIZES) --shapes $(SHAPES)

## clean: delete everything built or installed (site/, build/, .venv/, node_modules/)
clean:
	rm -rf site .site-new .site-old build $(VENV) node_modules
