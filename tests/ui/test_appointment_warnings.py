"""The appointment dialog warns (never blocks) when the slip falls on a Sunday, a holiday or
outside office hours (issue 12). Days off: Labour Code 2019 Art. 112 via holidays.VN and the
announced swaps (LEGAL.md §4.4); office hours are the office's own (no statute)."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QDate
from PySide6.QtCore import QDateTime
from PySide6.QtCore import QTime

from reception_desk.config import OFFICE_TZ
from reception_desk.domain.calendar import AppointmentWarning
from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.calendar import appointment_warnings
from reception_desk.i18n import set_language
from reception_desk.ui.documents_dialogs import AppointmentDialog
from tests.conftest import sample_draft


@pytest.fixture(autouse=True)
def _vietnamese():  # type: ignore[no-untyped-def]
    set_language("vi")
    yield
    set_language("en")


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        pytest.param(datetime(2026, 12, 1, 8, 0), [], id="tuesday-8h"),
        pytest.param(datetime(2026, 12, 6, 8, 0), [AppointmentWarning.DAY_OFF], id="sunday"),
        pytest.param(datetime(2027, 1, 1, 9, 0), [AppointmentWarning.DAY_OFF], id="new-year"),
        pytest.param(datetime(2026, 12, 1, 23, 30), [AppointmentWarning.OUTSIDE_HOURS],
                     id="23h30"),
        pytest.param(datetime(2026, 12, 6, 23, 30),
                     [AppointmentWarning.DAY_OFF, AppointmentWarning.OUTSIDE_HOURS],
                     id="sunday-23h30"),
    ],
)
def test_appointment_warnings(at: datetime, expected: list[AppointmentWarning]) -> None:
    assert appointment_warnings(at.replace(tzinfo=OFFICE_TZ), WorkingCalendar()) == expected


def test_dialog_warns_at_the_field_without_blocking(qtbot, sqlite_desk):  # type: ignore[no-untyped-def]
    visit, _ = sqlite_desk.log_visit(sample_draft(sqlite_desk))
    dialog = AppointmentDialog(sqlite_desk, int(visit.id))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.show_warnings() == ""
    dialog.at_edit.setDateTime(QDateTime(QDate(2026, 12, 6), QTime(23, 30)))
    shown = dialog.at_warning.text()
    assert dialog.at_warning.isVisible()
    assert "06/12/2026 không phải ngày làm việc" in shown
    assert "23:30 ngoài giờ làm việc" in shown
    dialog.at_edit.setDateTime(QDateTime(QDate(2027, 1, 1), QTime(9, 0)))
    assert "ngày lễ theo luật" in dialog.at_warning.text()
    # A warning, not a refusal: the slip is issued for the Sunday evening all the same.
    dialog.at_edit.setDateTime(QDateTime(QDate(2026, 12, 6), QTime(23, 30)))
    printed, _changes = dialog._issue()
    assert printed.document.number_text.startswith("01/")
    dialog.at_edit.setDateTime(QDateTime(QDate(2026, 12, 1), QTime(8, 0)))
    assert not dialog.at_warning.isVisible()


def test_transfer_dialog_shows_the_5_working_day_limit(qtbot, sqlite_desk, clock):  # type: ignore[no-untyped-def]
    """Luật TC 2018 Art. 24(2): a denunciation outside competence is transferred within 5
    working days of receipt. Received Fri 27/11/2026: 30/11, 1, 2, 3, 4/12 → due 04/12/2026."""
    from reception_desk.domain.classification import HandlingDirection
    from reception_desk.domain.classification import PetitionType
    from reception_desk.ui.documents_dialogs import TransferDialog

    visit, _ = sqlite_desk.log_visit(sample_draft(
        sqlite_desk, petition_type=PetitionType.DENUNCIATION,
        direction=HandlingDirection.TO_POLICE, target_body="Công an xã", within_competence=False,
        field_code=None))
    dialog = TransferDialog(sqlite_desk, int(visit.id))
    qtbot.addWidget(dialog)
    assert dialog.limit_label.text() == (
        "Hạn chuyển đơn: 04/12/2026 (5 ngày làm việc; Luật TC 2018 Art. 24(2)).")
    clock.moment = datetime.fromisoformat("2026-12-07T02:30:00+00:00")
    late = TransferDialog(sqlite_desk, int(visit.id))
    qtbot.addWidget(late)
    assert late.limit_label.text().startswith("QUÁ HẠN: hạn chuyển đơn là 04/12/2026")
    petition, _ = sqlite_desk.log_visit(sample_draft(
        sqlite_desk, direction=HandlingDirection.TRANSFER, target_body="Sở Xây dựng",
        within_competence=False))
    other = TransferDialog(sqlite_desk, int(petition.id))
    qtbot.addWidget(other)
    assert other.limit_label.text() == ""
