"""Recording what happens to a case: events through the domain state machine, the remote-area
mark, the complexity determination, and the recomputation of open cases' deadlines."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from datetime import datetime

from sqlalchemy.orm import Session

from reception_desk.domain.cases import CaseEvent
from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import ComplexityCriterion
from reception_desk.domain.cases import EventKind
from reception_desk.domain.cases import apply_event
from reception_desk.domain.dates import office_day
from reception_desk.domain.text import clean_block
from reception_desk.domain.text import clean_line
from reception_desk.errors import UserError
from reception_desk.services.cases.detail import case_detail
from reception_desk.services.cases.dto import CaseDetail
from reception_desk.services.cases.dto import EventDraft
from reception_desk.services.cases.dto import LegalFacts
from reception_desk.services.cases.dto import RecomputeReport
from reception_desk.services.cases.history import case_json
from reception_desk.services.cases.history import criteria_json
from reception_desk.services.cases.history import criteria_of
from reception_desk.services.cases.history import document_number_of
from reception_desk.services.cases.history import event_json
from reception_desk.services.cases.history import event_of
from reception_desk.services.cases.history import event_rows
from reception_desk.services.cases.history import load_case
from reception_desk.services.cases.history import stage_deadline
from reception_desk.services.cases.history import state_of
from reception_desk.services.cases.history import write_caches
from reception_desk.services.context import Actor
from reception_desk.services.context import Changes
from reception_desk.services.context import require_aware
from reception_desk.services.office.rules import deadline_rules
from reception_desk.services.office.rules import office_calendar
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import CaseEventRow
from reception_desk.storage.models import CaseFile
from reception_desk.storage.queries import cases


def record_event(session: Session, draft: EventDraft, actor: Actor,
                 now: datetime) -> tuple[CaseDetail, Changes]:
    """Record one event; the domain state machine refuses illegal moves (``CaseRuleError``)."""
    require_aware(now)
    case = load_case(session, draft.case_id, lock=True)
    if draft.expected_version is not None and draft.expected_version != case.version:
        raise UserError("case.changed_elsewhere", case_id=case.id)
    kind = EventKind(draft.kind)
    rows = event_rows(session, draft.case_id)
    events = [event_of(r) for r in rows]
    state = state_of(case, events)
    document_number = document_number_of(draft.document_number)
    if draft.document_date is not None and draft.document_date > office_day(now):
        raise UserError("case.document_in_future", field="document_date",
                        on=draft.document_date)
    body = clean_line(draft.body)
    if kind is EventKind.TRANSFER and not body:
        raise UserError("case.body_required", field="body")
    event = CaseEvent(
        kind=kind, actor=actor.name, moment=now, document_number=document_number or None,
        document_date=draft.document_date, level=draft.level,
        criteria=frozenset(draft.criteria) if draft.criteria is not None else None,
    )
    new_state = apply_event(state, event)  # raises CaseRuleError with the reason code
    calendar, rules = office_calendar(session), deadline_rules(session)
    deadline = stage_deadline(new_state, calendar, rules)
    before = case_json(case)
    write_caches(case, new_state, deadline)
    if body and (kind is EventKind.TRANSFER or draft.level is not None):
        case.competent_body = body
    if kind is EventKind.ASSESS_COMPLEXITY:
        case.criteria = criteria_json(new_state.criteria)
    case.updated_at = now
    case.version += 1
    row = CaseEventRow(
        case_id=draft.case_id, position=(rows[-1].position + 1) if rows else 1,
        kind=kind.value, actor=actor.name, moment=now, document_number=document_number,
        document_date=draft.document_date,
        level=draft.level.value if draft.level else None, body=body,
        criteria=criteria_json(event.criteria), note=clean_block(draft.note),
    )
    session.add(row)
    session.flush()
    repo.add_audit(session, at=now, actor=actor.name, action=f"event:{kind.value}",
                   entity="case", entity_id=case.id, before=before,
                   after={**case_json(case), "event": event_json(row)})
    assert case.id is not None
    return case_detail(session, case.id, office_day(now), calendar, rules), Changes(
        cases={case.id})


def set_remote(session: Session, case_id: int, remote: bool, actor: Actor,
               now: datetime) -> tuple[CaseDetail, Changes]:
    """Mark the complainant's place as a remote, hard-to-travel area (longer complaint limits)."""
    require_aware(now)
    case = load_case(session, case_id, lock=True)
    if case.remote == remote:
        return case_detail(session, case_id, office_day(now)), Changes()
    before = case_json(case)
    case.remote = remote
    return _updated(session, case, before, actor, now)


def _updated(session: Session, case: CaseFile, before: dict[str, object], actor: Actor,
             now: datetime) -> tuple[CaseDetail, Changes]:
    """After a change of the case's own columns: the caches replayed on the office calendar, the
    version moved on, the audit row; the case page as it is now."""
    assert case.id is not None
    state = state_of(case, [event_of(r) for r in event_rows(session, case.id)])
    calendar, rules = office_calendar(session), deadline_rules(session)
    write_caches(case, state, stage_deadline(state, calendar, rules))
    case.updated_at = now
    case.version += 1
    session.flush()
    repo.add_audit(session, at=now, actor=actor.name, action="update", entity="case",
                   entity_id=case.id, before=before, after=case_json(case))
    return case_detail(session, case.id, office_day(now), calendar, rules), Changes(
        cases={case.id})


def set_legal_facts(session: Session, facts: LegalFacts, actor: Actor,
                    now: datetime) -> tuple[CaseDetail, Changes]:
    """Record the contested decision's date, the day the complainant learned of it (the start of
    the complaint limitation, Luật KN 2011 Art. 9) and entrusted verification (Luật TC 2018
    Art. 24(1)); compare-and-set on the case's version; the caches follow (the intake limit)."""
    require_aware(now)
    case = load_case(session, facts.case_id, lock=True)
    if facts.expected_version is not None and facts.expected_version != case.version:
        raise UserError("case.changed_elsewhere", case_id=case.id)
    today = office_day(now)
    for name, day in (("decision_on", facts.decision_on), ("learned_on", facts.learned_on)):
        if day is not None and day > today:
            raise UserError("case.fact_in_future", field=name, day=day)
    is_first_complaint = case.case_type == CaseType.COMPLAINT_FIRST.value
    if (facts.decision_on or facts.learned_on) and not is_first_complaint:
        field = "decision_on" if facts.decision_on else "learned_on"
        raise UserError("case.limitation_only_for_complaints", field=field)
    if (facts.decision_on and facts.learned_on and facts.learned_on < facts.decision_on):
        raise UserError("case.learned_before_decision", field="learned_on",
                        learned=facts.learned_on, decision=facts.decision_on)
    if facts.entrusted_verification and case.case_type != CaseType.DENUNCIATION.value:
        raise UserError("case.entrusted_only_for_denunciations", field="entrusted_verification")
    # NULL, never False: a NULL column stays out of the audit snapshot (migration 0014).
    entrusted = True if facts.entrusted_verification else None
    wanted = (facts.decision_on, facts.learned_on, entrusted)
    assert case.id is not None
    if (case.decision_on, case.decision_learned_on, case.entrusted_verification) == wanted:
        return case_detail(session, case.id, today), Changes()
    before = case_json(case)
    case.decision_on, case.decision_learned_on, case.entrusted_verification = wanted
    return _updated(session, case, before, actor, now)


def set_complexity(session: Session, case_id: int,
                   criteria: Iterable[ComplexityCriterion], actor: Actor, now: datetime, *,
                   document_number: str = "", document_date: date | None = None,
                   note: str = "") -> tuple[CaseDetail, Changes]:
    """Record the written complexity determination (criteria a–g) as an event on the case."""
    wanted = frozenset(ComplexityCriterion(c) for c in criteria)
    case = load_case(session, case_id)
    if criteria_of(case.criteria) == wanted:
        return case_detail(session, case_id, office_day(now)), Changes()
    return record_event(session, EventDraft(
        case_id=case_id, kind=EventKind.ASSESS_COMPLEXITY, criteria=wanted,
        document_number=document_number, document_date=document_date, note=note), actor, now)


def recompute_open_cases(session: Session, actor: Actor,
                         now: datetime) -> tuple[RecomputeReport, Changes]:
    """Replay every open case against the current calendar and rules; rewrite changed caches.

    Called after the office changes its calendar or rule table (rare; a commune has hundreds of
    open cases, not millions). A case whose deadline can no longer be computed keeps its stage
    and loses its due date; its id is reported.
    """
    calendar, rules = office_calendar(session), deadline_rules(session)
    report = RecomputeReport()
    changes = Changes()
    open_cases = cases.open_cases_with_events(session)
    changed = 0
    for case, events in open_cases:
        assert case.id is not None
        before = (case.due_on, case.deadline_kind)
        try:
            state = state_of(case, [event_of(r) for r in events])
            deadline = stage_deadline(state, calendar, rules)
        except UserError:
            report.failed.append(case.id)
            case.due_on = None
            if before[0] is not None:  # every change of a case leaves its audit row
                repo.add_audit(session, at=now, actor=actor.name, action="recompute",
                               entity="case", entity_id=case.id,
                               before={"due_on": before[0].isoformat()}, after={"due_on": None})
            continue
        write_caches(case, state, deadline)
        if (case.due_on, case.deadline_kind) != before:
            changed += 1
            changes.cases.add(case.id)
            repo.add_audit(session, at=now, actor=actor.name, action="recompute",
                           entity="case", entity_id=case.id,
                           before={"due_on": before[0].isoformat() if before[0] else None},
                           after={"due_on": case.due_on.isoformat() if case.due_on else None})
    session.flush()
    return RecomputeReport(len(open_cases), changed, report.failed), changes
