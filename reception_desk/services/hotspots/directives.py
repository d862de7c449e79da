"""The chairperson's directives (ý kiến chỉ đạo) on a case: record, acknowledge, complete, list
with their due status."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.dates import office_day
from reception_desk.domain.deadlines import status_for
from reception_desk.domain.text import clean_block
from reception_desk.errors import UserError
from reception_desk.errors import ValidationFailed
from reception_desk.services.context import Actor
from reception_desk.services.context import Changes
from reception_desk.services.context import require_aware
from reception_desk.services.found import found
from reception_desk.services.hotspots.dto import CaseBrief
from reception_desk.services.hotspots.dto import DirectiveDTO
from reception_desk.services.hotspots.weekly import briefs_of
from reception_desk.services.office.rules import office_calendar
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import CaseFile
from reception_desk.storage.models import Directive
from reception_desk.storage.models import SessionConclusion
from reception_desk.storage.models import Staff
from reception_desk.storage.queries import hotspots as hotspot_queries
from reception_desk.storage.queries import sessions as session_queries

MAX_DIRECTIVE_TEXT = 4000


def conclusion_label(number: int, year: int, day: date) -> str:
    """How an instruction of a conclusion notice is named where directives are listed."""
    return f"TB {number}/{year} (kỳ tiếp {day:%d/%m/%Y})"


def _directive_dto(row: Directive, brief: CaseBrief | None, staff: dict[int, str], today: date,
                   calendar: WorkingCalendar,
                   notices: dict[int, tuple[int, int, date]] | None = None) -> DirectiveDTO:
    assert row.id is not None
    status = None
    left = None
    if row.done_at is None and row.due_on is not None:
        st = status_for(row.due_on, today, calendar)
        status, left = st.status, st.working_days_left
    number, title = (brief.number, brief.title) if brief else ("", "")
    notice = (notices or {}).get(row.conclusion_id or 0)
    if notice is not None:
        label = conclusion_label(*notice)
        number, title = (f"{number} · {label}", title) if number else (label, "")
    assignee = staff.get(row.assignee_staff_id, "") if row.assignee_staff_id else ""
    if not assignee and row.assignee_body:
        assignee = row.assignee_body
    return DirectiveDTO(
        row.id, row.case_id, number, title, row.text, row.assignee_staff_id, assignee,
        row.due_on, row.given_by, row.given_at, row.acknowledged_at, row.acknowledged_by,
        row.done_at, status, left, row.conclusion_id)


def list_directives(session: Session, today: date, *, case_id: int | None = None,
                    open_only: bool = True,
                    calendar: WorkingCalendar | None = None) -> list[DirectiveDTO]:
    """Directives (open ones by default), soonest due first; ``case_id`` for one case's
    timeline. The instructions of sessions' conclusion notices are among them (issue 14)."""
    rows = hotspot_queries.directives(session, case_id, open_only)
    rows.sort(key=lambda d: (d.due_on is None, d.due_on or date.max, d.id or 0))
    calendar = calendar or office_calendar(session)
    briefs = briefs_of(session, (d.case_id for d in rows if d.case_id is not None))
    notices = session_queries.conclusion_sessions(
        session, sorted({d.conclusion_id for d in rows if d.conclusion_id is not None}))
    staff = hotspot_queries.staff_names(session)
    return [_directive_dto(d, briefs.get(d.case_id) if d.case_id is not None else None, staff,
                           today, calendar, notices) for d in rows]


def _directive_view(row: Directive) -> dict[str, Any]:
    def iso(x: date | datetime | None) -> str | None:
        return None if x is None else x.isoformat()

    return {"case_id": row.case_id, "text": row.text, "assignee_staff_id": row.assignee_staff_id,
            "due_on": iso(row.due_on), "given_by": row.given_by, "given_at": iso(row.given_at),
            "acknowledged_at": iso(row.acknowledged_at), "acknowledged_by": row.acknowledged_by,
            "done_at": iso(row.done_at), "conclusion_id": row.conclusion_id,
            "assignee_body": row.assignee_body}


def record_directive(session: Session, *, case_id: int, text: str,
                     assignee_staff_id: int | None, due_on: date | None, actor: Actor,
                     now: datetime) -> tuple[DirectiveDTO, Changes]:
    """Record the chairperson's directive on a case (audited)."""
    require_aware(now)
    body = clean_block(text)
    problems: list[UserError] = []
    if not body:
        problems.append(UserError("directive.text_required", field="text"))
    elif len(body) > MAX_DIRECTIVE_TEXT:
        problems.append(UserError("text.too_long", field="text", max=MAX_DIRECTIVE_TEXT,
                                  actual=len(body)))
    if session.get(CaseFile, case_id) is None:
        problems.append(UserError("directive.case_unknown", field="case_id"))
    if assignee_staff_id is not None and session.get(Staff, assignee_staff_id) is None:
        problems.append(UserError("directive.assignee_unknown", field="assignee_staff_id"))
    if due_on is not None and due_on < office_day(now):
        problems.append(UserError("directive.due_in_past", field="due_on"))
    if problems:
        if len(problems) == 1:
            raise problems[0]
        raise ValidationFailed(problems)
    row = Directive(case_id=case_id, text=body, assignee_staff_id=assignee_staff_id,
                    due_on=due_on, given_by=actor.name, given_at=now)
    session.add(row)
    session.flush()
    repo.add_audit(session, at=now, actor=actor.name, action="create", entity="directive",
                   entity_id=row.id, after=_directive_view(row))
    return _one(session, row, now), Changes(cases={case_id})


def _one(session: Session, row: Directive, now: datetime) -> DirectiveDTO:
    briefs = briefs_of(session, [row.case_id] if row.case_id is not None else [])
    notices = session_queries.conclusion_sessions(
        session, [row.conclusion_id] if row.conclusion_id is not None else [])
    return _directive_dto(row, briefs.get(row.case_id) if row.case_id is not None else None,
                          hotspot_queries.staff_names(session), office_day(now),
                          office_calendar(session), notices)


def directive_changes(session: Session, row: Directive) -> Changes:
    """What a directive's change touches: its case, and the session of its conclusion notice."""
    changes = Changes(cases={row.case_id} if row.case_id is not None else set())
    if row.conclusion_id is not None:
        notice = session.get(SessionConclusion, row.conclusion_id)
        if notice is not None:
            changes.sessions.add(notice.session_id)
    return changes


def _load_directive(session: Session, directive_id: int) -> Directive:
    return found(session.get(Directive, directive_id),
                 "directive.not_found", directive_id=directive_id)


def acknowledge_directive(session: Session, directive_id: int, actor: Actor,
                          now: datetime) -> tuple[DirectiveDTO, Changes]:
    """The assignee (or the clerk for them) acknowledges the directive (audited)."""
    return _mark(session, directive_id, actor, now, done=False)


def complete_directive(session: Session, directive_id: int, actor: Actor,
                       now: datetime) -> tuple[DirectiveDTO, Changes]:
    """Mark the directive carried out (audited); acknowledges it too if it was not."""
    return _mark(session, directive_id, actor, now, done=True)


def _mark(session: Session, directive_id: int, actor: Actor, now: datetime, *,
          done: bool) -> tuple[DirectiveDTO, Changes]:
    """Acknowledge the directive, or (``done``) mark it carried out, acknowledged or not."""
    require_aware(now)
    row = _load_directive(session, directive_id)
    if done and row.done_at is not None:
        raise UserError("directive.already_done", directive_id=directive_id)
    if not done and row.acknowledged_at is not None:
        raise UserError("directive.already_acknowledged", directive_id=directive_id)
    before = _directive_view(row)
    if row.acknowledged_at is None:
        row.acknowledged_at, row.acknowledged_by = now, actor.name
    if done:
        row.done_at = now
    session.flush()
    repo.add_audit(session, at=now, actor=actor.name,
                   action="complete" if done else "acknowledge", entity="directive",
                   entity_id=row.id, before=before, after=_directive_view(row))
    return _one(session, row, now), directive_changes(session, row)
