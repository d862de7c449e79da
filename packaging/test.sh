#!/usr/bin/env bash
# Whole test suite from a fresh clone (Debian/Ubuntu, Python >= 3.11): system packages, the
# virtual environment at .venv, lint, layer contracts, then pytest (SQLite and a PostgreSQL server
# that the tests start themselves). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
. packaging/system-packages.sh
install_system_packages test
PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
.venv/bin/ruff check reception_desk tests
.venv/bin/lint-imports --no-cache
.venv/bin/mypy reception_desk/domain reception_desk/storage reception_desk/services reception_desk/printing reception_desk/demo reception_desk/reports
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
