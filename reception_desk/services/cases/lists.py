"""The case list against deadlines: filtered and sorted in SQL, statuses for what is shown, the
bulk status of every open case and the status counts."""

from __future__ import annotations

import gc
import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import Session
from sqlmodel import col

from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.cases import (
    CaseStage,
    CaseType,
    HandlingLevel,
)
from reception_desk.domain.deadlines import (
    DeadlineKind,
    DueStatus,
    due_soon_limit,
    due_status,
    status_for,
)
from reception_desk.domain.text import fold
from reception_desk.services.cases.dto import (
    CaseFilter,
    CaseQuery,
    CaseRow,
    CaseSort,
    CaseStatus,
    StatusCounts,
)
from reception_desk.services.cases.history import (
    DONE_STAGES,
    OPEN_STAGES,
)
from reception_desk.services.office.rules import office_calendar
from reception_desk.storage.models import (
    CaseCitizen,
    CaseFile,
    Citizen,
    Directive,
)

_CASE_NUMBER = re.compile(r"^(\d{1,7})(?:\s*/\s*(\d{4}))?$")


# --- lists ---------------------------------------------------------------------------------


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
            st = status_for(r.due_on, today, calendar)
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
    today_o = today.toordinal()
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
                hit = by_due[due] = (day, due_status(left, working), working, left)
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
