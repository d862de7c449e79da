"""The transfer time limit of a visit (issue 12; LEGAL.md §4.2): a denunciation the commune must
send on is transferred, and the denouncer told, within 5 working days of receipt (Luật TC 2018
Art. 24(2)) — tracked per visit until a transfer slip (phiếu chuyển) is issued for it.

Scope, as far as the law read goes: denunciations only. LEGAL.md §4.2 found no statutory transfer
limit for kiến nghị and phản ánh, and a complaint outside the commune's competence is guided, not
transferred (Luật TCD 2013 Art. 26(1)): neither carries one. A denunciation noted as "guided" still
owes the transfer (Art. 24(2) knows no guidance for a denunciation), so it carries it too.

Computed, never stored: from the visit's stored reception day and the office's current working
calendar, each time it is shown — so a calendar edit (a make-up working day, a holiday added)
moves it at once, with no stored copy to invalidate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.deadlines import DEFAULT_RULES
from reception_desk.domain.deadlines import Deadline
from reception_desk.domain.deadlines import DeadlineKind
from reception_desk.domain.deadlines import DeadlineRule
from reception_desk.domain.deadlines import DeadlineStatus
from reception_desk.domain.deadlines import DueStatus
from reception_desk.domain.deadlines import compute_deadline
from reception_desk.domain.deadlines import rule_for
from reception_desk.domain.deadlines import status_for

#: Directions that send the đơn to another body (chuyển đơn, to the police/procuracy, to a Party
#: body) or note it as guided elsewhere.
SENDING_DIRECTIONS = frozenset({HandlingDirection.TRANSFER, HandlingDirection.TO_POLICE,
                                HandlingDirection.TO_PARTY, HandlingDirection.GUIDE})


@dataclass(slots=True)
class TransferDue:
    """A visit's transfer limit and where it stands (a value: do not mutate).

    ``status`` is None once a transfer slip was issued (the duty is done); ``alert`` while it is
    due soon or overdue and no slip was issued.
    """

    deadline: Deadline
    slip_issued: bool
    status: DeadlineStatus | None
    alert: bool


def needs_transfer(petition_type: PetitionType, direction: HandlingDirection | None) -> bool:
    """The visit owes a transfer within Luật TC Art. 24(2)'s limit."""
    return petition_type is PetitionType.DENUNCIATION and direction in SENDING_DIRECTIONS


def transfer_due(petition_type: PetitionType, direction: HandlingDirection | None,
                 reception_date: date, *, slip_issued: bool, today: date,
                 calendar: WorkingCalendar, voided: bool = False,
                 rules: Sequence[DeadlineRule] = DEFAULT_RULES) -> TransferDue | None:
    """The transfer limit of a visit (None when it owes none, is voided, or no rule is in force
    for its day); its status by the one due-status rule (``status_for``) until a slip is issued."""
    if voided or not needs_transfer(petition_type, direction):
        return None
    if rule_for(DeadlineKind.DENUNCIATION_TRANSFER, reception_date, rules) is None:
        return None
    deadline = compute_deadline(DeadlineKind.DENUNCIATION_TRANSFER, reception_date, calendar,
                                rules=rules)
    if slip_issued or deadline.due is None:
        return TransferDue(deadline, slip_issued, None, False)
    status = status_for(deadline.due, today, calendar)
    return TransferDue(deadline, False, status, status.status is not DueStatus.ON_TIME)
