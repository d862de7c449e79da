"""The transfer limit of visits (issue 12): ``domain.transfers`` on the office's current calendar
and rule table, with whether a transfer slip was issued — for the visit page and the logbook.

Computed when shown, never stored (see ``domain.transfers``): a calendar edit moves it at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import TypeVar

from sqlalchemy.orm import Session

from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.deadlines import DeadlineRule
from reception_desk.domain.transfers import TransferDue
from reception_desk.domain.transfers import needs_transfer
from reception_desk.domain.transfers import transfer_due
from reception_desk.errors import UserError
from reception_desk.services.documents.codes import DocType
from reception_desk.services.office.rules import deadline_rules
from reception_desk.services.office.rules import office_calendar
from reception_desk.services.visits.dto import TransferDueInfo
from reception_desk.services.visits.dto import VisitDetail
from reception_desk.services.visits.dto import VisitRow
from reception_desk.storage.queries import visits as logbook

_V = TypeVar("_V", VisitDetail, VisitRow)


def _info(due: TransferDue) -> TransferDueInfo:
    assert due.deadline.due is not None
    st = due.status
    return TransferDueInfo(due.deadline.due, due.deadline.days, due.deadline.basis,
                           due.slip_issued, st.status if st else None,
                           st.working_days_left if st else None, due.alert)


def _day(visit: VisitDetail | VisitRow) -> date:
    """The reception day (a logbook line has only the moment, in the office's time zone)."""
    if isinstance(visit, VisitDetail):
        return visit.reception_date
    return visit.received_at.date()


def with_transfer_due(session: Session, visits: Sequence[_V], today: date, *,
                      calendar: WorkingCalendar | None = None,
                      rules: Sequence[DeadlineRule] | None = None) -> list[_V]:
    """``visits`` each with its transfer limit (when it owes one); one query for the slips."""
    owing = [v for v in visits if not v.voided and needs_transfer(v.petition_type, v.direction)]
    if not owing:
        return list(visits)
    calendar = calendar or office_calendar(session)
    rules = rules if rules is not None else deadline_rules(session)
    slips = logbook.with_issued(session, (v.id for v in owing), DocType.TRANSFER.value)
    out = []
    for v in visits:
        try:
            due = transfer_due(v.petition_type, v.direction, _day(v),
                               slip_issued=v.id in slips, today=today, calendar=calendar,
                               voided=v.voided, rules=rules)
        except UserError:
            due = None  # no rule for that day: nothing to track
        out.append(replace(v, transfer_due=_info(due)) if due is not None else v)
    return out
