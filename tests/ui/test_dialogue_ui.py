"""The visit minutes from the logbook (Ctrl+Shift+B) and the case page's Dialogue section
(issue 14 items 4, 5): keyboard only, greyed by rights; screenshots for a human look.
Clock: Fri 27 Nov 2026 (tests/conftest.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime
from PySide6.QtCore import QSettings
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import tests.printing.rd_pdf_probe as probe
from reception_desk.domain.access import Role
from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import EventKind
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.dialogues import DialogueStatus
from reception_desk.domain.dialogues import ParticipantRole
from reception_desk.i18n import set_language
from reception_desk.services.cases.dto import EventDraft
from reception_desk.services.cases.dto import NewCase
from reception_desk.ui.cases import CaseDialog
from reception_desk.ui.logbook import LogbookPage
from tests.conftest import sample_draft
from tests.conftest import sign_in_as
from tests.ui.helpers import focused
from tests.ui.helpers import press
from tests.ui.helpers import shot
from tests.ui.helpers import type_text

ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(autouse=True)
def _vietnamese():  # type: ignore[no-untyped-def]
    set_language("vi")
    yield
    set_language("en")


def _show(qtbot, widget):  # type: ignore[no-untyped-def]
    qtbot.addWidget(widget)
    widget.resize(1280, 900)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    return widget


def test_logbook_prints_the_minutes_of_the_selected_visit(qtbot, sqlite_desk, tmp_path: Path):
    desk = sqlite_desk
    desk.log_visit(sample_draft(desk))
    desk.log_visit(sample_draft(desk, petition_type=PetitionType.DENUNCIATION, field_code=None,
                                citizen_name="Đinh Văn Tố"))
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    page = _show(qtbot, LogbookPage(desk, settings))
    qtbot.waitUntil(page.isActiveWindow)  # the key below goes through the shortcut map
    page.table.setFocus()
    page.table.selectRow(1)
    assert page.minutes_action.shortcut().toString() == "Ctrl+Shift+B"
    assert page.minutes_action.isEnabled(), page.minutes_action.toolTip()
    press(qtbot, Qt.Key.Key_B, CTRL_SHIFT)
    preview = page.preview
    assert preview is not None and preview.parent() is page, page.message_label.text()
    assert probe.has(preview.pdf, "Về việc tiếp công dân")
    name = page.selected_visit().citizen_name
    assert ("Đinh Văn Tố" in name) is probe.has(preview.pdf, "Đinh Văn Tố")
    preview.grab().save(shot(tmp_path, "logbook-minutes-preview.png"))
    preview.close()
    # An inspector may not issue documents: the action is greyed out, with the reason.
    sign_in_as(desk, Role.INSPECTOR)
    QApplication.processEvents()
    assert not page.minutes_action.isEnabled()
    assert page.minutes_action.toolTip()


def _complaint(desk):  # type: ignore[no-untyped-def]
    case, _ = desk.cases.open_case(NewCase(case_type=CaseType.COMPLAINT_SECOND,
                                           title="Khiếu nại quyết định thu hồi đất",
                                           received_on=date(2026, 10, 2),
                                           respondents="Phạm Văn Bị, Công chức địa chính"))
    desk.cases.record_event(EventDraft(case_id=case.id, kind=EventKind.ACCEPT,
                                       document_date=date(2026, 10, 5)))
    return case


def test_case_page_dialogue_section_by_keyboard(qtbot, sqlite_desk, tmp_path: Path):
    desk = sqlite_desk
    case = _complaint(desk)
    page = _show(qtbot, CaseDialog(desk, case.id))
    qtbot.waitUntil(page.isActiveWindow)  # the keys below go through the shortcut map
    box = page.dialogue_box
    assert box.isVisible()
    assert "Điều 39" in box.rule_label.text()
    assert box.flag_label.isVisible() and "Chưa tổ chức đối thoại" in box.flag_label.text()
    page.grab().save(shot(tmp_path, "case-dialogue-flagged.png"))
    # Schedule: Ctrl+Shift+G, each field by its Alt letter, Enter in the one-line field saves.
    assert box.schedule_shortcut.key().toString() == "Ctrl+Shift+G"
    press(qtbot, Qt.Key.Key_G, CTRL_SHIFT)
    dialog = box.open_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    assert focused() is dialog.at_edit
    dialog.at_edit.setDateTime(QDateTime(2026, 11, 26, 8, 0, 0))
    press(qtbot, Qt.Key.Key_C, ALT)  # Người &chủ trì
    assert focused() is dialog.presiding_edit
    type_text(None, "Lê Văn Chủ, Chủ tịch UBND xã")
    press(qtbot, Qt.Key.Key_K, ALT)  # Người &khiếu nại
    assert focused() is dialog.complainants_edit
    type_text(None, "Trần Thị Khiếu, thôn Đông")
    press(qtbot, Qt.Key.Key_G, ALT)  # Người &ghi biên bản
    assert focused() is dialog.taker_edit
    type_text(None, "Ngô Thị Ghi")
    dialog.grab().save(shot(tmp_path, "schedule-dialogue.png"))
    with qtbot.waitSignal(dialog.finished):
        press(qtbot, Qt.Key.Key_Return)
    assert box.dialogues and box.dialogues[-1].status is DialogueStatus.SCHEDULED
    assert [(p.role, p.name, p.position) for p in box.dialogues[-1].participants] == [
        (ParticipantRole.PRESIDING, "Lê Văn Chủ", "Chủ tịch UBND xã"),
        (ParticipantRole.COMPLAINANT, "Trần Thị Khiếu", "thôn Đông"),
        (ParticipantRole.RESPONDENT, "Phạm Văn Bị", "Công chức địa chính"),
        (ParticipantRole.MINUTE_TAKER, "Ngô Thị Ghi", "")]
    # Record it held: Ctrl+Shift+J, Alt+K the result, Shift+Tab to the first opinion, Alt+G.
    page.activateWindow()  # as the window manager does when the dialog closes
    qtbot.waitUntil(page.isActiveWindow)
    assert box.hold_shortcut.key().toString() == "Ctrl+Shift+J"
    press(qtbot, Qt.Key.Key_J, CTRL_SHIFT)
    hold = box.open_dialog
    assert hold is not None
    qtbot.waitUntil(hold.isActiveWindow)
    assert focused() is hold.held_edit
    hold.held_edit.setDateTime(QDateTime(2026, 11, 26, 8, 30, 0))
    assert [p.name for p, _e in hold.opinion_edits] == ["Lê Văn Chủ", "Trần Thị Khiếu",
                                                          "Phạm Văn Bị"]
    press(qtbot, Qt.Key.Key_K, ALT)  # &Kết quả đối thoại
    assert focused() is hold.result_edit
    type_text(None, "Thống nhất đo đạc lại.")
    press(qtbot, Qt.Key.Key_Backtab, SHIFT, times=3)  # back over the opinions to the first
    assert focused() is hold.opinion_edits[0][1]
    type_text(None, "Đề nghị hai bên trình bày.")
    hold.grab().save(shot(tmp_path, "hold-dialogue.png"))
    with qtbot.waitSignal(hold.finished):
        press(qtbot, Qt.Key.Key_G, ALT)  # &Ghi nhận
    assert box.dialogues[-1].status is DialogueStatus.HELD
    assert box.dialogues[-1].participants[0].opinion == "Đề nghị hai bên trình bày."
    assert not box.flag_label.isVisible()
    assert page.detail.events[-1].kind is EventKind.DIALOGUE
    page.grab().save(shot(tmp_path, "case-dialogue-held.png"))
    # Print the minutes: Ctrl+Shift+B.
    assert box.print_shortcut.key().toString() == "Ctrl+Shift+B"
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    press(qtbot, Qt.Key.Key_B, CTRL_SHIFT)
    assert box.preview is not None
    assert probe.has(box.preview.pdf, "Thống nhất đo đạc lại.")
    box.preview.close()


def test_dialogue_section_hidden_for_a_petition_and_greyed_for_an_inspector(qtbot,
                                                                          sqlite_desk):
    desk = sqlite_desk
    petition, _ = desk.cases.open_case(NewCase(case_type=CaseType.PETITION, title="Kiến nghị",
                                               received_on=date(2026, 11, 2)))
    page = _show(qtbot, CaseDialog(desk, petition.id))
    assert not page.dialogue_box.isVisible()
    case = _complaint(desk)
    sign_in_as(desk, Role.INSPECTOR)
    other = _show(qtbot, CaseDialog(desk, case.id))
    assert not other.dialogue_box.schedule_button.isEnabled()
    assert not other.dialogue_box.differs_combo.isEnabled()


def test_settings_dialogue_tab_saves_the_office_rule(qtbot, sqlite_desk, tmp_path: Path):
    from reception_desk.domain.dialogues import Need
    from reception_desk.ui.settings.dialog import SettingsDialog

    desk = sqlite_desk
    dialog = _show(qtbot, SettingsDialog(desk, QSettings(str(tmp_path / "ui.ini"),
                                                         QSettings.Format.IniFormat)))
    tab = dialog.dialogue_tab
    dialog.tabs.setCurrentWidget(tab)
    assert tab.chosen().first_time is Need.WHEN_DIFFERS  # the default of Art. 30
    tab.first_combo.setCurrentIndex(0)  # always
    tab.days_spin.setValue(8)
    dialog.grab().save(shot(tmp_path, "settings-dialogue.png"))
    assert tab.save()
    policy = desk.cases.dialogue_policy()
    assert (policy.first_time, policy.warn_working_days) == (Need.ALWAYS, 8)
    sign_in_as(desk, Role.INSPECTOR)
    QApplication.processEvents()
    assert not tab.save_button.isEnabled()
