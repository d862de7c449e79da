"""The transfer limit of a visit (Luật TC 2018 Art. 24(2): 5 working days; LEGAL.md §4.2),
computed from the visit day on the current calendar, across holidays and office edits."""

from __future__ import annotations

from datetime import date

import pytest

from reception_desk.domain.calendar import CalendarOverride
from reception_desk.domain.calendar import OverrideKind
from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.classification import HandlingDirection as H
from reception_desk.domain.classification import PetitionType as P
from reception_desk.domain.deadlines import DueStatus
from reception_desk.domain.transfers import transfer_due

D = date
CAL = WorkingCalendar()


@pytest.mark.parametrize(("petition", "direction", "day", "today", "due", "status", "alert"), [
    # Mon 5 Oct 2026 → 6,7,8,9,12 → Mon 12 Oct; on Thu 8 Oct two working days are left.
    pytest.param(P.DENUNCIATION, H.TRANSFER, D(2026, 10, 5), D(2026, 10, 8), D(2026, 10, 12),
                 DueStatus.DUE_SOON, True, id="TC-24(2)-5wd-due-soon"),
    pytest.param(P.DENUNCIATION, H.TRANSFER, D(2026, 10, 5), D(2026, 10, 5), D(2026, 10, 12),
                 DueStatus.ON_TIME, False, id="TC-24(2)-on-time-the-first-day"),
    pytest.param(P.DENUNCIATION, H.TO_POLICE, D(2026, 10, 5), D(2026, 10, 13), D(2026, 10, 12),
                 DueStatus.OVERDUE, True, id="TC-24(2)-to-police-overdue"),
    # Across Quốc khánh 2026: Fri 28 Aug → Mon 31 Aug off (the announced swap), 1 and 2 Sep off
    # → 3,4,7,8,9 → Wed 9 Sep; on Fri 4 Sep three working days are left.
    pytest.param(P.DENUNCIATION, H.GUIDE, D(2026, 8, 28), D(2026, 9, 4), D(2026, 9, 9),
                 DueStatus.DUE_SOON, True, id="TC-24(2)-guided-denunciation-across-2-9"),
    # Across New Year 2026: Wed 31 Dec 2025 → Thu 1 and Fri 2 Jan off (VPCP 12729/VPCP-KGVX)
    # → 5,6,7,8,9 → Fri 9 Jan 2026 (Thu 8 Jan without the 2 Jan day off); on Tue 6 Jan three
    # working days are left.
    pytest.param(P.DENUNCIATION, H.TRANSFER, D(2025, 12, 31), D(2026, 1, 6), D(2026, 1, 9),
                 DueStatus.DUE_SOON, True, id="TC-24(2)-across-new-year-2026"),
])
def test_transfer_due_table(petition: P, direction: H, day: date, today: date, due: date,
                            status: DueStatus, alert: bool) -> None:
    found = transfer_due(petition, direction, day, slip_issued=False, today=today, calendar=CAL)
    assert found is not None and found.deadline.due == due
    assert found.deadline.basis == "Luật TC 2018 Art. 24(2)"
    assert found.status is not None and (found.status.status, found.alert) == (status, alert)


@pytest.mark.parametrize(("petition", "direction"), [
    pytest.param(P.COMPLAINT, H.GUIDE, id="TCD-26(1)-complaint-guided-not-transferred"),
    pytest.param(P.PETITION, H.TRANSFER, id="no-statutory-limit-for-kien-nghi"),
    pytest.param(P.REFLECTION, H.TRANSFER, id="no-statutory-limit-for-phan-anh"),
    pytest.param(P.DENUNCIATION, H.ACCEPT, id="TC-24(2)-within-competence"),
])
def test_no_transfer_limit(petition: P, direction: H) -> None:
    assert transfer_due(petition, direction, D(2026, 10, 5), slip_issued=False,
                        today=D(2026, 10, 8), calendar=CAL) is None


def test_slip_issued_ends_the_alert_and_voided_visits_owe_nothing() -> None:
    done = transfer_due(P.DENUNCIATION, H.TRANSFER, D(2026, 10, 5), slip_issued=True,
                        today=D(2026, 10, 20), calendar=CAL)
    assert done is not None and done.status is None and not done.alert
    assert transfer_due(P.DENUNCIATION, H.TRANSFER, D(2026, 10, 5), slip_issued=False,
                        today=D(2026, 10, 20), calendar=CAL, voided=True) is None


def test_a_calendar_edit_moves_the_due_date() -> None:
    # Mon 5 Oct → Mon 12 Oct; the office declares Fri 9 Oct a day off → Tue 13 Oct.
    edited = WorkingCalendar([CalendarOverride(D(2026, 10, 9), OverrideKind.DAY_OFF)])
    found = transfer_due(P.DENUNCIATION, H.TRANSFER, D(2026, 10, 5), slip_issued=False,
                         today=D(2026, 10, 8), calendar=edited)
    assert found is not None and found.deadline.due == D(2026, 10, 13)
