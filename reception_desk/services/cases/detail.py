"""Reading one case: its timeline, links, complainants, where it is now and its deadline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session

from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.cases import DOCUMENT_REQUIRED
from reception_desk.domain.cases import CaseStage
from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import ComplaintObject
from reception_desk.domain.cases import EventKind
from reception_desk.domain.cases import HandlingLevel
from reception_desk.domain.cases import allowed_events
from reception_desk.domain.dates import office_time
from reception_desk.domain.deadlines import DeadlineRule
from reception_desk.errors import UserError
from reception_desk.services.cases import dialogue_rule
from reception_desk.services.cases.dto import CaseDetail
from reception_desk.services.cases.dto import CaseLink
from reception_desk.services.cases.dto import CaseReportFacts
from reception_desk.services.cases.dto import Complainant
from reception_desk.services.cases.dto import LinkKind
from reception_desk.services.cases.dto import TimelineEntry
from reception_desk.services.cases.dto import VisitLink
from reception_desk.services.cases.history import criteria_of
from reception_desk.services.cases.history import event_of
from reception_desk.services.cases.history import event_rows
from reception_desk.services.cases.history import load_case
from reception_desk.services.cases.history import stage_deadline
from reception_desk.services.cases.history import state_of
from reception_desk.services.cases.limits import deadline_info
from reception_desk.services.cases.limits import side_infos
from reception_desk.services.office.rules import deadline_rules
from reception_desk.services.office.rules import office_calendar
from reception_desk.storage.models import CaseFile
from reception_desk.storage.queries import cases

_EVENT_ORDER = {k: i for i, k in enumerate(EventKind)}


def _case_link(case: CaseFile, link_kind: str | None) -> CaseLink:
    assert case.id is not None
    return CaseLink(case.id, case.year, case.seq, CaseType(case.case_type), case.title,
                    CaseStage(case.stage), LinkKind(link_kind) if link_kind else None)


def case_detail(session: Session, case_id: int, today: date,
                calendar: WorkingCalendar | None = None,
                rules: Sequence[DeadlineRule] | None = None) -> CaseDetail:
    """Everything the case page shows: timeline, links, where it is now, its deadline."""
    case = load_case(session, case_id)
    calendar = calendar or office_calendar(session)
    rules = rules if rules is not None else deadline_rules(session)
    rows = event_rows(session, case_id)
    state = state_of(case, [event_of(r) for r in rows])
    try:
        deadline = stage_deadline(state, calendar, rules)
    except UserError:
        deadline = None
    timeline = tuple(
        TimelineEntry(
            position=r.position, kind=EventKind(r.kind), actor=r.actor,
            moment=office_time(r.moment), legal_date=event_of(r).legal_date,
            document_number=r.document_number, document_date=r.document_date,
            level=HandlingLevel(r.level) if r.level else None, body=r.body,
            criteria=criteria_of(r.criteria) if r.criteria is not None else None, note=r.note,
        ) for r in rows)
    complainants = tuple(
        Complainant(c.id, c.full_name, c.id_number, c.address, role)  # type: ignore[arg-type]
        for c, role in cases.citizens_of(session, case_id))
    visits = tuple(
        VisitLink(v.id, v.year, v.seq, v.reception_date, v.citizen_name,  # type: ignore[arg-type]
                  v.content, v.voided_at is not None, legacy_stt=v.legacy_stt,
                  legacy_year=v.legacy_year)
        for v in cases.visits_of(session, case_id))
    previous = None
    if case.previous_case_id is not None:
        prev = session.get(CaseFile, case.previous_case_id)
        if prev is not None:
            previous = _case_link(prev, case.link_kind)
    next_cases = tuple(
        _case_link(c, c.link_kind) for c in cases.following_cases(session, case_id))
    assert case.id is not None
    shown_deadline = deadline_info(deadline, today, calendar)
    dialogue = dialogue_rule.summary(
        session, case.id, CaseType(case.case_type), case.verification_differs,
        decided_on=state.decided_on,
        due=shown_deadline.due if shown_deadline else None,
        working_days_left=shown_deadline.working_days_left if shown_deadline else None)
    return CaseDetail(
        id=case.id, uid=case.uid, year=case.year, seq=case.seq,
        case_type=CaseType(case.case_type),
        complaint_object=ComplaintObject(case.complaint_object) if case.complaint_object
        else None,
        title=case.title, content=case.content, field_code=case.field_code,
        respondents=case.respondents, level=state.level, competent_body=case.competent_body,
        remote=case.remote, criteria=state.criteria,
        within_commune_competence=case.within_commune_competence, stage=state.stage,
        received_on=case.received_on, accepted_on=state.accepted_on,
        closed_on=case.closed_on, extensions=state.extensions,
        deadline=shown_deadline,
        allowed_events=tuple(sorted(allowed_events(state), key=_EVENT_ORDER.__getitem__)),
        complainants=complainants, events=timeline, visits=visits, previous=previous,
        next_cases=next_cases, link_kind=LinkKind(case.link_kind) if case.link_kind else None,
        version=case.version,
        report_facts=CaseReportFacts(case.eligible, case.urged_on, case.reply_received_on),
        related=side_infos(session, case, rows, state, today, calendar, rules),
        decision_on=case.decision_on, decision_learned_on=case.decision_learned_on,
        entrusted_verification=bool(case.entrusted_verification),
        dialogue=dialogue,
    )


def document_required(kind: EventKind) -> bool:
    """The domain requires a document number and date for this event (written decision)."""
    return kind in DOCUMENT_REQUIRED
