"""Session use cases: plan, edit, publish the schedule, hold (with or without citizens), cancel;
read one session, a list, a schedule with the chair's duty. Every write is audited and edits
name the version they read (compare-and-set)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.dates import office_day
from reception_desk.domain.numbering import visit_stt
from reception_desk.domain.sessions import LeaderRole
from reception_desk.domain.sessions import ParticipantKind
from reception_desk.domain.sessions import SessionStatus
from reception_desk.domain.sessions import check_times
from reception_desk.domain.sessions import publicity_warnings
from reception_desk.domain.text import clean_block
from reception_desk.domain.text import clean_line
from reception_desk.errors import UserError
from reception_desk.errors import ValidationFailed
from reception_desk.services.context import Actor
from reception_desk.services.context import Changes
from reception_desk.services.context import require_aware
from reception_desk.services.found import found
from reception_desk.services.office.rules import office_calendar
from reception_desk.services.sessions import duty
from reception_desk.services.sessions.conclusions import conclusions_by_session
from reception_desk.services.sessions.dto import LinkedVisit
from reception_desk.services.sessions.dto import MemberLine
from reception_desk.services.sessions.dto import ScheduleDTO
from reception_desk.services.sessions.dto import SessionDraft
from reception_desk.services.sessions.dto import SessionDTO
from reception_desk.services.sessions.linking import relink_day
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import ReceptionSession
from reception_desk.storage.models import ReceptionSessionMember
from reception_desk.storage.models import Staff
from reception_desk.storage.queries import office as office_queries
from reception_desk.storage.queries import sessions as queries

MAX_TEXT = 4000
#: The staff role (Settings → Staff) a leader role needs; a delegate may be anyone.
_STAFF_ROLE = {LeaderRole.CHAIR: "chair", LeaderRole.VICE_CHAIR: "vice_chair"}


# --- reading ------------------------------------------------------------------------------------


def _staff(session: Session) -> dict[int, Staff]:
    return {s.id: s for s in office_queries.staff_members(session, True) if s.id is not None}


def _dtos(session: Session, rows: Sequence[ReceptionSession], today: date,
          calendar: WorkingCalendar | None = None) -> list[SessionDTO]:
    if not rows:
        return []
    calendar = calendar or office_calendar(session)
    ids = [r.id for r in rows if r.id is not None]
    staff = _staff(session)
    members: dict[int, list[MemberLine]] = {}
    for m in queries.members_of(session, ids):
        members.setdefault(m.session_id, []).append(
            MemberLine(ParticipantKind(m.kind), m.name, m.staff_id, m.role_note))
    counts = queries.visit_counts(session, ids)
    notices = conclusions_by_session(session, ids, today, calendar)
    out: list[SessionDTO] = []
    for r in rows:
        assert r.id is not None
        leader = staff.get(r.leader_staff_id)
        status = SessionStatus(r.status)
        warnings = (tuple(publicity_warnings(r.day, r.published_on, today, calendar))
                    if status is SessionStatus.PLANNED else ())
        visits, people = counts.get(r.id, (0, 0))
        out.append(SessionDTO(
            r.id, r.uid, status, r.day, r.start_minute, r.end_minute, r.place,
            r.leader_staff_id, leader.full_name if leader else "",
            leader.position if leader else "", LeaderRole(r.leader_role), r.delegation_note,
            r.matters, r.published_on, r.no_citizen, r.outcome_note, r.cancel_reason,
            r.version, tuple(members.get(r.id, ())), visits, people,
            tuple(notices.get(r.id, ())), warnings))
    return out


def list_sessions(session: Session, first: date, last: date, today: date) -> list[SessionDTO]:
    if last < first:
        raise UserError("session.span_reversed", first=first, last=last)
    return _dtos(session, queries.sessions_between(session, first, last), today)


def get_session(session: Session, session_id: int, today: date) -> SessionDTO:
    return _dtos(session, [_load(session, session_id)], today)[0]


def linked_visits(session: Session, session_id: int) -> list[LinkedVisit]:
    _load(session, session_id)
    return [LinkedVisit(vid, visit_stt(seq, year, old_stt, old_year), name, content)
            for vid, year, seq, name, content, old_stt, old_year
            in queries.linked_visits(session, session_id)]


def schedule(session: Session, first: date, last: date, today: date) -> ScheduleDTO:
    """The sessions of [first, last] and the duty periods touching it."""
    calendar = office_calendar(session)
    if last < first:
        raise UserError("session.span_reversed", first=first, last=last)
    rows = queries.sessions_between(session, first, last)
    return ScheduleDTO(first, last, tuple(_dtos(session, rows, today, calendar)),
                       tuple(duty.duty_status(session, first, last, today, calendar)), today)


# --- writing ------------------------------------------------------------------------------------


def _load(session: Session, session_id: int) -> ReceptionSession:
    return found(session.get(ReceptionSession, session_id),
                 "session.not_found", session_id=session_id)


def _clean(draft: SessionDraft) -> SessionDraft:
    return SessionDraft(
        draft.day, draft.start_minute, draft.end_minute, draft.leader_staff_id,
        LeaderRole(draft.leader_role), clean_line(draft.place), clean_line(draft.delegation_note),
        clean_block(draft.matters),
        [MemberLine(ParticipantKind(m.kind), clean_line(m.name), m.staff_id,
                    clean_line(m.role_note)) for m in draft.members
         if clean_line(m.name) or m.staff_id is not None])


def _validate(session: Session, draft: SessionDraft) -> SessionDraft:
    draft = _clean(draft)
    problems = check_times(draft.start_minute, draft.end_minute)
    leader = session.get(Staff, draft.leader_staff_id)
    if leader is None or not leader.active:
        problems.append(UserError("session.leader_unknown", field="leader"))
    elif (needed := _STAFF_ROLE.get(draft.leader_role)) and leader.role != needed:
        problems.append(UserError("session.leader_role_mismatch", field="leader",
                                  name=leader.full_name))
    if draft.leader_role is LeaderRole.DELEGATE and not draft.delegation_note:
        problems.append(UserError("session.delegation_required", field="delegation_note"))
    if not draft.place:
        problems.append(UserError("session.place_required", field="place"))
    if len(draft.matters) > MAX_TEXT:
        problems.append(UserError("text.too_long", field="matters", max=MAX_TEXT,
                                  actual=len(draft.matters)))
    for m in draft.members:
        if m.staff_id is not None and session.get(Staff, m.staff_id) is None:
            problems.append(UserError("session.member_unknown", field="members"))
            break
    if problems:
        raise problems[0] if len(problems) == 1 else ValidationFailed(problems)
    staff = _staff(session)
    # An officer's line carries the name as it was (the staff list may change later).
    draft.members = [m if m.staff_id is None or m.name else
                     MemberLine(m.kind, staff[m.staff_id].full_name, m.staff_id, m.role_note)
                     for m in draft.members]
    return draft


def _view(row: ReceptionSession, members: Sequence[MemberLine] | None = None) -> dict[str, Any]:
    view: dict[str, Any] = {
        "status": row.status, "day": row.day.isoformat(), "start_minute": row.start_minute,
        "end_minute": row.end_minute, "place": row.place, "leader_staff_id": row.leader_staff_id,
        "leader_role": row.leader_role, "delegation_note": row.delegation_note,
        "matters": row.matters,
        "published_on": row.published_on.isoformat() if row.published_on else None,
        "no_citizen": row.no_citizen, "outcome_note": row.outcome_note,
        "cancel_reason": row.cancel_reason}
    if members is not None:
        view["members"] = [{"kind": m.kind.value, "name": m.name, "staff_id": m.staff_id,
                            "role_note": m.role_note} for m in members]
    return view


def _write_members(session: Session, session_id: int, members: Sequence[MemberLine]) -> None:
    queries.delete_members(session, session_id)
    for i, m in enumerate(members):
        session.add(ReceptionSessionMember(session_id=session_id, position=i, kind=m.kind.value,
                                           staff_id=m.staff_id, name=m.name,
                                           role_note=m.role_note))


def _members(session: Session, session_id: int) -> list[MemberLine]:
    return [MemberLine(ParticipantKind(m.kind), m.name, m.staff_id, m.role_note)
            for m in queries.members_of(session, [session_id])]


def _done(session: Session, row: ReceptionSession, now: datetime, actor: Actor,
          days: Sequence[date]) -> tuple[SessionDTO, Changes]:
    session.flush()
    assert row.id is not None
    linked: set[int] = set()
    for day in sorted(set(days)):
        linked |= relink_day(session, day, actor, now)
    return get_session(session, row.id, office_day(now)), Changes(sessions={row.id},
                                                                  visits=linked)


def plan_session(session: Session, draft: SessionDraft, actor: Actor, now: datetime
                 ) -> tuple[SessionDTO, Changes]:
    """A new planned session (audited); visits already logged in its hours link to it."""
    require_aware(now)
    draft = _validate(session, draft)
    row = ReceptionSession(
        uid=str(uuid.uuid4()), status=SessionStatus.PLANNED.value, day=draft.day,
        start_minute=draft.start_minute, end_minute=draft.end_minute, place=draft.place,
        leader_staff_id=draft.leader_staff_id, leader_role=draft.leader_role.value,
        delegation_note=draft.delegation_note, matters=draft.matters, created_at=now,
        created_by=actor.name, updated_at=now, version=1)
    session.add(row)
    session.flush()
    assert row.id is not None
    _write_members(session, row.id, draft.members)
    repo.add_audit(session, at=now, actor=actor.name, action="create",
                   entity="reception_session", entity_id=row.id,
                   after=_view(row, draft.members))
    return _done(session, row, now, actor, [row.day])


def _claim(session: Session, row: ReceptionSession, expected_version: int) -> None:
    assert row.id is not None
    if not queries.claim_version(session, row.id, expected_version):
        session.refresh(row)
        raise UserError("session.changed_elsewhere", session_id=row.id, version=row.version)
    session.refresh(row)


def update_session(session: Session, session_id: int, draft: SessionDraft,
                   expected_version: int, actor: Actor, now: datetime
                   ) -> tuple[SessionDTO, Changes]:
    """Edit a session that is not cancelled (compare-and-set; audited). Moving a published
    session to another day clears its publication: the new day must be posted again."""
    require_aware(now)
    row = _load(session, session_id)
    if row.status == SessionStatus.CANCELLED:
        raise UserError("session.cancelled", session_id=session_id)
    draft = _validate(session, draft)
    before = _view(row, _members(session, session_id))
    _claim(session, row, expected_version)
    old_day = row.day
    if row.day != draft.day:
        row.published_on = None
    row.day, row.start_minute, row.end_minute = draft.day, draft.start_minute, draft.end_minute
    row.place, row.leader_staff_id = draft.place, draft.leader_staff_id
    row.leader_role, row.delegation_note = draft.leader_role.value, draft.delegation_note
    row.matters, row.updated_at = draft.matters, now
    _write_members(session, session_id, draft.members)
    repo.add_audit(session, at=now, actor=actor.name, action="update",
                   entity="reception_session", entity_id=session_id, before=before,
                   after=_view(row, draft.members))
    return _done(session, row, now, actor, [old_day, row.day])


def publish_schedule(session: Session, first: date, last: date, actor: Actor, now: datetime
                     ) -> tuple[list[SessionDTO], Changes]:
    """Mark the planned, unpublished sessions of [first, last] as posted today (audited).
    The sessions come back with their publicity warnings (late notice, day off)."""
    require_aware(now)
    today = office_day(now)
    changes = Changes()
    for row in queries.sessions_between(session, first, last):
        if row.status != SessionStatus.PLANNED or row.published_on is not None:
            continue
        assert row.id is not None
        before = _view(row)
        row.published_on, row.updated_at = today, now
        row.version += 1
        repo.add_audit(session, at=now, actor=actor.name, action="publish",
                       entity="reception_session", entity_id=row.id, before=before,
                       after=_view(row))
        changes.sessions.add(row.id)
    session.flush()
    return list_sessions(session, first, last, today), changes


def hold_session(session: Session, session_id: int, expected_version: int, *,
                 no_citizen: bool, outcome_note: str, actor: Actor, now: datetime
                 ) -> tuple[SessionDTO, Changes]:
    """Record that the session took place; ``no_citizen``: the leader sat and nobody came
    (refused while visits are linked to it). Visits of its hours link to it (audited)."""
    require_aware(now)
    row = _load(session, session_id)
    if row.status != SessionStatus.PLANNED:
        raise UserError("session.not_planned", session_id=session_id, status=row.status)
    if row.day > office_day(now):
        raise UserError("session.hold_in_future", day=row.day)
    note = clean_block(outcome_note)
    if no_citizen and queries.visit_counts(session, [session_id]):
        raise UserError("session.has_visits", session_id=session_id)
    before = _view(row)
    _claim(session, row, expected_version)
    row.status, row.no_citizen, row.outcome_note = SessionStatus.HELD.value, no_citizen, note
    row.updated_at = now
    repo.add_audit(session, at=now, actor=actor.name,
                   action="hold_empty" if no_citizen else "hold",
                   entity="reception_session", entity_id=session_id, before=before,
                   after=_view(row))
    return _done(session, row, now, actor, [row.day])


def cancel_session(session: Session, session_id: int, expected_version: int, reason: str,
                   actor: Actor, now: datetime) -> tuple[SessionDTO, Changes]:
    """Cancel a planned session with a reason (audited); its visits lose the link."""
    require_aware(now)
    row = _load(session, session_id)
    if row.status != SessionStatus.PLANNED:
        raise UserError("session.not_planned", session_id=session_id, status=row.status)
    text = clean_line(reason)
    if not text:
        raise UserError("session.cancel_reason_required", field="reason")
    before = _view(row)
    _claim(session, row, expected_version)
    row.status, row.cancel_reason, row.updated_at = SessionStatus.CANCELLED.value, text, now
    repo.add_audit(session, at=now, actor=actor.name, action="cancel",
                   entity="reception_session", entity_id=session_id, before=before,
                   after=_view(row))
    return _done(session, row, now, actor, [row.day])
