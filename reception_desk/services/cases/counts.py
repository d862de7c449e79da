"""The status counts of the Cases page: each open case under the status its row shows; and the
cases the "Overdue" quick filter lists besides those past their stage's due date (those overdue
only by a side limit: ``side_overdue_ids``), so that it lists what the Overdue chip counts.

A row shows the worse of its stage's own limit and its side limits that alert
(``CaseRow.shown_status``; the side limits are the domain's ``side_deadlines``). The stage's
statuses are counted in SQL on the cached due dates. Of an open case's side limits
(``domain.cases``' ``_side_deadlines``), only those of a case waiting for acceptance (stage
RECEIVED) can show worse than its stage's limit:

- the 45-day unprocessed đơn, the transfer of a denunciation outside the commune's competence
  and a complaint lodged after its limitation alert only there (the refusal notice and the report
  to the transferring body belong to stages that are no longer open);
- the second-complaint window of a complaint being resolved runs from its stage's own due date
  (no decision yet while open), 30 or 45 days later: whenever it is due soon or overdue, the
  stage's limit is already overdue.

So only the received cases whose own limit is not already overdue are looked at, in one query,
and their side limits computed by the domain once per distinct set of facts they depend on (the
case's type, complaint object, remote, receipt day, competence, contested decision's and learned
days): no replay of events — a received case's side limits depend on none of its events but the
receipt (``services.cases.limits.case_facts``: the refusal notice and the transferring body
matter only to refused and decided cases).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from datetime import datetime
from datetime import time
from typing import Any

from sqlalchemy.orm import Session

from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.cases import CaseEvent
from reception_desk.domain.cases import CaseFacts
from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import ComplaintObject
from reception_desk.domain.cases import EventKind
from reception_desk.domain.cases import open_case
from reception_desk.domain.cases import side_deadlines
from reception_desk.domain.deadlines import DeadlineRule
from reception_desk.domain.deadlines import DueStatus
from reception_desk.domain.deadlines import due_soon_limit
from reception_desk.domain.deadlines import status_for
from reception_desk.errors import UserError
from reception_desk.services.cases.dto import StatusCounts
from reception_desk.services.cases.dto import worst_status
from reception_desk.storage.queries import cases

_FIELD = {DueStatus.OVERDUE: "overdue", DueStatus.DUE_SOON: "due_soon",
          DueStatus.ON_TIME: "on_time", None: "no_deadline"}
_UNSEEN = object()


#: Per open case a side limit shows worse than its stage's own: (stage's status, shown status).
SideRaised = dict[int, tuple[DueStatus | None, DueStatus]]


def status_counts(session: Session, today: date, calendar: WorkingCalendar,
                  rules: Sequence[DeadlineRule], raised: SideRaised | None = None,
                  ) -> StatusCounts:
    """How many open cases show on time, due soon, overdue, paused, without a limit; ``raised``:
    ``side_raised``'s answer if already at hand (the desk keeps it per data stamp and day)."""
    counts = cases.open_status_counts(session, today, due_soon_limit(today, calendar))
    stage_overdue = counts["overdue"]
    if raised is None:
        raised = side_raised(session, today, calendar, rules)
    for stage_status, shown in raised.values():
        counts[_FIELD[stage_status]] -= 1
        counts[_FIELD[shown]] += 1
    return StatusCounts(**counts, stage_overdue=stage_overdue)


def side_overdue_ids(raised: SideRaised) -> tuple[int, ...]:
    """The open cases overdue only by a side limit: with those past their stage's own due date,
    the ones the "Overdue" quick filter lists and the Overdue chip counts."""
    return tuple(sorted(i for i, (_, shown) in raised.items() if shown is DueStatus.OVERDUE))


def side_raised(session: Session, today: date, calendar: WorkingCalendar,
                rules: Sequence[DeadlineRule]) -> SideRaised:
    """Every open case a side limit shows worse than its stage's limit (one query)."""
    by_facts: dict[tuple[Any, ...], Any] = {}
    by_due: dict[date, DueStatus] = {}
    out: SideRaised = {}
    for case_id, due, *facts in cases.received_case_facts(session, today):
        key = tuple(facts)
        side = by_facts.get(key, _UNSEEN)
        if side is _UNSEEN:
            side = by_facts[key] = _side_status(key, today, calendar, rules)
        if side is None:
            continue
        stage = None
        if due is not None:
            stage = by_due.get(due)
            if stage is None:
                stage = by_due[due] = status_for(due, today, calendar).status
        if worst_status(stage, side) is not stage:
            out[case_id] = (stage, side)
    return out


def _side_status(facts: tuple[Any, ...], today: date, calendar: WorkingCalendar,
                 rules: Sequence[DeadlineRule]) -> DueStatus | None:
    """The worst status among the alerting side limits of a received case with ``facts``."""
    case_type, complaint_object, remote, received, within, decision_on, learned_on = facts
    receive = CaseEvent(EventKind.RECEIVE, "", datetime.combine(received, time()),
                        document_date=received)
    try:
        state = open_case(
            CaseType(case_type), receive,
            complaint_object=ComplaintObject(complaint_object) if complaint_object else None,
            remote=bool(remote), decision_on=decision_on, learned_on=learned_on)
        found = side_deadlines(state, calendar, today, rules=rules,
                               facts=CaseFacts(within_competence=bool(within)))
    except UserError:
        return None  # as the list: the row shows no alerts, the case page says why
    return worst_status(*(s.status.status for s in found if s.alert and s.status is not None))
