"""Every visible control of the case page has its own Alt+letter (Vietnamese and English): the
page gathers sections from several features (events, complexity, dialogue, report facts, legal
facts), and two controls sharing a mnemonic make Alt+letter cycle instead of jump."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QAbstractButton
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QWidget

from reception_desk.i18n import set_language
from reception_desk.ui.cases import CaseDialog
from tests.ui.cases_data import populate


def _mnemonics(dialog: QWidget) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = defaultdict(list)
    widgets: list[QWidget] = [*dialog.findChildren(QLabel), *dialog.findChildren(QAbstractButton),
                              *dialog.findChildren(QGroupBox)]
    for widget in widgets:
        text = widget.title() if isinstance(widget, QGroupBox) else widget.text()
        match = re.search(r"&([^&\s])", text or "")
        if match and widget.isVisibleTo(dialog):
            seen[match.group(1).lower()].append(text)
    for shortcut in dialog.findChildren(QShortcut):  # Alt+letter shortcuts of a section
        key = shortcut.key().toString(QKeySequence.SequenceFormat.PortableText)
        if shortcut.isEnabled() and key.startswith("Alt+") and len(key) == 5:
            seen[key[-1].lower()].append(key)
    return seen


@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_two_controls_share_an_alt_letter(qtbot, sqlite_desk, language: str) -> None:  # type: ignore[no-untyped-def]
    set_language(language)
    try:
        cases = populate(sqlite_desk)
        for name in ("second", *sorted(set(cases) - {"second"})[:2]):
            dialog = CaseDialog(sqlite_desk, cases[name])
            qtbot.addWidget(dialog)
            dialog.show()
            shared = {k: v for k, v in _mnemonics(dialog).items() if len(v) > 1}
            assert not shared, (name, shared)
    finally:
        set_language("vi")
