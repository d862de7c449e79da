"""A case's history: its event log replayed through the domain state machine, and the caches.

The event log (``case_event``) is the truth; ``case_file.stage/due_on/deadline_kind/level`` are
caches rewritten with every event (replaying the events through the domain state machine), so the
case list filters and sorts by deadline in SQL and computes statuses only for what it shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.cases import CaseEvent
from reception_desk.domain.cases import CaseRuleError
from reception_desk.domain.cases import CaseState
from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import ComplaintObject
from reception_desk.domain.cases import ComplexityCriterion
from reception_desk.domain.cases import EventKind
from reception_desk.domain.cases import HandlingLevel
from reception_desk.domain.cases import apply_event
from reception_desk.domain.cases import current_deadline
from reception_desk.domain.cases import open_case as domain_open_case
from reception_desk.domain.dates import as_utc
from reception_desk.domain.deadlines import Deadline
from reception_desk.domain.deadlines import DeadlineRule
from reception_desk.domain.numbering import parse_document_number
from reception_desk.domain.text import clean_line
from reception_desk.services.cases.dto import case_number
from reception_desk.services.found import found
from reception_desk.storage.models import CaseEventRow
from reception_desk.storage.models import CaseFile
from reception_desk.storage.queries import cases


def criteria_of(value: Any) -> frozenset[ComplexityCriterion]:
    if not value:
        return frozenset()
    return frozenset(ComplexityCriterion(c) for c in value)


def criteria_json(criteria: Iterable[ComplexityCriterion] | None) -> list[str] | None:
    if criteria is None:
        return None
    return sorted(ComplexityCriterion(c).value for c in criteria)


def document_number_of(value: str) -> str:
    """The canonical NĐ 30/2020 form ("12/PC-UBND"); "Số: 12/pc - ubnd" is accepted."""
    value = clean_line(value)
    if not value:
        return ""
    return str(parse_document_number(value))


def load_case(session: Session, case_id: int, *, lock: bool = False) -> CaseFile:
    return found(session.get(CaseFile, case_id, with_for_update=lock),
                 "case.not_found", case_id=case_id)


def event_rows(session: Session, case_id: int) -> list[CaseEventRow]:
    return cases.events_of(session, case_id)


def event_of(row: CaseEventRow) -> CaseEvent:
    return CaseEvent(
        kind=EventKind(row.kind), actor=row.actor, moment=as_utc(row.moment),
        document_number=row.document_number or None, document_date=row.document_date,
        level=HandlingLevel(row.level) if row.level else None,
        criteria=criteria_of(row.criteria) if row.criteria is not None else None,
    )


def state_of(case: CaseFile, events: Sequence[CaseEvent]) -> CaseState:
    """Replay ``events``; the case's criteria at opening live on its RECEIVE event."""
    if not events:
        raise CaseRuleError("case.no_events")
    state = domain_open_case(
        CaseType(case.case_type), events[0],
        complaint_object=ComplaintObject(case.complaint_object) if case.complaint_object
        else None, remote=case.remote,
        entrusted_verification=bool(case.entrusted_verification),
        decision_on=case.decision_on, learned_on=case.decision_learned_on)
    for event in events[1:]:
        state = apply_event(state, event)
    return state


def stage_deadline(state: CaseState, calendar: WorkingCalendar,
              rules: Sequence[DeadlineRule]) -> Deadline | None:
    return current_deadline(state, calendar, rules=rules)


def cache_values(state: CaseState, deadline: Deadline | None) -> dict[str, Any]:
    """The ``case_file`` cache columns the events imply (``state`` after replay, ``deadline``
    of its current stage): the one definition for the services and the demo generator."""
    return {
        "stage": state.stage.value,
        "level": state.level.value,
        "criteria": criteria_json(state.criteria),
        "due_on": deadline.due if deadline else None,
        "deadline_kind": deadline.kind.value if deadline else None,
        "closed_on": state.last_on if state.stage.is_terminal else None,
    }


def case_caches(state: CaseState, calendar: WorkingCalendar,
                rules: Sequence[DeadlineRule]) -> dict[str, Any]:
    """``cache_values`` with the current stage's deadline computed on the office calendar."""
    return cache_values(state, stage_deadline(state, calendar, rules))


def write_caches(case: CaseFile, state: CaseState, deadline: Deadline | None) -> bool:
    """Copy what the events imply onto the case row; True when anything changed."""
    values = cache_values(state, deadline)
    changed = False
    for key, value in values.items():
        if getattr(case, key) != value:
            setattr(case, key, value)
            changed = True
    return changed


def case_json(case: CaseFile) -> dict[str, Any]:
    return {
        "number": case_number(case.seq, case.year), "case_type": case.case_type,
        "complaint_object": case.complaint_object, "title": case.title,
        "level": case.level, "competent_body": case.competent_body, "remote": case.remote,
        "criteria": case.criteria, "stage": case.stage,
        "due_on": case.due_on.isoformat() if case.due_on else None,
        "deadline_kind": case.deadline_kind,
        "previous_case_id": case.previous_case_id, "link_kind": case.link_kind,
        "decision_on": case.decision_on.isoformat() if case.decision_on else None,
        "decision_learned_on": case.decision_learned_on.isoformat()
        if case.decision_learned_on else None,
        "entrusted_verification": bool(case.entrusted_verification),
    }


def event_json(row: CaseEventRow) -> dict[str, Any]:
    return {
        "position": row.position, "kind": row.kind,
        "document_number": row.document_number,
        "document_date": row.document_date.isoformat() if row.document_date else None,
        "level": row.level, "body": row.body, "criteria": row.criteria, "note": row.note,
    }
