"""The Vietnamese catalog is complete, compiled from its parts, and uses the same placeholders."""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "resources" / "locale" / "vi" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"\{([a-z_]+)[^}]*\}")


def _extract(tmp_path: Path) -> list[str]:
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext is not installed (packaging/test.sh installs it)")
    sources = sorted(str(p) for p in (ROOT / "reception_desk").rglob("*.py"))
    pot = tmp_path / "messages.pot"
    subprocess.run(["xgettext", "--language=Python", "--keyword=_", "--keyword=N_",
                    "--from-code=UTF-8", "--no-location", "-o", str(pot), *sources],
                   check=True)
    ids = []
    for match in re.finditer(r'^msgid ((?:".*"\n)+)', pot.read_text(encoding="utf-8"), re.M):
        parts = re.findall(r'"(.*)"', match.group(1))
        text = "".join(parts).encode("utf-8").decode("unicode_escape").encode(
            "latin-1").decode("utf-8")
        if text:
            ids.append(text)
    return ids


def test_every_message_in_the_code_has_a_vietnamese_translation(tmp_path: Path):
    catalog = gettext.GNUTranslations((CATALOG / "reception_desk.mo").open("rb"))
    known = catalog._catalog  # type: ignore[attr-defined]
    missing = [m for m in _extract(tmp_path) if not (known.get(m) or known.get((m, 0)))]
    assert not missing, "untranslated:\n" + "\n".join(missing[:40])


def test_translations_keep_their_placeholders():
    catalog = gettext.GNUTranslations((CATALOG / "reception_desk.mo").open("rb"))
    wrong = []
    for msgid, msgstr in catalog._catalog.items():  # type: ignore[attr-defined]
        if not isinstance(msgid, str) or not msgid:
            continue
        if set(PLACEHOLDER.findall(msgid)) != set(PLACEHOLDER.findall(msgstr)):
            wrong.append(f"{msgid!r} -> {msgstr!r}")
    assert not wrong, "\n".join(wrong)


def test_compiled_catalog_matches_its_parts(tmp_path: Path):
    if shutil.which("msgcat") is None:
        pytest.skip("GNU gettext is not installed (packaging/test.sh installs it)")
    merged = tmp_path / "merged.po"
    subprocess.run(["msgcat", "--use-first", "--sort-output", "-o", str(merged),
                    *sorted(str(p) for p in (CATALOG / "parts").glob("*.po"))], check=True)
    mo = tmp_path / "merged.mo"
    subprocess.run(["msgfmt", "-o", str(mo), str(merged)], check=True)
    fresh = gettext.GNUTranslations(mo.open("rb"))._catalog  # type: ignore[attr-defined]
    shipped = gettext.GNUTranslations(  # type: ignore[attr-defined]
        (CATALOG / "reception_desk.mo").open("rb"))._catalog
    assert fresh == shipped, "run: bash packaging/i18n.sh"
