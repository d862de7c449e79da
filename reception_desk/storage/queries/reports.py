"""Queries of the statutory reports (domain.report_forms): the facts each column counts.

01/TCD is counted in SQL (a year of a million-visit book holds about 100,000 visits): one *fact*
row per visit of the window — its group (regular / head / delegated), crowd mark, people, matter
(the case, else minus the visit id) and first/repeat mark — aggregated three ways (visits and
people; sessions; matters). The same fact rows, listed, are what the drill-down shows.

01/XLD reads one row per case file that may be in hand in the window (received in it, or before
it and not handled before it) with its first handling event; the domain's column tests do the
rest. Core column tuples, not ORM objects.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from datetime import date
from datetime import datetime
from typing import Any

from sqlalchemy import Table
from sqlalchemy import and_
from sqlalchemy import case
from sqlalchemy import exists
from sqlalchemy import func
from sqlalchemy import literal
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.sql import FromClause
from sqlalchemy.sql import Subquery
from sqlalchemy.sql.elements import Case
from sqlalchemy.sql.elements import ColumnElement

from reception_desk.domain.report_forms import HANDLING_EVENTS
from reception_desk.storage.models import CaseEventRow
from reception_desk.storage.models import CaseFile
from reception_desk.storage.models import Staff
from reception_desk.storage.models import Visit


def _table(model: type[object]) -> Table:
    table = getattr(model, "__table__")  # noqa: B009 - SQLModel declares it untyped
    assert isinstance(table, Table)
    return table


_VISIT = _table(Visit)
_STAFF = _table(Staff)
_CASE = _table(CaseFile)
_EVENT = _table(CaseEventRow)
_CHUNK = 5000


def _group(v: FromClause, s: FromClause) -> Case[Any]:
    """A visit's 01/TCD group: a regular reception, else the head's (the chair presided) or a
    delegated one (``s`` is the presiding leader's staff row)."""
    return case((v.c.kind == "regular", literal("regular")),
                (s.c.role == "chair", literal("head")), else_=literal("delegated"))


def _in_window(v: FromClause, first: date, last: date) -> list[ColumnElement[bool]]:
    """The visit was received in [first, last] and is not voided."""
    return [v.c.reception_date >= first, v.c.reception_date <= last, v.c.voided_at.is_(None)]


def _tcd_facts(first: date, last: date, *, with_repeat: bool = True) -> Subquery:
    """One row per non-voided visit whose reception day is in [first, last]: id, grp, crowd
    (0/1), people, matter, rep (0/1), day, leader."""
    v = _VISIT.alias("v")
    s = _STAFF.alias("s")
    c = _CASE.alias("c")
    earlier = _VISIT.alias("earlier")
    group = _group(v, s)
    columns: list[Any] = [
        v.c.id.label("id"),
        group.label("grp"),
        case((v.c.delegation, 1), else_=0).label("crowd"),
        v.c.people_count.label("people"),
        func.coalesce(v.c.case_id, -v.c.id).label("matter"),
        v.c.reception_date.label("day"),
        v.c.presiding_leader_id.label("leader"),
        v.c.case_id.label("case_id"),
        v.c.received_at.label("received_at"),
        v.c.session_id.label("session_id"),  # issue 14
    ]
    source = v.outerjoin(s, s.c.id == v.c.presiding_leader_id)
    if with_repeat:
        seen_before = exists().where(
            earlier.c.case_id == v.c.case_id,
            earlier.c.voided_at.is_(None),
            or_(earlier.c.received_at < v.c.received_at,
                and_(earlier.c.received_at == v.c.received_at, earlier.c.id < v.c.id)))
        columns.append(case((v.c.case_id.is_(None), 0),
                            (c.c.previous_case_id.is_not(None), 1),
                            (seen_before, 1), else_=0).label("rep"))
        source = source.outerjoin(c, c.c.id == v.c.case_id)
    return (select(*columns).select_from(source)
            .where(*_in_window(v, first, last))
            .subquery("facts"))


def tcd_session_counts(session: Session, first: date, last: date) -> Sequence[Any]:
    """(group, crowd, day, presiding leader, visits, people, visits without a case, visits in
    no recorded session) of the window: the visits and people of each group, its days of visits
    outside any session (distinct day and leader) and its matters that are single visits (each a
    first reception), in one pass."""
    f = _tcd_facts(first, last, with_repeat=False)
    return session.execute(
        select(f.c.grp, f.c.crowd, f.c.day, f.c.leader, func.count(),
               func.coalesce(func.sum(f.c.people), 0),
               func.count().filter(f.c.case_id.is_(None)),
               func.count().filter(f.c.session_id.is_(None)))
        .group_by(f.c.grp, f.c.crowd, f.c.day, f.c.leader)).all()


def tcd_case_matter_counts(session: Session, first: date, last: date) -> Sequence[Any]:
    """(group, repeat, crowd, matters) of the matters that are cases.

    A case's visits in a group are grouped first; the case is a repeat when it follows an
    earlier case, or has two visits in the group (one of them is not its first), or an earlier
    visit than its only one: one probe per case, not per visit. The per-visit rule
    (``tcd_fact_rows``' rep) gives the same marks (tests/services/test_reports.py)."""
    v = _VISIT.alias("v")
    s = _STAFF.alias("s")
    c = _CASE.alias("c")
    earlier = _VISIT.alias("earlier")
    group = _group(v, s)
    per_case = (
        select(group.label("grp"), v.c.case_id.label("case_id"),
               func.max(case((v.c.delegation, 1), else_=0)).label("crowd"),
               func.count().label("n"), func.min(v.c.received_at).label("first_at"),
               func.min(v.c.id).label("first_id"))
        .select_from(v.outerjoin(s, s.c.id == v.c.presiding_leader_id))
        .where(*_in_window(v, first, last), v.c.case_id.is_not(None))
        .group_by(group, v.c.case_id)
        .subquery("per_case"))
    seen_before = exists().where(
        earlier.c.case_id == per_case.c.case_id,
        earlier.c.voided_at.is_(None),
        or_(earlier.c.received_at < per_case.c.first_at,
            and_(earlier.c.received_at == per_case.c.first_at,
                 earlier.c.id < per_case.c.first_id)))
    follows = exists().where(c.c.id == per_case.c.case_id, c.c.previous_case_id.is_not(None))
    rep = case((per_case.c.n > 1, 1), (follows, 1), (seen_before, 1), else_=0).label("rep")
    marked = select(per_case.c.grp, per_case.c.crowd, rep).subquery("marked")
    return session.execute(
        select(marked.c.grp, marked.c.rep, marked.c.crowd, func.count())
        .group_by(marked.c.grp, marked.c.rep, marked.c.crowd)).all()


def tcd_fact_rows(session: Session, first: date, last: date) -> Sequence[Any]:
    """Every fact row of the window (id, grp, crowd, people, matter, day, leader, rep,
    session), by id: what the drill-down filters."""
    f = _tcd_facts(first, last)
    return session.execute(
        select(f.c.id, f.c.grp, f.c.crowd, f.c.people, f.c.matter, f.c.day, f.c.leader,
               f.c.rep, f.c.session_id).order_by(f.c.id)).all()


def window_visit_count(session: Session, first: date, last: date) -> int:
    """A raw COUNT(*) of the window's non-voided visits (the benchmarks' floor; a check)."""
    return int(session.execute(
        select(func.count()).select_from(_VISIT).where(*_in_window(_VISIT, first, last))
    ).scalar_one())


# --- 01/XLD ----------------------------------------------------------------------------------


def xld_candidates(session: Session, first: date, last: date,
                   handled_before: datetime) -> Sequence[Any]:
    """(case id, received_on, case_type, previous_case_id, field_code, eligible, urged_on,
    reply_received_on) of every case that may be in hand in [first, last]: received in it, or
    received before it and without a handling event before ``handled_before`` (the window's
    first moment, UTC); and every case whose transfer was answered in the window.

    An older case still at stage ``received`` was never handled; any other stage was reached by a
    handling event, and one at or after ``handled_before`` rewrote ``updated_at`` (the case's
    caches are rewritten with every event): only those few need their events looked at.
    """
    c = _CASE.c
    e = _EVENT.c
    handled_early = exists().where(e.case_id == c.id, e.kind.in_(sorted(HANDLING_EVENTS)),
                                   e.moment < handled_before)
    older = and_(c.received_on < first,
                 or_(c.stage == "received",
                     and_(c.updated_at >= handled_before, ~handled_early)))
    replied = and_(c.reply_received_on >= first, c.reply_received_on <= last)
    return session.execute(
        select(*_petition_columns())
        .where(c.received_on <= last,
               or_(and_(c.received_on >= first), older, replied))
        .order_by(c.id)).all()


def _petition_columns() -> tuple[Any, ...]:
    c = _CASE.c
    return (c.id, c.received_on, c.case_type, c.previous_case_id, c.field_code, c.eligible,
            c.urged_on, c.reply_received_on)


#: Stages of an accepted case not yet decided, withdrawn or closed.
_UNDECIDED = ("accepted", "verifying", "dialogue", "suspended")


def kqgq_candidates(session: Session, last: date, case_types: Iterable[str],
                    finished_before: datetime) -> Sequence[Any]:
    """The same columns as ``xld_candidates`` for 01/KQGQ: every case of ``case_types``
    received by ``last`` and accepted (thụ lý) that may still be in hand at the window's first
    moment ``finished_before``: its stage is still undecided, or it changed since (a decision or
    withdrawal then is found among its events)."""
    c = _CASE.c
    e = _EVENT.c
    accepted = exists().where(e.case_id == c.id, e.kind == "accept")
    return session.execute(
        select(*_petition_columns())
        .where(c.received_on <= last, c.case_type.in_(sorted(case_types)), accepted,
               or_(c.stage.in_(_UNDECIDED), c.updated_at >= finished_before))
        .order_by(c.id)).all()


def case_events(session: Session, case_ids: Iterable[int], kinds: Iterable[str]
                ) -> Sequence[Any]:
    """(case id, kind, moment) of the events of ``kinds`` of those cases, in timeline order."""
    e = _EVENT.c
    ids = sorted(set(case_ids))
    wanted = sorted(set(kinds))
    rows: list[Any] = []
    for i in range(0, len(ids), _CHUNK):
        rows += session.execute(
            select(e.case_id, e.kind, e.moment)
            .where(e.case_id.in_(ids[i:i + _CHUNK]), e.kind.in_(wanted))
            .order_by(e.case_id, e.position)).all()
    return rows


def case_links(session: Session, case_ids: Iterable[int]) -> dict[int, tuple[int | None, date]]:
    """case id → (previous case id, received_on) for ``case_ids``."""
    c = _CASE.c
    ids = sorted(set(case_ids))
    found: dict[int, tuple[int | None, date]] = {}
    for i in range(0, len(ids), _CHUNK):
        rows = session.execute(select(c.id, c.previous_case_id, c.received_on)
                               .where(c.id.in_(ids[i:i + _CHUNK]))).all()
        found.update({cid: (prev, received) for cid, prev, received in rows})
    return found


def visit_briefs(session: Session, visit_ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
    """visit id → (year, seq, kind, case id, case year, case seq, old STT, old year)."""
    v = _VISIT.alias("v")
    c = _CASE.alias("c")
    found: dict[int, tuple[Any, ...]] = {}
    for i in range(0, len(visit_ids), _CHUNK):
        rows = session.execute(
            select(v.c.id, v.c.year, v.c.seq, v.c.kind, v.c.case_id, c.c.year, c.c.seq,
                   v.c.legacy_stt, v.c.legacy_year)
            .select_from(v.outerjoin(c, c.c.id == v.c.case_id))
            .where(v.c.id.in_(visit_ids[i:i + _CHUNK]))).all()
        found.update({row[0]: tuple(row[1:]) for row in rows})
    return found


def case_briefs(session: Session, case_ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
    """case id → (year, seq, stage)."""
    c = _CASE.c
    found: dict[int, tuple[Any, ...]] = {}
    for i in range(0, len(case_ids), _CHUNK):
        rows = session.execute(select(c.id, c.year, c.seq, c.stage)
                               .where(c.id.in_(case_ids[i:i + _CHUNK]))).all()
        found.update({row[0]: tuple(row[1:]) for row in rows})
    return found

