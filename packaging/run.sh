#!/usr/bin/env bash
# Launch Reception Desk on the embedded SQLite database from a fresh clone (Debian/Ubuntu,
# Python >= 3.11). Extra arguments go to the app, e.g. `--database URL` or `--lang en`.
set -euo pipefail
cd "$(dirname "$0")/.."
. packaging/system-packages.sh
install_system_packages run
PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
exec .venv/bin/reception-desk "$@"
