#!/usr/bin/env bash
# Set up (first run only) and run every check: ruff, the import contracts, mypy, and all tests
# twice: with the rules compiled (as the app runs them) and on their Python source.
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen
echo "== ruff" >&2
.venv/bin/ruff check moderator tests benchmarks scripts main.py
echo "== import contracts (the engine never imports Qt)" >&2
.venv/bin/lint-imports
echo "== mypy (the compiled rules rely on their types)" >&2
.venv/bin/mypy
echo "== pytest, the rules compiled ($(.venv/bin/python scripts/compile.py --check || true))" >&2
.venv/bin/python -m pytest -q "$@"
echo "== pytest again, on the rules' Python source" >&2
MODERATOR_PURE=1 .venv/bin/python -m pytest -q "$@"
