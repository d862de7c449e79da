"""Issue 12 through the services: the facts the legal limits need (the contested decision's date,
the day the complainant learned of it, entrusted verification) saved with compare-and-set and
audited, and the side limits in the case list's alerts (domain.cases.side_deadlines)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import EventKind
from reception_desk.domain.cases import LimitationStart
from reception_desk.domain.deadlines import DeadlineKind
from reception_desk.domain.deadlines import DueStatus
from reception_desk.errors import UserError
from reception_desk.services.cases.dto import CaseFilter
from reception_desk.services.cases.dto import CaseQuery
from reception_desk.services.cases.dto import EventDraft
from reception_desk.services.cases.dto import LegalFacts
from reception_desk.services.cases.dto import NewCase
from reception_desk.storage.models import AuditEntry

D = date  # the services' clock: Fri 27 Nov 2026 (tests/conftest.py); 24 Nov 2026 is a day off


def _open(desk, received_on: date, case_type=CaseType.COMPLAINT_FIRST, **kw):
    detail, _ = desk.cases.open_case(NewCase(
        case_type=case_type, title=kw.pop("title", "Khiếu nại quyết định thu hồi đất"),
        received_on=received_on, **kw))
    return detail


def _related(detail, kind):
    return next(r for r in detail.related if r.kind is kind)


def test_limitation_from_the_learned_day_else_the_decision_date(desk):
    case = _open(desk, D(2026, 11, 20))
    # Luật KN Art. 9, fallback: decision Mon 3 Aug 2026 + 90 days = Sun 1 Nov → Mon 2 Nov; the
    # complaint lodged 20 Nov is out of time.
    detail, changes = desk.cases.set_legal_facts(LegalFacts(
        case.id, decision_on=D(2026, 8, 3), expected_version=case.version))
    assert changes.cases == {case.id}
    lim = _related(detail, DeadlineKind.COMPLAINT_LIMITATION)
    assert (lim.due, lim.start_from, lim.judged_on) == (
        D(2026, 11, 2), LimitationStart.DECISION_DATE, D(2026, 11, 20))
    assert lim.status is DueStatus.OVERDUE and lim.alert
    [row] = desk.cases.page(CaseQuery(), 0, 10)
    assert [a.kind for a in row.alerts] == [DeadlineKind.COMPLAINT_LIMITATION]
    # … the learned day Tue 1 Sep + 90 = Mon 30 Nov: lodged in time, no alert.
    detail, _ = desk.cases.set_legal_facts(LegalFacts(
        case.id, decision_on=D(2026, 8, 3), learned_on=D(2026, 9, 1),
        expected_version=detail.version))
    lim = _related(detail, DeadlineKind.COMPLAINT_LIMITATION)
    assert (lim.due, lim.start_from, lim.status, lim.alert) == (
        D(2026, 11, 30), LimitationStart.LEARNED, DueStatus.ON_TIME, False)
    assert detail.decision_learned_on == D(2026, 9, 1)
    assert desk.cases.page(CaseQuery(), 0, 10)[0].alerts == ()
    with desk.db.read() as s:
        learned = [a.after["decision_learned_on"] for a in s.scalars(
            select(AuditEntry).where(AuditEntry.entity == "case",
                                     AuditEntry.action == "update").order_by(AuditEntry.id))]
    assert learned == [None, "2026-09-01"]
    # Compare-and-set: a save from the first read is refused.
    with pytest.raises(UserError) as e:
        desk.cases.set_legal_facts(LegalFacts(case.id, expected_version=case.version))
    assert e.value.code == "case.changed_elsewhere"


@pytest.mark.parametrize(("kw", "code", "field"), [
    ({"learned_on": D(2026, 8, 1), "decision_on": D(2026, 8, 3)}, "case.learned_before_decision",
     "learned_on"),
    ({"learned_on": D(2026, 11, 28)}, "case.fact_in_future", "learned_on"),
    ({"entrusted_verification": True}, "case.entrusted_only_for_denunciations",
     "entrusted_verification"),
])
def test_legal_facts_refused(desk, kw, code, field):
    case = _open(desk, D(2026, 11, 20))
    with pytest.raises(UserError) as e:
        desk.cases.set_legal_facts(LegalFacts(case.id, **kw))
    assert (e.value.code, e.value.field) == (code, field)
    petition = _open(desk, D(2026, 11, 20), CaseType.PETITION, title="Kiến nghị sửa đường")
    with pytest.raises(UserError) as e:
        desk.cases.set_legal_facts(LegalFacts(petition.id, decision_on=D(2026, 8, 3)))
    assert e.value.code == "case.limitation_only_for_complaints"


def test_entrusted_verification_allows_the_10_working_day_intake(desk):
    # Luật TC Art. 24(1): received Mon 2 Nov 2026: 7 working days → Wed 11 Nov; entrusted
    # verification → 10 working days → Mon 16 Nov. Another criterion does not lengthen it.
    case = _open(desk, D(2026, 11, 2), CaseType.DENUNCIATION, title="Tố cáo cán bộ địa chính")
    assert case.deadline.due == D(2026, 11, 11)
    detail, _ = desk.cases.set_legal_facts(LegalFacts(case.id, entrusted_verification=True))
    assert detail.entrusted_verification and detail.deadline.due == D(2026, 11, 16)
    assert desk.cases.page(CaseQuery(), 0, 5)[0].due_on == D(2026, 11, 16)
    detail, _ = desk.cases.set_legal_facts(LegalFacts(case.id, entrusted_verification=False))
    assert detail.deadline.due == D(2026, 11, 11)


def test_case_list_alerts_on_refusal_notice_and_transfer(desk):
    # NĐ 154/2026 Art. 4(3): refused Mon 23 Nov → 3 working days (24 Nov off) → Fri 27 Nov, today.
    refused = _open(desk, D(2026, 11, 23), CaseType.PETITION, title="Kiến nghị bị từ chối")
    desk.cases.record_event(EventDraft(case_id=refused.id, kind=EventKind.REFUSE,
                                       document_date=D(2026, 11, 23)))
    # Luật TC Art. 24(2): outside competence, received Mon 23 Nov → 5 working days → Tue 1 Dec;
    # two working days left on Fri 27 Nov: due soon.
    outside = _open(desk, D(2026, 11, 23), CaseType.DENUNCIATION, title="Tố cáo ngoài thẩm quyền",
                    within_commune_competence=False)
    rows = {r.id: r for r in desk.cases.page(CaseQuery(filter=CaseFilter.ALL), 0, 10)}
    [notice] = rows[refused.id].alerts
    assert (notice.kind, notice.due, notice.status, notice.working_days_left) == (
        DeadlineKind.REFUSAL_NOTICE, D(2026, 11, 27), DueStatus.DUE_SOON, 0)
    transfer = next(a for a in rows[outside.id].alerts
                    if a.kind is DeadlineKind.DENUNCIATION_TRANSFER)
    assert (transfer.due, transfer.status, transfer.working_days_left) == (
        D(2026, 12, 1), DueStatus.DUE_SOON, 2)
    # The case page shows the same limits with the same status.
    page = desk.cases.case(outside.id)
    assert _related(page, DeadlineKind.DENUNCIATION_TRANSFER) == transfer
