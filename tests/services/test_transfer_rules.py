"""Transfers and numbering (issue 12).

- TT 05/2021 (LEGAL.md §2.4): a đơn is transferred once; a re-issued slip replaces the earlier
  one, says so, and the logbook prints the latest number.
- Luật TCD 2013 Art. 26(1): a complaint outside competence is guided, not transferred.
- NĐ 30/2020: numbers run within the calendar year: a receipt for a 31/12/2025 visit printed in
  January 2026 is numbered in 2025's series (it carries the visit's date).
"""

from __future__ import annotations

from datetime import date
from datetime import datetime

import pytest

import tests.printing.rd_pdf_probe as probe
from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import PetitionType
from reception_desk.errors import UserError
from reception_desk.errors import ValidationFailed
from reception_desk.services.documents.dto import TransferCommand
from tests.conftest import sample_draft


def _visit(desk, **overrides):  # type: ignore[no-untyped-def]
    visit, _ = desk.log_visit(sample_draft(desk, **overrides))
    return visit


def test_a_reissued_slip_replaces_the_earlier_and_says_so(sqlite_desk):  # type: ignore[no-untyped-def]
    desk = sqlite_desk
    visit = _visit(desk, direction=HandlingDirection.TRANSFER, within_competence=False,
                   target_body="Sở Xây dựng tỉnh Ninh Bình")
    first, _ = desk.documents.issue_transfer(TransferCommand(visit.id))
    second, _ = desk.documents.issue_transfer(TransferCommand(visit.id))
    assert (first.document.number_text, second.document.number_text) == ("01/PC-UBND",
                                                                          "02/PC-UBND")
    assert probe.has(second.pdf, "Phiếu này thay thế Phiếu chuyển đơn số 01/PC-UBND ngày "
                                 "27/11/2026; phiếu đó không còn giá trị.")
    assert not probe.has(first.pdf, "thay thế")
    day = date(2026, 11, 27)
    pages = desk.documents.logbook(day, day)
    assert probe.has(pages.pdf, "Sở Xây dựng tỉnh Ninh Bình (văn bản số 02/PC-UBND)")
    assert "01/PC-UBND" not in probe.text(pages.pdf)


def test_a_complaint_is_guided_not_transferred(sqlite_desk):  # type: ignore[no-untyped-def]
    desk = sqlite_desk
    with pytest.raises(ValidationFailed) as failed:
        _visit(desk, petition_type=PetitionType.COMPLAINT, direction=HandlingDirection.TRANSFER,
               within_competence=False, target_body="Chủ tịch UBND tỉnh Ninh Bình")
    assert [(p.code, p.field) for p in failed.value.problems] == [
        ("visit.complaint_is_guided", "direction")]
    guided = _visit(desk, petition_type=PetitionType.COMPLAINT,
                    direction=HandlingDirection.GUIDE, within_competence=False,
                    target_body="Chủ tịch UBND tỉnh Ninh Bình")
    with pytest.raises(UserError) as err:
        desk.documents.issue_transfer(TransferCommand(guided.id))
    assert err.value.code == "document.complaint_is_guided"


def test_receipt_of_a_31_12_visit_printed_in_january_uses_that_year(sqlite_desk, clock):  # type: ignore[no-untyped-def]
    desk = sqlite_desk
    clock.moment = datetime.fromisoformat("2025-12-31T02:30:00+00:00")
    old = _visit(desk)
    clock.moment = datetime.fromisoformat("2026-01-05T02:30:00+00:00")
    new = _visit(desk)
    late, _ = desk.documents.issue_receipt(old.id)
    fresh, _ = desk.documents.issue_receipt(new.id)
    assert late.document.year == 2025
    assert fresh.document.year == 2026
    assert late.document.number_text.startswith("01/")
    assert fresh.document.number_text.startswith("01/")


# --- the transfer limit per visit (Luật TC 2018 Art. 24(2); issue 12) ---------------------------


def test_a_denunciation_to_transfer_carries_its_due_day_until_the_slip(sqlite_desk, clock):  # type: ignore[no-untyped-def]
    """Computed from the stored visit day on the current calendar: an office day off moves it
    (no stored copy to go stale); alerted due soon / overdue; a transfer slip ends it."""
    from datetime import UTC
    from datetime import timedelta

    from reception_desk.domain.calendar import OverrideKind
    from reception_desk.domain.deadlines import DueStatus
    from reception_desk.services.visits.dto import VisitQuery

    desk = sqlite_desk
    visit = _visit(desk, petition_type=PetitionType.DENUNCIATION,
                   direction=HandlingDirection.TRANSFER, within_competence=False,
                   target_body="Công an tỉnh Ninh Bình")
    # Fri 27 Nov 2026 → 30 Nov, 1, 2, 3, 4 Dec → Fri 4 Dec; five working days left: on time.
    due = desk.visit(visit.id).transfer_due
    assert (due.due, due.status, due.working_days_left, due.alert) == (
        date(2026, 12, 4), DueStatus.ON_TIME, 5, False)
    assert due.basis == "Luật TC 2018 Art. 24(2)"
    # The office declares Wed 2 Dec a day off: the same visit is now due Mon 7 Dec.
    desk.cases.set_override(date(2026, 12, 2), OverrideKind.DAY_OFF, "Nghỉ bù")
    assert desk.visit(visit.id).transfer_due.due == date(2026, 12, 7)
    # Thu 3 Dec: 4 and 7 Dec left → due soon, alerted in the logbook too.
    clock.moment = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)
    [row] = desk.visit_page(VisitQuery(), 0, 10)
    assert (row.transfer_due.status, row.transfer_due.working_days_left,
            row.transfer_due.alert) == (DueStatus.DUE_SOON, 2, True)
    clock.moment += timedelta(days=5)  # Tue 8 Dec
    assert desk.visit(visit.id).transfer_due.status is DueStatus.OVERDUE
    desk.documents.issue_transfer(TransferCommand(visit.id))
    done = desk.visit(visit.id).transfer_due
    assert done.slip_issued and done.status is None and not done.alert
    # A visit that owes no transfer carries none (a petition handled here).
    plain = _visit(desk, petition_type=PetitionType.PETITION,
                   direction=HandlingDirection.ACCEPT, within_competence=True)
    assert desk.visit(plain.id).transfer_due is None
