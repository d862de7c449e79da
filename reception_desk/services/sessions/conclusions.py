"""Thông báo kết luận việc tiếp công dân (NĐ 154/2026 Art. 25; LEGAL.md §8.2): the conclusion
of a held session, for the whole session or for one matter (a visit of it), numbered per year.

Its instructions to bodies are stored as ``Directive`` rows (``conclusion_id`` set, the body in
``assignee_body``, the matter's case when the visit has one): they are listed, acknowledged,
completed and flagged overdue exactly where the chair's directives are (the hotspot screen, the
weekly pack, the case's timeline)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.dates import office_day
from reception_desk.domain.sessions import SessionStatus
from reception_desk.domain.text import clean_block
from reception_desk.domain.text import clean_line
from reception_desk.errors import UserError
from reception_desk.errors import ValidationFailed
from reception_desk.services.context import Actor
from reception_desk.services.context import Changes
from reception_desk.services.context import require_aware
from reception_desk.services.hotspots.directives import list_directives
from reception_desk.services.hotspots.dto import DirectiveDTO
from reception_desk.services.office.rules import office_calendar
from reception_desk.services.sessions.dto import ConclusionDTO
from reception_desk.services.sessions.dto import InstructionDraft
from reception_desk.storage import counters
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import Directive
from reception_desk.storage.models import ReceptionSession
from reception_desk.storage.models import SessionConclusion
from reception_desk.storage.models import Staff
from reception_desk.storage.models import Visit
from reception_desk.storage.queries import sessions as queries

COUNTER_SCOPE = "session_conclusion"
MAX_TEXT = 8000


def conclusions_by_session(session: Session, session_ids: Sequence[int], today: date,
                           calendar: WorkingCalendar | None = None
                           ) -> dict[int, list[ConclusionDTO]]:
    rows = queries.conclusions_of(session, session_ids)
    if not rows:
        return {}
    ids = {r.id for r in rows}
    listed = [d for d in list_directives(session, today, open_only=False,
                                         calendar=calendar or office_calendar(session))
              if d.conclusion_id in ids]
    by_notice: dict[int, list[DirectiveDTO]] = {}
    for d in listed:
        assert d.conclusion_id is not None
        by_notice.setdefault(d.conclusion_id, []).append(d)
    out: dict[int, list[ConclusionDTO]] = {}
    for r in rows:
        assert r.id is not None
        out.setdefault(r.session_id, []).append(ConclusionDTO(
            r.id, r.session_id, r.number, r.year, r.issued_on, r.visit_id, r.text,
            tuple(sorted(by_notice.get(r.id, []), key=lambda d: d.id))))
    return out


def _view(row: SessionConclusion) -> dict[str, Any]:
    return {"session_id": row.session_id, "year": row.year, "number": row.number,
            "issued_on": row.issued_on.isoformat(), "visit_id": row.visit_id, "text": row.text}


def _instruction_view(row: Directive) -> dict[str, Any]:
    return {"case_id": row.case_id, "conclusion_id": row.conclusion_id, "text": row.text,
            "assignee_staff_id": row.assignee_staff_id, "assignee_body": row.assignee_body,
            "due_on": row.due_on.isoformat() if row.due_on else None, "given_by": row.given_by,
            "given_at": row.given_at.isoformat()}


def _check(session: Session, target: ReceptionSession, text: str, visit_id: int | None,
           instructions: Sequence[InstructionDraft], issued_on: date) -> list[UserError]:
    problems: list[UserError] = []
    if target.status != SessionStatus.HELD:
        problems.append(UserError("session.not_held", session_id=target.id))
    elif target.no_citizen:
        problems.append(UserError("session.no_citizen_conclusion", session_id=target.id))
    if not text:
        problems.append(UserError("session.conclusion_text_required", field="text"))
    elif len(text) > MAX_TEXT:
        problems.append(UserError("text.too_long", field="text", max=MAX_TEXT,
                                  actual=len(text)))
    if visit_id is not None:
        visit = session.get(Visit, visit_id)
        if visit is None or visit.session_id != target.id:
            problems.append(UserError("session.visit_not_in_session", field="visit"))
    for item in instructions:
        if not clean_block(item.text):
            problems.append(UserError("session.instruction_text_required", field="instructions"))
        if not clean_line(item.body) and item.assignee_staff_id is None:
            problems.append(UserError("session.instruction_body_required", field="instructions"))
        if item.assignee_staff_id is not None and session.get(Staff,
                                                              item.assignee_staff_id) is None:
            problems.append(UserError("directive.assignee_unknown", field="instructions"))
        if item.due_on is not None and item.due_on < issued_on:
            problems.append(UserError("session.instruction_due_before_issue",
                                      field="instructions", due_on=item.due_on))
    return problems


def record_conclusion(session: Session, session_id: int, *, text: str,
                      instructions: Sequence[InstructionDraft], visit_id: int | None,
                      actor: Actor, now: datetime) -> tuple[ConclusionDTO, Changes]:
    """Issue the conclusion notice of a held session (or of one of its visits' matters), with
    its instructions tracked as directives (audited; numbered N/TB-UBND per year)."""
    require_aware(now)
    target = session.get(ReceptionSession, session_id)
    if target is None:
        raise UserError("session.not_found", session_id=session_id)
    issued_on = office_day(now)
    body = clean_block(text)
    problems = _check(session, target, body, visit_id, instructions, issued_on)
    if problems:
        raise problems[0] if len(problems) == 1 else ValidationFailed(problems)
    number = counters.next_counter_value(session, COUNTER_SCOPE, issued_on.year)
    row = SessionConclusion(session_id=session_id, year=issued_on.year, number=number,
                            issued_on=issued_on, visit_id=visit_id, text=body, created_at=now,
                            created_by=actor.name, version=1)
    session.add(row)
    session.flush()
    assert row.id is not None
    repo.add_audit(session, at=now, actor=actor.name, action="create",
                   entity="session_conclusion", entity_id=row.id, after=_view(row))
    case_id = None
    if visit_id is not None:
        visit = session.get(Visit, visit_id)
        case_id = visit.case_id if visit is not None else None
    leader = session.get(Staff, target.leader_staff_id)
    given_by = leader.full_name if leader is not None else actor.name
    changes = Changes(sessions={session_id})
    for item in instructions:
        directive = Directive(case_id=case_id, text=clean_block(item.text),
                              assignee_staff_id=item.assignee_staff_id, due_on=item.due_on,
                              given_by=given_by, given_at=now, conclusion_id=row.id,
                              assignee_body=clean_line(item.body) or None)
        session.add(directive)
        session.flush()
        repo.add_audit(session, at=now, actor=actor.name, action="create", entity="directive",
                       entity_id=directive.id, after=_instruction_view(directive))
        if case_id is not None:
            changes.cases.add(case_id)
    session.flush()
    dto = conclusions_by_session(session, [session_id], issued_on)[session_id]
    return next(c for c in dto if c.id == row.id), changes
