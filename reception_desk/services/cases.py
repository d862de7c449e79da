"""Use cases of case files (vụ việc): open, record events, link, list against deadlines.

The event log (``case_event``) is the truth; ``case_file.stage/due_on/deadline_kind/level`` are
caches rewritten with every event (replaying the events through the domain state machine), so the
case list filters and sorts by deadline in SQL and computes statuses only for what it shows.
"""

from __future__ import annotations

import gc
import re
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import Session
from sqlmodel import col

from reception_desk.config import OFFICE_TZ
from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.cases import (
    DOCUMENT_REQUIRED,
    CaseEvent,
    CaseRuleError,
    CaseStage,
    CaseState,
    CaseType,
    ComplaintObject,
    ComplexityCriterion,
    EventKind,
    HandlingLevel,
    allowed_events,
    apply_event,
    current_deadline,
)
from reception_desk.domain.cases import (
    open_case as domain_open_case,
)
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.deadlines import (
    Deadline,
    DeadlineKind,
    DeadlineRule,
    DueStatus,
    status_for,
)
from reception_desk.domain.numbering import parse_document_number
from reception_desk.domain.text import clean_block, clean_line, fold
from reception_desk.errors import UserError
from reception_desk.services.calendar_service import deadline_rules, office_calendar
from reception_desk.services.case_dto import (
    CaseDetail,
    CaseFilter,
    CaseLink,
    CaseQuery,
    CaseRow,
    CaseSort,
    CaseStatus,
    Complainant,
    ComplainantRole,
    DeadlineInfo,
    EventDraft,
    LinkKind,
    NewCase,
    RecomputeReport,
    StatusCounts,
    TimelineEntry,
    VisitLink,
)
from reception_desk.services.context import Actor, Changes, require_aware
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import (
    CaseCitizen,
    CaseEventRow,
    CaseFile,
    Citizen,
    Directive,
    FieldCategory,
    Visit,
)

CASE_COUNTER = "case"
# "Due soon": due within this many working days, today included (issue 4; status_for).
DUE_SOON_WORKING_DAYS = 3
TITLE_MAX = 500
_TITLE_FROM_CONTENT = 160

OPEN_STAGES: tuple[str, ...] = tuple(s.value for s in CaseStage if s.is_open)
DONE_STAGES: tuple[str, ...] = tuple(s.value for s in CaseStage if not s.is_open)

_TYPE_OF_PETITION = {
    PetitionType.COMPLAINT: CaseType.COMPLAINT_FIRST,
    PetitionType.DENUNCIATION: CaseType.DENUNCIATION,
    PetitionType.PETITION: CaseType.PETITION,
    PetitionType.REFLECTION: CaseType.REFLECTION,
}
_EVENT_ORDER = {k: i for i, k in enumerate(EventKind)}
_CASE_NUMBER = re.compile(r"^(\d{1,7})(?:\s*/\s*(\d{4}))?$")


# --- helpers -------------------------------------------------------------------------------


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def local_today(now: datetime) -> date:
    """The office's calendar day at ``now``."""
    return require_aware(now).astimezone(OFFICE_TZ).date()


def _as_date(value: Any) -> date | None:
    """SQLite hands raw dates back as ISO text, psycopg as dates."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _criteria_of(value: Any) -> frozenset[ComplexityCriterion]:
    if not value:
        return frozenset()
    return frozenset(ComplexityCriterion(c) for c in value)


def _criteria_json(criteria: Iterable[ComplexityCriterion] | None) -> list[str] | None:
    if criteria is None:
        return None
    return sorted(ComplexityCriterion(c).value for c in criteria)


def _document_number(value: str) -> str:
    """The canonical NĐ 30/2020 form ("12/PC-UBND"); "Số: 12/pc - ubnd" is accepted."""
    value = clean_line(value)
    if not value:
        return ""
    return str(parse_document_number(value))


def _load_case(session: Session, case_id: int, *, lock: bool = False) -> CaseFile:
    row = session.get(CaseFile, case_id, with_for_update=lock)
    if row is None:
        raise UserError("case.not_found", case_id=case_id)
    return row


def _event_rows(session: Session, case_id: int) -> list[CaseEventRow]:
    return list(session.scalars(
        select(CaseEventRow).where(CaseEventRow.case_id == case_id)  # type: ignore[arg-type]
        .order_by(CaseEventRow.position)))  # type: ignore[arg-type]


def _event_of(row: CaseEventRow) -> CaseEvent:
    return CaseEvent(
        kind=EventKind(row.kind), actor=row.actor, moment=_utc(row.moment),
        document_number=row.document_number or None, document_date=row.document_date,
        level=HandlingLevel(row.level) if row.level else None,
        criteria=_criteria_of(row.criteria) if row.criteria is not None else None,
    )


def _state_of(case: CaseFile, events: Sequence[CaseEvent]) -> CaseState:
    """Replay ``events``; the case's criteria at opening live on its RECEIVE event."""
    if not events:
        raise CaseRuleError("case.no_events")
    state = domain_open_case(
        CaseType(case.case_type), events[0],
        complaint_object=ComplaintObject(case.complaint_object) if case.complaint_object
        else None, remote=case.remote)
    for event in events[1:]:
        state = apply_event(state, event)
    return state


def _deadline(state: CaseState, calendar: WorkingCalendar,
              rules: Sequence[DeadlineRule]) -> Deadline | None:
    return current_deadline(state, calendar, rules=rules)


def cache_values(state: CaseState, deadline: Deadline | None) -> dict[str, Any]:
    """The ``case_file`` cache columns the events imply (``state`` after replay, ``deadline``
    of its current stage): the one definition for the services and the demo generator."""
    return {
        "stage": state.stage.value,
        "level": state.level.value,
        "criteria": _criteria_json(state.criteria),
        "due_on": deadline.due if deadline else None,
        "deadline_kind": deadline.kind.value if deadline else None,
        "closed_on": state.last_on if state.stage.is_terminal else None,
    }


def case_caches(state: CaseState, calendar: WorkingCalendar,
                rules: Sequence[DeadlineRule]) -> dict[str, Any]:
    """``cache_values`` with the current stage's deadline computed on the office calendar."""
    return cache_values(state, _deadline(state, calendar, rules))


def _write_caches(case: CaseFile, state: CaseState, deadline: Deadline | None) -> bool:
    """Copy what the events imply onto the case row; True when anything changed."""
    values = cache_values(state, deadline)
    changed = False
    for key, value in values.items():
        if getattr(case, key) != value:
            setattr(case, key, value)
            changed = True
    return changed


def _case_json(case: CaseFile) -> dict[str, Any]:
    return {
        "number": f"{case.seq}/{case.year}", "case_type": case.case_type,
        "complaint_object": case.complaint_object, "title": case.title,
        "level": case.level, "competent_body": case.competent_body, "remote": case.remote,
        "criteria": case.criteria, "stage": case.stage,
        "due_on": case.due_on.isoformat() if case.due_on else None,
        "deadline_kind": case.deadline_kind,
        "previous_case_id": case.previous_case_id, "link_kind": case.link_kind,
    }


def _event_json(row: CaseEventRow) -> dict[str, Any]:
    return {
        "position": row.position, "kind": row.kind,
        "document_number": row.document_number,
        "document_date": row.document_date.isoformat() if row.document_date else None,
        "level": row.level, "body": row.body, "criteria": row.criteria, "note": row.note,
    }


# --- opening -------------------------------------------------------------------------------


def open_case(session: Session, cmd: NewCase, actor: Actor,
              now: datetime) -> tuple[CaseDetail, Changes]:
    """Open a case from a logbook visit or standalone; numbered per year without gaps."""
    require_aware(now)
    changes = Changes()
    visit: Visit | None = None
    citizen_ids = list(dict.fromkeys(cmd.citizen_ids))
    case_type = cmd.case_type
    title = clean_line(cmd.title)
    content = clean_block(cmd.content)
    field_code = cmd.field_code
    if cmd.visit_id is not None:
        visit = session.get(Visit, cmd.visit_id)
        if visit is None:
            raise UserError("case.visit_not_found", field="visit_id", visit_id=cmd.visit_id)
        if visit.voided_at is not None:
            raise UserError("case.visit_voided", field="visit_id", visit_id=visit.id)
        if visit.case_id is not None:
            raise UserError("case.visit_already_linked", field="visit_id", visit_id=visit.id,
                            case_id=visit.case_id)
        if case_type is None:
            case_type = _TYPE_OF_PETITION[PetitionType(visit.petition_type)]
        content = content or visit.content
        title = title or title_from(visit.content)
        field_code = field_code or visit.field_code
        if visit.citizen_id not in citizen_ids:
            citizen_ids.insert(0, visit.citizen_id)
        moment = _utc(visit.received_at)
        received_on = visit.reception_date
    else:
        moment = now
        received_on = cmd.received_on or local_today(now)
    if case_type is None:
        raise UserError("case.type_required", field="case_type")
    if not title:
        raise UserError("case.title_required", field="title")
    if len(title) > TITLE_MAX:
        raise UserError("case.title_too_long", field="title", max=TITLE_MAX, actual=len(title))
    if received_on > local_today(now):
        raise UserError("case.received_in_future", field="received_on", on=received_on)
    if field_code is not None and session.get(FieldCategory, field_code) is None:
        raise UserError("case.field_unknown", field="field_code")
    for citizen_id in citizen_ids:
        if session.get(Citizen, citizen_id) is None:
            raise UserError("case.citizen_not_found", field="citizen_ids", citizen_id=citizen_id)
    document_number = _document_number(cmd.document_number)
    # The RECEIVE event's legal date is the day the matter arrived (document_date when given).
    received = CaseEvent(
        kind=EventKind.RECEIVE, actor=actor.name, moment=moment,
        document_number=document_number or None,
        document_date=cmd.document_date or (received_on if visit is None else None),
        level=cmd.level, criteria=frozenset(cmd.criteria) or None,
    )
    state = domain_open_case(case_type, received, complaint_object=cmd.complaint_object,
                             remote=cmd.remote)
    if visit is None and cmd.document_date is not None:
        received_on = state.received_on
    calendar, rules = office_calendar(session), deadline_rules(session)
    deadline = _deadline(state, calendar, rules)

    year = received_on.year
    seq = repo.next_counter_value(session, CASE_COUNTER, year)
    case = CaseFile(
        uid=str(uuid.uuid4()), year=year, seq=seq, case_type=case_type.value,
        complaint_object=cmd.complaint_object.value if cmd.complaint_object else None,
        title=title, title_key=fold(title), content=content, field_code=field_code,
        respondents=clean_block(cmd.respondents), level=state.level.value,
        competent_body=clean_line(cmd.competent_body), remote=cmd.remote,
        criteria=_criteria_json(state.criteria),
        within_commune_competence=cmd.within_commune_competence, stage=state.stage.value,
        received_on=received_on, created_at=now, created_by=actor.name, updated_at=now,
    )
    _write_caches(case, state, deadline)
    session.add(case)
    session.flush()
    assert case.id is not None
    if cmd.previous_case_id is not None or cmd.link_kind is not None:
        _link(session, case, cmd.previous_case_id, cmd.link_kind)
    row = CaseEventRow(
        case_id=case.id, position=1, kind=EventKind.RECEIVE.value, actor=actor.name,
        moment=moment, document_number=document_number, document_date=received.document_date,
        level=cmd.level.value, body=clean_line(cmd.body),
        criteria=_criteria_json(received.criteria), note=clean_block(cmd.note),
    )
    session.add(row)
    for citizen_id in citizen_ids:
        session.add(CaseCitizen(case_id=case.id, citizen_id=citizen_id))
    if visit is not None:
        visit.case_id = case.id
        visit.updated_at = now
        visit.version += 1
        repo.add_audit(session, at=now, actor=actor.name, action="link_case", entity="visit",
                       entity_id=visit.id, before={"case_id": None},
                       after={"case_id": case.id})
        assert visit.id is not None
        changes.visits.add(visit.id)
    session.flush()
    repo.add_audit(session, at=now, actor=actor.name, action="create", entity="case",
                   entity_id=case.id,
                   after={**_case_json(case), "citizens": citizen_ids,
                          "visit_id": cmd.visit_id, "event": _event_json(row)})
    changes.cases.add(case.id)
    return case_detail(session, case.id, local_today(now), calendar, rules), changes


def title_from(content: str) -> str:
    """A case title from a visit's content: its first words, cut at a word."""
    line = " ".join(content.split())
    if len(line) <= _TITLE_FROM_CONTENT:
        return line
    cut = line[:_TITLE_FROM_CONTENT].rsplit(" ", 1)[0]
    return cut + "…"


# --- links ---------------------------------------------------------------------------------


def _expected_link(case_type: CaseType) -> tuple[LinkKind, CaseType] | None:
    if case_type is CaseType.COMPLAINT_SECOND:
        return LinkKind.SECOND_COMPLAINT, CaseType.COMPLAINT_FIRST
    if case_type is CaseType.DENUNCIATION:
        return LinkKind.REPEAT_DENUNCIATION, CaseType.DENUNCIATION
    return None


def _link(session: Session, case: CaseFile, previous_id: int | None,
          link_kind: LinkKind | None) -> None:
    if previous_id is None or link_kind is None:
        raise UserError("case.link_incomplete", field="previous_case_id")
    expected = _expected_link(CaseType(case.case_type))
    if expected is None or expected[0] is not LinkKind(link_kind):
        raise UserError("case.link_kind_invalid", field="link_kind", link_kind=link_kind,
                        case_type=case.case_type)
    if previous_id == case.id:
        raise UserError("case.link_to_itself", field="previous_case_id")
    previous = session.get(CaseFile, previous_id)
    if previous is None:
        raise UserError("case.not_found", field="previous_case_id", case_id=previous_id)
    if CaseType(previous.case_type) is not expected[1]:
        raise UserError("case.link_type_mismatch", field="previous_case_id",
                        link_kind=link_kind, previous_type=previous.case_type)
    # Walk back from the earlier case: the chain must not come round to this one.
    seen = {case.id}
    cursor: CaseFile | None = previous
    while cursor is not None:
        if cursor.id in seen:
            raise UserError("case.link_cycle", field="previous_case_id")
        seen.add(cursor.id)
        cursor = session.get(CaseFile, cursor.previous_case_id) if cursor.previous_case_id \
            else None
    case.previous_case_id = previous_id
    case.link_kind = LinkKind(link_kind).value


def link_case(session: Session, case_id: int, previous_case_id: int, link_kind: LinkKind,
              actor: Actor, now: datetime) -> tuple[CaseDetail, Changes]:
    """Link a second complaint to the first, or a repeat denunciation to the original."""
    require_aware(now)
    case = _load_case(session, case_id, lock=True)
    before = {"previous_case_id": case.previous_case_id, "link_kind": case.link_kind}
    _link(session, case, previous_case_id, link_kind)
    case.updated_at = now
    case.version += 1
    session.flush()
    repo.add_audit(session, at=now, actor=actor.name, action="link", entity="case",
                   entity_id=case_id, before=before,
                   after={"previous_case_id": case.previous_case_id,
                          "link_kind": case.link_kind})
    return case_detail(session, case_id, local_today(now)), Changes(
        cases={case_id, previous_case_id})


# --- events --------------------------------------------------------------------------------


def record_event(session: Session, draft: EventDraft, actor: Actor,
                 now: datetime) -> tuple[CaseDetail, Changes]:
    """Record one event; the domain state machine refuses illegal moves (``CaseRuleError``)."""
    require_aware(now)
    case = _load_case(session, draft.case_id, lock=True)
    if draft.expected_version is not None and draft.expected_version != case.version:
        raise UserError("case.changed_elsewhere", case_id=case.id)
    kind = EventKind(draft.kind)
    rows = _event_rows(session, draft.case_id)
    events = [_event_of(r) for r in rows]
    state = _state_of(case, events)
    document_number = _document_number(draft.document_number)
    if draft.document_date is not None and draft.document_date > local_today(now):
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
    deadline = _deadline(new_state, calendar, rules)
    before = _case_json(case)
    _write_caches(case, new_state, deadline)
    if body and (kind is EventKind.TRANSFER or draft.level is not None):
        case.competent_body = body
    if kind is EventKind.ASSESS_COMPLEXITY:
        case.criteria = _criteria_json(new_state.criteria)
    case.updated_at = now
    case.version += 1
    row = CaseEventRow(
        case_id=draft.case_id, position=(rows[-1].position + 1) if rows else 1,
        kind=kind.value, actor=actor.name, moment=now, document_number=document_number,
        document_date=draft.document_date,
        level=draft.level.value if draft.level else None, body=body,
        criteria=_criteria_json(event.criteria), note=clean_block(draft.note),
    )
    session.add(row)
    session.flush()
    repo.add_audit(session, at=now, actor=actor.name, action=f"event:{kind.value}",
                   entity="case", entity_id=case.id, before=before,
                   after={**_case_json(case), "event": _event_json(row)})
    assert case.id is not None
    return case_detail(session, case.id, local_today(now), calendar, rules), Changes(
        cases={case.id})


def set_remote(session: Session, case_id: int, remote: bool, actor: Actor,
               now: datetime) -> tuple[CaseDetail, Changes]:
    """Mark the complainant's place as a remote, hard-to-travel area (longer complaint limits)."""
    require_aware(now)
    case = _load_case(session, case_id, lock=True)
    if case.remote == remote:
        return case_detail(session, case_id, local_today(now)), Changes()
    before = _case_json(case)
    case.remote = remote
    state = _state_of(case, [_event_of(r) for r in _event_rows(session, case_id)])
    calendar, rules = office_calendar(session), deadline_rules(session)
    _write_caches(case, state, _deadline(state, calendar, rules))
    case.updated_at = now
    case.version += 1
    session.flush()
    repo.add_audit(session, at=now, actor=actor.name, action="update", entity="case",
                   entity_id=case_id, before=before, after=_case_json(case))
    return case_detail(session, case_id, local_today(now), calendar, rules), Changes(
        cases={case_id})


def set_complexity(session: Session, case_id: int,
                   criteria: Iterable[ComplexityCriterion], actor: Actor, now: datetime, *,
                   document_number: str = "", document_date: date | None = None,
                   note: str = "") -> tuple[CaseDetail, Changes]:
    """Record the written complexity determination (criteria a–g) as an event on the case."""
    wanted = frozenset(ComplexityCriterion(c) for c in criteria)
    case = _load_case(session, case_id)
    if _criteria_of(case.criteria) == wanted:
        return case_detail(session, case_id, local_today(now)), Changes()
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
    cases = list(session.scalars(select(CaseFile).where(col(CaseFile.stage).in_(OPEN_STAGES))))
    all_events: dict[int, list[CaseEventRow]] = {}
    if cases:
        for row in session.scalars(
                select(CaseEventRow)
                .where(col(CaseEventRow.case_id).in_([c.id for c in cases]))
                .order_by(col(CaseEventRow.case_id), col(CaseEventRow.position))):
            all_events.setdefault(row.case_id, []).append(row)
    changed = 0
    for case in cases:
        assert case.id is not None
        before = (case.due_on, case.deadline_kind)
        try:
            state = _state_of(case, [_event_of(r) for r in all_events.get(case.id, [])])
            deadline = _deadline(state, calendar, rules)
        except UserError:
            report.failed.append(case.id)
            case.due_on = None
            if before[0] is not None:  # every change of a case leaves its audit row
                repo.add_audit(session, at=now, actor=actor.name, action="recompute",
                               entity="case", entity_id=case.id,
                               before={"due_on": before[0].isoformat()}, after={"due_on": None})
            continue
        _write_caches(case, state, deadline)
        if (case.due_on, case.deadline_kind) != before:
            changed += 1
            changes.cases.add(case.id)
            repo.add_audit(session, at=now, actor=actor.name, action="recompute",
                           entity="case", entity_id=case.id,
                           before={"due_on": before[0].isoformat() if before[0] else None},
                           after={"due_on": case.due_on.isoformat() if case.due_on else None})
    session.flush()
    return RecomputeReport(len(cases), changed, report.failed), changes


# --- reading one case ----------------------------------------------------------------------


def _deadline_info(deadline: Deadline | None, today: date,
                   calendar: WorkingCalendar) -> DeadlineInfo | None:
    if deadline is None:
        return None
    status = working = calendar_left = None
    if deadline.due is not None:
        st = status_for(deadline.due, today, calendar, soon_within=DUE_SOON_WORKING_DAYS)
        status, working, calendar_left = st.status, st.working_days_left, st.calendar_days_left
    return DeadlineInfo(
        kind=deadline.kind, start=deadline.start, due=deadline.due, unit=deadline.unit,
        days=deadline.days, variant=deadline.variant, basis=deadline.basis,
        extensions=deadline.extensions, paused_remaining=deadline.paused_remaining,
        status=status, working_days_left=working, calendar_days_left=calendar_left,
    )


def _case_link(case: CaseFile, link_kind: str | None) -> CaseLink:
    assert case.id is not None
    return CaseLink(case.id, case.year, case.seq, CaseType(case.case_type), case.title,
                    CaseStage(case.stage), LinkKind(link_kind) if link_kind else None)


def case_detail(session: Session, case_id: int, today: date,
                calendar: WorkingCalendar | None = None,
                rules: Sequence[DeadlineRule] | None = None) -> CaseDetail:
    """Everything the case page shows: timeline, links, where it is now, its deadline."""
    case = _load_case(session, case_id)
    calendar = calendar or office_calendar(session)
    rules = rules if rules is not None else deadline_rules(session)
    rows = _event_rows(session, case_id)
    state = _state_of(case, [_event_of(r) for r in rows])
    try:
        deadline = _deadline(state, calendar, rules)
    except UserError:
        deadline = None
    timeline = tuple(
        TimelineEntry(
            position=r.position, kind=EventKind(r.kind), actor=r.actor,
            moment=_utc(r.moment).astimezone(OFFICE_TZ), legal_date=_event_of(r).legal_date,
            document_number=r.document_number, document_date=r.document_date,
            level=HandlingLevel(r.level) if r.level else None, body=r.body,
            criteria=_criteria_of(r.criteria) if r.criteria is not None else None, note=r.note,
        ) for r in rows)
    complainants = tuple(
        Complainant(c.id, c.full_name, c.id_number, c.address, role)  # type: ignore[arg-type]
        for c, role in session.execute(
            select(Citizen, col(CaseCitizen.role))
            .join(CaseCitizen, col(CaseCitizen.citizen_id) == col(Citizen.id))
            .where(col(CaseCitizen.case_id) == case_id)
            .order_by(col(Citizen.full_name))))
    visits = tuple(
        VisitLink(v.id, v.year, v.seq, v.reception_date, v.citizen_name,  # type: ignore[arg-type]
                  v.content, v.voided_at is not None)
        for v in session.scalars(select(Visit).where(
            Visit.case_id == case_id).order_by(Visit.received_at)))  # type: ignore[arg-type]
    previous = None
    if case.previous_case_id is not None:
        prev = session.get(CaseFile, case.previous_case_id)
        if prev is not None:
            previous = _case_link(prev, case.link_kind)
    next_cases = tuple(
        _case_link(c, c.link_kind) for c in session.scalars(
            select(CaseFile).where(CaseFile.previous_case_id == case_id)  # type: ignore[arg-type]
            .order_by(CaseFile.received_on, CaseFile.id)))  # type: ignore[arg-type]
    assert case.id is not None
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
        deadline=_deadline_info(deadline, today, calendar),
        allowed_events=tuple(sorted(allowed_events(state), key=_EVENT_ORDER.__getitem__)),
        complainants=complainants, events=timeline, visits=visits, previous=previous,
        next_cases=next_cases, link_kind=LinkKind(case.link_kind) if case.link_kind else None,
        version=case.version,
    )


def document_required(kind: EventKind) -> bool:
    """The domain requires a document number and date for this event (written decision)."""
    return kind in DOCUMENT_REQUIRED


# --- lists ---------------------------------------------------------------------------------


def due_soon_limit(today: date, calendar: WorkingCalendar,
                   soon_within: int = DUE_SOON_WORKING_DAYS) -> date:
    """First due date that is no longer "due soon": due dates in [today, limit) are DUE_SOON.

    status_for counts working days in (today, due]; that count stays ≤ n up to the day before
    the (n+1)-th working day after today.
    """
    return calendar.add_working_days(today, soon_within + 1)


def end_of_week(today: date) -> date:
    return today + timedelta(days=6 - today.weekday())


def _conditions(query: CaseQuery, today: date) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    stage = col(CaseFile.stage)
    due = col(CaseFile.due_on)
    if query.filter is CaseFilter.OPEN:
        where.append(stage.in_(OPEN_STAGES))
    elif query.filter is CaseFilter.DUE_THIS_WEEK:
        where.append(stage.in_(OPEN_STAGES))
        where.append(and_(due >= today, due <= end_of_week(today)))
    elif query.filter is CaseFilter.OVERDUE:
        where.append(stage.in_(OPEN_STAGES))
        where.append(due < today)
    elif query.filter is CaseFilter.CLOSED:
        where.append(stage.in_(DONE_STAGES))
    if query.case_type is not None:
        where.append(col(CaseFile.case_type) == query.case_type.value)
    words = query.text.strip()
    number = _CASE_NUMBER.match(words)
    if number:
        where.append(col(CaseFile.seq) == int(number.group(1)))
        if number.group(2):
            where.append(col(CaseFile.year) == int(number.group(2)))
        return where
    for word in fold(words).split():
        pattern = f"%{_escape_like(word)}%"
        complainant = exists().where(
            CaseCitizen.case_id == CaseFile.id,  # type: ignore[arg-type]
            CaseCitizen.citizen_id == Citizen.id,  # type: ignore[arg-type]
            Citizen.name_key.like(pattern, escape="\\"),  # type: ignore[attr-defined]
        )
        where.append(or_(CaseFile.title_key.like(pattern, escape="\\"),  # type: ignore[attr-defined]
                         complainant))
    return where


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def count_cases(session: Session, query: CaseQuery, today: date) -> int:
    stmt = select(func.count()).select_from(CaseFile)
    where = _conditions(query, today)
    if where:
        stmt = stmt.where(and_(*where))
    return int(session.scalar(stmt) or 0)


def _order(query: CaseQuery) -> list[Any]:
    number: list[Any] = [col(CaseFile.year), col(CaseFile.seq)]
    first: dict[CaseSort, Any] = {
        CaseSort.DUE: col(CaseFile.due_on),
        CaseSort.RECEIVED: col(CaseFile.received_on),
        CaseSort.TYPE: col(CaseFile.case_type),
        CaseSort.STAGE: col(CaseFile.stage),
        CaseSort.TITLE: col(CaseFile.title_key),
        CaseSort.LEVEL: col(CaseFile.level),
    }
    columns = number if query.sort is CaseSort.NUMBER else [first[query.sort], *number]
    out = []
    for i, column in enumerate(columns):
        ordered = column.desc() if query.descending else column.asc()
        if i == 0 and query.sort is CaseSort.DUE:
            ordered = ordered.nulls_last()  # cases without a running clock at the end
        out.append(ordered)
    return out


def case_page(session: Session, query: CaseQuery, today: date, offset: int, limit: int,
              calendar: WorkingCalendar | None = None, *,
              ids: Sequence[int] | None = None) -> list[CaseRow]:
    """One page of the case list, filtered and sorted in SQL; statuses for the page only."""
    calendar = calendar or office_calendar(session)
    stmt = select(*(col(c) for c in (
        CaseFile.id, CaseFile.year, CaseFile.seq, CaseFile.case_type, CaseFile.title,
        CaseFile.level, CaseFile.competent_body, CaseFile.stage, CaseFile.received_on,
        CaseFile.due_on, CaseFile.deadline_kind, CaseFile.closed_on,
    )))
    where = _conditions(query, today)
    if ids is not None:
        where.append(col(CaseFile.id).in_(ids))
    if where:
        stmt = stmt.where(and_(*where))
    rows = session.execute(stmt.order_by(*_order(query)).offset(offset).limit(limit)).all()
    names = _complainants(session, [r.id for r in rows])
    late = _overdue_directives(session, [r.id for r in rows], today)
    out = []
    for r in rows:
        stage = CaseStage(r.stage)
        status = working = calendar_left = None
        if r.due_on is not None and stage.is_open:
            st = status_for(r.due_on, today, calendar, soon_within=DUE_SOON_WORKING_DAYS)
            status, working, calendar_left = st.status, st.working_days_left, \
                st.calendar_days_left
        first, count = names.get(r.id, ("", 0))
        out.append(CaseRow(
            id=r.id, year=r.year, seq=r.seq, case_type=CaseType(r.case_type), title=r.title,
            complainant=first, complainant_count=count, level=HandlingLevel(r.level),
            competent_body=r.competent_body, stage=stage, received_on=r.received_on,
            due_on=r.due_on,
            deadline_kind=DeadlineKind(r.deadline_kind) if r.deadline_kind else None,
            status=status, working_days_left=working, calendar_days_left=calendar_left,
            closed_on=r.closed_on, directive_overdue=r.id in late,
        ))
    return out


def _overdue_directives(session: Session, case_ids: list[int], today: date) -> set[int]:
    """Cases of the page with an open directive past its due date (one indexed lookup)."""
    if not case_ids:
        return set()
    stmt = (select(col(Directive.case_id)).distinct()
            .where(col(Directive.case_id).in_(case_ids), col(Directive.done_at).is_(None),
                   col(Directive.due_on) < today))
    return set(session.scalars(stmt))


def _complainants(session: Session, case_ids: list[int]) -> dict[int, tuple[str, int]]:
    if not case_ids:
        return {}
    out: dict[int, tuple[str, int]] = {}
    stmt = (select(col(CaseCitizen.case_id), col(Citizen.full_name))
            .join(Citizen, col(Citizen.id) == col(CaseCitizen.citizen_id))
            .where(col(CaseCitizen.case_id).in_(case_ids))
            .order_by(col(CaseCitizen.case_id), col(Citizen.full_name)))
    for case_id, name in session.execute(stmt):
        first, count = out.get(case_id, (name, 0))
        out[case_id] = (first, count + 1)
    return out


def case_row(session: Session, case_id: int, today: date) -> CaseRow | None:
    """The list line of one case (after an event, to refresh one row)."""
    rows = case_page(session, CaseQuery(filter=CaseFilter.ALL), today, 0, 1, ids=[case_id])
    return rows[0] if rows else None


def open_case_statuses(session: Session, today: date,
                       calendar: WorkingCalendar | None = None) -> list[CaseStatus]:
    """Stage, due date, days left and status of every open case, from the caches, in bulk.

    The DB-API cursor and one status computation per distinct due date (open cases share a few
    hundred due dates): the ORM's per-row work would cost more than the deadline arithmetic
    itself (200,000 cases in ≤ 500 ms, tests/benchmarks/test_bench_cases.py).
    """
    calendar = calendar or office_calendar(session)
    placeholders = ", ".join(f"'{s}'" for s in OPEN_STAGES)  # fixed enum values, not input
    raw = session.connection().connection.dbapi_connection
    assert raw is not None
    cursor = raw.cursor()
    try:
        cursor.execute(
            f"SELECT id, stage, due_on FROM case_file WHERE stage IN ({placeholders})")
        rows = cursor.fetchall()
    finally:
        cursor.close()
    stages = {s.value: s for s in CaseStage}
    soon = DUE_SOON_WORKING_DAYS
    today_o = today.toordinal()
    on_time, due_soon, overdue = DueStatus.ON_TIME, DueStatus.DUE_SOON, DueStatus.OVERDUE
    # due value as the driver returns it (ISO text on SQLite, date on PostgreSQL) → figures
    by_due: dict[Any, tuple[date, DueStatus, int, int]] = {}
    out: list[CaseStatus] = []
    append = out.append
    # 200,000 small objects in a row make the cyclic GC scan the growing list again and again;
    # none of them can form a cycle, so the collector is paused for the loop.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for case_id, stage, due in rows:
            if due is None:
                append(CaseStatus(case_id, stages[stage], None, None, None, None))
                continue
            hit = by_due.get(due)
            if hit is None:
                day = due if isinstance(due, date) else date.fromisoformat(str(due)[:10])
                due_o = day.toordinal()
                left = due_o - today_o
                working = calendar.count_working_ordinals(today_o, due_o)
                status = overdue if left < 0 else due_soon if working <= soon else on_time
                hit = by_due[due] = (day, status, working, left)
            append(CaseStatus(case_id, stages[stage], hit[0], hit[1], hit[2], hit[3]))
    finally:
        if was_enabled:
            gc.enable()
    return out


def status_counts(session: Session, today: date,
                  calendar: WorkingCalendar | None = None) -> StatusCounts:
    """How many open cases are on time, due soon, overdue, suspended: counted in SQL."""
    calendar = calendar or office_calendar(session)
    limit = due_soon_limit(today, calendar)
    due, stage = CaseFile.due_on, CaseFile.stage
    is_open = stage.in_(OPEN_STAGES)  # type: ignore[attr-defined]

    def n(*cond: Any) -> int:
        return int(session.scalar(select(func.count()).select_from(CaseFile)
                                  .where(is_open, *cond)) or 0)

    return StatusCounts(
        on_time=n(due >= limit),  # type: ignore[operator]
        due_soon=n(due >= today, due < limit),  # type: ignore[operator]
        overdue=n(due < today),  # type: ignore[operator]
        # Only a stopped clock is paused: a case suspended after its period ran out keeps its
        # past due date (domain period_end) and counts as overdue, once.
        paused=n(stage == CaseStage.SUSPENDED.value, due.is_(None)),  # type: ignore[union-attr]
        no_deadline=n(due.is_(None), stage != CaseStage.SUSPENDED.value),  # type: ignore[union-attr]
    )


__all__ = [
    "cache_values", "case_caches", "case_detail", "case_page", "count_cases",
    "document_required", "link_case", "open_case",
    "open_case_statuses", "recompute_open_cases", "record_event", "set_complexity",
    "set_remote", "status_counts", "title_from",
]


# --- complainants ----------------------------------------------------------------------------


def _role(value: str) -> ComplainantRole:
    try:
        return ComplainantRole(value)
    except ValueError:
        raise UserError("case.complainant_role_invalid", field="role", role=value) from None


def add_complainant(session: Session, case_id: int, citizen_id: int, role: str,
                    actor: Actor, now: datetime) -> tuple[CaseDetail, Changes]:
    """Link one more citizen to a case: a co-complainant, a representative, an authorised person.

    A citizen stands once in a case (one role); the audit row is written in the same transaction.
    """
    require_aware(now)
    wanted = _role(role)
    case = _load_case(session, case_id, lock=True)
    citizen = session.get(Citizen, citizen_id)
    if citizen is None:
        raise UserError("case.citizen_not_found", field="citizen_id", citizen_id=citizen_id)
    existing = session.get(CaseCitizen, (case_id, citizen_id))
    if existing is not None:
        raise UserError("case.complainant_duplicate", field="citizen_id", citizen_id=citizen_id,
                        name=citizen.full_name, role=existing.role)
    session.add(CaseCitizen(case_id=case_id, citizen_id=citizen_id, role=wanted.value))
    case.updated_at = now
    case.version += 1
    session.flush()
    repo.add_audit(session, at=now, actor=actor.name, action="add_complainant", entity="case",
                   entity_id=case_id, before=None,
                   after={"citizen_id": citizen_id, "name": citizen.full_name,
                          "role": wanted.value})
    return case_detail(session, case_id, local_today(now)), Changes(
        cases={case_id}, citizens={citizen_id})


def remove_complainant(session: Session, case_id: int, citizen_id: int, actor: Actor,
                       now: datetime) -> tuple[CaseDetail, Changes]:
    """Unlink a citizen from a case; a case keeps at least one complainant (role complainant)."""
    require_aware(now)
    case = _load_case(session, case_id, lock=True)
    links = list(session.scalars(
        select(CaseCitizen).where(col(CaseCitizen.case_id) == case_id)))
    link = next((c for c in links if c.citizen_id == citizen_id), None)
    if link is None:
        raise UserError("case.complainant_not_linked", field="citizen_id",
                        citizen_id=citizen_id)
    if not any(c.role == ComplainantRole.COMPLAINANT.value
               for c in links if c.citizen_id != citizen_id):
        raise UserError("case.last_complainant", field="citizen_id", citizen_id=citizen_id)
    citizen = session.get(Citizen, citizen_id)
    before = {"citizen_id": citizen_id, "name": citizen.full_name if citizen else "",
              "role": link.role}
    session.delete(link)
    case.updated_at = now
    case.version += 1
    session.flush()
    repo.add_audit(session, at=now, actor=actor.name, action="remove_complainant",
                   entity="case", entity_id=case_id, before=before, after=None)
    return case_detail(session, case_id, local_today(now)), Changes(
        cases={case_id}, citizens={citizen_id})


__all__ += ["add_complainant", "remove_complainant"]
