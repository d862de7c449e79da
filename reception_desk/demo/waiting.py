"""The demo's received cases overdue only by a side limit: still waiting for acceptance "now",
their stage's own limit not yet past, but one of the side limits the case list alerts on is.

The Cases page counts and lists them as overdue (``services.cases.counts``); without them a demo
database (and the Cases benchmark) would never exercise that path. Two kinds, as a commune has
them at the end of any week:

- a first complaint lodged after its 90-day limitation (Luật KN 2011 Art. 9), received within its
  acceptance limit and not yet accepted or refused: the clerk recorded the contested decision's
  date and the day the complainant learned of it (both well before, as ``facts.legal_facts``'
  late complaints);
- a denunciation outside the commune's competence that should have been transferred within 5
  working days (Luật TC 2018 Art. 24(2)) and has not been yet, while its 7-working-day processing
  limit still runs: the visit records the intended transfer (direction, competent body, no slip
  number yet) and the case is not within the commune's competence, as the form would save it.

Each is chosen among the ordinary cases received at the very end of the demo's time span (only
there can both hold "now") by the domain's own rules: the stage's limit (``current_deadline``) is
not overdue today and the side limits (``side_deadlines``) alert overdue, computed on the state as
the services replay it. Denunciations are rare in those few days: when none has come by then, one
petition or reflection received in that window becomes a denunciation. Drawn from its own random
stream (deterministic per seed); a chosen case simply stops at its receipt, so only the last days
of a seed's data change.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from datetime import timedelta
from typing import Any

from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.cases import CaseEvent
from reception_desk.domain.cases import CaseFacts
from reception_desk.domain.cases import CaseState
from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import ComplaintObject
from reception_desk.domain.cases import EventKind
from reception_desk.domain.cases import current_deadline
from reception_desk.domain.cases import open_case
from reception_desk.domain.cases import side_deadlines
from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.dates import day_start
from reception_desk.domain.deadlines import DeadlineRule
from reception_desk.domain.deadlines import DueStatus
from reception_desk.domain.deadlines import status_for

LATE_COMPLAINT = "late_complaint"
UNTRANSFERRED = "untransferred"

#: Of the ordinary cases that could be one at the end of the span, the share that is.
LATE_COMPLAINT_RATE = 0.30  # recent first complaints awaiting acceptance, lodged too late
UNTRANSFERRED_RATE = 0.50  # denunciations 6–7 working days old, outside competence, not sent on
#: Where an untransferred denunciation should go (as the demo's own transfers).
TRANSFER_BODIES = ("Cơ quan Cảnh sát điều tra Công an tỉnh", "Thanh tra tỉnh",
                   "Ủy ban Kiểm tra Đảng ủy xã")
#: Only this close to today can a case's stage limit still run (the longest: 10 days).
_WINDOW_DAYS = 16


class WaitingCases:
    """Chooses and shapes the received cases overdue only by a side limit (``rng``: their
    stream)."""

    def __init__(self, rng: random.Random, today: date, calendar: WorkingCalendar,
                 rules: Sequence[DeadlineRule]) -> None:
        self.rng = rng
        self.today = today
        self.calendar = calendar
        self.rules = rules
        self.untransferred = 0  # untransferred denunciations so far
        self._retyped = False  # a visit was made a denunciation for one: the next one is
        self._windows: dict[date, bool] = {}

    def pick(self, state: CaseState) -> str | None:
        """``LATE_COMPLAINT``, ``UNTRANSFERRED`` or None for a case just opened in ``state``
        (an ordinary one: no showcase, no second complaint)."""
        if (self.today - state.received_on).days > _WINDOW_DAYS:
            return None
        case_type = state.case_type
        if case_type is CaseType.COMPLAINT_FIRST \
                and state.complaint_object is not ComplaintObject.DISCIPLINARY_DECISION:
            kind, rate = LATE_COMPLAINT, LATE_COMPLAINT_RATE
            learned = state.received_on - timedelta(days=200)
            shown = replace(state, decision_on=learned, learned_on=learned)
        elif case_type is CaseType.DENUNCIATION:
            kind, shown = UNTRANSFERRED, state
            rate = 1.0 if self._retyped else UNTRANSFERRED_RATE
        else:
            return None
        if not self._only_side_overdue(shown, within=kind != UNTRANSFERRED):
            return None
        if kind == UNTRANSFERRED:
            self._retyped = False
        chosen = kind if self.rng.random() < rate else None
        self.untransferred += chosen == UNTRANSFERRED
        return chosen

    def wants_denunciation(self, day: date, petition_type: str) -> bool:
        """Whether an ordinary petition or reflection received on ``day`` becomes a denunciation
        to be left untransferred (once a demo, when none came by itself in the window)."""
        if self.untransferred or self._retyped or petition_type not in ("petition", "reflection") \
                or (self.today - day).days > _WINDOW_DAYS:
            return False
        fits = self._windows.get(day)
        if fits is None:
            received = CaseEvent(EventKind.RECEIVE, "", day_start(day))
            fits = self._windows[day] = self._only_side_overdue(
                open_case(CaseType.DENUNCIATION, received), within=False)
        self._retyped = fits
        return fits

    def _only_side_overdue(self, state: CaseState, within: bool) -> bool:
        own = current_deadline(state, self.calendar, rules=self.rules)
        if own is not None and own.due is not None \
                and status_for(own.due, self.today, self.calendar).status is DueStatus.OVERDUE:
            return False
        sides = side_deadlines(state, self.calendar, self.today, rules=self.rules,
                               facts=CaseFacts(within_competence=within))
        return any(s.alert and s.status is not None and s.status.status is DueStatus.OVERDUE
                   for s in sides)

    def legal(self, kind: str | None, legal: dict[str, Any], received_on: date
              ) -> dict[str, Any]:
        """``legal`` (``facts.legal_facts``' answer) with a late complaint's limitation facts:
        learned of the decision 120 to 300 days before lodging it, decided up to 10 days
        before that."""
        if kind != LATE_COMPLAINT:
            return legal
        learned = received_on - timedelta(days=self.rng.randint(120, 300))
        decision = learned - timedelta(days=self.rng.randint(0, 10))
        return {**legal, "decision_on": decision, "decision_learned_on": learned}

    def within(self, kind: str | None, visit: dict[str, Any], within: bool) -> bool:
        """Whether the case is within the commune's competence; an untransferred denunciation's
        visit records the transfer the clerk intends (body, no slip number yet)."""
        if kind != UNTRANSFERRED:
            return within
        visit["direction"] = HandlingDirection.TRANSFER.value
        visit["within_competence"] = False
        visit["target_body"] = self.rng.choice(TRANSFER_BODIES)
        visit["target_doc_number"] = ""
        return False
