"""01/TCD — Tổng hợp kết quả tiếp công dân: counted in SQL from the columns' specs
(domain.report_forms), and the visits behind any column (the drill-down)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy.orm import Session

from reception_desk.domain.periods import ReportPeriod
from reception_desk.domain.report_forms import TCD_COLUMNS
from reception_desk.domain.report_forms import FormResult
from reception_desk.domain.report_forms import HeldSession
from reception_desk.domain.report_forms import Measure
from reception_desk.domain.report_forms import ReceptionGroup
from reception_desk.domain.report_forms import ReportForm
from reception_desk.domain.report_forms import TcdColumn
from reception_desk.domain.report_forms import VisitFact
from reception_desk.domain.report_forms import not_recorded
from reception_desk.domain.report_forms import session_group
from reception_desk.domain.report_forms import sum_columns
from reception_desk.storage.queries import reports as q
from reception_desk.storage.queries import sessions as session_queries


def compute(session: Session, period: ReportPeriod) -> FormResult:
    """Every column of 01/TCD for ``period`` (two grouped queries, whatever the window)."""
    first, last = period.first, period.last
    visits: dict[tuple[ReceptionGroup, bool], tuple[int, int]] = {}
    sittings = held_sessions(session, period)
    held: dict[ReceptionGroup, set[tuple[object, object]]] = defaultdict(set)
    for h in sittings:
        held[h.group].add((h.day, h.leader))
    recorded = {group: len(days) for group, days in held.items()}
    outside: dict[ReceptionGroup, set[tuple[object, object]]] = defaultdict(set)
    matters: dict[tuple[ReceptionGroup, bool, bool], int] = defaultdict(int)
    for grp, crowd, day, leader, count, people, single, unlinked in q.tcd_session_counts(
            session, first, last):
        key = (ReceptionGroup(grp), bool(crowd))
        before = visits.get(key, (0, 0))
        visits[key] = (before[0] + int(count), before[1] + int(people))
        if int(unlinked) and (day, leader) not in held[key[0]]:
            outside[key[0]].add((day, leader))  # visits outside any recorded session
        # A visit without a case is a matter of its own, received for the first time.
        matters[(key[0], False, key[1])] += int(single)
    sessions = {group: recorded.get(group, 0) + len(outside.get(group, ()))
                for group in ReceptionGroup}
    for grp, rep, crowd, n in q.tcd_case_matter_counts(session, first, last):
        matters[(ReceptionGroup(grp), bool(rep), bool(crowd))] += int(n)
    values: dict[int, int | None] = {}
    for col in TCD_COLUMNS:
        values[col.number] = _value(col, visits, sessions, matters)
    sum_columns(values, TCD_COLUMNS)
    return FormResult(ReportForm.TCD_01, period, values, not_recorded(ReportForm.TCD_01),
                      sessions_from_visits=any(outside.get(g) for g in (ReceptionGroup.HEAD,
                                                                       ReceptionGroup.DELEGATED)),
                      empty_sessions=sum(1 for h in sittings if h.no_citizen))


def held_sessions(session: Session, period: ReportPeriod) -> list[HeldSession]:
    """The held reception sessions of the window (issue 14), each in its group."""
    return [HeldSession(int(sid), session_group(role), day, int(leader), bool(empty))
            for sid, role, empty, day, leader
            in session_queries.held_sessions_between(session, period.first, period.last)]


def _value(col: TcdColumn, visits: dict[tuple[ReceptionGroup, bool], tuple[int, int]],
           sessions: dict[ReceptionGroup, int],
           matters: dict[tuple[ReceptionGroup, bool, bool], int]) -> int | None:
    group = col.group
    if group is None:
        return None
    crowds = (True,) if col.crowd else (False, True)
    if col.measure in (Measure.VISITS, Measure.DELEGATIONS):
        return sum(visits.get((group, c), (0, 0))[0] for c in crowds)
    if col.measure is Measure.PEOPLE:
        return sum(visits.get((group, c), (0, 0))[1] for c in crowds)
    if col.measure is Measure.SESSIONS:
        return sessions.get(group, 0)
    if col.measure is Measure.MATTERS:
        return sum(matters.get((group, bool(col.repeat), c), 0) for c in crowds)
    return None


def facts(session: Session, period: ReportPeriod) -> list[VisitFact]:
    """The window's visits as 01/TCD sees them (what the drill-down filters)."""
    return [VisitFact(int(vid), ReceptionGroup(grp), bool(crowd), int(people), int(matter),
                      bool(rep), day, leader, sid)
            for vid, grp, crowd, people, matter, day, leader, rep, sid
            in q.tcd_fact_rows(session, period.first, period.last)]
