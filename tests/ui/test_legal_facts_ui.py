"""Issue 12 on the case page and in the case list: the contested decision's date and the day the
complainant learned of it (Luật KN Art. 9), entrusted verification (Luật TC Art. 24(1)), typed with
the keyboard, refused at the field with nothing saved, and the side limits' alerts in the list.
Clock: Fri 27 Nov 2026 (tests/conftest.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtCore import Qt

from reception_desk.domain.deadlines import DeadlineKind
from reception_desk.i18n import set_language
from reception_desk.ui.cases import COLUMN_INDEX
from reception_desk.ui.cases import CasesPage
from tests.ui.cases_data import populate
from tests.ui.helpers import shot
from tests.ui.helpers import type_text


@pytest.fixture
def page(qtbot, sqlite_desk, tmp_path: Path):  # type: ignore[no-untyped-def]
    set_language("en")
    ids = populate(sqlite_desk)
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    widget = CasesPage(sqlite_desk, settings)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    widget.activateWindow()
    qtbot.waitActive(widget)
    widget.ids = ids
    yield widget
    set_language("en")


def _save_by_keyboard(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(dialog.legal_facts.save_button, Qt.Key.Key_Space)


def _type(edit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.clear()
    type_text(edit, text)


def test_learned_day_typed_refused_at_the_field_then_saved(qtbot, page, sqlite_desk,
                                                          tmp_path):  # type: ignore[no-untyped-def]
    case_id = page.ids["overdue"]  # a first-time complaint received Tue 10 Nov 2026
    dialog = page.open_case(case_id)
    box = dialog.legal_facts
    assert not box.isVisible()  # a tab under the timeline, brought forward by its key
    dialog.sections.shortcut_of(dialog.facts_page).activated.emit()
    assert box.isVisible() and box.decision_edit.isEnabled()
    assert not box.entrusted_check.isEnabled()  # only for a denunciation
    version = dialog.detail.version
    # An impossible day: said under the field, nothing saved.
    _type(box.learned_edit, "31/02/2026")
    _save_by_keyboard(qtbot, dialog)
    assert box.learned_error.isVisible() and "dd/mm/yyyy" in box.learned_error.text()
    assert sqlite_desk.cases.case(case_id).version == version
    # Learned before the decision: refused by the desk, under the learned field.
    _type(box.decision_edit, "03/08/2026")
    _type(box.learned_edit, "01/08/2026")
    _save_by_keyboard(qtbot, dialog)
    assert box.learned_error.isVisible() and "before its date" in box.learned_error.text()
    assert sqlite_desk.cases.case(case_id).decision_on is None
    # Only the decision's date: the limitation is counted from it, and the page says so.
    box.learned_edit.clear()
    _save_by_keyboard(qtbot, dialog)
    assert not box.learned_error.isVisible()
    assert sqlite_desk.cases.case(case_id).decision_on == date(2026, 8, 3)
    text = dialog.deadline_label.text()
    # Luật KN Art. 9: Mon 3 Aug + 90 days = Sun 1 Nov → Mon 2 Nov; lodged 10 Nov: out of time.
    assert "Complaint limitation period: due Monday 02/11/2026" in text
    assert "counted from the decision's date, as a fallback" in text
    assert "on the day it was lodged (10/11/2026): OVERDUE" in text
    assert "⚠" in text
    dialog.resize(1280, 860)
    assert dialog.grab().save(shot(tmp_path, "case-limitation-fallback.png"))
    # The list's alert for that row, with its basis in the tip.
    dialog.close()
    row = next(r for r in range(page.model.rowCount())
               if page.model.case_row(r).id == case_id)
    item = page.model.case_row(row)
    assert [a.kind for a in item.alerts] == [DeadlineKind.COMPLAINT_LIMITATION]
    index = page.model.index(row, COLUMN_INDEX["left"])
    assert "⚠ Complaint limitation period" in page.model.data(index)
    assert "Luật KN 2011 Art. 9" in page.model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert page.grab().save(shot(tmp_path, "case-list-alerts.png"))


def test_entrusted_verification_ticked_on_a_denunciation(qtbot, page, sqlite_desk):  # type: ignore[no-untyped-def]
    detail = sqlite_desk.cases.case(page.ids["denunciation"])
    dialog = page.open_case(detail.id)
    box = dialog.legal_facts
    assert box.entrusted_check.isEnabled() and not box.decision_edit.isEnabled()
    qtbot.keyClick(box.entrusted_check, Qt.Key.Key_Space)
    _save_by_keyboard(qtbot, dialog)
    assert sqlite_desk.cases.case(detail.id).entrusted_verification


def test_logbook_shows_a_visit_transfer_due_and_its_alert(qtbot, sqlite_desk, clock, tmp_path):  # type: ignore[no-untyped-def]
    """Luật TC Art. 24(2): a denunciation sent on is due Fri 4 Dec (from Fri 27 Nov); on Thu
    3 Dec it is due soon, marked ⚠ and coloured in the Handling column, basis in the tip."""
    from datetime import UTC
    from datetime import datetime

    from reception_desk.domain.classification import HandlingDirection
    from reception_desk.domain.classification import PetitionType
    from reception_desk.services.visits.dto import VisitQuery
    from reception_desk.ui.logbook import COLUMN_INDEX as LOG_COLUMNS
    from reception_desk.ui.logbook import LogbookPage
    from tests.conftest import sample_draft

    set_language("en")
    sqlite_desk.log_visit(sample_draft(
        sqlite_desk, petition_type=PetitionType.DENUNCIATION,
        direction=HandlingDirection.TRANSFER, within_competence=False,
        target_body="Công an tỉnh Ninh Bình"))
    sqlite_desk.log_visit(sample_draft(sqlite_desk, citizen_name="Lê Thị Hoa"))
    clock.moment = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    page = LogbookPage(sqlite_desk, settings)
    qtbot.addWidget(page)
    page.model.set_query(VisitQuery())
    page.resize(2100, 400)
    page.show()
    qtbot.waitExposed(page)
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    owing = next(r for r, v in enumerate(rows) if v.transfer_due is not None)
    index = page.model.index(owing, LOG_COLUMNS["direction"])
    text = page.model.data(index)
    assert text.startswith("⚠") and "transfer by 04/12/2026: Due soon: 1 working day left" in text
    assert "Luật TC 2018 Art. 24(2)" in page.model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert page.model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    page.table.setColumnWidth(LOG_COLUMNS["direction"], 420)
    assert page.grab().save(shot(tmp_path, "logbook-transfer-due.png"))


def test_bypass_b_and_c_switchable_in_the_hotspot_policy(qtbot, sqlite_desk, tmp_path):  # type: ignore[no-untyped-def]
    """LEGAL.md §6.4 (b) and (c) are operational definitions: the office's policy switches them
    (on by default) and sets the "several levels at once" window (30 days)."""
    from reception_desk.domain.hotspots import Reason
    from reception_desk.ui.settings import SettingsDialog

    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    dialog = SettingsDialog(sqlite_desk, settings)
    qtbot.addWidget(dialog)
    dialog.resize(1100, 900)
    dialog.show()
    qtbot.waitExposed(dialog)
    tab = dialog.hotspot_tab
    dialog.tabs.setCurrentWidget(tab)
    for reason in (Reason.BYPASS_SECOND, Reason.BYPASS_SIMULTANEOUS):
        assert tab.reason_checks[reason].isChecked()
    assert tab.spins["simultaneous_days"].value() == 30
    assert dialog.grab().save(shot(tmp_path, "hotspot-policy-bypass.png"))
    tab.reason_checks[Reason.BYPASS_SECOND].setChecked(False)
    tab.spins["simultaneous_days"].setValue(15)
    with qtbot.waitSignal(dialog.hotspot_policy_saved):
        tab.save_button.click()
    policy = sqlite_desk.hotspots.policy()
    assert Reason.BYPASS_SECOND not in policy.enabled
    assert Reason.BYPASS_SIMULTANEOUS in policy.enabled and policy.simultaneous_days == 15
