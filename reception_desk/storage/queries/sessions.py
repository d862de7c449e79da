"""Queries of the head's reception sessions (issue 14): sessions in a span, their members,
conclusions and instructions, the visits of a day for the automatic link, and the version claim
of a compare-and-set edit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from typing import NamedTuple

from sqlalchemy import bindparam
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.orm import Session
from sqlmodel import col

from reception_desk.storage.models import Directive
from reception_desk.storage.models import ReceptionSession
from reception_desk.storage.models import ReceptionSessionMember
from reception_desk.storage.models import SessionConclusion
from reception_desk.storage.models import Visit


def sessions_between(session: Session, first: date, last: date) -> list[ReceptionSession]:
    """Sessions of [first, last], by day and start."""
    stmt = (select(ReceptionSession)
            .where(col(ReceptionSession.day) >= first, col(ReceptionSession.day) <= last)
            .order_by(col(ReceptionSession.day), col(ReceptionSession.start_minute),
                      col(ReceptionSession.id)))
    return list(session.scalars(stmt))


class SessionSlot(NamedTuple):
    """What the automatic link of a visit reads of a session (``services.sessions.linking``)."""

    id: int
    day: date
    start_minute: int
    end_minute: int
    leader_staff_id: int
    status: str


_SESSIONS = ReceptionSession.__table__  # type: ignore[attr-defined]
#: Built once (issue 17: every saved visit asks it; building it cost more than running it).
_SLOTS_ON = (
    select(_SESSIONS.c.id, _SESSIONS.c.day, _SESSIONS.c.start_minute, _SESSIONS.c.end_minute,
           _SESSIONS.c.leader_staff_id, _SESSIONS.c.status)
    .where(_SESSIONS.c.day == bindparam("day"), _SESSIONS.c.status != "cancelled")
    .order_by(_SESSIONS.c.start_minute, _SESSIONS.c.id))


def sessions_on(session: Session, day: date) -> list[SessionSlot]:
    """The sessions of one day that are not cancelled (candidates of the automatic link), by
    start: the columns the link reads, no ORM objects (one statement built once)."""
    return [SessionSlot(*row)
            for row in session.connection().execute(_SLOTS_ON, {"day": day})]


def members_of(session: Session, session_ids: Sequence[int]) -> list[ReceptionSessionMember]:
    if not session_ids:
        return []
    stmt = (select(ReceptionSessionMember)
            .where(col(ReceptionSessionMember.session_id).in_(session_ids))
            .order_by(col(ReceptionSessionMember.session_id),
                      col(ReceptionSessionMember.position)))
    return list(session.scalars(stmt))


def delete_members(session: Session, session_id: int) -> None:
    for row in session.scalars(select(ReceptionSessionMember)
                               .where(col(ReceptionSessionMember.session_id) == session_id)):
        session.delete(row)
    session.flush()


def conclusions_of(session: Session, session_ids: Sequence[int]) -> list[SessionConclusion]:
    if not session_ids:
        return []
    stmt = (select(SessionConclusion)
            .where(col(SessionConclusion.session_id).in_(session_ids))
            .order_by(col(SessionConclusion.session_id), col(SessionConclusion.id)))
    return list(session.scalars(stmt))


def instructions_of(session: Session, conclusion_ids: Sequence[int]) -> list[Directive]:
    if not conclusion_ids:
        return []
    stmt = (select(Directive).where(col(Directive.conclusion_id).in_(conclusion_ids))
            .order_by(col(Directive.id)))
    return list(session.scalars(stmt))


def conclusion_sessions(session: Session, conclusion_ids: Sequence[int]
                        ) -> dict[int, tuple[int, int, date]]:
    """conclusion id → (number, year, session day), to name an instruction in a list."""
    if not conclusion_ids:
        return {}
    stmt = (select(col(SessionConclusion.id), col(SessionConclusion.number),
                   col(SessionConclusion.year), col(ReceptionSession.day))
            .join(ReceptionSession,
                  col(ReceptionSession.id) == col(SessionConclusion.session_id))
            .where(col(SessionConclusion.id).in_(conclusion_ids)))
    return {cid: (number, year, day) for cid, number, year, day in session.execute(stmt)
            if cid is not None}


def visits_of_day(session: Session, day: date) -> list[Visit]:
    """The day's visits that are not voided (the automatic link looks at them)."""
    stmt = (select(Visit).where(col(Visit.reception_date) == day,
                                col(Visit.voided_at).is_(None))
            .order_by(col(Visit.id)))
    return list(session.scalars(stmt))


def visit_counts(session: Session, session_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """session id → (visits, persons) of the visits linked to it, voided ones left out."""
    if not session_ids:
        return {}
    stmt = (select(col(Visit.session_id), func.count(), func.coalesce(func.sum(
                col(Visit.people_count)), 0))
            .where(col(Visit.session_id).in_(session_ids), col(Visit.voided_at).is_(None))
            .group_by(col(Visit.session_id)))
    return {sid: (int(n), int(p)) for sid, n, p in session.execute(stmt) if sid is not None}


def linked_visits(session: Session, session_id: int) -> list[Any]:
    """(id, year, seq, citizen name, content, old STT, old year) of a session's visits, in
    logbook order."""
    stmt = (select(col(Visit.id), col(Visit.year), col(Visit.seq), col(Visit.citizen_name),
                   col(Visit.content), col(Visit.legacy_stt), col(Visit.legacy_year))
            .where(col(Visit.session_id) == session_id, col(Visit.voided_at).is_(None))
            .order_by(col(Visit.received_at), col(Visit.id)))
    return list(session.execute(stmt).all())


def claim_version(session: Session, session_id: int, expected: int) -> bool:
    """Bump the session's version if it still is ``expected`` (compare-and-set)."""
    result = session.execute(
        update(ReceptionSession)
        .where(col(ReceptionSession.id) == session_id,
               col(ReceptionSession.version) == expected)
        .values(version=col(ReceptionSession.version) + 1)
        .execution_options(synchronize_session=False))
    return int(getattr(result, "rowcount", 0)) == 1


def held_sessions_between(session: Session, first: date, last: date) -> list[Any]:
    """(id, leader_role, no_citizen, day, leader) of the held sessions of [first, last]
    (01/TCD)."""
    stmt = (select(col(ReceptionSession.id), col(ReceptionSession.leader_role),
                   col(ReceptionSession.no_citizen), col(ReceptionSession.day),
                   col(ReceptionSession.leader_staff_id))
            .where(col(ReceptionSession.status) == "held", col(ReceptionSession.day) >= first,
                   col(ReceptionSession.day) <= last)
            .order_by(col(ReceptionSession.day), col(ReceptionSession.id)))
    return list(session.execute(stmt).all())
