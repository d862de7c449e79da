"""The case page's "for the reports" section (issue 13): eligibility, urging and a reply to a
transfer typed with the keyboard and saved (Alt+F); a refusal shown on the page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reception_desk.i18n import set_language
from reception_desk.services.cases.dto import CaseReportFacts
from reception_desk.ui.cases import CaseDialog
from tests.ui.cases_data import populate
from tests.ui.helpers import focused
from tests.ui.helpers import press
from tests.ui.helpers import shot
from tests.ui.helpers import type_text


def _open(qtbot, desk, case_id: int) -> CaseDialog:  # type: ignore[no-untyped-def]
    dialog = CaseDialog(desk, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_urging_and_a_reply_typed_and_saved_with_the_keyboard(qtbot, sqlite_desk,
                                                              tmp_path: Path) -> None:
    set_language("vi")
    cases = populate(sqlite_desk)
    # "second" was transferred to the province on 2026-10-1x (tests/ui/cases_data.py).
    dialog = _open(qtbot, sqlite_desk, cases["second"])
    section = dialog.report_facts
    assert section.eligible_combo.currentData() is None  # not recorded: inferred
    # The section is a tab under the timeline: Ctrl+5 brings it forward, at its first field.
    assert not section.isVisible()
    press(qtbot, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert section.isVisible() and focused() is section.eligible_combo
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    assert focused() is section.eligible_combo
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert focused() is section.urged_edit
    type_text(None, "20/11/2026")
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    type_text(None, "25/11/2026")
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    detail = sqlite_desk.cases.case(cases["second"])
    assert detail.report_facts == CaseReportFacts(True, date(2026, 11, 20), date(2026, 11, 25))
    assert section.urged_edit.text() == "20/11/2026"
    dialog.grab().save(shot(tmp_path, "case-report-facts.png"))


def test_a_reply_for_a_case_not_transferred_is_refused_on_the_page(qtbot, sqlite_desk) -> None:  # type: ignore[no-untyped-def]
    set_language("en")
    try:
        cases = populate(sqlite_desk)
        dialog = _open(qtbot, sqlite_desk, cases["transferred_complaint"])  # accepted, in fact
        dialog.report_facts.reply_edit.setText("20/11/2026")
        assert not dialog.report_facts.save()
        assert "transferred to another body" in dialog.error_label.text()
        assert sqlite_desk.cases.case(cases["transferred_complaint"]).report_facts == (
            CaseReportFacts())
    finally:
        set_language("vi")
