#!/usr/bin/env bash
# Rebuild the Vietnamese catalog from its parts and compile it (needs GNU gettext).
# Each UI area keeps its translations in resources/locale/vi/LC_MESSAGES/parts/<area>.po, so
# several people can translate at once; the merged .po and the compiled .mo are committed.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=resources/locale/vi/LC_MESSAGES
msgcat --use-first --sort-output -o "$dir/reception_desk.po" "$dir"/parts/*.po
msgfmt --check-format -o "$dir/reception_desk.mo" "$dir/reception_desk.po"
echo "compiled $dir/reception_desk.mo"
