"""Transfers and numbering (issue 12).

- TT 05/2021 (LEGAL.md §2.4): a đơn is transferred once; a re-issued slip replaces the earlier
  one, says so, and the logbook prints the latest number.
- Luật TCD 2013 Art. 26(1): a complaint outside competence is guided, not transferred.
- NĐ 30/2020: numbers run within the calendar year: a receipt for a 31/12/2025 visit printed in
  January 2026 is numbered in 2025's series (it carries the visit's date).
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

import tests.printing.rd_pdf_probe as probe
from reception_desk.domain.classification import HandlingDirection, PetitionType
from reception_desk.errors import UserError, ValidationFailed
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
