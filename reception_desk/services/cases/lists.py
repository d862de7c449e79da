"""The case list against deadlines: filtered and sorted in SQL, statuses for what is shown, the
bulk status of every open case and the status counts (``counts``)."""

from __future__ import annotations

import gc
import re
from collections.abc import Sequence
from datetime import date
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.cases import CaseStage
from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import HandlingLevel
from reception_desk.domain.deadlines import DeadlineKind
from reception_desk.domain.deadlines import DeadlineRule
from reception_desk.domain.deadlines import DueStatus
from reception_desk.domain.deadlines import due_status
from reception_desk.domain.deadlines import status_for
from reception_desk.domain.text import fold
from reception_desk.services.cases import counts
from reception_desk.services.cases.dto import CaseFilter
from reception_desk.services.cases.dto import CaseQuery
from reception_desk.services.cases.dto import CaseRow
from reception_desk.services.cases.dto import CaseStatus
from reception_desk.services.cases.dto import StatusCounts
from reception_desk.services.cases.limits import page_alerts
from reception_desk.services.office.rules import deadline_rules
from reception_desk.services.office.rules import office_calendar
from reception_desk.storage.queries import cases

_CASE_NUMBER = re.compile(r"^(\d{1,7})(?:\s*/\s*(\d{4}))?$")


def end_of_week(today: date) -> date:
    return today + timedelta(days=6 - today.weekday())


def list_filter(query: CaseQuery, today: date, ids: Sequence[int] | None = None,
                side_overdue: Sequence[int] = ()) -> cases.CaseListFilter:
    """The case list's quick filter, type and search box as the storage query takes them;
    ``side_overdue``: the open cases overdue only by a side limit (``counts.side_overdue_ids``),
    which the "Overdue" filter lists with those past their stage's due date (as the chip counts
    them)."""
    stages: tuple[str, ...] | None = None
    due_from = due_to = due_before = None
    also: tuple[int, ...] = ()
    if query.filter is CaseFilter.OPEN:
        stages = cases.OPEN_STAGES
    elif query.filter is CaseFilter.DUE_THIS_WEEK:
        stages, due_from, due_to = cases.OPEN_STAGES, today, end_of_week(today)
    elif query.filter is CaseFilter.OVERDUE:
        stages, due_before, also = cases.OPEN_STAGES, today, tuple(side_overdue)
    elif query.filter is CaseFilter.CLOSED:
        stages = cases.DONE_STAGES
    text = query.text.strip()
    number = _CASE_NUMBER.match(text)
    return cases.CaseListFilter(
        stages=stages, due_from=due_from, due_to=due_to, due_before=due_before,
        also_due_ids=also,
        case_type=query.case_type.value if query.case_type is not None else None,
        seq=int(number.group(1)) if number else None,
        year=int(number.group(2)) if number and number.group(2) else None,
        words=() if number else tuple(fold(text).split()),
        ids=tuple(ids) if ids is not None else None,
    )


def count_cases(session: Session, query: CaseQuery, today: date,
                side_overdue: Sequence[int] | None = None) -> int:
    """How many cases the list holds; ``side_overdue`` as ``list_filter``'s (None: found here
    when the filter needs them)."""
    return cases.case_count(session, list_filter(
        query, today, side_overdue=_side_overdue(session, query, today, side_overdue)))


def side_raised(session: Session, today: date) -> counts.SideRaised:
    """The open cases a side limit shows worse than their stage's (``counts.side_raised``)."""
    return counts.side_raised(session, today, office_calendar(session), deadline_rules(session))


def _side_overdue(session: Session, query: CaseQuery, today: date,
                  given: Sequence[int] | None) -> Sequence[int]:
    if given is not None or query.filter is not CaseFilter.OVERDUE:
        return given or ()
    return counts.side_overdue_ids(side_raised(session, today))


def case_page(session: Session, query: CaseQuery, today: date, offset: int, limit: int,
              calendar: WorkingCalendar | None = None, *,
              ids: Sequence[int] | None = None,
              rules: Sequence[DeadlineRule] | None = None,
              side_overdue: Sequence[int] | None = None) -> list[CaseRow]:
    """One page of the case list, filtered and sorted in SQL; statuses for the page only, and
    each row's side limits due soon or overdue (``alerts``: the domain's side_deadlines).
    ``side_overdue`` as ``count_cases``'."""
    calendar = calendar or office_calendar(session)
    where = list_filter(query, today, ids,
                        _side_overdue(session, query, today, side_overdue))
    rows = cases.case_list_page(session, where, query.sort.value, query.descending, offset,
                                limit)
    page_ids = [r.id for r in rows]
    names = cases.complainant_names(session, page_ids)
    late = cases.with_overdue_directive(session, page_ids, today)
    alerts = page_alerts(session, page_ids, today, calendar,
                         rules if rules is not None else deadline_rules(session))
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
            alerts=alerts.get(r.id, ()),
        ))
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
    rows = cases.open_case_dues(session)
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
                  calendar: WorkingCalendar | None = None,
                  rules: Sequence[DeadlineRule] | None = None,
                  raised: counts.SideRaised | None = None) -> StatusCounts:
    """How many open cases are on time, due soon, overdue, suspended, each under the status its
    row shows (the stage's limit or a side limit, the worse: ``services.cases.counts``)."""
    calendar = calendar or office_calendar(session)
    return counts.status_counts(session, today, calendar,
                                rules if rules is not None else deadline_rules(session), raised)
