"""The automatic link of a visit to the session it was received in (README "Sessions").

Rule (``domain.sessions.visit_belongs``): a visit belongs to a session that is not cancelled when
it was received the same day, within the session's hours (start and end included), and is of the
head's kinds (định kỳ / đột xuất) or presided by the session's leader. If several sessions fit,
the earliest one is taken. The link is derived, never typed: saving a visit, and planning,
moving, holding or cancelling a session, work it out again; each change is audited on the visit.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from datetime import datetime

from sqlalchemy.orm import Session

from reception_desk.domain.dates import office_time
from reception_desk.domain.sessions import visit_belongs
from reception_desk.services.context import Actor
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import Visit
from reception_desk.storage.queries import sessions as queries
from reception_desk.storage.queries.sessions import SessionSlot


def _minute(moment: datetime) -> int:
    local = office_time(moment)
    return local.hour * 60 + local.minute


def session_for(*, received_at: datetime, reception_date: date, kind: str,
                presiding_leader_id: int | None, voided: bool,
                candidates: Sequence[SessionSlot]) -> int | None:
    """The id of the session a visit belongs to among ``candidates`` (its day's sessions), from
    the values the rule reads: when it was received (``received_at``, an aware moment, and its
    ``reception_date``), its ``kind`` (a ``VisitKind`` value), the leader presiding over it and
    whether it is voided (a voided visit belongs to no session)."""
    if voided:
        return None
    minute = _minute(received_at)
    for s in candidates:
        if s.status == "cancelled":
            continue
        if visit_belongs(session_day=s.day, start_minute=s.start_minute,
                         end_minute=s.end_minute, leader_staff_id=s.leader_staff_id,
                         visit_day=reception_date, visit_minute=minute,
                         visit_kind=kind, presiding_leader_id=presiding_leader_id):
            return s.id
    return None


def _session_of(visit: Visit, candidates: Sequence[SessionSlot]) -> int | None:
    """``session_for`` of a stored visit."""
    return session_for(received_at=visit.received_at, reception_date=visit.reception_date,
                       kind=visit.kind, presiding_leader_id=visit.presiding_leader_id,
                       voided=visit.voided_at is not None, candidates=candidates)


def link_visit(session: Session, visit: Visit) -> None:
    """Set ``visit.session_id`` by the rule (the caller's audit row of the visit records it)."""
    visit.session_id = _session_of(visit, queries.sessions_on(session, visit.reception_date))


def relink_day(session: Session, day: date, actor: Actor, now: datetime) -> set[int]:
    """Work the link out again for every visit of ``day``; audit each change. The ids of the
    visits whose link changed."""
    session.flush()
    candidates = queries.sessions_on(session, day)
    changed: set[int] = set()
    for visit in queries.visits_of_day(session, day):
        wanted = _session_of(visit, candidates)
        if wanted == visit.session_id:
            continue
        before = visit.session_id
        visit.session_id = wanted
        assert visit.id is not None
        changed.add(visit.id)
        repo.add_audit(session, at=now, actor=actor.name, action="link_session", entity="visit",
                       entity_id=visit.id, before={"session_id": before},
                       after={"session_id": wanted})
    session.flush()
    return changed
