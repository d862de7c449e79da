"""Queries of the hotspot screens: the cases open in a span with the visits and events that can
flag them, case list lines, cases due, crowd visits, directives, field labels.

Core column tuples, not ORM objects: they are cheaper to load, and a week of a million-visit
database loads tens of thousands of them. Candidate ids are sent in chunks that keep the bound
parameters of a statement well below SQLite's limit (32,766).
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Sequence
from datetime import date
from datetime import datetime
from typing import Any

from sqlalchemy import Table
from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy.orm import Session

from reception_desk.storage.models import CaseEventRow
from reception_desk.storage.models import CaseFile
from reception_desk.storage.models import Directive
from reception_desk.storage.models import FieldCategory
from reception_desk.storage.models import Staff
from reception_desk.storage.models import Visit
from reception_desk.storage.queries.cases import OPEN_STAGES


def _table(model: type[object]) -> Table:
    table = getattr(model, "__table__")  # noqa: B009 - SQLModel declares it untyped
    assert isinstance(table, Table)
    return table


_CASE = _table(CaseFile).c
_EVENT = _table(CaseEventRow).c
_VISIT = _table(Visit).c
_FIELD = _table(FieldCategory).c
_STAFF = _table(Staff).c
_DIRECTIVE = _table(Directive).c

_CHUNK = 5000
_BRIEF_CHUNK = 900


def _chunks(ids: Sequence[int], size: int = _CHUNK) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def field_tree(session: Session) -> Sequence[Any]:
    """(code, parent code, sensitive) of every field of the taxonomy."""
    return session.execute(select(_FIELD.code, _FIELD.parent_code, _FIELD.sensitive)).all()


def field_labels(session: Session) -> dict[str, str]:
    return {code: label for code, label in
            session.execute(select(_FIELD.code, _FIELD.label)).all()}


def staff_names(session: Session) -> dict[int, str]:
    return {i: n for i, n in session.execute(select(_STAFF.id, _STAFF.full_name)).all()}


def span_cases(session: Session, received_by: date, changed_since: datetime) -> Sequence[Any]:
    """Cases received by ``received_by`` that are open or were rewritten since
    ``changed_since`` (UTC): the candidates of a span, with their list-line columns."""
    c = _CASE
    return session.execute(
        select(c.id, c.received_on, c.stage, c.closed_on, c.updated_at, c.due_on,
               c.within_commune_competence, c.field_code, c.criteria, c.seq, c.year, c.title,
               c.case_type, c.level)
        .where(c.received_on <= received_by,
               or_(c.stage.in_(OPEN_STAGES), c.updated_at >= changed_since))
    ).all()


def notable_visits(session: Session, case_ids: Sequence[int], *, from_day: date, to_day: date,
                   repeat_from: date, crowd_threshold: int,
                   crowd_delegation: bool) -> list[Any]:
    """Non-voided visits of the cases, received in [from_day, to_day], that are crowds
    (``crowd_threshold`` people or more, or a delegation when it counts), incidents, or on or
    after ``repeat_from``: (id, case id, day, people, delegation, incident)."""
    v = _VISIT
    # date() hides the day from the planner: with thousands of case ids it would otherwise
    # range-scan a year of the reception-date index instead of looking up each case's visits.
    day = func.date(v.reception_date)
    signal = or_(v.people_count >= crowd_threshold, v.incident.is_(True), day >= repeat_from)
    if crowd_delegation:
        signal = or_(signal, v.delegation.is_(True))
    rows: list[Any] = []
    for part in _chunks(case_ids):
        rows += session.execute(
            select(v.id, v.case_id, v.reception_date, v.people_count, v.delegation, v.incident)
            .where(v.case_id.in_(part), v.voided_at.is_(None), day >= from_day,
                   day <= to_day, signal)).all()
    return rows


def telling_events(session: Session, case_ids: Sequence[int], levels: Sequence[str],
                   kind: str) -> list[Any]:
    """Events of the cases at one of ``levels`` or of ``kind``: (id, case id, kind, moment,
    document date, level)."""
    e = _EVENT
    rows: list[Any] = []
    for part in _chunks(case_ids):
        rows += session.execute(
            select(e.id, e.case_id, e.kind, e.moment, e.document_date, e.level)
            .where(e.case_id.in_(part), or_(e.level.in_(levels), e.kind == kind))).all()
    return rows


def brief_rows(session: Session, case_ids: Iterable[int]) -> list[Any]:
    """List-line columns of these cases."""
    c = _CASE
    rows: list[Any] = []
    for part in _chunks(sorted(set(case_ids)), _BRIEF_CHUNK):
        rows += session.execute(
            select(c.id, c.seq, c.year, c.title, c.case_type, c.stage, c.field_code,
                   c.received_on, c.due_on, c.level).where(c.id.in_(part))).all()
    return rows


def open_cases_due(session: Session, *, before: date | None = None, first: date | None = None,
                   last: date | None = None) -> list[int]:
    """Open cases with a due date before ``before`` or in [first, last], soonest first."""
    c = _CASE
    stmt = select(c.id).where(c.stage.in_(OPEN_STAGES), c.due_on.is_not(None))
    if before is not None:
        stmt = stmt.where(c.due_on < before)
    if first is not None:
        stmt = stmt.where(c.due_on >= first)
    if last is not None:
        stmt = stmt.where(c.due_on <= last)
    return [row[0] for row in session.execute(stmt.order_by(c.due_on, c.id)).all()]


def crowd_visits(session: Session, first: date, last: date, crowd_threshold: int,
                 crowd_delegation: bool) -> Sequence[Any]:
    """Non-voided crowd visits received in [first, last], oldest first."""
    v = _VISIT
    signal = v.people_count >= crowd_threshold
    if crowd_delegation:
        signal = or_(signal, v.delegation.is_(True))
    return session.execute(
        select(v.id, v.seq, v.year, v.reception_date, v.citizen_name, v.people_count,
               v.delegation, v.incident, v.content, v.case_id, v.legacy_stt, v.legacy_year)
        .where(v.reception_date >= first, v.reception_date <= last, v.voided_at.is_(None),
               signal)
        .order_by(v.reception_date, v.seq)).all()


def directives(session: Session, case_id: int | None, open_only: bool) -> list[Directive]:
    """Directives of one case (or all), only the open ones if asked."""
    stmt = select(Directive)
    if case_id is not None:
        stmt = stmt.where(_DIRECTIVE.case_id == case_id)
    if open_only:
        stmt = stmt.where(_DIRECTIVE.done_at.is_(None))
    return list(session.scalars(stmt))


def complaint_links(session: Session, case_ids: Sequence[int]) -> list[Any]:
    """Second-time complaints linked to a first-time one where either case is among
    ``case_ids`` (LEGAL.md §6.4 (b)): (first id, first seq, first year, first deadline kind,
    first due day, second id, second seq, second year, second received day).

    One pass over the links (second complaints are few), filtered here: no per-chunk join over
    ``previous_case_id``, which has no index."""
    first = _table(CaseFile).alias("first_case")
    second = _table(CaseFile).alias("second_case")
    f, s = first.c, second.c
    wanted = set(case_ids)
    if not wanted:
        return []
    rows = session.execute(
        select(f.id, f.seq, f.year, f.deadline_kind, f.due_on, s.id, s.seq, s.year,
               s.received_on)
        .join(second, s.previous_case_id == f.id)
        .where(s.link_kind == "second_complaint")).all()
    return [row for row in rows if row[0] in wanted or row[5] in wanted]
