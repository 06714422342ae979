#!/usr/bin/env bash
# Set up (first run only) and run every check: ruff, the import contracts, and all tests.
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen
echo "== ruff" >&2
.venv/bin/ruff check moderator tests benchmarks scripts main.py
echo "== import contracts (the engine never imports Qt)" >&2
.venv/bin/lint-imports
echo "== pytest" >&2
.venv/bin/python -m pytest -q "$@"
