#!/usr/bin/env bash
# Make a working environment from a fresh clone: a virtual environment with popsbot and its dev
# extras installed (re-installed only when pyproject.toml changes) and compiled translations.
# Used by `make console`, `make test` and .ci/run. Idempotent and quiet when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}

if [ ! -x "$VENV/bin/python" ]; then
  echo "bootstrap: creating $VENV with $($PYTHON --version)"
  "$PYTHON" -m venv "$VENV"
fi

stamp="$VENV/.stamp-pyproject"
want=$(sha256sum pyproject.toml setup.py | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "bootstrap: installing popsbot[dev] into $VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -e ".[dev]"
  echo "$want" > "$stamp"
fi

"$VENV/bin/python" -c "from bot.i18n import compile_catalogues; compile_catalogues()"
