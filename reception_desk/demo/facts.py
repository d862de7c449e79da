"""What the statutory reports and the complaint limits read of a demo case besides its events:
the case page's report facts (đủ điều kiện xử lý, đôn đốc, văn bản phúc đáp; migration 0013) and
legal facts (the contested decision's date, the day the complainant learned of it, entrusted
verification; migration 0014).

Each value is one a clerk could record on the case page: the demo keeps the rules
``services.cases.report_facts.set_report_facts`` and ``services.cases.events.set_legal_facts``
check (tests/demo replays every demo case through them), with the petition forms' own event sets
(``domain.report_forms``):

- eligible only where the first handling was to accept, return with guidance or transfer (or
  nothing yet); urging only after a return with guidance or a transfer as first handling; a
  reply only to a transfer; each day after receipt and not after today;
- the decision's date and the learned day only on a first-time complaint, the learned day not
  before the decision's; entrusted verification only on a denunciation (stored True or NULL).

Rates are a commune's (assumed, not measured): most handled đơn get their eligibility recorded,
a tenth of the returned ones as not eligible (anonymous, unsigned…); about one petition sent on
in eight is later urged, nearly half of the transfers get a reply; most first complaints name
the contested decision, and a complaint refused or still waiting may have been lodged after the
90-day limitation (Luật KN 2011 Art. 9) — the case list's alert.

Drawn from their own random stream, so the rest of a seed's data stays as it was.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from datetime import timedelta
from typing import Any

from reception_desk.domain.cases import CaseStage
from reception_desk.domain.cases import CaseState
from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import ComplaintObject
from reception_desk.domain.dates import office_day
from reception_desk.domain.report_forms import ACCEPTED
from reception_desk.domain.report_forms import HANDLING_EVENTS
from reception_desk.domain.report_forms import NOT_COMPETENT

ELIGIBLE_RECORDED = 0.85  # handled đơn whose eligibility the clerk recorded
NOT_ELIGIBLE_GUIDED = 0.10  # of those returned with guidance: recorded as not eligible
URGED_RATE = 0.12  # petitions returned or transferred that the office later urged
REPLY_RATE = 0.45  # transfers that brought a reply (văn bản phúc đáp)
DECISION_DATE_RATE = 0.70  # first complaints naming the contested decision's date
LEARNED_RATE = 0.60  # … and the day the complainant learned of it
LATE_REFUSED = 0.50  # refused first complaints lodged after the limitation
LATE_WAITING = 0.25  # first complaints still waiting for acceptance, lodged after it
ENTRUSTED_RATE = 0.06  # accepted denunciations whose verification was entrusted

#: The case columns this module fills; every demo case row gets each key (bulk insert).
COLUMNS = ("eligible", "urged_on", "reply_received_on", "decision_on", "decision_learned_on",
           "entrusted_verification")


def _first_handling(events: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    return next((e for e in events if e["kind"] in HANDLING_EVENTS), None)


def _day_after(rng: random.Random, start: date, low: int, high: int, today: date) -> date | None:
    on = start + timedelta(days=rng.randint(low, high))
    return on if on <= today else None


def report_facts(rng: random.Random, events: Sequence[dict[str, Any]], received_on: date,
                 today: date) -> dict[str, Any]:
    """``eligible``, ``urged_on``, ``reply_received_on`` of a case with ``events`` (demo rows)."""
    first = _first_handling(events)
    eligible: bool | None = None
    urged_on: date | None = None
    reply_on: date | None = None
    if first is not None and rng.random() < ELIGIBLE_RECORDED:
        kind = first["kind"]
        if kind == "return_guide" and rng.random() < NOT_ELIGIBLE_GUIDED:
            eligible = False
        else:
            eligible = kind in ACCEPTED or kind in NOT_COMPETENT
    if first is not None and first["kind"] in NOT_COMPETENT and rng.random() < URGED_RATE:
        urged_on = _day_after(rng, office_day(first["moment"]), 15, 60, today)
    transfer = next((e for e in events if e["kind"] == "transfer"), None)
    if transfer is not None and rng.random() < REPLY_RATE:
        reply_on = _day_after(rng, office_day(transfer["moment"]), 7, 40, today)
    for day in (urged_on, reply_on):
        assert day is None or received_on <= day <= today
    return {"eligible": eligible, "urged_on": urged_on, "reply_received_on": reply_on}


def legal_facts(rng: random.Random, state: CaseState, events: Sequence[dict[str, Any]],
                today: date) -> dict[str, Any]:
    """``decision_on``, ``decision_learned_on``, ``entrusted_verification`` of a case walked to
    ``state``."""
    decision_on: date | None = None
    learned_on: date | None = None
    entrusted: bool | None = None
    received = state.received_on
    if (state.case_type is CaseType.COMPLAINT_FIRST
            and state.complaint_object is not ComplaintObject.DISCIPLINARY_DECISION
            and rng.random() < DECISION_DATE_RATE):
        first = _first_handling(events)
        late = (first is not None and first["kind"] == "refuse" and rng.random() < LATE_REFUSED) \
            or (state.stage is CaseStage.RECEIVED and rng.random() < LATE_WAITING)
        # Learned 5 to 60 days before lodging (within the 90 days), or 120 to 300 (after them).
        learned = received - timedelta(days=rng.randint(120, 300) if late else rng.randint(5, 60))
        decision_on = learned - timedelta(days=rng.randint(0, 10))
        if late or rng.random() < LEARNED_RATE:
            learned_on = learned
    if (state.case_type is CaseType.DENUNCIATION and any(e["kind"] == "accept" for e in events)
            and rng.random() < ENTRUSTED_RATE):
        entrusted = True  # never False: NULL is "not entrusted" (migration 0014)
    for day in (decision_on, learned_on):
        assert day is None or day <= today
    return {"decision_on": decision_on, "decision_learned_on": learned_on,
            "entrusted_verification": entrusted}


def with_legal_facts(state: CaseState, facts: dict[str, Any]) -> CaseState:
    """``state`` as the services replay it with ``facts`` recorded (``history.state_of`` opens
    the case with them): the caches are computed from this one."""
    return replace(state, entrusted_verification=bool(facts["entrusted_verification"]),
                   decision_on=facts["decision_on"], learned_on=facts["decision_learned_on"])
