"""Settings → Reception duty (issue 14): the chair's duty figures edited from the keyboard,
saved with compare-and-set, a refusal keeping what was typed."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QLabel

from reception_desk.domain.sessions import DEFAULT_DUTY_RULES
from reception_desk.domain.sessions import DutyUnit
from reception_desk.errors import UserError
from reception_desk.i18n import set_language
from reception_desk.services.sessions.duty import RULES_KEY
from reception_desk.texts import message_for
from reception_desk.ui.settings import SettingsDialog
from tests.ui.helpers import press
from tests.ui.helpers import shot

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def dialog(qtbot, sqlite_desk, tmp_path: Path):  # type: ignore[no-untyped-def]
    set_language("vi")
    d = SettingsDialog(sqlite_desk, QSettings(str(tmp_path / "ui.ini"),
                                              QSettings.Format.IniFormat))
    qtbot.addWidget(d)
    d.resize(1280, 800)
    d.show()
    d.activateWindow()
    qtbot.waitExposed(d)
    yield d
    set_language("vi")


def alt(qtbot, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """Alt plus ``key``; a button's mnemonic clicks it after its press animation."""
    press(qtbot, key, ALT)
    qtbot.wait(150)


def _type(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    widget = QApplication.focusWidget()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(QApplication.focusWidget(), text)


def test_keyboard_edit_of_the_july_2026_rule_is_saved_and_read_back(qtbot, dialog, sqlite_desk,
                                                                     tmp_path):  # type: ignore[no-untyped-def]
    alt(qtbot, Qt.Key.Key_P)  # "Lịch tiế&p của Chủ tịch"
    tab = dialog.duty_tab
    assert dialog.tabs.currentWidget() is tab
    alt(qtbot, Qt.Key.Key_Q)  # the rules table
    assert QApplication.focusWidget() is tab.table
    press(qtbot, Qt.Key.Key_Down)
    assert tab.current_row() == 1 and tab.day_edit.text() == "01/07/2026"
    assert "[N]" in tab.basis_label.text() and "136/2025" in tab.basis_label.text()
    alt(qtbot, Qt.Key.Key_I)  # "Số ngày tối th&iểu"
    assert QApplication.focusWidget() is tab.days_spin
    _type(qtbot, "3")
    assert tab.table.item(1, 2).text() == "3"
    assert dialog.grab().save(shot(tmp_path, "settings-duty-edited.png"))
    alt(qtbot, Qt.Key.Key_E)  # "Lưu quy định (&E)"
    assert tab.status_label.text() == "Đã lưu."
    rules = sqlite_desk.sessions.duty_rules()
    assert [(r.effective_from, r.unit, r.min_days) for r in rules] == [
        (date(2014, 7, 1), DutyUnit.ISO_WEEK, 1), (date(2026, 7, 1), DutyUnit.MONTH, 3)]
    assert rules[1].source == DEFAULT_DUTY_RULES[1].source  # the basis is kept


def test_a_stale_version_is_refused_and_keeps_what_was_typed(qtbot, dialog, sqlite_desk):  # type: ignore[no-untyped-def]
    tab = dialog.duty_tab
    dialog.tabs.setCurrentWidget(tab)
    version = sqlite_desk.setting_version(RULES_KEY)
    other = (DEFAULT_DUTY_RULES[0], replace(DEFAULT_DUTY_RULES[1], min_days=5))
    sqlite_desk.sessions.save_duty_rules(other, version)  # another counter saves first
    tab.table.setFocus()
    press(qtbot, Qt.Key.Key_Down)
    alt(qtbot, Qt.Key.Key_I)
    _type(qtbot, "4")
    alt(qtbot, Qt.Key.Key_E)
    assert tab.error_label.isVisible() and tab.error_label.text()
    assert tab.days_spin.value() == 4 and tab.rows[1].min_days == 4
    assert sqlite_desk.sessions.duty_rules()[1].min_days == 5
    alt(qtbot, Qt.Key.Key_E)  # saving again, knowingly, replaces the other counter's
    assert sqlite_desk.sessions.duty_rules()[1].min_days == 4


def test_bad_input_gets_the_message_at_its_field_and_nothing_is_lost(qtbot, dialog,
                                                                   sqlite_desk, tmp_path):  # type: ignore[no-untyped-def]
    tab = dialog.duty_tab
    dialog.tabs.setCurrentWidget(tab)
    tab.table.setFocus()
    alt(qtbot, Qt.Key.Key_A)  # "Thêm quy định (&A)": the day field takes the focus
    assert len(tab.rows) == 3 and QApplication.focusWidget() is tab.day_edit
    qtbot.keyClicks(tab.day_edit, "31/02/2027")
    alt(qtbot, Qt.Key.Key_E)
    assert tab.day_error.isVisible() and "31/02/2027" in tab.day_error.text()
    assert tab.day_edit.text() == "31/02/2027" and tab.current_row() == 2
    _type(qtbot, "01/07/2026")  # the same day as the monthly rule
    alt(qtbot, Qt.Key.Key_E)
    assert tab.day_error.text() == message_for(UserError("session.duty_rules_same_day"))
    assert tab.day_error.isVisible() and tab.day_edit.text() == "01/07/2026"
    _type(qtbot, "01/01/2027")
    alt(qtbot, Qt.Key.Key_I)
    _type(qtbot, "0")
    alt(qtbot, Qt.Key.Key_E)
    assert tab.days_error.isVisible() and not tab.day_error.isVisible()
    assert tab.days_spin.value() == 0 and tab.day_edit.text() == "01/01/2027"
    assert dialog.grab().save(shot(tmp_path, "settings-duty-refused.png"))
    assert sqlite_desk.setting_version(RULES_KEY) == 0  # nothing saved
    alt(qtbot, Qt.Key.Key_V)  # back to the shipped figures
    alt(qtbot, Qt.Key.Key_E)
    assert sqlite_desk.sessions.duty_rules() == DEFAULT_DUTY_RULES
    alt(qtbot, Qt.Key.Key_Q)
    alt(qtbot, Qt.Key.Key_X)  # remove the weekly rule
    alt(qtbot, Qt.Key.Key_E)
    assert [r.unit for r in sqlite_desk.sessions.duty_rules()] == [DutyUnit.MONTH]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_alt_letter_clashes_inside_the_tab(qtbot, sqlite_desk, tmp_path, language):  # type: ignore[no-untyped-def]
    set_language(language)
    try:
        d = SettingsDialog(sqlite_desk, QSettings(str(tmp_path / "ui.ini"),
                                                  QSettings.Format.IniFormat))
        qtbot.addWidget(d)
        texts = [d.tabs.tabText(i) for i in range(d.tabs.count())]
        texts += [w.text() for w in d.duty_tab.findChildren(QLabel)]
        texts += [w.text() for w in d.duty_tab.findChildren(QAbstractButton)]
        letters = [m.group(1).lower() for t in texts for m in re.finditer(r"&([^&\s])", t)]
        assert len(letters) == len(set(letters)), sorted(letters)
        assert len(letters) == d.tabs.count() + 9
        assert all(c.isascii() for c in letters)
        d.resize(1100, 700)
        d.show()
        d.tabs.setCurrentWidget(d.duty_tab)
        qtbot.waitExposed(d)
        assert d.grab().save(shot(tmp_path, f"settings-duty-{language}.png"))
    finally:
        set_language("vi")


def test_an_inspector_sees_the_figures_but_every_action_is_greyed(qtbot, sqlite_desk, tmp_path):  # type: ignore[no-untyped-def]
    from reception_desk.domain.access import Role
    from tests.conftest import sign_in_as

    sign_in_as(sqlite_desk, Role.INSPECTOR)
    d = SettingsDialog(sqlite_desk, QSettings(str(tmp_path / "ui.ini"),
                                              QSettings.Format.IniFormat))
    qtbot.addWidget(d)
    tab = d.duty_tab
    assert len(tab.rows) == 2
    assert not any(b.isEnabled() for b in (tab.new_button, tab.remove_button,
                                           tab.defaults_button, tab.save_button))
