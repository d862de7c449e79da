#!/usr/bin/env bash
# Build the one-folder bundle with PyInstaller into dist/reception-desk and smoke-test it.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q -e . "pyinstaller>=6.22,<7"
.venv/bin/pyinstaller --noconfirm --clean packaging/reception-desk.spec
QT_QPA_PLATFORM=offscreen dist/reception-desk/reception-desk deadline intake-notice 2026-02-13 --json
