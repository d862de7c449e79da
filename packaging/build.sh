#!/usr/bin/env bash
# Build the one-folder bundle with PyInstaller into dist/reception-desk, then smoke-test it:
# the command line (demo data, integrity check, deadline calculator, a printed receipt) and the
# window (it must still be running after a few seconds, offscreen, on the demo database).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q -e . "pyinstaller>=6.22,<7"
.venv/bin/pyinstaller --noconfirm --clean packaging/reception-desk.spec
app=dist/reception-desk/reception-desk
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export QT_QPA_PLATFORM=offscreen XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config"
"$app" demo --visits 50 --database "$tmp/demo.sqlite3"
"$app" check --database "$tmp/demo.sqlite3"
"$app" deadline intake-notice 2026-02-13 --json
"$app" print receipt 1/2026 --out "$tmp/receipt.pdf" --database "$tmp/demo.sqlite3" || \
    "$app" print receipt 1 --out "$tmp/receipt.pdf" --database "$tmp/demo.sqlite3"
test -s "$tmp/receipt.pdf"
set +e
timeout 6 "$app" --database "$tmp/demo.sqlite3" 2> "$tmp/stderr.txt"
code=$?
set -e
if [ "$code" -ne 124 ]; then
    echo "the window exited early (code $code):" >&2
    cat "$tmp/stderr.txt" >&2
    exit 1
fi
echo "bundle OK: $(du -sh dist/reception-desk | cut -f1)"
