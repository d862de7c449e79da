"""The side limits of cases (issue 12): what the records say beside the events (``CaseFacts``),
and the limits as the case page and the case list's alerts show them.

The rules, their status and whether they alert are the domain's (``domain.cases.side_deadlines``,
statuses by ``domain.deadlines.status_for``, the one due-status rule); this module only reads
the facts and turns the results into DTOs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session

from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.cases import CaseFacts
from reception_desk.domain.cases import CaseState
from reception_desk.domain.cases import SideDeadline
from reception_desk.domain.cases import side_deadlines
from reception_desk.domain.deadlines import Deadline
from reception_desk.domain.deadlines import DeadlineRule
from reception_desk.domain.deadlines import status_for
from reception_desk.errors import UserError
from reception_desk.services.cases.dto import DeadlineInfo
from reception_desk.services.cases.history import event_of
from reception_desk.services.cases.history import state_of
from reception_desk.services.documents.codes import DocType
from reception_desk.storage.models import CaseEventRow
from reception_desk.storage.models import CaseFile
from reception_desk.storage.queries import cases

REFUSAL_DOC_TYPE = DocType.REFUSAL.value


def deadline_info(deadline: Deadline | None, today: date,
                  calendar: WorkingCalendar) -> DeadlineInfo | None:
    """A stage's limit with where ``today`` stands against it."""
    if deadline is None:
        return None
    status = working = calendar_left = None
    if deadline.due is not None:
        st = status_for(deadline.due, today, calendar)
        status, working, calendar_left = st.status, st.working_days_left, st.calendar_days_left
    return _info(deadline, status, working, calendar_left)


def _info(deadline: Deadline, status: object, working: int | None, calendar_left: int | None,
          **side: object) -> DeadlineInfo:
    return DeadlineInfo(
        kind=deadline.kind, start=deadline.start, due=deadline.due, unit=deadline.unit,
        days=deadline.days, variant=deadline.variant, basis=deadline.basis,
        extensions=deadline.extensions, paused_remaining=deadline.paused_remaining,
        status=status, working_days_left=working,  # type: ignore[arg-type]
        calendar_days_left=calendar_left, **side,  # type: ignore[arg-type]
    )


def side_info(side: SideDeadline) -> DeadlineInfo:
    st = side.status
    return _info(side.deadline, st.status if st else None,
                 st.working_days_left if st else None, st.calendar_days_left if st else None,
                 judged_on=side.judged_on, alert=side.alert, start_from=side.start_from)


def case_facts(case: CaseFile, rows: Sequence[CaseEventRow], refusal_noticed: bool) -> CaseFacts:
    """The records beside the events: competence, a refusal notice issued, and whether the
    RECEIVE event names a body the case came from (Luật TCD Art. 27(2))."""
    return CaseFacts(
        within_competence=bool(case.within_commune_competence),
        refusal_notice_issued=refusal_noticed,
        received_from_body=bool(rows and rows[0].kind == "receive" and rows[0].body.strip()),
    )


def side_infos(session: Session, case: CaseFile, rows: Sequence[CaseEventRow],
               state: CaseState, today: date, calendar: WorkingCalendar,
               rules: Sequence[DeadlineRule]) -> tuple[DeadlineInfo, ...]:
    """The case page's side limits of one case."""
    assert case.id is not None
    noticed = case.id in cases.with_refusal_notice(session, [case.id], REFUSAL_DOC_TYPE)
    try:
        found = side_deadlines(state, calendar, today, rules=rules,
                               facts=case_facts(case, rows, noticed))
    except UserError:
        return ()
    return tuple(side_info(s) for s in found)


def page_alerts(session: Session, case_ids: Sequence[int], today: date,
                calendar: WorkingCalendar,
                rules: Sequence[DeadlineRule]) -> dict[int, tuple[DeadlineInfo, ...]]:
    """The side limits due soon or overdue of the case list's shown rows (a page: tens of
    cases, their events in one query)."""
    if not case_ids:
        return {}
    rows_by_case = cases.events_of_cases(session, case_ids)
    noticed = cases.with_refusal_notice(session, case_ids, REFUSAL_DOC_TYPE)
    out: dict[int, tuple[DeadlineInfo, ...]] = {}
    for cid, case in cases.cases_by_id(session, case_ids).items():
        rows = rows_by_case.get(cid, [])
        try:
            state = state_of(case, [event_of(r) for r in rows])
            found = side_deadlines(state, calendar, today, rules=rules,
                                   facts=case_facts(case, rows, cid in noticed))
        except UserError:
            continue  # the case page says why; the list shows the row without alerts
        alerts = tuple(side_info(s) for s in found if s.alert)
        if alerts:
            out[cid] = alerts
    return out
