"""The leaders' reception schedule by keyboard only (issue 14): a session planned with Ctrl+N and
saved with Ctrl+Enter, held with Ctrl+D, its conclusion with Ctrl+K, printed with Ctrl+Shift+P;
the next month (Page Down) published late (Ctrl+Shift+U) shows the warning; the chair sees the
duty. An inspector finds the actions greyed out. Screenshots for a human look (RD_SCREENSHOTS)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QWidget

from reception_desk.domain.access import Role
from reception_desk.i18n import set_language
from reception_desk.ui.sessions import CancelDialog
from reception_desk.ui.sessions import ConclusionDialog
from reception_desk.ui.sessions import ScheduleDialog
from reception_desk.ui.sessions import SessionDialog
from tests.conftest import sign_in_as
from tests.ui.helpers import shot
from tests.ui.helpers import type_text

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _activate(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    if QApplication.activeWindow() is not widget:
        with qtbot.waitActive(widget):
            widget.activateWindow()


def _child(dialog: ScheduleDialog, kind: type) -> QWidget:
    found = [w for w in dialog.findChildren(kind) if w.isVisible()]
    assert len(found) == 1, found
    return found[0]


def test_schedule_by_keyboard(qtbot, sqlite_desk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    set_language("vi")
    desk = sqlite_desk
    sign_in_as(desk, Role.CHAIRPERSON)
    dialog = ScheduleDialog(desk)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    assert dialog.month() == (date(2026, 11, 1), date(2026, 11, 30))
    assert "có nguy cơ" in dialog.duty_label.text()  # November: nothing held yet

    # New session (today 27/11, 07:30–11:30, the chair), saved with Ctrl+Enter.
    qtbot.keyClick(dialog.table, Qt.Key.Key_N, CTRL)
    editor = _child(dialog, SessionDialog)
    _activate(qtbot, editor)
    assert isinstance(editor, SessionDialog)
    editor.bodies_edit.setFocus()
    type_text(editor.bodies_edit, "Công an xã")
    editor.grab().save(shot(tmp_path, "session-dialog.png"))
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    QApplication.processEvents()
    assert not [w for w in dialog.findChildren(SessionDialog) if w.isVisible()]
    assert dialog.table.rowCount() == 1
    assert "dự kiến" in dialog.table.item(0, 3).text()
    [s] = desk.sessions.sessions(date(2026, 11, 1), date(2026, 11, 30))
    assert s.day == date(2026, 11, 27) and s.members[0].name == "Công an xã"

    # Held (Ctrl+D); the duty stays at risk (1 of 2 days, from 01/07/2026).
    _activate(qtbot, dialog)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_D, CTRL)
    assert "đã tiếp" in dialog.table.item(0, 3).text()
    assert "đã tiếp 1 trên 2 ngày — có nguy cơ không đạt" in dialog.duty_label.text()

    # Conclusion (Ctrl+K): text, Tab, one instruction, Ctrl+Enter.
    qtbot.keyClick(dialog.table, Qt.Key.Key_K, CTRL)
    conclusion = _child(dialog, ConclusionDialog)
    assert isinstance(conclusion, ConclusionDialog)
    _activate(qtbot, conclusion)
    conclusion.text_edit.setFocus()
    type_text(conclusion.text_edit, "Giao Công an xã xác minh, trả lời công dân.")
    qtbot.keyClick(conclusion.text_edit, Qt.Key.Key_Tab)
    assert conclusion.instructions_edit.hasFocus()
    type_text(conclusion.instructions_edit, "Công an xã | Xác minh việc lấn chiếm | 04/12/2026")
    conclusion.grab().save(shot(tmp_path, "conclusion-dialog.png"))
    qtbot.keyClick(conclusion, Qt.Key.Key_Return, CTRL)
    QApplication.processEvents()
    assert not [w for w in dialog.findChildren(ConclusionDialog) if w.isVisible()]
    assert dialog.table.item(0, 6).text() == "1/TB-UBND"
    [tracked] = [d for d in desk.hotspots.directives() if d.conclusion_id is not None]
    assert tracked.assignee_name == "Công an xã" and tracked.due_on == date(2026, 12, 4)
    dialog.grab().save(shot(tmp_path, "schedule-november.png"))

    _activate(qtbot, dialog)
    qtbot.keyClick(dialog.table, Qt.Key.Key_P, CTRL_SHIFT)
    assert dialog.last_preview is not None and dialog.last_preview.page_count == 1
    dialog.last_preview.close()

    # December: a session on 01/12 published today is late (2 working days ahead).
    _activate(qtbot, dialog)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_PageDown)
    assert dialog.month() == (date(2026, 12, 1), date(2026, 12, 31))
    qtbot.keyClick(dialog.table, Qt.Key.Key_N, CTRL)
    editor = _child(dialog, SessionDialog)
    _activate(qtbot, editor)
    assert isinstance(editor, SessionDialog)
    editor.place_edit.setFocus()
    qtbot.keyClick(editor.place_edit, Qt.Key.Key_Return, CTRL)
    assert not [w for w in dialog.findChildren(SessionDialog) if w.isVisible()]
    _activate(qtbot, dialog)
    dialog.table.setFocus()
    assert "đã quá muộn" in dialog.table.item(0, 7).text()  # not posted, already too late
    qtbot.keyClick(dialog.table, Qt.Key.Key_U, CTRL_SHIFT)
    assert "ít hơn 5 ngày làm việc" in dialog.table.item(0, 7).text()
    assert dialog.table.item(0, 4).text() == "27/11"
    assert "đúng lịch" in dialog.duty_label.text() or "có nguy cơ" in dialog.duty_label.text()
    dialog.grab().save(shot(tmp_path, "schedule-december.png"))
    # Cancelled with its reason (Delete, type, Enter).
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    cancel = _child(dialog, CancelDialog)
    assert isinstance(cancel, CancelDialog)
    _activate(qtbot, cancel)
    cancel.reason_edit.setFocus()
    type_text(cancel.reason_edit, "Lãnh đạo họp đột xuất")
    qtbot.keyClick(cancel.reason_edit, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert "đã hủy" in dialog.table.item(0, 3).text()
    assert "không đạt" in dialog.duty_label.text()  # December: nothing held or planned
    _activate(qtbot, dialog)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_P, CTRL)
    assert dialog.last_preview is not None and dialog.last_preview.page_count >= 1
    dialog.last_preview.close()


def test_rights_grey_out_the_actions(qtbot, sqlite_desk) -> None:  # type: ignore[no-untyped-def]
    sign_in_as(sqlite_desk, Role.INSPECTOR)
    dialog = ScheduleDialog(sqlite_desk)
    qtbot.addWidget(dialog)
    for name in ("new", "held", "empty", "cancel", "publish", "notice", "conclusion",
                 "minutes"):
        assert not dialog.buttons[name].isEnabled(), name
    sign_in_as(sqlite_desk, Role.RECEIVING_CLERK)
    assert dialog.buttons["new"].isEnabled() and dialog.buttons["notice"].isEnabled()
    assert not dialog.buttons["conclusion"].isEnabled()  # the leaders' instructions
