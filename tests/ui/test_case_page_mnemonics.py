"""Every visible control of the case page has its own Alt+letter (Vietnamese and English): the
page gathers sections from several features (events, complexity, dialogue, report facts, legal
facts), and two controls sharing a mnemonic make Alt+letter cycle instead of jump. The secondary
sections are tabs (ui/cases/sections.py) and a hidden tab's letters are out of reach: each tab
is visited, with the controls always in view."""

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
from tests.ui.cases_data import with_every_section


def _mnemonics(dialog: QWidget) -> tuple[dict[str, list[str]], list[QWidget]]:
    """The Alt+letters in reach now (visible controls, enabled Alt shortcuts of a visible
    part), and the controls that carry them."""
    seen: dict[str, list[str]] = defaultdict(list)
    carriers: list[QWidget] = []
    for widget in _marked(dialog):
        if widget.isVisibleTo(dialog):
            seen[_letter(widget)].append(_text(widget))
            carriers.append(widget)
    for shortcut in dialog.findChildren(QShortcut):  # Alt+letter shortcuts of a section
        key = shortcut.key().toString(QKeySequence.SequenceFormat.PortableText)
        owner = shortcut.parent()
        if (shortcut.isEnabled() and key.startswith("Alt+") and len(key) == 5
                and (owner is dialog or owner.isVisibleTo(dialog))):
            seen[key[-1].lower()].append(key)
    return seen, carriers


def _text(widget: QWidget) -> str:
    return (widget.title() if isinstance(widget, QGroupBox) else widget.text()) or ""


def _letter(widget: QWidget) -> str:
    match = re.search(r"&([^&\s])", _text(widget))
    assert match
    return match.group(1).lower()


def _marked(dialog: QWidget) -> list[QWidget]:
    """Every label, button and group of the page whose text carries a mnemonic."""
    widgets: list[QWidget] = [*dialog.findChildren(QLabel), *dialog.findChildren(QAbstractButton),
                              *dialog.findChildren(QGroupBox)]
    return [w for w in widgets if re.search(r"&([^&\s])", _text(w))]


def _check_every_tab(dialog: CaseDialog, name: str) -> None:
    """Visit each shown tab: the letters in reach are unique; every marked control that the
    case shows (in the page or in a shown tab) was among them once."""
    tabs = dialog.sections
    shown = [i for i in range(tabs.count()) if tabs.isTabVisible(i)]
    assert shown, name
    checked: list[QWidget] = []
    for index in shown:
        tabs.setCurrentIndex(index)
        seen, carriers = _mnemonics(dialog)
        shared = {k: v for k, v in seen.items() if len(v) > 1}
        assert not shared, (name, tabs.tabText(index), shared)
        checked += carriers
    for widget in _marked(dialog):
        page = next((tabs.widget(i) for i in range(tabs.count())
                     if tabs.widget(i).isAncestorOf(widget)), None)
        if page is None:
            wanted = widget.isVisibleTo(dialog)
        else:
            wanted = tabs.isTabVisible(tabs.indexOf(page)) and widget.isVisibleTo(page)
        if wanted:
            assert any(widget is c for c in checked), (name, _text(widget))
    # Each shown tab has its own key, and only shown tabs have one.
    keys = [s.key().toString() for s in tabs.shortcuts if s.isEnabled()]
    assert keys == [f"Ctrl+{i + 1}" for i in shown], (name, keys)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_two_controls_share_an_alt_letter(qtbot, sqlite_desk, clock, language: str) -> None:  # type: ignore[no-untyped-def]
    set_language(language)
    try:
        cases = populate(sqlite_desk)
        # Every section filled: a complaint (dialogues, directives, facts), a denunciation
        # (directives, entrusted verification).
        full = with_every_section(sqlite_desk, clock, cases)
        names = ("second", *sorted(set(cases) - {"second"})[:2])
        for name, case_id in ([(n, cases[n]) for n in names]
                              + [(f"{n} (every section)", i) for n, i in full.items()]):
            dialog = CaseDialog(sqlite_desk, case_id)
            qtbot.addWidget(dialog)
            dialog.show()
            _check_every_tab(dialog, name)
    finally:
        set_language("vi")
