# popsbot developer commands. `make console` and `make test` bootstrap everything they need.
VENV ?= .venv
PY := $(VENV)/bin/python
PYBABEL := $(VENV)/bin/pybabel
LANGS := es fr pt

.PHONY: help bootstrap console test test-fast lint typecheck i18n-extract i18n-update i18n-sync i18n-compile i18n-check

help:
	@echo "make console   chat with popsbot in this terminal (sandbox, no Telegram needed)"
	@echo "make test      run the whole test suite (starts PostgreSQL/Redis if installed)"
	@echo "make lint      ruff; make typecheck: mypy"
	@echo "make i18n-sync (extract, update, merge locales/incoming) | i18n-compile | i18n-check"

bootstrap:
	@scripts/bootstrap.sh

console: bootstrap
	$(VENV)/bin/popsbot console

test: bootstrap
	@scripts/ensure-services.sh
	$(PY) -m pytest $(PYTEST_ARGS)

test-fast: bootstrap
	$(PY) -m pytest -m "not e2e and not slow" $(PYTEST_ARGS)

lint: bootstrap
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

typecheck: bootstrap
	$(VENV)/bin/mypy bot handlers db

i18n-extract: bootstrap
	$(PYBABEL) extract -F babel.cfg -k __ -k lazy_gettext --no-location --sort-by-file -w 99 \
	  --project popsbot --copyright-holder "popsbot developers" \
	  --msgid-bugs-address "" -o locales/messages.pot .

i18n-update: i18n-extract
	@for lang in en $(LANGS); do \
	  if [ -f locales/$$lang/LC_MESSAGES/messages.po ]; then \
	    $(PYBABEL) update --no-fuzzy-matching -w 99 -i locales/messages.pot -d locales -l $$lang; \
	  else \
	    $(PYBABEL) init -w 99 -i locales/messages.pot -d locales -l $$lang; \
	  fi; \
	done

# Extract + update + fill from locales/incoming/*.<lang>.po (features' own translation files).
i18n-sync: bootstrap
	$(PY) scripts/i18n_sync.py

i18n-compile: bootstrap
	$(PY) -c "from bot.i18n import compile_catalogues; print(len(compile_catalogues(force=True)), 'catalogues compiled')"

i18n-check: bootstrap
	$(PY) -m pytest tests/test_translations.py -q
